"""Runs one `build_index` in a child process (for the kill test):
python -m tests.index_child CORPUS INDEX [STORE [MILVUS_URI]]."""

import sys
import time
from pathlib import Path

from rag.build import build_index
from rag.settings import Settings
from tests.fakes import HashEmbedder


class SlowEmbedder(HashEmbedder):
    def embed(self, texts):
        time.sleep(0.02 * len(texts))  # stretch the build so that kills land in every phase
        return super().embed(texts)


if __name__ == "__main__":
    store = sys.argv[3] if len(sys.argv) > 3 else "faiss"
    uri = sys.argv[4] if len(sys.argv) > 4 else ""
    s = Settings.from_env(env={}, corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2]), store=store,
                          milvus_uri=uri)
    r = build_index(s, SlowEmbedder())
    print(r.version, flush=True)
