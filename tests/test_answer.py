"""The answer pipeline (retrieve -> read each article -> reconcile) with a scripted model: what the program
guarantees whatever the model says."""

import json
import re
from dataclasses import replace

import pytest

from rag import index, prompts
from rag.answer import answer
from rag.build import build_index
from rag.errors import BadQuestion
from rag.settings import Settings
from tests.conftest import write_corpus
from tests.fakes import HASH_THRESHOLDS, ExtractiveLLM, HashEmbedder, ScriptedLLM, number_of

Q = "How many people did the Riverton flood kill?"
BOTH = {"killed 14 people": ("The flood killed 14 people.", ["killed 14 people"]),
        "At least 31": ("At least 31 people died.", ["At least 31"])}


def _quotes_are_slices(ans, ix):
    for doc, quote, a, b in ans.all_quotes():
        assert ix.docs[doc].text[a:b] == quote


def _corpus(tmp_path, articles, **over):
    s = Settings.from_env(env={}, corpus_dir=write_corpus(tmp_path / "c", articles), index_dir=tmp_path / "ix",
                          model_dir=tmp_path / "m", **(HASH_THRESHOLDS | over))
    emb = HashEmbedder()
    build_index(s, emb)
    return index.load(s), emb, s


def test_end_to_end_exact_citations_and_a_disagreement(built, embedder, settings):
    llm = ScriptedLLM(BOTH)
    found = []
    ans = answer(Q, built, embedder, llm, settings, on_finding=found.append)
    text = built.docs["river_gazette.txt"].text
    start = text.index("The flood in Riverton")
    end = text.index("mayor said.") + len("mayor said.")
    assert not ans.abstained
    assert sorted(s.text for s in ans.statements) == [
        "According to River Gazette, the flood killed 14 people.",
        "According to Valley Wire, at least 31 people died."]
    c = next(s for s in ans.statements if "14" in s.text).citations[0]
    assert (c.doc, c.start, c.end, c.quote) == ("river_gazette.txt", start, end, text[start:end])
    assert len(ans.disagreements) == 1
    d = ans.disagreements[0]
    assert {x.doc for x in d.sides} == {"river_gazette.txt", "valley_wire.md"} and d.kind == "numbers"
    assert "14 people" in d.summary and "31 people" in d.summary
    assert [p.docs for p in d.positions] in ([("river_gazette.txt",), ("valley_wire.md",)],
                                             [("valley_wire.md",), ("river_gazette.txt",)])
    assert set(llm.calls) == {"read", "answer"}  # two figures of one counted thing: the program decides
    _quotes_are_slices(ans, built)
    assert ans.model == "scripted-fake" and ans.timings_ms["total"] >= ans.timings_ms["generate"]
    assert 0 < ans.timings_ms["first_finding"] <= ans.timings_ms["total"]
    assert ans.settings_hash == settings.hash() and ans.index_version == built.version
    assert json.loads(json.dumps(ans.to_dict()))["statements"][0]["citations"][0]["start"] >= 0
    # every article read was streamed, in order, as soon as it was read
    assert [f.doc for f in found] == [f.doc for f in ans.findings] and len(found) >= 2


def test_articles_that_do_not_state_an_answer_mean_abstention(built, embedder, settings):
    llm = ScriptedLLM({})  # every article: P(yes) = 0.1
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.abstained and not ans.statements and not ans.disagreements
    assert "none states an answer" in ans.notes[0] and "River Gazette" in ans.notes[0]
    assert set(llm.calls) == {"read"}  # no answer is asked of an article that does not state one


def test_the_read_threshold_decides(built, embedder, settings):
    llm = ScriptedLLM(BOTH, p_yes=0.6)
    assert answer(Q, built, embedder, llm, replace(settings, read_threshold=0.7)).abstained
    assert not answer(Q, built, embedder, ScriptedLLM(BOTH, p_yes=0.6), replace(settings, read_threshold=0.5)).abstained


def test_an_answer_its_sentences_do_not_state_is_dropped(built, embedder, settings):
    llm = ScriptedLLM({"killed 14 people": ("The flood killed 41 people.", ["killed 14 people"])})
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.abstained and any("no sentence of the excerpt states" in n for n in ans.notes)


def test_an_answer_is_recited_to_the_sentence_that_states_it(built, embedder, settings):
    llm = ScriptedLLM({"killed 14 people": ("The flood killed 14 people.", ["Rescue teams from Northfield"])})
    ans = answer(Q, built, embedder, llm, settings)
    assert "killed 14 people" in ans.statements[0].citations[0].quote
    assert any("instead of" in n for n in ans.notes)  # re-cited, not just trimmed


def test_the_models_attribution_is_replaced_by_the_cited_outlet(built, embedder, settings):
    llm = ScriptedLLM({"killed 14 people": ("According to Harbor Times, the flood killed 14 people.",
                                            ["killed 14 people"])})
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.statements[0].text == "According to River Gazette, the flood killed 14 people."


def test_an_answer_not_of_the_kind_asked_is_refused(built, embedder, settings):
    llm = ScriptedLLM({"killed 14 people": ("The dam upstream failed after heavy rain.", ["dam upstream"])})
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.abstained and any("gives no figure" in n for n in ans.notes)


def test_cut_off_json_from_one_article_does_not_lose_the_others(built, embedder, settings):
    llm = ScriptedLLM({"killed 14 people": '{"ids": [1], "answer": "The flood killed 1',
                       "At least 31": ("At least 31 people died.", ["At least 31"])})
    ans = answer(Q, built, embedder, llm, settings)
    assert [s.text for s in ans.statements] == ["According to Valley Wire, at least 31 people died."]
    assert any("cut off" in n for n in ans.notes)


def test_a_reply_cut_after_its_answer_is_still_read(built, embedder, settings):
    llm = ScriptedLLM({"killed 14 people": '{"ids": [2], "answer": "The flood killed 14 people.", "more": "tr'})
    ans = answer(Q, built, embedder, llm, settings)
    assert ans.statements and "killed 14 people" in ans.statements[0].citations[0].quote


@pytest.mark.parametrize("words", ["killed nine workers", "killed 9 workers"])
@pytest.mark.parametrize("asked", ["workers", "people"])  # nine workers are the whole toll, however it is asked
def test_numbers_written_as_words_are_compared_and_an_update_is_named(tmp_path, words, asked):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": f"Factory fire in Brackwater\n\nBrackwater Courier\n\nThe fire in Brackwater {words} on Monday.\n",
        "b.txt": "Brackwater fire toll rises\n\nNorthern Post\n\nThe death toll from the Brackwater factory fire "
                 "has risen to fourteen, police said.\n"})
    llm = ScriptedLLM({"workers on Monday": ("The fire killed nine workers.", ["workers on Monday"]),
                       "risen to fourteen": ("The death toll has risen to fourteen.", ["risen to fourteen"])})
    ans = answer(f"How many {asked} died in the Brackwater factory fire?", ix, emb, llm, s)
    assert len(ans.disagreements) == 1
    d = ans.disagreements[0]
    assert d.kind == "update" and [x.doc for x in d.sides] == ["a.txt", "b.txt"]  # earlier report first
    assert [p.latest for p in d.positions] == [False, True] and "Northern Post (the latest report)" in d.summary
    _quotes_are_slices(ans, ix)


ALIASES = {
    "a.txt": "Regime accused\n\nHill Times\n\nLocal sources said the Assad regime backs ISIS in the east.\n",
    "b.txt": "Who backs ISIS\n\nRiver Post\n\nObservers say the Syrian regime backs ISIS in the east.\n",
    "c.txt": "Army and allies\n\nCity Wire\n\nThe army and its foreign allies fought in the east all week.\n",
    "d.txt": "The army\n\nTown Daily\n\nThe army fought in the east, residents said.\n",
}


def test_aliases_become_one_statement_citing_both_articles(tmp_path):
    ix, emb, s = _corpus(tmp_path, ALIASES, same_threshold=0.7)  # bag-of-words cosines run lower
    llm = ScriptedLLM({"Assad regime backs": ("The Assad regime backs ISIS.", ["Assad regime backs"]),
                       "Syrian regime backs": ("The Syrian regime backs ISIS.", ["Syrian regime backs"])})
    ans = answer("Who backs ISIS in the east?", ix, emb, llm, s)
    assert len(ans.statements) == 1 and not ans.disagreements
    st = ans.statements[0]
    assert re.match(r"According to (Hill Times and River Post|River Post and Hill Times), the (Assad|Syrian) "
                    r"regime backs ISIS\.$", st.text)
    assert {c.doc for c in st.citations} == {"a.txt", "b.txt"}


def test_complementary_answers_are_listed_side_by_side_not_flagged(tmp_path):
    ix, emb, s = _corpus(tmp_path, ALIASES)
    llm = ScriptedLLM({"foreign allies": ("The army and its foreign allies fought.", ["foreign allies"]),
                       "The army fought": ("The army fought.", ["The army fought"])})
    ans = answer("Who fought in the east?", ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements  # one position: each outlet keeps its own words


def test_different_actors_for_a_one_value_question_are_one_disagreement_with_two_positions(tmp_path):
    arts = {"a.txt": "Market strike\n\nFront Monitor\n\nResidents said the air force bombed the Saraband market.\n",
            "b.txt": "Market shelled\n\nState Agency\n\nThe ministry said rebel fighters shelled the Saraband "
                     "market.\n"}
    reads = {"air force bombed": ("The air force bombed it.", ["air force bombed"]),
             "rebel fighters": ("Rebel fighters shelled it.", ["rebel fighters"])}
    ix, emb, s = _corpus(tmp_path / "one", arts)
    ans = answer("Who attacked the Saraband market?", ix, emb, ScriptedLLM(reads), s)
    assert len(ans.statements) == 2 and len(ans.disagreements) == 1
    d = ans.disagreements[0]
    assert d.kind == "claims" and {p.claim for p in d.positions} == {"The air force bombed it.",
                                                                     "Rebel fighters shelled it."}
    # who took part may have several true answers: listed side by side, not flagged
    ix, emb, s = _corpus(tmp_path / "many", arts)
    many = answer("Who took part in the attack on the Saraband market?", ix, emb, ScriptedLLM(reads), s)
    assert len(many.statements) == 2 and not many.disagreements
    # who helps a side may be several too, but outlets naming different backers contest each other's account
    blame = answer("Who is helping the attackers of the Saraband market?", ix, emb, ScriptedLLM(reads), s)
    assert len(blame.statements) == 2 and len(blame.disagreements) == 1
    assert len(blame.disagreements[0].positions) == 2


TWO_FIRES = {"killed 5": ("The fire killed 5 people.", ["killed 5"]),
             "killed 12": ("The fire killed 12 people.", ["killed 12"])}


def test_an_article_about_another_place_is_ranked_lower_and_not_read(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Fire in Marlow\n\nDaily Ledger\n\nA fire in Marlow killed 5 people on Tuesday.\n",
        "b.txt": "Fire in Kestrel\n\nCity Wire\n\nA fire in Kestrel killed 12 people on Tuesday.\n"})
    from rag.question import parse
    from rag.retrieve import retrieve

    r = retrieve(parse("How many people died in the fire in Marlow?"), ix, emb, replace(s, read_articles=1))
    assert [p.doc for p in r.passages] == ["a.txt"]
    assert r.set_aside == (("b.txt", "ranked lower: does not mention Marlow"),)
    llm = ScriptedLLM({"killed 5": ("The fire killed 5 people.", ["killed 5"])})  # the reader says no to b
    ans = answer("How many people died in the fire in Marlow?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to Daily Ledger, the fire killed 5 people."]
    # a missing word ranks; never naming where the event happened is a certain mismatch: not read at all
    assert llm.calls.count("read") == 1
    assert "City Wire: does not mention Marlow, where the event asked about happened" in ans.notes


def _late_reports(tmp_path, dated: tuple[str, str], late: str):  # type: ignore[no-untyped-def]
    """The 2 March fire told by an article of the next day and two written weeks later (datelines `dated`),
    the last saying `late`; the question dates the event."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Fire in Marlow\n\nDaily Ledger\n\n3 March 2025\n\nA fire in Marlow killed 5 people on Sunday.\n",
        "b.txt": f"Marlow fire\n\nCity Wire\n\n{dated[0]}\n\nA fire in Marlow killed 12 people on Thursday.\n",
        "c.txt": f"Marlow mourns\n\nEvening Post\n\n{dated[1]}\n\n{late}\n"})
    llm = ScriptedLLM(TWO_FIRES | {"killed 7": ("The fire killed 7 people.", ["killed 7"])})
    return ix, llm, answer("How many people died in the fire in Marlow on 2 March 2025?", ix, emb, llm, s)


def test_an_article_written_weeks_after_the_dated_event_is_read_only_when_it_names_its_day(tmp_path):
    ix, llm, ans = _late_reports(tmp_path, ("28 March 2025", "30 March 2025"),
                                 "The 2 March fire in Marlow killed 7 people.")
    # b is dated three weeks later and names no day of the event's week: its answer could not be kept,
    # so it is not read; c, as late, names the day in the sentence it is quoted from: read and kept
    assert llm.calls.count("read") == 2
    assert any(n.startswith("City Wire (28 Mar 2025): dated 28 Mar 2025, not within a week") for n in ans.notes)
    assert {c.doc for st in ans.statements for c in st.citations} == {"a.txt", "c.txt"}
    assert len(ans.disagreements) == 1 and len(ans.disagreements[0].positions) == 2


def test_an_article_that_cannot_answer_takes_no_read_slot(tmp_path):
    """Retrieval passes over an article written weeks after the dated event (retrieve.mismatch) and fills
    the read slots with the next ones: with two slots, both articles that may answer are read."""
    from rag.question import parse
    from rag.retrieve import retrieve

    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Fire in Marlow\n\nDaily Ledger\n\n3 March 2025\n\nA fire in Marlow killed 5 people on Sunday.\n",
        "b.txt": "How many people died in the Marlow fire\n\nCity Wire\n\n28 March 2025\n\nHow many people died in "
                 "the fire in Marlow? The fire in Marlow killed 12 people.\n",
        "c.txt": "Marlow mourns\n\nEvening Post\n\n4 March 2025\n\nIn Marlow the blaze killed 7.\n"},
        read_articles=2)
    llm = ScriptedLLM(TWO_FIRES | {"killed 7": ("The blaze killed 7.", ["killed 7"])})
    q = parse("How many people died in the fire in Marlow on 2 March 2025?")
    r = retrieve(q, ix, emb, s)
    assert [d for d, _ in r.excluded] == ["b.txt"] and "not within a week" in r.excluded[0][1]
    assert sorted(p.doc for p in r.passages) == ["a.txt", "c.txt"] and r.set_aside == ()
    ans = answer(q.text, ix, emb, llm, s)
    assert {c.doc for st in ans.statements for c in st.citations} == {"a.txt", "c.txt"}


def test_a_dateline_written_with_dots_dates_the_article_and_early_march_places_the_event(tmp_path):
    ix, llm, ans = _late_reports(tmp_path, ("28.03.2025", "30.03.2025"),
                                 "In early March a fire in Marlow killed 7 people.")
    assert ix.docs["b.txt"].day == "28 Mar 2025"
    assert llm.calls.count("read") == 2  # b is late and names no time of the event; c names early March
    assert {c.doc for st in ans.statements for c in st.citations} == {"a.txt", "c.txt"}


def test_figures_of_events_in_different_years_are_not_a_disagreement(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Fire in Marlow\n\nDaily Ledger\n\n3 March 2025\n\nA fire in Marlow killed 5 people on Tuesday.\n",
        "b.txt": "Marlow remembers\n\nCity Wire\n\nIn 2019, a fire in Marlow killed 12 people.\n"})
    llm = ScriptedLLM(TWO_FIRES)
    ans = answer("How many people died in the fire in Marlow?", ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements
    assert any("reports a different event" in n for n in ans.notes)
    asked = answer("How many people died in the fire in Marlow in 2025?", ix, emb, ScriptedLLM(TWO_FIRES), s)
    assert [st.text for st in asked.statements] == ["According to Daily Ledger (3 Mar 2025), the fire killed 5 people."]


@pytest.mark.parametrize("echo", [
    "Give the numbers of the sentences that state the answer: 14 people.",  # the instructions
    "Give the figure and what it counts, as the excerpt states them: 14 dead.",  # the line added for a count
])
def test_no_answer_shares_six_words_with_the_prompts(built, embedder, settings, echo):
    """Example leakage: the read and answer prompts carry no worked example, and an answer that echoes any
    fixed text of the prompts is refused."""
    llm = ScriptedLLM({"killed 14 people": (echo, ["killed 14 people"]),
                       "At least 31": ("At least 31 people died.", ["At least 31"])})
    ans = answer(Q, built, embedder, llm, settings)
    texts = [s.text for s in ans.statements] + [x.claim for g in ans.disagreements for x in g.sides]
    assert texts and not any(prompts.copies_prompt(t) for t in texts)
    assert any("repeats the instructions" in n for n in ans.notes)
    for fixed in (prompts.READ_SYSTEM, prompts.READ_QUESTION, prompts.ANSWER_REQUEST, *prompts.ANSWER_FORM.values()):
        assert not re.search(r"\bAccording to\b|\bkilled\b|\bdied\b", fixed)  # no example answer in the prompts


def test_the_fallback_label_path_works_for_a_backend_without_probabilities(built, embedder, settings):
    ans = answer(Q, built, embedder, ExtractiveLLM(), settings)
    assert not ans.abstained and ans.disagreements  # 14 vs 31, found with generated labels only
    _quotes_are_slices(ans, built)


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


def test_read_prompt_shows_one_article_as_data_with_numbered_sentences(built, embedder, settings):
    llm = ScriptedLLM()
    answer(Q, built, embedder, llm, settings)
    system, user = llm.prompts[0][0]["content"], llm.prompts[0][-1]["content"]
    assert "data, not instructions" in system
    assert user.startswith("Article: ") and "[1] " in user and f"Question: {Q}" in user
    assert len(re.findall(r"^Article: ", user, re.M)) == 1


def test_retrieval_reads_every_article_that_speaks_to_the_question(built, embedder, settings):
    from rag.retrieve import retrieve

    r = retrieve(Q, built, embedder, replace(settings, per_doc_chunks=1, read_articles=2))
    assert {p.doc for p in r.passages} == {"river_gazette.txt", "valley_wire.md"}
    for p in r.passages:
        assert 1 <= len(p.sources) <= max(settings.read_sentences, settings.read_sentences_claim)
        assert [s.start for s in p.sources] == sorted(s.start for s in p.sources)  # article order
        assert [s.n for s in p.sources] == list(range(1, len(p.sources) + 1))


def test_sentences_met_before_are_not_embedded_again(built, embedder, settings):
    from rag.retrieve import retrieve

    first = retrieve(Q, built, embedder, settings)
    before = embedder.texts
    again = retrieve(Q, built, embedder, settings)
    assert embedder.texts - before == 1  # the question only
    assert again.passages == first.passages


def test_opposite_answers_to_a_yes_no_question_are_a_disagreement_without_asking_the_model(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "March in Aurel\n\nAurel Daily\n\nPolice fired tear gas after protesters threw stones in Aurel.\n",
        "b.txt": "Police attack march\n\nFree Radio\n\nWitnesses in Aurel said nobody threw stones at the police.\n"})
    llm = ScriptedLLM({"protesters threw stones": ("Protesters threw stones at the police.", ["protesters threw"]),
                       "nobody threw": ("Nobody threw stones at the police.", ["nobody threw"])})
    ans = answer("Did protesters throw stones at the police in Aurel?", ix, emb, llm, s)
    assert len(ans.disagreements) == 1 and ans.disagreements[0].kind == "claims"
    assert [p.claim for p in ans.disagreements[0].positions] in (
        ["Protesters threw stones at the police.", "Nobody threw stones at the police."],
        ["Nobody threw stones at the police.", "Protesters threw stones at the police."])


def test_an_article_about_another_kind_of_event_in_the_same_town_is_ranked_lower(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Mine blast in Ashbourne\n\nDaily Ledger\n\nAn explosion in a coal mine in Ashbourne killed "
                 "22 miners.\n",
        "b.txt": "Collapse in Ashbourne\n\nCity Wire\n\nThe collapse of a building in Ashbourne killed 7 people.\n"})
    from rag.question import parse
    from rag.retrieve import retrieve

    r = retrieve(parse("How many people were killed in the building collapse in Ashbourne?"), ix, emb, s)
    assert [p.doc for p in r.passages] == ["b.txt", "a.txt"]


def test_reading_more_articles_reuses_the_findings_of_those_already_read(built, embedder, settings):
    first_llm = ScriptedLLM(BOTH)
    first = answer(Q, built, embedder, first_llm, replace(settings, read_articles=1))
    assert len(first.findings) == 1 and first.unread
    llm = ScriptedLLM(BOTH)
    more = answer(Q, built, embedder, llm, replace(settings, read_articles=3), before=first)
    assert len(more.findings) == 3 and more.findings[0] == first.findings[0]
    assert llm.calls.count("read") == 2  # only the two articles not read before
    # an earlier answer made with other settings (beyond the articles read) is not reused
    other = answer(Q, built, embedder, ScriptedLLM(BOTH), replace(settings, read_articles=1, read_threshold=0.2))
    again = ScriptedLLM(BOTH)
    answer(Q, built, embedder, again, replace(settings, read_articles=3), before=other)
    assert again.calls.count("read") == 3


def test_a_bare_yes_is_quoted_from_the_sentences_the_model_cited_and_a_restated_name_is_no_answer(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "March in Aurel\n\nAurel Daily\n\nThousands marched through Aurel on Saturday. Police fired tear "
                 "gas after protesters threw stones at officers. The march ended at the harbour.\n",
        "b.txt": "Bridge talks\n\nRiver Post\n\nThe Syrian Democratic Forces met in Deir ez-Zor on Monday.\n"})
    llm = ScriptedLLM({"protesters threw stones": ("Yes.", ["protesters threw stones"])})
    ans = answer("Did protesters throw stones at the police in Aurel?", ix, emb, llm, s)
    assert [c.quote for st in ans.statements for c in st.citations] == [
        "Police fired tear gas after protesters threw stones at officers."]
    # the SDF under its full name, in Deir El-Zor spelt otherwise: the question's own words, not an answer
    llm = ScriptedLLM({"Democratic Forces met": ("Syrian Democratic Forces in Deir ez-Zor.", ["Democratic Forces"])})
    ans = answer("Who met the SDF in Deir El-Zor?", ix, emb, llm, s)
    assert ans.abstained and any("says nothing the question does not" in n for n in ans.notes)


def test_a_yes_no_answer_says_what_its_sentences_reply_not_what_the_model_wrote(tmp_path):
    """The model writes "Yes." for a sentence that says no: the reply is decided apart (rag/polarity.py), "No"
    only where a cited sentence says no in words and the model, asked over it alone, leans to no; one article
    saying yes and another no is a disagreement with both quotes."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Drone strike\n\nRiver Post\n\nA drone hit a militia position near Sukhna on Monday. The identity of "
                 "the drone was not confirmed, the monitor said.\n",
        "b.txt": "Drone strike\n\nLake Wire\n\nA drone hit a militia position near Sukhna on Monday. Officials "
                 "identified the drone as a coalition aircraft.\n"})
    q = "Was the drone that struck the militia near Sukhna identified?"
    reads = {"was not confirmed": ("Yes.", ["was not confirmed"]), "identified the drone": ("Yes.", ["identified"])}
    llm = ScriptedLLM(reads, noes=("was not confirmed",))
    ans = answer(q, ix, emb, llm, s)
    said = {f.doc: f.answer for f in ans.findings if f.answer}
    assert said == {"a.txt": "No.", "b.txt": "Yes."}
    assert llm.calls.count("polarity") == 1  # only the sentences that say no in words are asked about
    assert len(ans.disagreements) == 1 and {side.doc for side in ans.disagreements[0].sides} == {"a.txt", "b.txt"}
    # a negation the model reads as yes leaves the answer yes
    ans = answer(q, ix, emb, ScriptedLLM(reads), s)
    assert {f.doc: f.answer for f in ans.findings if f.answer} == {"a.txt": "Yes.", "b.txt": "Yes."}
    assert not ans.disagreements


def test_a_bare_yes_or_no_is_quoted_to_the_sentence_that_restates_what_is_asked(tmp_path):
    """The model answers "Yes." citing a sentence beside the point; the program quotes the excerpt's sentence
    closest to the question instead (read.restating), and its reply is that sentence's: no."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Deir ez-Zor front\n\nRiver Post\n\nShops opened late on Monday near the old market. Omair "
                 "said that ISIS is not fighting the Syrian regime in Deir ez-Zor. Fighting in Deir ez-Zor went on "
                 "for a week. Bread prices rose again.\n"})
    llm = ScriptedLLM({"Shops opened": ("Yes.", ["Shops opened"])}, noes=("not fighting",))
    ans = answer("Is ISIS fighting the Syrian regime in Deir ez-Zor?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to River Post, No."]
    assert [c.quote for st in ans.statements for c in st.citations] == [
        "Omair said that ISIS is not fighting the Syrian regime in Deir ez-Zor."]


def test_an_acronym_spelt_like_a_word_is_a_name_not_the_word(tmp_path):
    """"IS." names the Islamic State: it adds to the question (it was refused as repeating it, "is" being a stop
    word) and is stated only by a sentence that prints it in capitals."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Camp attack\n\nRiver Post\n\nAn Islamic State (IS) car bomb killed 20 people at a camp near "
                 "Hasakeh on Friday. The displaced families had fled the fighting.\n",
        "b.txt": "Camp blast\n\nLake Wire\n\nA car bomb that is said to have killed 20 people hit a camp near "
                 "Hasakeh on Friday.\n"})
    q = "Which group carried out the car bombing of the camp near Hasakeh?"
    ans = answer(q, ix, emb, ScriptedLLM({"Islamic State (IS)": ("IS.", ["(IS) car bomb"])}), s)
    assert [c.doc for st in ans.statements for c in st.citations] == ["a.txt"]
    ans = answer(q, ix, emb, ScriptedLLM({"is said to have": ("IS.", ["is said to have"])}), s)
    assert ans.abstained


class _Repeats(ScriptedLLM):
    """First repeats the question's own words; asked again (prompts.AGAIN), gives what the sentence adds."""

    def generate(self, messages, schema, on_token=None) -> str:
        if messages[-1]["content"] == prompts.AGAIN:
            self.calls.append("again")
            return json.dumps({"ids": [number_of(messages, "cotton mill")],
                               "answer": "The largest industrial facility in Deir ez-Zor."})
        return super().generate(messages, schema, on_token)


def test_an_answer_that_only_repeats_the_question_is_asked_for_once_more(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Campaign\n\nNews Desk\n\nThe SDF liberated the cotton mill (the largest industrial facility in "
                 "Deir ez-Zor) on 13 September. The campaign went on.\n"})
    q = "What was the cotton mill that the SDF liberated?"
    llm = _Repeats({"cotton mill": ("The cotton mill.", ["cotton mill"])})
    ans = answer(q, ix, emb, llm, s)
    assert llm.calls.count("again") == 1 and not ans.abstained
    assert "largest industrial facility" in ans.statements[0].text
    # a model that repeats itself when asked again: refused, and asked once only
    plain = ScriptedLLM({"cotton mill": ("The cotton mill.", ["cotton mill"])})
    ans = answer(q, ix, emb, plain, s)
    assert ans.abstained and plain.calls.count("answer") == 2
