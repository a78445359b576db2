"""llama-cpp-python's own OpenAI-compatible server (`python -m llama_cpp.server`) with the packaged GGUF,
started on 127.0.0.1 for the tests and the backend comparison (eval/compare_backends.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from rag.model_files import ensure_gguf
from tests.browser import free_port

MODELS = Path(__file__).resolve().parents[1] / "models"


@contextmanager
def llama_server(n_ctx: int = 4096, n_threads: int = 2) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL ending in /v1, the server process); stopped on exit (if still running)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(ensure_gguf(MODELS)),
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx),
                             "--n_threads", str(n_threads), "--verbose", "false"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited: {proc.stderr.read()[-2000:] if proc.stderr else ''}")
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("llama_cpp.server did not come up in 120 s")
            time.sleep(0.3)
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
