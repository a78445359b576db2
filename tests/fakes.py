"""Deterministic fakes: a hashed bag-of-words embedder and scripted / extractive LLMs.

They live here (not in conftest) so that the subprocess used by the kill test can import them too.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import numpy as np

from rag import prompts
from rag.text import content_words

# Similarity thresholds are calibrated for all-MiniLM-L6-v2; bag-of-words cosines run lower.
HASH_THRESHOLDS = {"min_relevance": 0.1}


class HashEmbedder:
    """Bag of words hashed into 256 dimensions, L2-normalised: similar wording -> high cosine."""

    name = "all-MiniLM-L6-v2"  # stands in for the real one so that settings hashes match
    dim = 384

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in content_words(t):
                h = int.from_bytes(hashlib.md5(w.encode()).digest()[:4], "little")
                out[i, h % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            out[i] = out[i] / n if n else out[i]
            if not n:
                out[i, 0] = 1.0
        return out


def _excerpt(messages: list[dict[str, str]]) -> tuple[str, list[tuple[int, str]]]:
    """(question, numbered sentences) of a read prompt."""
    user = messages[1]["content"]
    question = re.search(r"^Question: (.*)$", user, re.M).group(1)
    return question, [(int(n), t) for n, t in re.findall(r"^\[(\d+)\] (.*)$", user, re.M)]


class ScriptedLLM:
    """A reader with a script: `reads` maps a fragment of an article's sentence to what the model says
    about that article: (short answer, [fragments of the sentences it cites]), or a raw reply string
    (e.g. cut-off JSON). An article whose excerpt holds a fragment states an answer (P(yes) = `p_yes`);
    others do not (P(yes) = `p_no`). The guard's question about a borderline sentence gets yes for one
    holding a fragment of `injected`. Asked the reply of an answer's sentences to a yes/no question
    (rag/polarity.py), it gives P(yes) 0.1 when they hold a fragment of `noes`, else 0.9. Every prompt is
    recorded, with the kind of call."""

    name = "scripted-fake"

    def __init__(self, reads: dict[str, Any] | None = None, p_yes: float = 0.9, p_no: float = 0.1,
                 injected: tuple[str, ...] = (), noes: tuple[str, ...] = ()) -> None:
        self.reads = reads or {}
        self.injected, self.noes = injected, noes
        self.p_yes, self.p_no = p_yes, p_no
        self.prompts: list[list[dict[str, str]]] = []
        self.calls: list[str] = []

    def _script(self, messages: list[dict[str, str]]) -> tuple[str, Any] | None:
        _, sents = _excerpt(messages)
        for frag, what in self.reads.items():
            if any(frag in t for _, t in sents):
                return frag, what
        return None

    def label_probs(self, messages, labels) -> dict[str, float]:
        self.prompts.append(messages)
        if messages[0]["content"] == prompts.GUARD_SYSTEM:
            self.calls.append("guard")
            p = float(any(f in messages[-1]["content"] for f in self.injected))
            return {"yes": p, "no": 1 - p}
        if messages[0]["content"] == prompts.POLARITY_SYSTEM:
            self.calls.append("polarity")
            p = 0.1 if any(f in messages[-1]["content"] for f in self.noes) else 0.9
            return {"yes": p, "no": 1 - p}
        self.calls.append("read")
        p = self.p_yes if self._script(messages) else self.p_no
        return {"yes": p, "no": 1 - p}

    def generate(self, messages, schema, on_token=None) -> str:
        self.prompts.append(messages)
        self.calls.append("answer")
        got = self._script(messages)
        if got is None:
            text = json.dumps({"ids": [], "answer": prompts.NOT_IN_CORPUS})
        elif isinstance(got[1], str):
            text = got[1]
        else:
            answer, frags = got[1]
            text = json.dumps({"ids": [number_of(messages, f) for f in frags], "answer": answer})
        if on_token:
            for piece in re.findall(r".{1,8}", text, re.S):
                on_token(piece)
        return text


class ExtractiveLLM:
    """A stand-in model with fixed behaviour and no token probabilities (so the pipeline's fallback, a
    generated label, is used): an article states an answer when one of its sentences shares at least two
    words with the question beyond its names, and the answer is that sentence."""

    name = "extractive-fake"

    def generate(self, messages, schema, on_token=None) -> str:
        if messages[0]["content"] == prompts.GUARD_SYSTEM:  # it takes no sentence for a message to software
            return json.dumps({"label": "no"})
        question, sents = _excerpt(messages)
        q = content_words(question)
        scored = sorted(((len(q & content_words(t)), n, t) for n, t in sents), key=lambda x: (-x[0], x[1]))
        best = scored[0] if scored and scored[0][0] >= 2 else None
        if "label" in schema.get("properties", {}):
            return json.dumps({"label": "yes" if best else "no"})
        if best is None:
            return json.dumps({"ids": [], "answer": prompts.NOT_IN_CORPUS})
        return json.dumps({"ids": [best[1]], "answer": best[2].rstrip(" …")})


def number_of(messages: list[dict[str, str]], fragment: str) -> int:
    """The number the prompt gave to the source sentence containing `fragment`."""
    for n, text in _excerpt(messages)[1]:
        if fragment in text:
            return n
    raise AssertionError(f"no source sentence contains {fragment!r}")


class SlowLLM(ExtractiveLLM):
    """The extractive fake, taking `delay` seconds a call: long enough to act while an answer runs."""

    name = "slow-extractive-fake"

    def __init__(self, delay: float = 0.3) -> None:
        self.delay = delay

    def generate(self, messages, schema, on_token=None) -> str:
        import time

        time.sleep(self.delay)
        return super().generate(messages, schema, on_token)


class GatedLLM(ExtractiveLLM):
    """The extractive fake whose calls after the first `free` ones wait until `gate` is set (at most
    `patience` seconds): an answer that is held running while the test acts."""

    name = "gated-extractive-fake"

    def __init__(self, free: int = 2, patience: float = 60.0) -> None:
        import threading

        self.free, self.patience = free, patience
        self.gate = threading.Event()
        self.calls = 0

    def generate(self, messages, schema, on_token=None) -> str:
        self.calls += 1
        if self.calls > self.free:
            self.gate.wait(self.patience)
        return super().generate(messages, schema, on_token)
