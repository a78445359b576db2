"""`rag index --ray ADDRESS`: embedding as tasks on a real Ray cluster (a head and a worker node started here,
tests/ray_cluster.py) gives the index one process gives; a worker node killed mid-build is survived."""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from rag import index
from rag.build import build_index, embed_text
from rag.embed import MiniLMEmbedder
from rag.settings import Settings
from tests.ray_cluster import ADDRESS, run_cluster

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def _corpus(folder: Path, n: int, start: int = 0) -> Path:
    """n generated articles (bench/bench.py's, ~2.6 chunks each)."""
    from bench import article

    rng = random.Random(start)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(start, start + n):
        (folder / f"gen_{k:04d}.txt").write_text(article(rng, k))
    return folder


def _settings(corpus: Path, index_dir: Path) -> Settings:
    return Settings.from_env(env={}, corpus_dir=corpus, index_dir=index_dir, uploads_dir=None)


def _index_on_ray(corpus: Path, index_dir: Path, kill_worker_after: float | None = None):
    temp = Path(tempfile.mkdtemp(prefix="ray", dir="/tmp"))  # short: Ray's socket paths live under it
    command = [sys.executable, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index-dir", str(index_dir),
               "--ray", ADDRESS]
    return run_cluster(temp, command, kill_worker_after)


def _by_span(ix) -> dict[tuple[str, int, int], np.ndarray]:
    vectors = ix.vectors
    return {(c.doc, c.start, c.end): vectors[c.id] for c in ix.chunks}


def test_embedding_on_a_ray_cluster_gives_the_chunks_and_vectors_of_one_process(tmp_path, minilm, monkeypatch):
    monkeypatch.setenv("RAG_UPLOADS_DIR", "")
    corpus = _corpus(tmp_path / "corpus", 200)  # ~520 chunks: 3 tasks of 256
    out = _index_on_ray(corpus, tmp_path / "on-ray")
    assert out.returncode == 0 and "nodes: 2" in out.stdout, out.stdout[-2000:] + out.stderr[-3000:]
    build_index(_settings(corpus, tmp_path / "here"), minilm)
    on_ray = _by_span(index.load(_settings(corpus, tmp_path / "on-ray")))
    here = _by_span(index.load(_settings(corpus, tmp_path / "here")))
    assert on_ray.keys() == here.keys() and len(here) > 2 * 256
    assert max(float(np.abs(on_ray[k] - here[k]).max()) for k in here) < 1e-4


def test_a_worker_node_killed_mid_build_is_survived_or_the_build_fails_cleanly(tmp_path, minilm, monkeypatch):
    monkeypatch.setenv("RAG_UPLOADS_DIR", "")
    corpus = _corpus(tmp_path / "corpus", 40)
    s = _settings(corpus, tmp_path / "index")
    before = build_index(s, minilm)
    _corpus(corpus, 500, start=40)  # ~1,300 new chunks: 6 tasks, seconds each
    out = _index_on_ray(corpus, s.index_dir, kill_worker_after=12)
    assert "nodes: 2" in out.stdout and "killed the worker node" in out.stdout, out.stdout[-2000:]
    ix = index.load(s)
    if out.returncode == 0:  # Ray ran the lost node's tasks again on the head: the whole new version
        assert len(ix.docs) == 540 and ix.version != before.version
        sample = [ix.chunks[i] for i in range(0, len(ix.chunks), 97)]
        want = minilm.embed([_embed_text(ix, c) for c in sample])
        assert np.abs(ix.vectors[[c.id for c in sample]] - want).max() < 1e-4
    else:  # or a clear error, and the previous version live
        assert "Ray cluster failed" in out.stderr and "previous index is unchanged" in out.stderr, out.stderr[-3000:]
        assert ix.version == before.version and len(ix.docs) == 40
    print("after the kill:", "built" if out.returncode == 0 else "failed cleanly")


def _embed_text(ix, chunk) -> str:
    return embed_text(ix.docs[chunk.doc], chunk)


def test_an_unreachable_cluster_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_UPLOADS_DIR", "")
    corpus = _corpus(tmp_path / "corpus", 3)
    out = subprocess.run([sys.executable, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index-dir",
                          str(tmp_path / "index"), "--ray", "127.0.0.1:1"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode != 0 and "Ray cluster at '127.0.0.1:1'" in out.stderr, out.stderr[-2000:]
    assert not (tmp_path / "index" / "CURRENT").exists()
