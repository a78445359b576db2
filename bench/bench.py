"""Benchmarks that print tables (figures, not pass/fail). Run inside .venv:

    python bench/bench.py reindex --sizes 100 1000 10000   # re-index after adding one article; build throughput
    python bench/bench.py workers --sizes 2000 --workers 1 2   # full build, embedding in 1 vs 2 processes
    python bench/bench.py retrieval --sizes 10000 100000 1000000   # dense: index kinds, recall@10
    python bench/bench.py stores --sizes 100000 1000000    # FAISS vs Milvus Lite vs server: build, latency, recall
    python bench/bench.py stores --sizes 1000000 --stores milvus-server   # one store only
    python bench/bench.py cold --sizes 100000 1000000      # fresh process: index open + first retrieval, RSS
    python bench/bench.py cold --sizes 100000 --stores faiss milvus-lite milvus-server   # the same, each store
    python bench/bench.py ray --articles 2000              # rag index --ray on a local 1- and 2-node cluster
    python bench/bench.py lexical --sizes 10000 100000 1000000     # BM25 and the fused first stage
    python bench/bench.py answers --limit 10               # embedded-model latency and prompt tokens
    python bench/bench.py seed                             # seed corpus: build, and retrieval per question
    python bench/bench.py wire-dump                        # a 2.3 MB one-line article vs a normal one, real model

Generated articles are made from a fixed seed, so runs are comparable.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rag import index  # noqa: E402
from rag.build import RACY_NS, IndexReport, build_index, embed_text  # noqa: E402
from rag.embed import MiniLMEmbedder  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.stores.faiss import FaissStore  # noqa: E402

WORDS = ("river dam flood council mayor rescue army town bridge convoy oil field village campaign forces "
         "agreement siege shelling market school hospital road border fighters civilians report officials").split()


def article(rng: random.Random, k: int) -> str:
    sents = []
    for _ in range(rng.randint(4, 8)):
        w = rng.sample(WORDS, 8)
        sents.append(f"The {w[0]} near {w[1]} {k} saw {rng.randint(2, 900)} {w[2]} and {w[3]} on {w[4]} "
                     f"while the {w[5]} {w[6]} {w[7]}.")
    return f"Generated report number {k} on the {rng.choice(WORDS)}\n\nSource: Wire {k % 17}\n\n" + " ".join(sents)


def make_corpus(folder: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        (folder / f"gen_{k:05d}.txt").write_text(article(rng, k))


def peak_rss_mb() -> float:
    """This process's peak RSS. Not getrusage's ru_maxrss: Linux carries it over an exec, so a child started
    from a big parent reports the parent's size (the 1M-chunk cold figure was 7-9 GB by it, 1.2 GB really)."""
    with open("/proc/self/status") as fh:
        return next(int(x.split()[1]) for x in fh if x.startswith("VmHWM")) / 1024


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def timed_build(s: Settings, emb: Any) -> tuple[IndexReport, index.Index, float, float]:
    """A full build, then the bare embedder over the same chunk texts in batches of 64: (report, loaded
    index, build seconds, bare embedding seconds)."""
    t0 = time.perf_counter()
    r = build_index(s, emb)
    full = time.perf_counter() - t0
    ix = index.load(s)
    texts = [embed_text(ix.docs[c.doc], c) for c in ix.chunks]
    t0 = time.perf_counter()
    for i in range(0, len(texts), 64):
        emb.embed(texts[i:i + 64])
    return r, ix, full, time.perf_counter() - t0


def bench_reindex(sizes: list[int], fake: bool = False) -> None:
    if fake:  # the index's own bookkeeping, without the embedder's cost
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from fakes import HashEmbedder
        emb: MiniLMEmbedder | HashEmbedder = HashEmbedder()
    else:
        emb = MiniLMEmbedder()
    print("| articles | chunks | full build s | chunks/s | bare embedder chunks/s | overhead | "
          "re-index after +1 article s | index MB | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            make_corpus(corpus, n)
            # files written within RACY_NS of a scan are re-read on the next one (see rag/index.py); a real
            # corpus's files are older than that, so let these age past it
            time.sleep(RACY_NS / 1e9 + 0.1)
            s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=Path(tmp) / "index")
            r, ix, full, bare = timed_build(s, emb)
            (corpus / "zz_new.txt").write_text(article(random.Random(99), 99999))
            t0 = time.perf_counter()
            r2 = build_index(s, emb)
            inc = time.perf_counter() - t0
            assert r2.added == ["zz_new.txt"] and r2.embedded_chunks >= 1
            print(f"| {n:,} | {r.chunks:,} | {full:.1f} | {r.chunks / full:.1f} | {r.chunks / bare:.1f} | "
                  f"{100 * (full - bare) / bare:+.0f}% | {inc:.2f} | {dir_mb(s.index_dir):.1f} | {peak_rss_mb():.0f} |",
                  flush=True)


def bench_workers(sizes: list[int], workers: list[int]) -> None:
    """Full build of generated articles with the embedding spread over 1, 2, ... local processes."""
    emb = MiniLMEmbedder()
    print("| articles | chunks | workers | full build s | chunks/s | speed-up |\n|---|---|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            make_corpus(corpus, n)
            base = None
            for w in workers:
                s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=Path(tmp) / f"index-{w}", uploads_dir=None)
                t0 = time.perf_counter()
                r = build_index(s, emb, workers=w)
                t = time.perf_counter() - t0
                base = base or t
                print(f"| {n:,} | {r.chunks:,} | {w} | {t:.1f} | {r.chunks / t:.1f} | {base / t:.2f}x |", flush=True)


STORES = ("faiss", "milvus-lite", "milvus-server")


def bench_stores(sizes: list[int], queries: int = 200, efs: tuple[int, ...] = (128, 256, 512),
                 stores: tuple[str, ...] = STORES) -> None:
    """FAISS (as the index chooses it) vs Milvus Lite vs a Milvus standalone server (started here on loopback,
    tests/milvus_server.py), one segment of clustered synthetic vectors each: build (insert, index, load),
    search latency and recall@10 against exact search (Milvus: at each HNSW ef), disk, RSS growth."""
    import shutil
    from contextlib import nullcontext

    from rag.stores.faiss import FaissEngine, FaissStore
    from rag.stores.milvus import MilvusEngine, index_for

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.milvus_server import milvus_server

    rng = np.random.default_rng(0)
    print("| vectors | store | build s | search knob | search p50 ms | search p95 ms | recall@10 | disk MB | RSS +MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        vecs, qv = synthetic_vectors(n, queries, rng)
        exact = FaissStore.build(vecs, "flat").search(qv, 10)[1]
        for name in stores:
            tmp = Path(tempfile.mkdtemp())
            server = milvus_server(tmp / "server") if name == "milvus-server" else nullcontext("")
            with server as uri:
                rss0 = current_rss_mb()
                seg = tmp / "segments" / "s-bench"
                seg.mkdir(parents=True)
                rows = [("s-bench", np.arange(n, dtype=np.int64))]
                t0 = time.perf_counter()
                if name == "faiss":
                    eng: Any = FaissEngine()
                    kind = eng.write_version(tmp, n, lambda v=vecs: v)
                else:
                    eng = MilvusEngine(uri)
                    eng.write_segment(seg, "s-bench", vecs)
                    kind = index_for(uri)[0].lower()
                store = eng.open(tmp, tmp, {"store": kind}, lambda v=vecs: v, rows)
                store.search(qv[:1], 10)  # the first search pays any loading
                build = time.perf_counter() - t0
                for ef in efs if kind == "hnsw" else (0,):
                    if ef:
                        store.ef = ef
                    lat, hits = [], []
                    for i in range(queries):
                        t = time.perf_counter()
                        _, ids = store.search(qv[i:i + 1], 10)
                        lat.append((time.perf_counter() - t) * 1000)
                        hits.append(len(set(ids[0].tolist()) & set(exact[i].tolist())) / 10)
                    p95 = statistics.quantiles(lat, n=20)[18]
                    print(f"| {n:,} | {name} ({kind}) | {build:.1f} | {f'ef {ef}' if ef else 'as chosen'} | "
                          f"{statistics.median(lat):.2f} | {p95:.2f} | {statistics.mean(hits):.3f} | "
                          f"{dir_mb(tmp):.0f} | {current_rss_mb() - rss0:.0f} |", flush=True)
                store.close()
                del store, eng
            shutil.rmtree(tmp, ignore_errors=True)
        del vecs, qv


def bench_ray(n_articles: int) -> None:
    """`rag index --ray` on a local Ray cluster of 1 and of 2 nodes (one CPU each; tests/ray_cluster.py starts
    it, isolated) vs `rag index` in one process, for a fresh index of generated articles with the real
    embedder: the index command's wall time (with the cluster's workers loading the embedder) and chunks/s."""
    import os
    import subprocess

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.ray_cluster import ADDRESS, run_cluster

    print("| articles | chunks | embedding | index command s | chunks/s |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, n_articles)
        env = {**os.environ, "RAG_UPLOADS_DIR": ""}
        for how in ("one process", "Ray, 1 node", "Ray, 2 nodes"):
            out_dir = Path(tmp) / how.replace(" ", "_").replace(",", "")
            cmd = [sys.executable, "-m", "rag.cli", "index", "--corpus", str(corpus), "--index-dir", str(out_dir)]
            if how == "one process":
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, env=env)
                seconds = time.perf_counter() - t0
            else:
                done = run_cluster(Path(tempfile.mkdtemp(prefix="ray", dir="/tmp")), [*cmd, "--ray", ADDRESS],
                                   nodes=1 if "1 node" in how else 2, timeout=3600, env=env)
                assert done.returncode == 0, done.stderr[-2000:]
                seconds = float(done.stdout.split("command seconds:")[1].split()[0])
            n = index.load(Settings.from_env(env={}, index_dir=out_dir, uploads_dir=None)).manifest["n_chunks"]
            print(f"| {n_articles:,} | {n:,} | {how} | {seconds:.1f} | {n / seconds:.0f} |", flush=True)


def bench_cold(sizes: list[int], stores: tuple[str, ...] = ("faiss",)) -> None:
    """A fresh process, index present: time to open the index and run the first retrieval (embedder load,
    dense search, BM25, fusion, reading the articles it reaches), and the process's peak RSS. The model's
    part of a first answer is left out. Vectors come from the hashing fake (timing only); the query
    embedder is the real one. For each store asked (FAISS, Milvus Lite, a Milvus server started here on
    loopback, tests/milvus_server.py) the same corpus is indexed and opened."""
    import json
    import os
    import subprocess
    from contextlib import nullcontext

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "tests"))
    sys.path.insert(0, str(root))
    from fakes import HashEmbedder

    from tests.milvus_server import milvus_server

    print("| chunks | articles | store | build s | index open s | first retrieval s | total s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            make_corpus(corpus, round(n / 2.6))
            for name in stores:
                server = milvus_server(Path(tmp) / "server") if name == "milvus-server" else nullcontext("")
                with server as uri:
                    env = {"RAG_STORE": "faiss" if name == "faiss" else "milvus", "RAG_MILVUS_URI": uri}
                    s = Settings.from_env(env=env, corpus_dir=corpus, index_dir=Path(tmp) / f"index-{name}",
                                          uploads_dir=None)
                    t0 = time.perf_counter()
                    r = build_index(s, HashEmbedder(), progress=True)
                    build = time.perf_counter() - t0
                    out = subprocess.run([sys.executable, __file__, "cold-child", "--index", str(s.index_dir)],
                                         capture_output=True, text=True, check=True,
                                         env={**os.environ, **env}).stdout
                    m = json.loads(out.strip().splitlines()[-1])
                    print(f"| {r.chunks:,} | {len(r.added):,} | {name} | {build:.1f} | {m['load']:.1f} | "
                          f"{m['first']:.1f} | {m['load'] + m['first']:.1f} | {m['rss']:.0f} |", flush=True)


def cold_child(index_dir: Path) -> None:
    import json
    import os

    from rag.engine import Engine
    from rag.retrieve import retrieve

    env = {k: os.environ[k] for k in ("RAG_STORE", "RAG_MILVUS_URI") if k in os.environ}
    t0 = time.perf_counter()
    e = Engine(Settings.from_env(env=env, index_dir=index_dir, uploads_dir=None))
    ix = e.index()
    t1 = time.perf_counter()
    retrieve("How many people saw the storm near the harbour?", ix, e.embedder, e.settings)
    t2 = time.perf_counter()
    print(json.dumps({"load": t1 - t0, "first": t2 - t1, "rss": peak_rss_mb()}))


def current_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(x.split()[1]) for x in fh if x.startswith("VmRSS")) / 1024


def synthetic_vectors(n: int, queries: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Clustered unit vectors (real embeddings are far from uniform) and queries near some of them."""
    centers = rng.standard_normal((1024, 384)).astype(np.float32)
    vecs = np.empty((n, 384), np.float32)
    for a in range(0, n, 100_000):  # in blocks: 1M x 384 float32 is 1.5 GB, keep temporaries small
        b = min(n, a + 100_000)
        vecs[a:b] = centers[rng.integers(0, len(centers), b - a)]
        vecs[a:b] += 0.6 * rng.standard_normal((b - a, 384), dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    q = vecs[rng.integers(0, n, queries)] + 0.3 * rng.standard_normal((queries, 384), dtype=np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    return vecs, q


def _timed_search(store: FaissStore, q: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    lat, hits = [], 0
    for i in range(len(q)):
        t = time.perf_counter()
        _, ids = store.search(q[i:i + 1], 10)
        lat.append((time.perf_counter() - t) * 1000)
        hits += len(set(ids[0].tolist()) & set(truth[i].tolist()))
    return statistics.median(lat), statistics.quantiles(lat, n=20)[18], hits / (10 * len(q))


def bench_retrieval(sizes: list[int], queries: int = 200) -> None:
    """Dense search on synthetic vectors: every index kind worth trying at that size, its search-time knob
    swept, recall@10 against exact search on the same vectors."""
    rng = np.random.default_rng(0)
    print("| vectors | index | build s | search knob | p50 ms | p95 ms | recall@10 vs exact | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        vecs, q = synthetic_vectors(n, queries, rng)
        exact = FaissStore.build(vecs, "flat")
        _, truth = exact.search(q, 10)
        p50, p95, rec = _timed_search(exact, q, truth)
        print(f"| {n:,} | flat | 0.0 | exact | {p50:.2f} | {p95:.2f} | {rec:.3f} | {peak_rss_mb():.0f} |", flush=True)
        del exact
        if n < 100_000:
            continue
        for kind in ("ivf", "hnsw"):
            t0 = time.perf_counter()
            store = FaissStore.build(vecs, kind)
            build = time.perf_counter() - t0
            for effort in (16, 32, 64, 128) if kind == "ivf" else (64, 128, 256, 512):
                knob = store.set_effort(effort)
                p50, p95, rec = _timed_search(store, q, truth)
                print(f"| {n:,} | {kind} | {build:.0f} | {knob} | {p50:.2f} | {p95:.2f} | {rec:.3f} | "
                      f"{peak_rss_mb():.0f} |", flush=True)
            del store


def synthetic_texts(n: int, rng: np.random.Generator, vocab: int = 50_000, words: int = 60) -> list[str]:
    """Chunk-like texts: words drawn from a Zipf-like distribution over a synthetic vocabulary."""
    names = [f"w{k}x" for k in range(vocab)]
    p = 1.0 / np.arange(1, vocab + 1)
    p /= p.sum()
    out = []
    for a in range(0, n, 50_000):
        ids = rng.choice(vocab, size=(min(n, a + 50_000) - a, words), p=p)
        out += [" ".join([names[i] for i in row]) for row in ids.tolist()]
    return out


def bench_lexical(sizes: list[int], queries: int = 200) -> None:
    """BM25 alone and the fused first stage of retrieval (dense + BM25, reciprocal-rank fusion, grouped by
    article) on synthetic chunks: build cost, memory, latency. The dense side is the store `FaissStore.build`
    chooses for that size."""
    from rag.lexical import BM25, Postings
    from rag.retrieve import fuse

    rng = np.random.default_rng(0)
    print("| chunks | postings build s (at index time) | on disk MB | load persisted + first search s | "
          "BM25 p50 ms | BM25 p95 ms | dense store | fused p50 ms | fused p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        texts = synthetic_texts(n, rng)
        vecs, qv = synthetic_vectors(n, queries, rng)
        t0 = time.perf_counter()
        postings = Postings.build(texts)
        build = time.perf_counter() - t0
        with tempfile.TemporaryDirectory() as tmp:
            postings.save(Path(tmp))
            mb = dir_mb(Path(tmp))
            del postings
            t0 = time.perf_counter()  # what a fresh process pays before its first lexical answer
            bm = BM25([(Postings.load(Path(tmp)), np.arange(n, dtype=np.int64))])
            bm.search(" ".join(texts[0].split()[:8]), 80)
            load = time.perf_counter() - t0
            store = FaissStore.build(vecs)
            doc_of = np.arange(n) // 3  # three chunks an article
            qs = [" ".join(texts[i].split()[:8]) for i in rng.integers(0, n, queries)]
            lex, fused = [], []
            for i, q in enumerate(qs):
                t = time.perf_counter()
                hits = bm.search(q, 80)
                t1 = time.perf_counter()
                _, ids = store.search(qv[i:i + 1], 80)
                ranked = [c for c, _ in fuse([ids[0].tolist(), [c for c, _ in hits]])]
                by_doc: dict[int, list[int]] = {}
                for c in ranked:
                    by_doc.setdefault(int(doc_of[c]), []).append(c)
                t2 = time.perf_counter()
                lex.append((t1 - t) * 1000)
                fused.append((t2 - t) * 1000)
            p95 = lambda v: statistics.quantiles(v, n=20)[18]  # noqa: E731
            print(f"| {n:,} | {build:.1f} | {mb:.0f} | {load:.2f} | {statistics.median(lex):.2f} | {p95(lex):.2f} | "
                  f"{store.kind} | {statistics.median(fused):.2f} | {p95(fused):.2f} |", flush=True)
            del bm, store
        del texts, vecs


def bench_answers(limit: int, dataset: Path, corpus: Path) -> None:
    """Answer latency with the real model: time to the first article's finding, total, and the prompt
    tokens of one article's read call."""
    import json

    from rag import prompts
    from rag.engine import Engine
    from rag.retrieve import retrieve

    items = [json.loads(x) for x in dataset.read_text().splitlines() if x.strip()][:limit]
    with tempfile.TemporaryDirectory() as tmp:
        s = Settings.from_env(corpus_dir=corpus, index_dir=Path(tmp) / "index")
        e = Engine(s)
        e.build_index()
        t0 = time.perf_counter()
        llm = e.llm()
        load = time.perf_counter() - t0
        e.warm_up()
        first, total, ptoks = [], [], []
        for it in items:
            ans = e.ask(it["question"])
            total.append(ans.timings_ms["total"] / 1000)
            first.append((ans.timings_ms.get("first_finding") or ans.timings_ms["total"]) / 1000)
            ix = e.index()
            for p in retrieve(it["question"], ix, e.embedder, s).passages:
                d = ix.docs[p.doc]
                msgs = prompts.read_messages(it["question"], d.title, d.outlet, [(x.n, x.text) for x in p.sources])
                ptoks.append(sum(llm.count_tokens(m["content"]) for m in msgs))  # type: ignore[attr-defined]
    q = lambda v, p: sorted(v)[max(0, int(round(p / 100 * len(v))) - 1)]  # noqa: E731
    print(f"model load {load:.1f} s; {len(items)} questions from {dataset.name}")
    print("| figure | p50 | p95 |\n|---|---|---|")
    print(f"| first finding on screen s | {q(first, 50):.1f} | {q(first, 95):.1f} |")
    print(f"| total answer s | {q(total, 50):.1f} | {q(total, 95):.1f} |")
    print(f"| prompt tokens of one article's read call | {q(ptoks, 50)} | {q(ptoks, 95)} |")


def bench_seed() -> None:
    """The seed corpus: full build against the bare embedder, then retrieval (embed the question, dense +
    BM25, fuse, pick sentences) over the seed questions, with the sentence-vector cache emptied before
    every question, then kept across questions (one pass from empty, then a second pass)."""
    import json
    import shutil

    from rag.retrieve import retrieve

    root = Path(__file__).resolve().parents[1]
    questions = [json.loads(x)["question"] for x in (root / "eval" / "seed_questions.jsonl").read_text().splitlines()]
    emb = MiniLMEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(root / "seeds", corpus)
        s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=Path(tmp) / "index")
        r, ix, full, bare = timed_build(s, emb)
        print("| articles | chunks | full build s | chunks/s | bare embedder chunks/s | index MB | peak RSS MB |")
        print("|---|---|---|---|---|---|---|")
        print(f"| {len(ix.docs)} | {r.chunks} | {full:.1f} | {r.chunks / full:.1f} | {r.chunks / bare:.1f} | "
              f"{dir_mb(s.index_dir):.2f} | {peak_rss_mb():.0f} |\n")
        retrieve("warm-up", ix, emb, s)
        print(f"retrieval over {len(questions)} seed questions\n| sentence vectors | p50 ms | p95 ms |\n|---|---|---|")
        # (label, empty the cache before the pass, empty it before every question)
        for label, fresh, each in (("embedded for every question", True, True),
                                   ("cache kept, first pass", True, False), ("cache kept, second pass", False, False)):
            t = []
            if fresh:
                ix.sentence_vectors.clear()
            for q in questions:
                if each:
                    ix.sentence_vectors.clear()
                t0 = time.perf_counter()
                retrieve(q, ix, emb, s)
                t.append(1000 * (time.perf_counter() - t0))
            t.sort()
            print(f"| {label} | {t[len(t) // 2]:.0f} | {t[int(0.95 * len(t))]:.0f} |")


def bench_wire_dump() -> None:
    """An article of 2.3 MB on one line (no sentence punctuation) beside a normal one: its sentences, label,
    prompt size and the time to answer a question that reaches it, against a question that reaches the
    normal article, with the real embedder and model."""
    import shutil

    from rag import prompts
    from rag.engine import Engine
    from rag.retrieve import retrieve

    root = Path(__file__).resolve().parents[1]
    junk = " ".join(["to and factory a report river worker shift"] * 52_000)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(root / "seeds", corpus)
        (corpus / "dump.txt").write_text(f"Kesten factory fire\n\nRiver Post\n\n{junk}\n"
                                         "The fire at the Kesten factory killed nine workers on Monday.\n")
        (corpus / "normal.txt").write_text("Morrow mill fire\n\nValley Wire\n\nA fire broke out at the Morrow mill "
                                           "before dawn. The fire at the Morrow mill killed four workers on Monday, "
                                           "the fire service said. Investigators are looking at the wiring.\n")
        s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=Path(tmp) / "index", uploads_dir=None)
        e = Engine(s)
        t0 = time.perf_counter()
        r = e.build_index()
        build = time.perf_counter() - t0
        ix = e.index()
        d = ix.docs["dump.txt"]
        spans = ix.sentences["dump.txt"]
        print(f"dump.txt: {len(d.text) / 1e6:.1f} MB, {len(spans):,} sentences (longest {max(b - a for a, b in spans)} "
              f"chars), label {d.label!r}; full build of seeds + 2 articles {build:.1f} s ({r.chunks:,} chunks)")
        e.warm_up()
        llm = e.llm()
        print("| question reaches | prompt tokens (read call) | retrieve ms | first finding s | total s | answer |")
        print("|---|---|---|---|---|---|")
        for doc, q in (("normal.txt", "How many workers did the fire at the Morrow mill kill?"),
                       ("dump.txt", "How many workers did the fire at the Kesten factory kill?")):
            for p in retrieve(q, ix, e.embedder, s).passages:
                if p.doc == doc:
                    dd = ix.docs[p.doc]
                    msgs = prompts.read_messages(q, dd.title, dd.outlet, [(x.n, x.text) for x in p.sources])
                    toks = sum(llm.count_tokens(m["content"]) for m in msgs)  # type: ignore[attr-defined]
            ans = e.ask(q)
            t = ans.timings_ms
            said = ans.statements[0].text if ans.statements else "abstained"
            print(f"| {doc} | {toks} | {t['retrieve']} | {t['first_finding'] / 1000:.1f} | {t['total'] / 1000:.1f} "
                  f"| {said} |")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["reindex", "workers", "retrieval", "stores", "lexical", "cold", "cold-child",
                                    "ray", "answers", "seed", "wire-dump"])
    p.add_argument("--articles", type=int, default=2000, help="ray: generated articles to index")
    p.add_argument("--index", type=Path, help="cold-child: index folder")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="workers: process counts to compare")
    p.add_argument("--sizes", type=int, nargs="+")
    p.add_argument("--limit", type=int, default=10)
    root = Path(__file__).resolve().parents[1]
    p.add_argument("--dataset", type=Path, default=root / "eval" / "seed_questions.jsonl", help="answers: questions")
    p.add_argument("--corpus", type=Path, default=root / "seeds", help="answers: corpus folder")
    p.add_argument("--fake-embedder", action="store_true", help="reindex: hashing embedder (bookkeeping only)")
    p.add_argument("--stores", nargs="+", choices=STORES,
                   help="stores, cold: which stores to measure (stores: all three; cold: faiss)")
    p.add_argument("--efs", type=int, nargs="+", default=[128, 256, 512], help="stores: Milvus HNSW ef values")
    a = p.parse_args()
    if a.what == "reindex":
        bench_reindex(a.sizes or [100, 1000], a.fake_embedder)
    elif a.what == "workers":
        bench_workers(a.sizes or [1000], a.workers)
    elif a.what == "cold":
        bench_cold(a.sizes or [100_000], stores=tuple(a.stores or ["faiss"]))
    elif a.what == "cold-child":
        cold_child(a.index)
    elif a.what == "ray":
        bench_ray(a.articles)
    elif a.what == "stores":
        bench_stores(a.sizes or [100_000], efs=tuple(a.efs), stores=tuple(a.stores or STORES))
    elif a.what == "retrieval":
        bench_retrieval(a.sizes or [10_000, 100_000])
    elif a.what == "lexical":
        bench_lexical(a.sizes or [10_000, 100_000])
    elif a.what == "seed":
        bench_seed()
    elif a.what == "wire-dump":
        bench_wire_dump()
    else:
        bench_answers(a.limit, a.dataset, a.corpus)


if __name__ == "__main__":
    main()
