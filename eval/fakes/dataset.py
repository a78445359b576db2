"""What build_dev4.py and build_dev5.py share: each quote checked verbatim against its article
(whitespace-insensitive, at most 25 words), gold docs worked out, the items written as Contract-2 lines."""

import json
import pathlib
import re

C = pathlib.Path(__file__).resolve().parent / "corpus"
texts = {p.name: p.read_text(encoding="utf-8") for p in C.iterdir()}


def _pattern(q):
    return r"\s+".join(re.escape(w) for w in q.split())


def find(doc, q):
    m = re.search(_pattern(q), texts[doc])
    assert m, (doc, q)
    assert len(q.split()) <= 25, q
    return texts[doc][m.start() : m.end()]


def write(items, path):
    """Gold docs: the evidence docs plus every file holding one of a multi/disputed quote; a single item's
    quote must be in no other file."""
    out = open(path, "w", encoding="utf-8")
    for iid, q, kind, ev in items:
        evid = [{"doc": d, "quote": find(d, qq)} for d, qq in ev]
        gold = {e["doc"] for e in evid}
        for e in evid:
            holding = {n for n, t in texts.items() if re.search(_pattern(e["quote"]), t)}
            if kind in ("multi", "disputed"):
                gold |= holding
            else:
                assert not holding - {e["doc"]}, (iid, holding - {e["doc"]})
        row = {"id": iid, "question": q, "kind": kind, "evidence": evid, "gold_docs": sorted(gold)}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(items), "items")


def check_apart(items, docs, own):
    """No question nearly repeats a test question (word Jaccard >= 0.5), and no article of `docs` is a gold or
    evidence document of another set than `own` (the file this set is written to); neither is printed."""
    import sys
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))  # eval/, for the seed builders' Jaccard check
    from seed_dataset import nearest, words
    here = pathlib.Path(__file__).resolve().parent
    test = [words(json.loads(x)["question"]) for x in (here / "test.jsonl").read_text().splitlines() if x.strip()]
    for iid, q, _, _ in items:
        assert nearest(q, test) < 0.5, iid
    used = set()
    for f in here.glob("*.jsonl"):
        if f.name == own:
            continue
        for x in f.read_text().splitlines():
            if x.strip():
                row = json.loads(x)
                used |= set(row.get("gold_docs", [])) | {e["doc"] for e in row.get("evidence", [])}
    assert not used & set(docs), used & set(docs)
