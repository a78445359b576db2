"""Replay a run's findings through the program's steps after reading (the read step's checks of an answer
against what was asked, other reports of a count, phrasing, wire copies, reconcile): no model call, so a change to those
steps is measured on the very same model output, before and after, in seconds.
The excerpts are retrieved again (retrieval is deterministic).

    python eval/replay.py DATASET ANSWERS CORPUS OUT [--no-reports] [--cite] [--read-new [--read-below]]

ANSWERS is a run's answers.jsonl (`rag eval` or eval/dev.py); the index is kept under index/dev/ as
eval/dev.py does. Score OUT/answers.jsonl with ../shared/score.py. `--cite` chooses each answer's quotes again
(read.cite) from the sentences the model cited, recovered from the finding's note or quotes; an article
that cannot answer whatever it says (retrieve.mismatch) is set aside, as it now is before reading. `--read-new`
asks the model only about the articles the current retrieval reads that the run did not (a change to which
articles are read, measured with the model at the cost of those reads alone).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.copies import copies, merged  # noqa: E402
from rag.engine import Engine  # noqa: E402
from rag.index import Index  # noqa: E402
from rag.question import Question, parse  # noqa: E402
from rag.read import cite, elsewhere_stated, misfit, part_answer, quotes, read, reports, respelled, short_count, unfit  # noqa: E402
from rag.reconcile import reconcile  # noqa: E402
from rag.retrieve import Passage, mismatch, retrieve  # noqa: E402
from rag.settings import Settings  # noqa: E402
from rag.text import content_words  # noqa: E402
from rag.types import NOT_STATED, Answer, Finding  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("dataset", type=Path)
    p.add_argument("answers", type=Path)
    p.add_argument("corpus", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--no-reports", action="store_true", help="only reconcile again (the run as it was)")
    p.add_argument("--cite", action="store_true", help="choose the quotes again from the sentences the model "
                   "cited (recovered from each finding's note, else its quotes)")
    p.add_argument("--read-new", action="store_true", help="read with the model the articles retrieval now "
                   "chooses that the run did not read (the run's findings for the others)")
    p.add_argument("--read-below", action="store_true", help="with --read-new: also read again the articles the run "
                   "did not read for their P(states) that the current threshold (RAG_READ_THRESHOLD) reads")
    a = p.parse_args()
    s = replace(Settings.from_env(), corpus_dir=a.corpus, index_dir=ROOT / "index" / "dev" / a.corpus.resolve().name)
    engine = Engine(s)
    engine.build_index()
    ix, emb = engine.index(), engine.embedder
    got = {o["id"]: o for o in map(json.loads, a.answers.open(encoding="utf-8"))}
    a.out.mkdir(parents=True, exist_ok=True)
    with (a.out / "answers.jsonl").open("w", encoding="utf-8") as out:
        for item in map(json.loads, a.dataset.open(encoding="utf-8")):
            old = Answer.from_dict(got[item["id"]])
            q = parse(item["question"])
            r = retrieve(q, ix, emb, s)
            excerpts = {x.doc: x for x in r.passages}
            olds, fresh = [replace(f, also=()) for f in old.findings], {}
            if a.read_new:  # the articles read now: the run's findings, the model for those it did not read
                had = {f.doc for f in olds}
                if a.read_below:  # and for those the run's threshold left unread that the current one reads
                    had -= {f.doc for f in olds if not f.stated and f.note.startswith(NOT_STATED)
                            and f.p_states >= s.read_threshold}
                olds = [f for f in olds if f.doc in excerpts and f.doc in had]
                fresh = {x.doc: read(q, x, ix, engine.llm(), s) for x in r.passages if x.doc not in had}
                print(f"{item['id']}: read {len(fresh)} more", file=sys.stderr, flush=True)
            findings = []
            for f in olds:
                not_read = mismatch(q, ix.docs[f.doc])
                if not_read:  # as read.read now sets it aside before reading
                    f = replace(f, p_states=0.0, answer="", citations=(), note=not_read)
                if f.stated and f.p_states < s.read_threshold:  # a higher threshold than the run's (RAG_READ_THRESHOLD)
                    f = replace(f, answer="", citations=(), note=f"{NOT_STATED} (p={f.p_states:.2f})")
                if not f.stated and f.doc in excerpts and not a.no_reports:
                    f = repaired(q, f, excerpts[f.doc], ix, s)
                if f.stated:
                    f = replace(f, answer=part_answer(f.answer, [c.quote for c in f.citations], q))
                why = (misfit(f.answer, q) or unfit(f.answer, [c.quote for c in f.citations], q)) if f.stated else ""
                if why and not a.no_reports:  # the read step's own checks of an answer, as they stand now
                    f = replace(f, answer="", citations=(), note=f"{why}: {f.answer!r}")
                if f.stated and f.doc in excerpts and a.cite:
                    f = recited(q, f, excerpts[f.doc], ix)
                if f.stated and f.doc in excerpts and not a.no_reports:
                    f = reports(q, f, excerpts[f.doc], ix)
                findings.append(f)
            if a.read_new:
                order = {x.doc: k for k, x in enumerate(r.passages)}
                findings = sorted([*findings, *fresh.values()], key=lambda f: order[f.doc])
            if not a.no_reports:
                findings = merged(findings, copies(q, findings, r.close, ix))
            statements, disagreements, _ = reconcile(q, findings, ix, emb, s)
            new = replace(old, statements=tuple(statements), disagreements=tuple(disagreements),
                          abstained=not statements, findings=tuple(findings))
            out.write(json.dumps({"id": item["id"], **new.to_dict()}) + "\n")


_REFUSED = re.compile(r"^(?!the answer repeats)(.+): ('.*'|\".*\")$")


def repaired(q: Question, f: Finding, excerpt: Passage, ix: Index, s: Settings) -> Finding:
    """A finding whose answer the run refused for its sentences (not for itself: `misfit`), cited as read.read
    now cites it: to the article's sentence that states it and answers what was asked, if one does."""
    m = _REFUSED.match(f.note)
    if not m or f.p_states < s.read_threshold:
        return f
    text = ast.literal_eval(m.group(2))
    text = respelled(short_count(text, q), [x.text for x in excerpt.sources]) if isinstance(text, str) else text
    if not isinstance(text, str) or misfit(text, q):
        return f
    doc = ix.docs[f.doc]
    kept = elsewhere_stated(text, q, excerpt, ix, content_words(f"{doc.title} {doc.outlet}"))
    return replace(f, answer=text, citations=quotes(kept, ix), note=f"{m.group(1)}; cited the article's sentence "
                   "that does instead") if kept else f


_CITED = re.compile(r"(?:of the cited|instead of) \[([\d, ]*)\]")


def recited(q: Question, f: Finding, excerpt: Passage, ix: Index) -> Finding:
    """The finding's quotes chosen again by read.cite from the sentences the model cited: their numbers are in
    the note where the checks changed them, else they are the sentences quoted."""
    m = _CITED.search(f.note)
    ids = {int(x) for x in re.findall(r"\d+", m.group(1))} if m else \
        {x.n for x in excerpt.sources for c in f.citations if (c.start, c.end) == (x.start, x.end)}
    if not ids:
        return f  # quoted from the headline
    doc = ix.docs[f.doc]
    kept = cite(f.answer, [x for x in excerpt.sources if x.n in ids], excerpt, q,
                content_words(f"{doc.title} {doc.outlet}"), doc.title)
    return replace(f, citations=quotes(kept, ix)) if kept else f


if __name__ == "__main__":
    main()
