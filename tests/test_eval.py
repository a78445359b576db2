"""The seed test set is well-formed, the metrics are right on a hand-worked example, and `rag eval` runs
end to end on any Contract-2 file and corpus folder."""

import json
from collections import Counter
from pathlib import Path

import pytest

from rag import metrics
from rag.errors import RagError
from rag.evaluate import load_dataset, run_eval
from rag.settings import Settings
from rag.types import Answer, Citation, Disagreement, Finding, Side, Statement
from tests.fakes import HASH_THRESHOLDS, ExtractiveLLM, HashEmbedder

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "eval" / "seed_questions.jsonl"


def test_seed_test_set_is_complete_and_every_quote_is_verbatim(seed_texts):
    items = load_dataset(DATASET)
    assert len(items) >= 40 and len({i.id for i in items}) == len(items)
    kinds = Counter(i.kind for i in items)
    assert set(kinds) == set(metrics.KINDS) and min(kinds.values()) >= 8
    for it in items:
        for doc, quote in it.evidence:
            assert quote and quote in seed_texts[doc], (it.id, doc, quote)
        assert set(it.gold_docs) == {d for d, _ in it.evidence}
        if it.kind == "unanswerable":
            assert not it.evidence
        if it.kind in ("multi", "disputed"):
            assert len(it.gold_docs) >= 2, it.id


def test_metrics_hand_worked_example():
    texts = {"a.txt": "The dam failed. It killed 14 people.", "b.txt": "At least 31 people died."}
    item = metrics.Item("x", "How many died?", "disputed",
                        (("a.txt", "It killed 14 people."), ("b.txt", "At least 31 people died.")),
                        ("a.txt", "b.txt"))
    c_gold = Citation("a.txt", "It killed 14 people.", 16, 36)
    c_off = Citation("a.txt", "The dam failed.", 0, 15)       # not gold, not entailing the statement
    c_bad = Citation("b.txt", "At least 31 people", 0, 17)    # wrong offsets: not an exact slice
    side_b = Side("b.txt", "At least 31 people died.", 0, 24, "31")
    ans = Answer("How many died?", False,
                 (Statement("According to A, it killed 14 people.", (c_gold, c_off)),
                  Statement("According to B, 31 died.", (c_bad,))),
                 (Disagreement("14 vs 31", "numbers", (Side("a.txt", c_gold.quote, 16, 36, "14"), side_b)),),
                 "m", {"total": 1200})
    row = metrics.score_item(item, ans, texts)
    assert (row["quotes"], row["exact_quotes"]) == (5, 4)
    assert (row["citations"], row["on_gold"], row["supported"]) == (3, 2, 2)
    assert (row["evidence"], row["evidence_found"], row["docs_found"]) == (2, 2, 2)
    assert row["evidence_elsewhere"] == 0
    assert row["flagged_both_sides"] is True
    agg = metrics.aggregate([row])
    assert agg["quote_fidelity"] == 0.8 and agg["citation_precision"] == pytest.approx(2 / 3)
    assert agg["disagreement_flagged_both_sides"] == 1.0 and agg["false_disagreement_flags"] is None


def test_the_answer_checks_are_measured_on_the_articles_asked_for_an_answer():
    """Stage figures of the checks (issue 21, item 6): an article under the read threshold was not asked for an
    answer and counts for neither; one asked whose answer was refused counts as not kept."""
    texts = {"a.txt": "It killed 14 people.", "b.txt": "x", "c.txt": "y", "d.txt": "It killed 9 people."}
    item = metrics.Item("x", "How many died?", "single", (("a.txt", "It killed 14 people."),), ("a.txt", "b.txt"))
    cite = lambda d, q: (Citation(d, q, 0, len(q)),)  # noqa: E731
    findings = (Finding("a.txt", 0.9, "14 people.", cite("a.txt", "It killed 14 people.")),
                Finding("b.txt", 0.4, note="does not state an answer (p=0.40)"),
                Finding("c.txt", 0.8, note="the model gave no answer"),
                Finding("d.txt", 0.7, "9 people.", cite("d.txt", "It killed 9 people.")))
    ans = Answer("How many died?", False, (), (), "m", {"total": 1}, findings=findings)
    agg = metrics.aggregate([metrics.score_item(item, ans, texts)])
    assert (agg["checks_kept_gold"], agg["checks_kept_other"]) == (1.0, 0.5)


def test_evidence_missed_in_an_article_the_answer_quotes_is_counted_apart():
    """Stage figure (issue 21, item 6): a gold quote the answer misses though it quotes its article elsewhere (the
    headline for the lead) is counted apart from one in an article it never quotes."""
    texts = {"a.txt": "Blast kills 14. It killed 14 people in the market.", "b.txt": "Nine died, b said."}
    item = metrics.Item("x", "How many died?", "multi", (("a.txt", "It killed 14 people in the market."),
                                                          ("b.txt", "Nine died")), ("a.txt", "b.txt"))
    head = Citation("a.txt", "Blast kills 14.", 0, 15)
    ans = Answer("How many died?", False, (Statement("According to A, 14 killed.", (head,)),), (), "m", {"total": 1})
    row = metrics.score_item(item, ans, texts)
    assert (row["evidence"], row["evidence_found"], row["evidence_elsewhere"]) == (2, 0, 1)
    assert metrics.aggregate([row])["evidence_elsewhere"] == 0.5


def test_bad_dataset_lines_are_reported_with_their_line_number(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text('{"id": "1", "question": "q", "kind": "single"}\n{"question": "no id"}\n')
    with pytest.raises(RagError, match=r"d.jsonl:2"):
        load_dataset(p)


def test_rag_eval_end_to_end_on_another_corpus(tmp_path, corpus):
    ds = tmp_path / "mine.jsonl"
    rows = [
        {"id": "a", "question": "How many people did the Riverton flood kill?", "kind": "disputed",
         "evidence": [{"doc": "river_gazette.txt", "quote": "killed 14 people"},
                      {"doc": "valley_wire.md", "quote": "At least 31 people died"}],
         "gold_docs": ["river_gazette.txt", "valley_wire.md"], "extra": "ignored"},
        {"id": "b", "question": "What food ran out at the harbor festival?", "kind": "single",
         "evidence": [{"doc": "harbor_times.txt", "quote": "Food stalls ran out of fish"}],
         "gold_docs": ["harbor_times.txt"]},
    ]
    ds.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    s = Settings.from_env(env={}, **HASH_THRESHOLDS, index_dir=tmp_path / "must-not-be-used")
    report = run_eval(ds, corpus, out, s, embedder=HashEmbedder(), llm=ExtractiveLLM())
    answers = [json.loads(line) for line in (out / "answers.jsonl").read_text().splitlines()]
    assert [a["id"] for a in answers] == ["a", "b"] and all("statements" in a for a in answers)
    assert report.overall["quote_fidelity"] == 1.0
    assert report.by_kind["disputed"]["disagreement_flagged_both_sides"] == 1.0
    assert (out / "report.png").read_bytes()[:4] == b"\x89PNG"
    assert "quote fidelity" in (out / "report.md").read_text()
    assert not (tmp_path / "must-not-be-used").exists()  # a fresh temporary index, never the user's


def test_rag_eval_over_the_fakes_articles_as_one_csv_scores_as_over_the_txt_files(tmp_path):
    """The FA-KES articles written back as one CSV (title, content, source, date columns): every article
    keeps its canonical text, so the same items score the same; texts.jsonl holds what the quotes cut."""
    from tests.formats import fakes_csv

    root = Path(__file__).resolve().parents[1] / "eval" / "fakes"
    items = [json.loads(x) for x in (root / "dev.jsonl").read_text().splitlines()[:6]]
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "fakes.csv").write_bytes(fakes_csv(root / "corpus"))
    as_csv = lambda d: f"fakes.csv#{d.split('_')[1]}"  # noqa: E731
    for it in items:
        it["gold_docs"] = [as_csv(d) for d in it["gold_docs"]]
        it["evidence"] = [{**e, "doc": as_csv(e["doc"])} for e in it["evidence"]]
    (tmp_path / "csv.jsonl").write_text("".join(json.dumps(it) + "\n" for it in items))
    s = Settings.from_env(env={}, **HASH_THRESHOLDS)
    txt = run_eval(root / "dev.jsonl", root / "corpus", tmp_path / "a", s, limit=6, embedder=HashEmbedder(),
                   llm=ExtractiveLLM())
    csv = run_eval(tmp_path / "csv.jsonl", tmp_path / "csv", tmp_path / "b", s, embedder=HashEmbedder(),
                   llm=ExtractiveLLM())
    keys = ("evidence_recall", "doc_recall", "quote_fidelity", "citation_precision", "abstained_unanswerable",
            "disagreement_flagged_both_sides", "citations_in_gold_docs")
    assert {k: txt.overall[k] for k in keys} == {k: csv.overall[k] for k in keys}
    assert csv.overall["evidence_recall"] > 0 and csv.overall["quote_fidelity"] == 1.0
    texts = {r["doc"]: r["text"] for r in map(json.loads, (tmp_path / "b" / "texts.jsonl").read_text().splitlines())}
    for a in map(json.loads, (tmp_path / "b" / "answers.jsonl").read_text().splitlines()):
        for st in a["statements"]:
            for c in st["citations"]:
                assert texts[c["doc"]][c["start"]:c["end"]] == c["quote"]
