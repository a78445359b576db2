"""all-MiniLM-L6-v2 in numpy: the same vectors as sentence-transformers (within 1e-6), without importing it.

A fresh process that answers one question (`rag ask`, `rag eval`, the UI's first question) embeds only the
question and its candidate sentences, yet importing sentence-transformers and torch takes 4.3 s here (torch
0.9 s, sentence-transformers 3.3 s; the model itself loads in 0.2 s), more than opening a 1M-chunk index.
This forward pass reads the same checkpoint (its safetensors weights, its tokenizer.json) with numpy and the
`tokenizers` library: 0.1 s to load, 10 ms a question, 0.4 s for 50 sentences (sentence-transformers: 0.24 s
once imported). Bulk embedding (index builds) stays with sentence-transformers, 3x faster on long chunks
(rag/embed.py decides).

BERT as in the checkpoint's config: token + position + type embeddings, then layers of 12-head
self-attention and a GELU (erf) feed-forward, each followed by a residual LayerNorm; the sentence vector
is the mean of the token vectors over the attention mask, L2-normalised (sentence-transformers' Pooling
and Normalize modules).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .errors import RagError

_BLOCK = 128  # rows of the feed-forward's activations passed through GELU at a time (they stay in cache)
_BATCH = 16  # texts a forward pass, by length: little padding
# erfc(z) = t exp(-z^2 - 1.26551223 + t P(t)), t = 1 / (1 + z/2): relative error below 1.2e-7 (Numerical Recipes)
_ERFC = [np.float32(c) for c in (1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398,
                                 1.48851587, -0.82215223, 0.17087277)]


def gelu(x: np.ndarray) -> np.ndarray:
    """x P(X <= x) for a standard normal X (BERT's exact GELU), in float32.

    >>> [round(float(v), 5) for v in gelu(np.array([-3.0, 0.0, 1.0], np.float32))]
    [-0.00405, 0.0, 0.84134]
    """
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = 1 / (1 + np.float32(0.5) * z)
    poly = _ERFC[-1]
    for c in reversed(_ERFC[:-1]):
        poly = poly * t + c
    erfc = t * np.exp(-z * z - np.float32(1.26551223) + t * poly)
    return np.float32(0.5) * x * np.where(x >= 0, 2 - erfc, erfc)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: np.float32) -> np.ndarray:
    x = x - x.mean(-1, keepdims=True)
    x *= 1 / np.sqrt((x * x).mean(-1, keepdims=True) + eps)
    x *= weight
    x += bias
    return x


class NumpyMiniLM:
    """The checkpoint in `folder` (a sentence-transformers folder: config.json, model.safetensors,
    tokenizer.json, sentence_bert_config.json, 1_Pooling) as a numpy forward pass."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
        if config.get("hidden_act") != "gelu" or not pooling.get("pooling_mode_mean_tokens") or \
                config.get("position_embedding_type", "absolute") != "absolute":
            raise RagError(f"{folder} is not a mean-pooled BERT with GELU; the numpy encoder cannot run it")
        self.heads = int(config["num_attention_heads"])
        self.eps = np.float32(config["layer_norm_eps"])
        w = load_file(str(folder / "model.safetensors"))
        w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in w.items()}
        self.words, self.positions = w["embeddings.word_embeddings.weight"], w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.norm0 = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])

        def t(name: str) -> np.ndarray:  # a Linear's weight, transposed once: x @ W^T
            return np.ascontiguousarray(w[name + ".weight"].T)

        self.layers = []
        for n in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{n}."
            att = p + "attention.self."
            self.layers.append((
                np.concatenate([t(att + "query"), t(att + "key"), t(att + "value")], axis=1),
                np.concatenate([w[att + "query.bias"], w[att + "key.bias"], w[att + "value.bias"]]),
                t(p + "attention.output.dense"), w[p + "attention.output.dense.bias"],
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                t(p + "intermediate.dense"), w[p + "intermediate.dense.bias"],
                t(p + "output.dense"), w[p + "output.dense.bias"],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]))
        limit = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(min(int(limit), len(self.positions)))
        self.tokenizer.no_padding()

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text, in order."""
        if not texts:
            return np.zeros((0, self.words.shape[1]), np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.words.shape[1]), np.float32)
        for a in range(0, len(texts), _BATCH):
            rows = order[a:a + _BATCH]
            out[rows] = self._forward([texts[i] for i in rows])
        return out

    def _forward(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        b, n, dim = len(texts), max(len(e.ids) for e in encodings), self.words.shape[1]
        ids = np.zeros((b, n), np.int64)
        mask = np.zeros((b, n), np.float32)
        for i, e in enumerate(encodings):
            ids[i, :len(e.ids)] = e.ids
            mask[i, :len(e.ids)] = 1
        x = self.words[ids] + self.positions[:n] + self.type0
        x = _layer_norm(x.reshape(b * n, dim), *self.norm0, self.eps)
        hidden = ((1 - mask) * np.float32(-1e9))[:, None, None, :]  # padding is attended to by no token
        h, d = self.heads, dim // self.heads
        scale = np.float32(1 / np.sqrt(d))
        for qkv_w, qkv_b, o_w, o_b, n1_w, n1_b, i_w, i_b, u_w, u_b, n2_w, n2_b in self.layers:
            qkv = (x @ qkv_w + qkv_b).reshape(b, n, 3, h, d).transpose(2, 0, 3, 1, 4)
            s = np.matmul(qkv[0], qkv[1].transpose(0, 1, 3, 2))
            s *= scale
            s += hidden
            s -= s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            context = np.matmul(s, qkv[2]).transpose(0, 2, 1, 3).reshape(b * n, dim)
            x = _layer_norm(context @ o_w + o_b + x, n1_w, n1_b, self.eps)
            inner = x @ i_w
            inner += i_b
            for r in range(0, len(inner), _BLOCK):
                inner[r:r + _BLOCK] = gelu(inner[r:r + _BLOCK])
            x = _layer_norm(inner @ u_w + u_b + x, n2_w, n2_b, self.eps)
        x = x.reshape(b, n, dim)
        v = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
