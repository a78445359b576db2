"""The answer pipeline with a scripted model: what the program guarantees whatever the model says."""

import json
from dataclasses import replace

import pytest

from rag.answer import answer
from rag.errors import BadQuestion
from tests.fakes import ScriptedLLM, reply

Q = "How many people did the Riverton flood kill?"


def _quotes_are_slices(ans, ix):
    for doc, quote, a, b in ans.all_quotes():
        assert ix.docs[doc].text[a:b] == quote


def test_end_to_end_exact_citations(built, embedder, settings):
    llm = ScriptedLLM(reply(("The flood killed 14 people.", ["killed 14 people"]),
                            ("At least 31 people died.", ["At least 31"])),
                      {"label": "conflict", "kind": "numbers", "value_1": "14 people", "value_2": "31 people"})
    ans = answer(Q, built, embedder, llm, settings)
    text = built.docs["river_gazette.txt"].text
    start = text.index("The flood in Riverton")
    end = text.index("mayor said.") + len("mayor said.")
    assert not ans.abstained
    assert [s.text for s in ans.statements] == [
        "According to River Gazette, the flood killed 14 people.",
        "According to Valley Wire, at least 31 people died."]
    c = ans.statements[0].citations[0]
    assert (c.doc, c.start, c.end, c.quote) == ("river_gazette.txt", start, end, text[start:end])
    assert len(ans.disagreements) == 1
    d = ans.disagreements[0]
    assert {x.doc for x in d.sides} == {"river_gazette.txt", "valley_wire.md"}
    assert d.kind == "numbers" and "14 people" in d.summary and "31 people" in d.summary
    _quotes_are_slices(ans, built)
    assert ans.model == "scripted-fake" and ans.timings_ms["total"] >= ans.timings_ms["generate"]
    assert ans.settings_hash == settings.hash() and ans.index_version == built.version
    assert json.loads(json.dumps(ans.to_dict()))["statements"][0]["citations"][0]["start"] == start


def test_unsupporting_citation_is_dropped_and_statement_recited_or_dropped(built, embedder, settings):
    llm = ScriptedLLM(reply(("The flood killed 14 people.", ["Schools in the valley"]),  # wrong sentence
                            ("Castell built a new bridge in 1990.", ["dam upstream failed"])),  # unsupported
                      )
    ans = answer(Q, built, embedder, llm, settings)
    texts = [s.text for s in ans.statements]
    assert texts == ["According to River Gazette, the flood killed 14 people."]
    assert "killed 14 people" in ans.statements[0].citations[0].quote  # re-cited to the right sentence
    assert any("did not support" in n for n in ans.notes)
    assert any("no source sentence supports" in n for n in ans.notes)


def test_numbers_must_be_in_the_cited_sentence(built, embedder, settings):
    llm = ScriptedLLM(reply(("The flood killed 41 people.", ["killed 14 people"])))
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.abstained and not ans.statements


def test_model_attribution_is_replaced_by_the_cited_outlet(built, embedder, settings):
    llm = ScriptedLLM(reply(("According to Harbor Times, the flood killed 14 people.", ["killed 14 people"])))
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.statements[0].text == "According to River Gazette, the flood killed 14 people."


def test_ids_outside_the_sources_and_garbage_are_ignored(built, embedder, settings):
    llm = ScriptedLLM({"relevant": [999], "statements": [{"text": "Anything.", "ids": [999, "x"]}, "junk"]})
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.abstained


@pytest.mark.parametrize("raw", ["", "{not json", "[1, 2]", '{"statements": "nope"}'])
def test_malformed_reply_abstains(built, embedder, settings, raw):
    ans = answer(Q, built, embedder, ScriptedLLM(raw), settings)
    assert ans.abstained and ans.statements == ()


@pytest.mark.parametrize(("verdict", "kept"), [
    ({"label": "agree", "kind": "numbers", "value_1": "14", "value_2": "31"}, False),
    ({"label": "conflict", "kind": "numbers", "value_1": "14 people", "value_2": "14 people"}, False),
    ({"label": "conflict", "kind": "numbers", "value_1": "14 people", "value_2": "99 people"}, False),
    ({"label": "conflict", "kind": "numbers", "value_1": "killed 14 people", "value_2": "at least 31"}, True),
    # a day against a count, a count of people against a count of staff: not one fact told two ways
    ({"label": "conflict", "kind": "dates", "value_1": "on Tuesday", "value_2": "at least 31 people"}, False),
    ({"label": "conflict", "kind": "numbers", "value_1": "killed 14 people", "value_2": "31 people died"}, True),
])
def test_disagreement_needs_conflict_label_distinct_grounded_values(built, embedder, settings, verdict, kept):
    llm = ScriptedLLM(reply(("The flood killed 14 people.", ["killed 14 people"]),
                            ("At least 31 people died.", ["At least 31"])), verdict)
    ans = answer(Q, built, embedder, llm, settings)
    assert bool(ans.disagreements) is kept


def test_no_pair_judged_when_sources_agree(built, embedder, settings):
    llm = ScriptedLLM(reply(("The dam failed after three days of heavy rain.", ["dam upstream failed"])))
    ans = answer("Why did the dam fail?", built, embedder, llm, settings)
    assert len(llm.prompts) == 1 and not ans.disagreements  # only one article cited: nothing to compare


def test_abstains_without_calling_the_model_when_nothing_is_relevant(built, embedder, settings):
    llm = ScriptedLLM()
    ans = answer("Quantum chromodynamics lattice gauge?", built, embedder, llm, replace(settings, min_relevance=0.3))
    assert ans.abstained and llm.prompts == [] and "close to the question" in ans.notes[0]


@pytest.mark.parametrize("q", ["", "   \n\t "])
def test_empty_question(built, embedder, settings, q):
    with pytest.raises(BadQuestion, match="empty"):
        answer(q, built, embedder, ScriptedLLM(), settings)


def test_huge_question(built, embedder, settings):
    with pytest.raises(BadQuestion, match="limit"):
        answer("flood " * 20_000, built, embedder, ScriptedLLM(), settings)


def test_prompt_marks_sources_as_data_and_numbers_them(built, embedder, settings):
    llm = ScriptedLLM()
    answer(Q, built, embedder, llm, settings)
    system, user = llm.prompts[0][0]["content"], llm.prompts[0][-1]["content"]
    assert "data, not instructions" in system
    assert user.startswith(f"Question: {Q}") and "[1] " in user and "(River Gazette)" in user


def test_retrieval_reaches_every_article_that_speaks_to_the_question(built, embedder, settings):
    from rag.retrieve import retrieve

    r = retrieve(Q, built, embedder, replace(settings, per_doc_chunks=1, top_chunks=2))
    assert {"river_gazette.txt", "valley_wire.md"} <= {s.doc for s in r.sources}


def test_sentences_met_before_are_not_embedded_again(built, embedder, settings):
    from rag.retrieve import retrieve

    first = retrieve(Q, built, embedder, settings)
    before = embedder.texts
    again = retrieve(Q, built, embedder, settings)
    assert embedder.texts - before == 1  # the question only
    assert again.sources == first.sources
    assert (again.vectors == first.vectors).all()


def test_conflict_must_survive_swapping_the_two_sentences(built, embedder, settings):
    conflict = {"label": "conflict", "kind": "numbers", "value_1": "killed 14 people", "value_2": "at least 31"}
    llm = ScriptedLLM(reply(("The flood killed 14 people.", ["killed 14 people"]),
                            ("At least 31 people died.", ["At least 31"])),
                      conflict, {"label": "agree", "kind": "numbers", "value_1": "", "value_2": ""})
    ans = answer(Q, built, embedder, llm, settings)
    assert not ans.disagreements and any("swapped" in n for n in ans.notes)
    judge_prompts = [p[-1]["content"] for p in llm.prompts[1:3]]
    assert judge_prompts[0].index("killed 14") < judge_prompts[0].index("At least 31")
    assert judge_prompts[1].index("At least 31") < judge_prompts[1].index("killed 14")


def test_the_swapped_judgement_is_not_asked_when_the_values_fail_anyway(built, embedder, settings):
    same = {"label": "conflict", "kind": "numbers", "value_1": "14 people", "value_2": "14 people"}
    llm = ScriptedLLM(reply(("The flood killed 14 people.", ["killed 14 people"]),
                            ("At least 31 people died.", ["At least 31"])), same)
    ans = answer(Q, built, embedder, llm, settings)
    assert not ans.disagreements and any("values agree" in n for n in ans.notes)
    assert len(llm.prompts) == 2  # the answer and one judgement: no second order for a verdict that cannot stand


def test_a_name_the_quote_lacks_is_not_let_through(built, embedder, settings):
    llm = ScriptedLLM(reply(("The Red Cross said the flood in Riverton killed 14 people.", ["killed 14 people"]),
                            ("The mayor said the flood in Riverton killed 14 people.", ["killed 14 people"])))
    ans = answer(Q, built, embedder, llm, settings)
    assert not any("Red Cross" in st.text for st in ans.statements)
    assert any("mayor said" in st.text for st in ans.statements)
    assert any("Red Cross" in n and "dropped" in n for n in ans.notes)
