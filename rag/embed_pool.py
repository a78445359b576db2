"""Embedding the new and changed chunks of a re-index elsewhere than in the indexing process: in several
local processes (`rag index --workers N`) or on a Ray cluster (`rag index --ray auto|ADDRESS`).

Local: each worker process loads the embedder by name once, uses its share of the machine's cores for
torch's threads, and embeds batches handed out in order.
Ray: each batch is a Ray task (one CPU; a worker process keeps the embedder it loaded for the next tasks),
so the batches spread over every node of the cluster; a task whose node dies is run again elsewhere (Ray's
retries), and a cluster that cannot finish fails the build with the previous index left live. The nodes need
this project installed (the same venv), as the tasks load the embedder by name there.
Either way the parent writes each batch's vectors into place as it arrives (the progress bar counts chunks),
and the index is written as one segment, exactly as with one process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import socket
from collections.abc import Callable

import numpy as np

from .embed import Embedder, make_embedder
from .errors import RagError

_worker: Embedder | None = None
BATCH = 256  # chunks a task: large enough to keep each worker busy, small enough for a steady progress bar
RAY_RETRIES = 3  # times a Ray task is run again when its worker or node dies
RAY_BATCH_TIMEOUT_S = 900.0  # the longest the build waits for one batch from the cluster


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


def _embed_batch(name: str, texts: list[str]) -> np.ndarray:
    """A Ray task's work: the worker process loads the embedder once and keeps it."""
    global _worker
    if _worker is None or _worker.name != name:
        _start(name, 1)
    return _embed(texts)


def embed_on_ray(texts: list[str], name: str, address: str, done: Callable[[int], None]) -> np.ndarray:
    """Vectors of `texts` (rows in order) embedded as Ray tasks on the cluster at `address` ("auto": the one
    this machine is part of); `done(n)` after each batch, in order."""
    try:
        import ray
        from ray.exceptions import GetTimeoutError, RayError
    except ImportError:
        raise RagError("--ray needs the ray package on this machine and on the cluster's nodes: "
                       "pip install 'ray==2.52.0'") from None
    host, _, port = address.rpartition(":")
    if port.isdigit():  # Ray itself retries an address nobody answers at for many minutes
        try:
            socket.create_connection((host.removeprefix("ray://") or "127.0.0.1", int(port)), timeout=10).close()
        except OSError as e:
            raise _cannot_join(address, e.strerror or e) from None
    try:
        ray.init(address=address, log_to_driver=False, logging_level="WARNING")
    except (ConnectionError, RuntimeError, ValueError) as e:
        raise _cannot_join(address, e) from None
    try:
        task = ray.remote(num_cpus=1, max_retries=RAY_RETRIES)(_embed_batch)
        refs = [task.remote(name, texts[i:i + BATCH]) for i in range(0, len(texts), BATCH)]
        out: list[np.ndarray] = []
        for ref in refs:
            vecs = ray.get(ref, timeout=RAY_BATCH_TIMEOUT_S)
            out.append(vecs)
            done(len(vecs))
        return np.concatenate(out) if out else np.zeros((0, 0), np.float32)
    except (RayError, GetTimeoutError) as e:
        raise RagError(f"embedding on the Ray cluster failed ({type(e).__name__}: {str(e).splitlines()[0]}); "
                       "the previous index is unchanged") from None
    finally:
        ray.shutdown()


def _cannot_join(address: str, why: object) -> RagError:
    return RagError(f"could not join the Ray cluster at {address!r} ({why}); start it with `ray start`, or embed "
                    "here without --ray")
