"""Embedding the new and changed chunks of a re-index in several local processes (`rag index --workers N`).

Each worker process loads the embedder by name once, uses its share of the machine's cores for torch's
threads, and embeds batches handed out in order; the parent writes each batch's vectors into place as it
arrives (the progress bar counts chunks) and the index is written as one segment, as with one process.
With `workers <= 1` (the default) the parent's own embedder does the work.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable

import numpy as np

from .embed import Embedder, make_embedder

_worker: Embedder | None = None
BATCH = 256  # chunks a task: large enough to keep each worker busy, small enough for a steady progress bar


def _start(name: str, threads: int) -> None:
    global _worker
    import torch

    torch.set_num_threads(max(1, threads))
    _worker = make_embedder(name)


def _embed(texts: list[str]) -> np.ndarray:
    assert _worker is not None
    return _worker.embed(texts)


def embed_in_processes(texts: list[str], name: str, workers: int, done: Callable[[int], None]) -> np.ndarray:
    """Vectors of `texts` (rows in order) embedded by `workers` processes; `done(n)` after each batch."""
    cores = os.cpu_count() or 1
    batches = [texts[i:i + BATCH] for i in range(0, len(texts), BATCH)]
    out: list[np.ndarray] = []
    ctx = mp.get_context("spawn")  # a clean interpreter: no inherited torch threads or locks
    with ctx.Pool(workers, initializer=_start, initargs=(name, cores // workers)) as pool:
        for vecs in pool.imap(_embed, batches):
            out.append(vecs)
            done(len(vecs))
    return np.concatenate(out) if out else np.zeros((0, 0), np.float32)
