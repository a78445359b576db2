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
