"""Why a Milvus server finds fewer of the nearest vectors at 1M than at 100k: the segments it loaded (rows,
index, state), and recall@10 against exact search at each HNSW ef, with the mean time a query, optionally
again after a wait. Synthetic clustered vectors as in `bench.py stores` (fixed seed); the server is started
and stopped here (tests/milvus_server.py), on loopback.

    python bench/milvus_recall.py --vectors 1000000 --efs 128 512 1024 2048 4096 [--wait 120]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench import synthetic_vectors  # noqa: E402
from rag.stores.faiss import FaissStore  # noqa: E402
from rag.stores.milvus import MilvusEngine  # noqa: E402
from tests.milvus_server import milvus_server  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--vectors", type=int, default=1_000_000)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--efs", type=int, nargs="+", default=[128, 512, 1024, 2048])
    p.add_argument("--wait", type=float, default=0.0, help="seconds to wait, then list and measure again")
    a = p.parse_args()
    vecs, qv = synthetic_vectors(a.vectors, a.queries, np.random.default_rng(0))
    exact = FaissStore.build(vecs, "flat").search(qv, 10)[1]
    tmp = Path(tempfile.mkdtemp())
    with milvus_server(tmp / "server") as uri:
        seg = tmp / "segments" / "s-bench"
        seg.mkdir(parents=True)
        t0 = time.perf_counter()
        eng = MilvusEngine(uri)
        eng.write_segment(seg, "s-bench", vecs)
        store = eng.open(tmp, tmp, {"store": "hnsw"}, lambda: vecs, [("s-bench", np.arange(a.vectors, dtype=np.int64))])
        store.search(qv[:1], 10)
        print(f"{a.vectors:,} vectors built, indexed and loaded in {time.perf_counter() - t0:.0f} s", flush=True)
        rounds = [0.0, a.wait] if a.wait else [0.0]
        for wait in rounds:
            time.sleep(wait)
            if wait:
                print(f"after {wait:.0f} s more:")
            for row in _segments(uri):
                print("segment", row, flush=True)
            print("| ef | recall@10 | mean ms a query |\n|---|---|---|")
            for ef in a.efs:
                store.ef = ef
                hits, t = [], time.perf_counter()
                for i in range(len(qv)):
                    _, ids = store.search(qv[i:i + 1], 10)
                    hits.append(len(set(ids[0].tolist()) & set(exact[i].tolist())) / 10)
                ms = (time.perf_counter() - t) / len(qv) * 1000
                print(f"| {ef} | {statistics.mean(hits):.3f} | {ms:.1f} |", flush=True)
        store.close()


def _segments(uri: str) -> list[tuple[int, int, str, str]]:
    """(id, rows, index name, state) of each segment the server has loaded, for every collection."""
    from pymilvus import MilvusClient, connections, utility

    names = MilvusClient(uri=uri).list_collections()
    connections.connect(alias="bench", uri=uri)
    try:
        return [(s.segmentID, s.num_rows, s.index_name, str(s.state))
                for n in names for s in utility.get_query_segment_info(n, using="bench")]
    finally:
        connections.disconnect("bench")


if __name__ == "__main__":
    main()
