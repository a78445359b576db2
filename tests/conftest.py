"""Shared fixtures: a small corpus of our own, settings pointing into tmp_path, the fake backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rag import index
from rag.build import build_index
from rag.settings import Settings
from tests.fakes import HASH_THRESHOLDS, HashEmbedder

ARTICLES = {
    "river_gazette.txt": (
        "Flood hits Riverton after dam failure\n\n"
        "Source: River Gazette\n\n"
        "The flood in Riverton killed 14 people on Tuesday, the mayor said.\n"
        "The dam upstream failed after three days of heavy rain. "
        "Rescue teams from Northfield arrived on Wednesday.\n"
        "Schools in the valley will stay closed until Monday.\n"
    ),
    "valley_wire.md": (
        "# Dozens dead as water sweeps through Riverton\n\n"
        "Source: Valley Wire\n\n"
        "At least 31 people died in the Riverton flood, according to hospital staff. "
        "The dam upstream failed after three days of heavy rain.\n"
        "The governor blamed the engineering firm Castell for poor maintenance of the dam.\n"
    ),
    "harbor_times.txt": (
        "Harbor festival draws record crowds\n\n"
        "Source: Harbor Times\n\n"
        "The annual harbor festival welcomed 50,000 visitors this weekend. "
        "Food stalls ran out of fish by Sunday evening.\n"
    ),
}


def write_corpus(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def settings(tmp_path: Path, corpus: Path) -> Settings:
    return Settings.from_env(env={}, corpus_dir=corpus, index_dir=tmp_path / "index",
                             model_dir=tmp_path / "models", uploads_dir=tmp_path / "uploads", **HASH_THRESHOLDS)


@pytest.fixture
def embedder() -> HashEmbedder:
    return HashEmbedder()


@pytest.fixture
def built(settings: Settings, embedder: HashEmbedder) -> index.Index:
    build_index(settings, embedder)
    return index.load(settings)


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def milvus_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real Milvus standalone server on loopback for the session's tests that ask for it (tests/milvus_server.py),
    stopped at the end with every process it started."""
    from tests.milvus_server import milvus_server

    with milvus_server(tmp_path_factory.mktemp("milvus-server")) as uri:
        yield uri
