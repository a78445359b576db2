"""The long-lived object the CLI and the UI hold: settings, embedder, LLM, and the live index.

The index is re-read when `index/CURRENT` names a new version, so a running UI picks up a re-index
without a restart and keeps answering from the old version while the new one is being written.
Backends are created on first use and can be injected (tests pass fakes).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import replace
from pathlib import Path

from . import index as index_mod
from . import prompts
from .answer import answer
from .backends import cache_key, make_llm, option_fields
from .build import IndexReport, build_index
from .corpus import file_names, file_of, list_files
from .embed import Embedder, make_embedder
from .errors import IndexMismatch, IndexMissing, RagError
from .llm import LLM
from .read import OnFinding
from .readers import SUFFIXES
from .segments import current_version
from .settings import Settings
from .types import Answer

log = logging.getLogger("rag.engine")
OPTION_FIELDS = frozenset(f for f, _ in option_fields())
MAX_READ_ARTICLES = 10


class Engine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None, llm: LLM | None = None) -> None:
        self.settings = settings
        self._embedder = embedder
        self._llms: dict[tuple[str, ...], LLM] = {}
        if llm is not None:
            self._llms[cache_key(settings)] = llm
        self._index: index_mod.Index | None = None
        self._lock = threading.Lock()
        self.answer_seconds: deque[float] = deque(maxlen=50)  # the last answers' times, for the first screen

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    def llm(self, settings: Settings | None = None) -> LLM:
        s = settings or self.settings
        key = cache_key(s)
        with self._lock:
            if key not in self._llms:
                self._llms[key] = make_llm(s)
            return self._llms[key]

    def index(self) -> index_mod.Index:
        """The live index, reloaded if a newer version has been swapped in."""
        with self._lock:
            live = current_version(self.settings.index_dir)
            if self._index is None or (live is not None and live != self._index.version):
                old, self._index = self._index, index_mod.load(self.settings)
                if old is not None:
                    old.store.close()  # e.g. Milvus Lite files of segments the new version may no longer name
            if not self._index.docs:
                raise IndexMissing(f"the index in {self.settings.index_dir} holds no article; add articles "
                                   f"({', '.join(SUFFIXES)}) to {self.settings.corpus_dir} and run `rag index`")
            return self._index

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the embedder, the index with its BM25,
        the model, and the model's evaluation of the fixed prompt prefixes (system
        prompt and worked examples, kept in its prompt cache). Meant for a background thread."""
        t0 = time.perf_counter()
        _ = self.embedder
        try:
            ix = self.index()
            _ = ix.bm25
        except RagError:
            return
        try:
            llm = self.llm()
        except RagError as e:  # e.g. a model this machine cannot run: each question says so in one line
            log.warning("the model is not ready: %s", e)
            return
        warm = getattr(llm, "warm", None)
        if warm is not None:
            warm(prompts.read_messages("-", "-", "-", []))
        log.info("warmed up in %.1f s", time.perf_counter() - t0)

    def use_index(self, ix: index_mod.Index) -> None:
        """Share an already loaded index (it is still replaced when a newer version is swapped in)."""
        with self._lock:
            self._index = ix

    def ensure_index(self, progress: bool = False) -> IndexReport | None:
        """Build the index when there is none, or when the one there cannot be used (built by another
        version of the program or with other settings, or damaged); else load it (used by the run command)."""
        if current_version(self.settings.index_dir) is not None:
            try:
                self.index()
                return None
            except (IndexMismatch, IndexMissing) as e:
                log.warning("the index in %s cannot be used (%s); rebuilding it", self.settings.index_dir, e)
        files, _ = list_files(self.settings.corpus_dir)
        if not files:
            raise RagError(f"no articles ({', '.join(SUFFIXES)}) in {self.settings.corpus_dir}")
        return self.build_index(progress=progress)

    def other_corpus(self) -> str:
        """'' when the index holds articles of the corpus folder; else why not, in one line: it holds none of
        the folder's files, so it was built from another folder (`rag ask --corpus B` over the index of A would
        answer from A's articles). A corpus folder that does not exist, or holds no article, is not judged."""
        folder = self.settings.corpus_dir
        if not folder.is_dir():
            return ""
        names = set(file_names(folder, list_files(folder)[0]))
        if not names or names & {file_of(d) for d in self.index().docs}:
            return ""
        return (f"the index in {self.settings.index_dir} holds none of the {len(names):,} articles of {folder}: it "
                f"was built from another folder; run `rag index --corpus {folder} --index-dir NEW_DIR`, then ask "
                f"with --index-dir NEW_DIR")

    def build_index(self, corpus_dir: Path | None = None, rebuild: bool = False,
                    progress: bool = False, workers: int = 1, ray: str = "") -> IndexReport:
        return build_index(self.settings, self.embedder, corpus_dir=corpus_dir, rebuild=rebuild,
                           progress=progress, workers=workers, ray=ray)

    def ask(self, question: str, *, backend: str | None = None, options: dict[str, str] | None = None,
            read_articles: int | None = None, on_finding: OnFinding | None = None, on_stage=None,
            before: Answer | None = None) -> Answer:
        """Answer with the engine's settings, or another backend and its options (fields named in the
        backend registry; empty values keep the settings' own) for this question; `before` (the same
        question answered reading fewer articles) spares reading again the articles it read."""
        s = self.settings
        overrides: dict[str, object] = {k: v for k, v in (options or {}).items() if v and k in OPTION_FIELDS}
        if backend:
            overrides["backend"] = backend
        if read_articles:
            overrides["read_articles"] = max(1, min(MAX_READ_ARTICLES, int(read_articles)))
        if overrides:
            s = replace(s, **overrides)  # type: ignore[arg-type]
        ans = answer(question, self.index(), self.embedder, self.llm(s), s, on_finding=on_finding,
                     on_stage=on_stage, before=before)
        if not ans.abstained:
            self.answer_seconds.append(ans.timings_ms.get("total", 0) / 1000)
        return ans
