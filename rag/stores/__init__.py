"""Vector stores behind one small Protocol: one module per engine (faiss.py, in-process, the default)."""

from __future__ import annotations

from typing import Protocol

import numpy as np


class VectorStore(Protocol):
    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids), each of shape (len(queries), k); id -1 where fewer than k exist."""
        ...
