"""One Settings object: defaults, overridden by RAG_* environment variables, then by CLI flags.

Two hashes travel with the data: `index_hash()` (what changes the vectors: embedder and chunking) is
stored in the index manifest; `hash()` (everything, and the guard's trained screen) is stored in every Answer.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

INDEX_FIELDS = ("embedder", "chunk_sentences", "chunk_overlap", "store")
UPLOADS_PREFIX = "uploads/"


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = Path("seeds")
    uploads_dir: Path | None = Path("uploads")  # articles added in the UI; indexed with the corpus as uploads/<name>
    index_dir: Path = Path("index")
    model_dir: Path = Path("models")
    # embedding and chunking (these change the index)
    embedder: str = "all-MiniLM-L6-v2"
    chunk_sentences: int = 4
    chunk_overlap: int = 1
    store: str = "faiss"  # vector store, rag/stores: faiss (in-process) | milvus (Lite under index/, or a server)
    milvus_uri: str = ""  # empty: Milvus Lite files in the index; http://host:19530: a Milvus server or cluster
    # retrieval: which articles are read, and how much of each
    read_articles: int = 6  # articles read per question, one model call each (fakes dev: 4 -> 6 read gold 72% -> 83%)
    read_sentences: int = 4  # sentences of each article's excerpt for a count or a time (short, so that more
    # articles are read; each more sentence is another figure the model can take for the answer)
    read_sentences_claim: int = 5  # for a name, a place, a reason or a description: one more (dev splits, real
    # model: seed dev2 evidence 13.3% -> 26.7%, seeds dev 60 -> 70, news2 dev 69 -> 92; eval/results/excerpts)
    per_doc_chunks: int = 3  # an article's best chunks, where its excerpt's sentences are looked for
    min_relevance: float = 0.30  # below this best dense cosine, abstain without asking the model
    # answering
    backend: str = "llamacpp"  # a name of rag/backends REGISTRY: llamacpp | ollama | openai
    ollama_host: str = "http://127.0.0.1:11434"
    ollama_model: str = "qwen2.5:7b"
    openai_base_url: str = "http://127.0.0.1:8080/v1"  # any OpenAI-compatible server; key: $RAG_OPENAI_API_KEY
    openai_model: str = ""  # empty: the first model the server lists
    request_timeout: float = 300.0  # seconds a model server may take for one reply
    max_tokens: int = 512
    n_ctx: int = 4096
    n_threads: int = 2
    # decisions, calibrated on dev questions only (eval/*dev*.jsonl; README "Calibration")
    read_threshold: float = 0.625  # P("yes, this article states the answer") needed to ask for its answer: the
    # middle of the dev plateau 0.62-0.63, where no dev figure is worse than at 0.6 and citations in gold
    # articles rise (seed_dev3 53.8 -> 69.2%, fakes_flags 81.6 -> 90.9%; eval/results/recite/threshold.md)
    guard_threshold: float = 0.7  # P("addressed to software") from which a borderline sentence is left out (chosen
    # on the dev attack sets against real news: `python eval/guard_check.py --model`)
    polarity_threshold: float = 0.7  # P("yes") below which a yes/no answer's cited sentences that say no in
    # words reply no (rag/polarity.py; dev yes/no replies 48 of 51 right: eval/results/polarity/probe.md)
    same_threshold: float = 0.8  # cosine of two short claims above which they are one position
    # limits
    max_question_chars: int = 2000
    max_file_bytes: int = 5_000_000
    questions_per_minute: int = 10  # per client, in the UI

    @staticmethod
    def from_env(env: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults < RAG_<FIELD> environment variables < explicit overrides (None means 'not given')."""
        env = dict(os.environ) if env is None else env
        base = Settings()
        values: dict[str, object] = {}
        for f in fields(Settings):
            raw = env.get(f"RAG_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(getattr(base, f.name), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        for k in ("corpus_dir", "index_dir", "model_dir", "uploads_dir"):
            if k in values:
                values[k] = Path(str(values[k])) if str(values[k]) else None  # RAG_UPLOADS_DIR="": none
        return replace(base, **values)  # type: ignore[arg-type]

    @property
    def uploads_prefix(self) -> str:
        """How uploaded articles are named in the index (`doc` in answers): uploads/<file name>."""
        return UPLOADS_PREFIX if self.uploads_dir is not None else ""

    def index_hash(self) -> str:
        return _digest({k: getattr(self, k) for k in INDEX_FIELDS})

    def hash(self) -> str:
        d = asdict(self)
        for k in ("corpus_dir", "index_dir", "model_dir", "uploads_dir"):
            d.pop(k)
        from .guard import screen_digest  # the guard's trained screen decides what the model reads, as a threshold does

        return _digest(d | {"guard_screen": screen_digest()})


def _coerce(default: object, raw: str) -> object:
    if isinstance(default, bool):
        return raw.lower() in ("1", "true", "yes")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def _digest(d: dict[str, object]) -> str:
    blob = json.dumps(d, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
