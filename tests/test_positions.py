"""Positions, not pairs (rag/reconcile.py) and reading real wording (rag/read.py), with the scripted fake:
names under other spellings are read, yes/no answers kept, non-answers refused, one dispute per question
with its positions, different counted things never a dispute, reports ordered by their articles' dates."""

import json

from rag import index
from rag.answer import answer
from tests.fakes import ScriptedLLM
from tests.test_answer import _corpus, _quotes_are_slices


def test_an_article_saying_daesh_for_isis_is_read_and_its_answer_kept(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Car bomb near camp\n\nDesert Wire\n\nA Daesh car bomb killed 26 displaced people near the "
                 "camp on Friday.\n"})
    llm = ScriptedLLM({"Daesh car bomb": ("The car bomb killed 26 people.", ["Daesh car bomb"])})
    ans = answer("How many people did the ISIS car bomb near the camp kill?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to Desert Wire, the car bomb killed 26 people."]
    _quotes_are_slices(ans, ix)


def test_a_yes_no_answer_in_other_words_than_its_sentence_is_kept(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Jets strike SDF\n\nNorth Press\n\nRussian jets struck SDF positions east of the river.\n"})
    llm = ScriptedLLM({"Russian jets struck": ("Yes, Russian aircraft attacked the SDF.", ["Russian jets struck"])})
    ans = answer("Did Russian aircraft attack the SDF?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to North Press, yes, Russian aircraft attacked the SDF."]
    assert "yes" in llm.prompts[-1][-1]["content"].lower()  # the request asks a yes/no answer to start so


def test_non_answers_are_refused(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Flood in Riverton\n\nRiver Gazette\n\nThe flood in Riverton killed 14 people and wounded 30.\n"})
    toll = ScriptedLLM({"killed 14": ("The flood killed 14 people.", ["killed 14"])})
    ans = answer("What caused the flood in Riverton?", ix, emb, toll, s)
    assert ans.abstained and any("a toll, not a cause" in n for n in ans.notes)
    fighters = ScriptedLLM({"killed 14": ("14 people killed.", ["killed 14"])})
    ans = answer("Who did the council blame for the flood in Riverton?", ix, emb, fighters, s)
    assert ans.abstained and any("a toll, not who" in n for n in ans.notes)
    ans = answer("Where in Riverton did the flood strike?", ix, emb, ScriptedLLM({"killed 14": ("14 people.",
                                                                                      ["killed 14"])}), s)
    assert ans.abstained and any("a toll, not where" in n for n in ans.notes)
    ans = answer("What happened in the Riverton flood?", ix, emb, fighters, s)  # a toll may say what happened
    assert not ans.abstained
    hurt = ScriptedLLM({"killed 14": ("30 people were wounded.", ["killed 14"])})
    ans = answer("How many people were killed in the Riverton flood?", ix, emb, hurt, s)
    assert ans.abstained and any("counts the wounded, not the killed" in n for n in ans.notes)
    ix, emb, s = _corpus(tmp_path / "b", {
        "b.txt": "Car bomb in Inkhil\n\nEast Agency\n\nA car bomb in Inkhil killed a minister of the opposition. "
                 'The victims included "opposition figures, rebels and local officials", a monitor said. The '
                 "warplane crashed in a busy market in Ariha.\n"})
    victims = ScriptedLLM({"victims included": ("Opposition figures, rebels and local officials.",
                                                ["victims included"])})
    ans = answer("Which group claimed the car bomb in Inkhil?", ix, emb, victims, s)  # the victims claim nothing
    assert ans.abstained and any("speak of no claim" in n for n in ans.notes)
    crash = ScriptedLLM({"crashed in a busy": ("The warplane crashed in a busy market.", ["crashed in a busy"])})
    ans = answer("What happened to the pilot of the warplane that came down on the market of Ariha?", ix, emb,
                 crash, s)
    assert ans.abstained and any("do not speak of the pilot" in n for n in ans.notes)


def test_what_someone_said_is_not_read_from_an_article_that_never_names_them(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Colonel speaks\n\nSyrian Observer\n\nColonel Omair said the foreign fighters were misled.\n",
        "b.txt": "Fighters\n\nDaily Wire\n\nThe foreign fighters crossed the border, officials said.\n"})
    llm = ScriptedLLM({"foreign fighters": ("The fighters were misled.", ["foreign fighters"])})
    ans = answer("What did Omair say about the foreign fighters?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to Syrian Observer, the fighters were misled."]
    assert any("Daily Wire: does not mention Omair" in n for n in ans.notes)
    assert not any("crossed the border" in m["content"] for p in llm.prompts for m in p)  # not even asked


THREE = {
    "a.txt": "Blast in Marlow\n\nDaily Ledger\n\nThe blast in Marlow killed 7 people.\n",
    "b.txt": "Marlow blast toll\n\nCity Wire\n\nEleven people died in the Marlow blast.\n",
    "c.txt": "Marlow mourns\n\nTown Daily\n\nThe Marlow blast left 11 dead.\n",
}


def test_three_articles_giving_7_11_and_11_are_one_dispute_with_two_positions(tmp_path):
    ix, emb, s = _corpus(tmp_path, THREE)
    llm = ScriptedLLM({"killed 7": ("The blast killed 7 people.", ["killed 7"]),
                       "Eleven people": ("Eleven people died.", ["Eleven people"]),
                       "left 11": ("The blast left 11 dead.", ["left 11"])})
    ans = answer("How many people died in the Marlow blast?", ix, emb, llm, s)
    assert len(ans.disagreements) == 1
    d = ans.disagreements[0]
    assert [set(p.docs) for p in d.positions] == [{"b.txt", "c.txt"}, {"a.txt"}]  # the most articles first
    assert d.kind == "numbers" and d.summary.startswith("2 positions.")
    assert {x.doc for x in d.sides} == {"a.txt", "b.txt", "c.txt"}  # one side per article, for older readers
    assert len(ans.statements) == 2  # 11 said by two articles is one statement citing both
    _quotes_are_slices(ans, ix)
    data = ans.to_dict()["disagreements"][0]
    assert [len(p["docs"]) for p in data["positions"]] == [2, 1]


def test_30_wounded_and_8_killed_are_no_dispute(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Shelling in Marlow\n\nDaily Ledger\n\nThe shelling of Marlow wounded 30 people.\n",
        "b.txt": "Marlow shelled\n\nCity Wire\n\nThe shelling of Marlow killed 8 people.\n"})
    llm = ScriptedLLM({"wounded 30": ("The shelling wounded 30 people.", ["wounded 30"]),
                       "killed 8": ("The shelling killed 8 people.", ["killed 8"])})
    ans = answer("What casualties did the shelling of Marlow cause?", ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements
    assert any("counts something else" in n for n in ans.notes)


def test_reports_of_a_count_are_ordered_by_their_articles_dates_and_the_latest_marked(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "late.txt": "Wedding attack\n\nNorth Wire\n\nHasakeh, 4 Oct 2016. The suicide attack on the wedding killed "
                    "32 people.\n",
        "early.txt": "Wedding attack\n\nEast Agency\n\nHasakeh, 3 Oct 2016. The suicide attack on the wedding "
                     "killed 22 people.\n"})
    llm = ScriptedLLM({"killed 32": ("The attack killed 32 people.", ["killed 32"]),
                       "killed 22": ("The attack killed 22 people.", ["killed 22"])})
    ans = answer("How many people did the suicide attack on the wedding in Hasakeh kill?", ix, emb, llm, s)
    d = ans.disagreements[0]
    assert [p.docs for p in d.positions] == [("early.txt",), ("late.txt",)]
    assert [p.latest for p in d.positions] == [False, True]
    assert "North Wire (4 Oct 2016) (the latest report): The attack killed 32 people." in d.summary


def test_an_answer_only_the_headline_states_cites_the_headline(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Wedding attack kills 32\n\nDesert Wire\n\nA suicide bomber struck a wedding in Hasakeh on Monday.\n"
                 "Medics said dozens of guests were wounded.\n"})
    llm = ScriptedLLM({"struck a wedding": ("32 people.", ["struck a wedding"])})
    ans = answer("How many people were killed in the wedding attack in Hasakeh?", ix, emb, llm, s)
    [st] = ans.statements
    assert [c.quote for c in st.citations] == ["Wedding attack kills 32"]
    _quotes_are_slices(ans, ix)
    other = ScriptedLLM({"struck a wedding": ("40 people.", ["struck a wedding"])})  # stated nowhere: refused
    assert answer("How many people were killed in the wedding attack in Hasakeh?", ix, emb, other, s).abstained


def test_an_article_giving_two_tolls_is_cited_for_both_and_a_bare_figure_is_phrased(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Wedding attack\n\nNorth Wire\n\nThe suicide attack on the wedding killed 32 people, a medical "
                 "source said. The Red Crescent gave a slightly lower toll of 31 people killed. In August last year "
                 "another bomb killed at least 27 people in the town.\n",
        "b.txt": "Wedding attack\n\nEast Agency\n\nAt least 31 people were killed and 55 wounded at the wedding, among "
                 "them three children.\n"})
    llm = ScriptedLLM({"killed 32": ("32.", ["killed 32"]),
                       "least 31": ("At least 31 people were killed.", ["least 31"])})
    ans = answer("How many people were killed in the suicide attack on the wedding?", ix, emb, llm, s)
    assert len(ans.disagreements) == 1
    d = ans.disagreements[0]
    assert [set(p.docs) for p in d.positions] == [{"a.txt", "b.txt"}, {"a.txt"}]
    claims = {p.claim for p in d.positions}
    assert "32 people killed." in claims  # the bare "32." in its sentence's words
    quotes = {c.quote for p in d.positions for c in p.citations}
    assert "The Red Crescent gave a slightly lower toll of 31 people killed." in quotes
    assert not any("27" in q or "August" in q for q in quotes)  # another event: not a report of this toll
    assert not any("three" in st.text for st in ans.statements)  # a part of the count is not a toll
    _quotes_are_slices(ans, ix)


def test_the_whole_article_is_searched_for_its_reports_of_the_count(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Air raid on the rescue centre\n\nNorth Wire\n\nThe air raid on the rescue centre in Kafr Zeita "
                 "killed eight volunteers. Rescuers searched the rubble of the centre all night. The monitor later "
                 "said nine volunteers were killed in the raid. Rebels said they killed 30 soldiers elsewhere. "
                 "Eight volunteers were killed in the raid on Kafr Zeita, the civil defence said.\n"},
        read_sentences=1)
    llm = ScriptedLLM({"killed eight": ("Eight volunteers were killed.", ["killed eight"])})
    ans = answer("How many volunteers were killed in the air raid on the rescue centre in Kafr Zeita?",
                 ix, emb, llm, s)
    quotes = {c.quote for st in ans.statements for c in st.citations} | \
        {c.quote for d in ans.disagreements for c in d.sides}
    assert "The monitor later said nine volunteers were killed in the raid." in quotes  # outside the excerpt
    assert "Eight volunteers were killed in the raid on Kafr Zeita, the civil defence said." in quotes  # its figure
    assert not any("soldiers" in q for q in quotes)  # another kind of people: not a report of this toll
    _quotes_are_slices(ans, ix)
    ix, emb, s = _corpus(tmp_path / "b", {
        "b.txt": "Bomb kills 18 in Damascus suburb\n\nEast Agency\n\nIn August last year another car bomb killed at "
                 "least 27 people in the town. Rescuers searched the rubble. A bomb killed 18 people in the market "
                 "of Jaramana on Tuesday, state television said.\n"})
    llm = ScriptedLLM({"another car bomb": ("At least 27 people killed.", ["another car bomb"])})
    ans = answer("How many people did the car bomb in the market of Jaramana kill?", ix, emb, llm, s)
    [st] = ans.statements
    assert "27" not in st.text and "18" in st.text  # not last year's toll: the article's own
    # its headline gives the figure, and the sentence naming the place confirms the event
    assert [c.quote for c in st.citations] == [
        "Bomb kills 18 in Damascus suburb", "A bomb killed 18 people in the market of Jaramana on Tuesday, state "
        "television said."]


def test_a_figure_is_quoted_where_the_article_states_it_up_to_three_times(tmp_path):
    """The model cites one sentence; the article's other sentences giving the same figure for what is counted
    are quoted beside it (read.SAME_REPORTS, two at most): the headline, the lead, the monitor's restatement."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Air strike kills 12 in Atareb market\n\nNorth Wire\n\nAt least 12 people were killed on Monday in "
                 "an air strike on the market of Atareb, rescuers said. Shops burned for hours. The Observatory "
                 "also said 12 people were killed in the strike on the market. Aid groups asked for a pause.\n"})
    llm = ScriptedLLM({"rescuers said": ("12 killed.", ["rescuers said"])})
    ans = answer("How many people were killed in the air strike on the Atareb market?", ix, emb, llm, s)
    [st] = ans.statements
    assert [c.quote for c in st.citations] == [
        "Air strike kills 12 in Atareb market",
        "At least 12 people were killed on Monday in an air strike on the market of Atareb, rescuers said.",
        "The Observatory also said 12 people were killed in the strike on the market."]
    _quotes_are_slices(ans, ix)


def test_each_name_of_an_answer_is_in_its_quotes_an_al_name_too(tmp_path):
    """ "Al-Sayyed Ali and al-Hamidiyeh neighborhoods." (eval/fakes/dev7.jsonl d7-06) was quoted to the sentence
    naming al-Sayyed Ali alone: a name written with its article in lower case is a name (support.CAPITALISED),
    so the sentence naming al-Hamidiyeh is quoted too."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Rockets hit Aleppo\n\nNorth Wire\n\nFresh rocket attacks on Aleppo city on Sunday killed 3 people. "
                 "A police source said the militants fired rocket shells on al-Sayyed Ali neighborhood. More rocket "
                 "shells later hit al-Hamidiyeh neighborhood leaving one person dead. The attacks damaged houses.\n"})
    llm = ScriptedLLM({"police source": ("Al-Sayyed Ali and al-Hamidiyeh neighborhoods.",
                                         ["Fresh rocket", "later hit", "damaged houses"])})
    ans = answer("Which neighbourhoods of Aleppo were hit by rocket shells on Sunday?", ix, emb, llm, s)
    [st] = ans.statements
    quoted = " ".join(c.quote for c in st.citations)
    assert "al-Sayyed Ali" in quoted and "al-Hamidiyeh" in quoted
    _quotes_are_slices(ans, ix)


def test_a_toll_of_another_province_in_the_same_article_is_not_reported_for_the_one_asked(tmp_path):
    """ "Idlib province" is where the question's event happened even without "in" before it (question.places_in);
    the article's toll for Aleppo is another place's, not another report of the one asked (eval/fakes/dev10.jsonl
    d10-06)."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Warplanes pound Idlib\n\nNorth Wire\n\nWarplanes pounded Idlib province on Sunday, killing at "
                 "least 22 people, activists said. Markets and homes were hit. In Aleppo city government shelling "
                 "killed 40 civilians on Sunday, the monitor said.\n"})
    llm = ScriptedLLM({"activists said": ("At least 22 people killed.", ["activists said"])})
    ans = answer("How many people were killed by the warplanes that pounded Idlib province on Sunday?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to North Wire, at least 22 people killed."]
    assert not ans.disagreements
    _quotes_are_slices(ans, ix)


def test_a_name_the_model_spells_otherwise_is_stated_as_its_article_spells_it(tmp_path):
    """ "Jisr al-Shagour" for the article's "Jisr al-Shaghour" (eval/fakes/dev10.jsonl d10-07) was refused as
    stated by no sentence; the statement now gives the article's spelling, which its quote holds."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Jets over Idlib\n\nNorth Wire\n\nActivists said Russian jets struck the towns of Jisr al-Shaghour "
                 "and Binnish on Sunday. Markets were hit.\n"})
    llm = ScriptedLLM({"Activists said": ("Jisr al-Shagour and Binnish.", ["Activists said"])})
    ans = answer("Which towns in Idlib did Russian jets strike on Sunday?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to North Wire, Jisr al-Shaghour and Binnish."]
    _quotes_are_slices(ans, ix)


def test_a_hyphenated_actor_is_the_same_position_as_the_actor_alone(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Shelling near Raqqa\n\nFront Wire\n\nActivists reported Regime-ISIL cooperation in bombardments of "
                 "SDF positions near Raqqa.\n",
        "b.txt": "Meetings in Deir ez-Zor\n\nEast Post\n\nSources said the Baathist regime cooperates with ISIS "
                 "against the SDF.\n"})
    llm = ScriptedLLM({"Regime-ISIL": ("Regime-ISIL cooperation in bombardments.", ["Regime-ISIL"]),
                       "Baathist regime": ("The Baathist regime cooperates with ISIS.", ["Baathist regime"])})
    ans = answer("Who cooperates with ISIS against the SDF?", ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements  # both name the regime: one position
    _quotes_are_slices(ans, ix)


def test_two_actors_named_together_hold_the_position_of_either(tmp_path):
    """ "Turkish forces and the U. S.-led coalition" and "the US-led coalition" (eval/fakes/dev5.jsonl d5-06):
    each actor of an answer heads its value, and U.S. is the US."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Strikes in the north\n\nFront Wire\n\nAt least 23 militants were killed on Sunday in a Turkish "
                 "Armed Forces and U.S.-led coalition operation near the border.\n",
        "b.txt": "Militants killed\n\nEast Post\n\nAt least 23 militants were killed on Sunday by the US-Led "
                 "Coalition near the border.\n"})
    llm = ScriptedLLM({"Armed Forces": ("Turkish Armed Forces and U. S.-led coalition.", ["Armed Forces"]),
                       "by the US-Led": ("US-Led Coalition.", ["by the US-Led"])})
    ans = answer("Who carried out the strikes that killed 23 militants near the border on Sunday?", ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements
    _quotes_are_slices(ans, ix)


def test_a_figure_from_an_article_about_another_place_is_not_set_against_the_others(tmp_path):
    """A question about Raqqa; an article about Deir ez-Zor that names Raqqa only further down gives 58 in a
    quote that names no place (eval/fakes/dev5.jsonl d5-01): listed, not a dispute. Its article's opening
    decides, not the quote alone: 48 in an article that opens on the city is compared."""
    east = " ".join(f"Families in Deir ez-Zor buried {k} relatives in the village cemetery that week." for k in
                    ("two", "three", "four", "five", "six", "seven", "eight"))
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Raids on Raqqa\n\nFront Wire\n\nOvernight air strikes in Raqqa killed 25 civilians on Tuesday.\n",
        "b.txt": f"Strikes in the east\n\nEast Post\n\nStrikes kill 58 civilians. {east} Raids on Raqqa went on.\n",
        "c.txt": "Raqqa toll\n\nRiver Post\n\nThe raids on the city of Raqqa went on overnight. The monitor said 48 "
                 "civilians died on Tuesday.\n"})
    llm = ScriptedLLM({"killed 25": ("25 civilians killed.", ["killed 25"]),
                       "Strikes kill 58": ("58 civilians killed.", ["Strikes kill 58"]),
                       "said 48": ("48 civilians killed.", ["said 48"])})
    ans = answer("How many civilians were killed in the air strikes in Raqqa on Tuesday?", ix, emb, llm, s)
    assert len(ans.statements) == 3 and len(ans.disagreements) == 1
    assert sorted(p.claim for p in ans.disagreements[0].positions) == ["25 civilians killed.", "48 civilians killed."]
    assert any("where the event asked about happened; not compared" in n for n in ans.notes)


def test_one_name_in_two_transliterations_is_one_position(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Police station attack\n\nFront Wire\n\nInterior Minister Mohammed Shaar told reporters that one "
                 "attacker reached the first floor of the Midan police station.\n",
        "b.txt": "Midan bombing\n\nEast Post\n\nLt. Gen. Mohammad al-Shaar, the interior minister, told reporters "
                 "that two attackers stormed the Midan police station.\n"})
    llm = ScriptedLLM({"Mohammed Shaar": ("Mohammed Shaar.", ["Mohammed Shaar"]),
                       "al-Shaar": ("Lt. Gen. Mohammad al-Shaar.", ["al-Shaar"])})
    ans = answer("Who was the interior minister who spoke about the attack on the Midan police station?",
                 ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements  # one man, spelt two ways: no dispute
    _quotes_are_slices(ans, ix)


def test_a_toll_does_not_answer_how_many_strikes_hit(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Market strikes\n\nFront Wire\n\nThree air strikes hit the market in Atareb on Monday.\n",
        "b.txt": "Atareb toll\n\nEast Post\n\nAir strikes on the market in Atareb have killed at least 61 people "
                 "mostly civilians.\n"})
    llm = ScriptedLLM({"Three air strikes": ("Three air strikes.", ["Three air strikes"]),
                       "at least 61": ("61.", ["at least 61"])})
    ans = answer("How many air strikes hit the market in Atareb?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to Front Wire, three air strikes."]
    assert not ans.disagreements and any("counts the killed in its sentence" in n for n in ans.notes)


def test_a_group_saying_its_own_fighter_did_it_is_a_claim(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Wedding attack\n\nFront Wire\n\nThe Islamic State group said in a statement that one of its "
                 "fighters had fired on a large gathering before blowing himself up.\n"})
    llm = ScriptedLLM({"one of its": ("The Islamic State group.", ["one of its"])})
    ans = answer("Which group claimed the suicide bombing of the wedding?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to Front Wire, the Islamic State group."]


WEDDING = {
    "a.txt": "Wedding attack\n\nFront Wire\n\nThe Islamic State (IS) group said one of its fighters blew himself up at "
             "the wedding in Tall Tawil.\n",
    "b.txt": "Tall Tawil bombing\n\nEast Post\n\nDaish said one of its fighters had blown himself up at the wedding in "
             "Tall Tawil.\n",
    "c.txt": "The war on Daesh\n\nNorth Daily\n\nThe coalition against Daesh (ISIS) met in Paris. ISIS, also known as "
             "the Islamic State, lost ground.\n"}


def test_names_the_articles_give_for_one_group_are_one_position(tmp_path):
    ix, emb, s = _corpus(tmp_path, WEDDING)
    llm = ScriptedLLM({"The Islamic State (IS)": ("The Islamic State (IS) group.", ["The Islamic State (IS)"]),
                       "Daish said": ("Daish.", ["Daish said"])})
    ans = answer("Which group claimed the attack on the wedding in Tall Tawil?", ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements  # IS, ISIS, Daesh, Daish: one group, by the corpus
    cached = json.loads((ix.path / "aliases.json").read_text())  # mined once per index version, then read
    assert ["Daesh", "ISIS"] in cached and index.load(s).aliases.groups_in("Daish") == ix.aliases.groups_in("ISIS")
    other = dict(WEDDING, **{"b.txt": WEDDING["b.txt"].replace("Daish", "The Nusra Front")})
    ix, emb, s = _corpus(tmp_path / "other", other)
    llm = ScriptedLLM({"The Islamic State (IS)": ("The Islamic State (IS) group.", ["The Islamic State (IS)"]),
                       "Nusra Front said": ("The Nusra Front.", ["Nusra Front said"])})
    assert answer("Which group claimed the attack on the wedding in Tall Tawil?", ix, emb, llm, s).disagreements


def test_a_person_of_another_office_does_not_answer_which_spokesman(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Strike on wells\n\nFront Wire\n\nObservatory director Rami Abdel Rahman said planes hit the wells in "
                 "Raqqa.\n",
        "b.txt": "Coalition answers\n\nEast Post\n\nThe coalition's spokesman Colonel Ryan Dillon said it limits harm "
                 "to civilians in Raqqa.\n"})
    llm = ScriptedLLM({"Rami Abdel Rahman": ("Rami Abdel Rahman.", ["Rami Abdel Rahman"]),
                       "Ryan Dillon": ("Colonel Ryan Dillon.", ["Ryan Dillon"])})
    ans = answer("Which coalition spokesman answered for the strike on the wells in Raqqa?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to East Post, Colonel Ryan Dillon."]
    assert any("name a spokesman" in n for n in ans.notes)


def test_a_weekday_is_the_day_it_names_in_its_article(tmp_path):
    monday = "Midan bombing\n\nFront Wire\n\nTuesday 3 Oct 2017. Suicide bombers hit the police station in Midan on " \
             "Monday.\n"
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": monday,
        "b.txt": "Second attack\n\nEast Post\n\nWednesday 11 Oct 2017. It followed an October 2 attack on the police "
                 "station in Midan.\n"})
    q = "On what day did suicide bombers attack the police station in Midan?"
    llm = ScriptedLLM({"on Monday": ("On Monday.", ["on Monday"]), "October 2": ("October 2.", ["October 2"])})
    ans = answer(q, ix, emb, llm, s)
    assert len(ans.statements) == 2 and not ans.disagreements  # Monday before 3 Oct 2017 is 2 October: one day
    ix, emb, s = _corpus(tmp_path / "other", {
        "a.txt": monday,
        "c.txt": "Midan attack\n\nEast Post\n\nFriday 6 Oct 2017. Bombers hit the police station in Midan on "
                 "Wednesday.\n"})
    llm = ScriptedLLM({"on Monday": ("On Monday.", ["on Monday"]), "on Wednesday": ("On Wednesday.", ["on Wednesday"])})
    assert len(answer(q, ix, emb, llm, s).disagreements) == 1  # 2 October against 4 October


QURIA = {"a.txt": "Raids on Quria\n\nMonitor Wire\n\nAir raids on Quria killed at least 82 people including 58 "
                  "civilians. It added that 24 other people were killed in Quria.\n",
         "b.txt": "Quria toll\n\nRiver Post\n\nThe air raids on Quria killed 58 civilians, the monitor said.\n",
         "c.txt": "Children of Quria\n\nAid Desk\n\nThe air raids on Quria killed 25 children, the agency said.\n"}


def test_a_part_of_a_toll_is_not_another_report_of_it(tmp_path):
    """82 people "including 58 civilians", "24 other people", "25 children": parts of one toll, no dispute."""
    ix, emb, s = _corpus(tmp_path, QURIA)
    llm = ScriptedLLM({"at least 82": ("At least 82 people killed.", ["at least 82"]),
                       "killed 58": ("58 civilians killed.", ["killed 58"]),
                       "25 children": ("25 children.", ["25 children"])})
    ans = answer("What was the death toll of the air raids on Quria?", ix, emb, llm, s)
    assert not ans.disagreements and len(ans.statements) == 3
    assert not any("24" in st.text for st in ans.statements)  # counted besides the others, never a toll
    assert any("given as a part of" in n for n in ans.notes) and any("counts something else" in n for n in ans.notes)
    others = ScriptedLLM({"24 other": ("24 killed.", ["24 other"])})
    refused = answer("What was the death toll of the air raids on Quria?", ix, emb, others, s)
    assert refused.abstained and any("counts others besides" in n for n in refused.notes)


def test_a_figure_the_article_gives_for_another_place_is_not_another_report(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Qamishli bomb\n\nCity Wire\n\nA truck bomb in Qamishli killed 44 people, state media said. In Aleppo "
                 "city at least 18 people were killed in air strikes on Wednesday. The monitor gave a toll of 48 "
                 "dead.\n"})
    llm = ScriptedLLM({"killed 44": ("44 people killed.", ["killed 44"])})
    ans = answer("How many people were killed by the truck bomb in Qamishli?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to City Wire, 44 people killed.",
                                                  "According to City Wire, 48 killed."]  # not Aleppo's 18
    # the two sources one article quotes are listed side by side: no other article disputes them
    assert not ans.disagreements
    assert any(n.startswith("City Wire alone gives '44 people killed.' and '48 killed.'") for n in ans.notes)


def test_two_articles_giving_two_sources_tolls_disagree(tmp_path):
    """The same two sources' figures, each in an article of its own: one disagreement with both positions."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Qamishli bomb\n\nCity Wire\n\nA truck bomb in Qamishli killed 44 people, state media said.\n",
        "b.txt": "Qamishli blast\n\nRiver Post\n\nThe monitor gave a toll of 48 dead in the Qamishli truck bomb.\n"})
    llm = ScriptedLLM({"killed 44": ("44 people killed.", ["killed 44"]), "of 48": ("48 killed.", ["of 48"])})
    ans = answer("How many people were killed by the truck bomb in Qamishli?", ix, emb, llm, s)
    assert len(ans.disagreements) == 1
    assert [p.docs for p in ans.disagreements[0].positions] == [("a.txt",), ("b.txt",)]



GHOUTA = ("Raids near Damascus\n\n{outlet}\n\nAir strikes on a rebel-held region near Damascus killed at least 22 "
          "civilians on Monday, the Observatory said. The highest toll was in Douma, where raids killed 16 civilians "
          "and wounded 22, it said.\n")


def test_an_article_giving_a_toll_and_its_part_does_not_disagree_with_itself(tmp_path):
    """Two articles both give the region's 22 and Douma's 16: not two reports of one count
    (eval/fakes/dev5.jsonl d5-11, d5-12). Nor does an article that says two sources gave two tolls
    (test_a_figure_the_article_gives_for_another_place_is_not_another_report)."""
    ix, emb, s = _corpus(tmp_path, {"a.txt": GHOUTA.format(outlet="Gulf Wire"),
                                    "b.txt": GHOUTA.format(outlet="Levant Post")})
    llm = ScriptedLLM({"least 22": ("At least 22 civilians killed.", ["least 22"]),
                       "killed 16": ("16 civilians killed.", ["killed 16"])})
    ans = answer("How many civilians were killed in Douma by the raids on Monday?", ix, emb, llm, s)
    assert not ans.disagreements
    both = "According to Gulf Wire and Levant Post"
    assert [st.text for st in ans.statements] == [f"{both}, at least 22 civilians killed.",
                                                  f"{both}, 16 civilians killed."]
    assert any("report no competing figure" in n for n in ans.notes)


def test_a_wire_copy_of_the_answering_sentence_states_the_answer_too(tmp_path):
    """The model missed the copy (its excerpt opens on a photo caption); the program finds the sentence in it,
    word for word but for the quotation marks, and cites it from the copy's own text."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Raids on Douma\n\nAhram\n\nIn the east \"at least 15 people were killed in air strikes on Douma\" "
                 "the monitor said. It spoke on Monday.\n",
        "b.txt": "Raids on Douma\n\nJordan Times\n\nA boy runs past rubble (AFP photo). In the east at least 15 people "
                 "were killed in air strikes on Douma the monitor said.\n",
        "c.txt": "Douma market\n\nCity Wire\n\nThe market in Douma reopened after the raids.\n"})
    llm = ScriptedLLM({"on Monday": ("At least 15 people killed.", ["at least 15"])})
    ans = answer("How many people were killed in the air strikes on Douma?", ix, emb, llm, s)
    assert not ans.disagreements and len(ans.statements) == 1
    assert {c.doc for c in ans.statements[0].citations} == {"a.txt", "b.txt"}
    assert any(n.startswith("Jordan Times: prints, word for word, what ") for n in ans.notes)
    _quotes_are_slices(ans, ix)
    # an article that answered on its own keeps its own answer; a short common sentence is no copy
    assert "c.txt" not in {c.doc for st in ans.statements for c in st.citations}



def test_a_copy_in_an_article_that_cannot_answer_is_not_taken(tmp_path):
    """The same sentence in an article that never names the place asked about is another use of the wording
    (read.mismatch), not a copy of this report."""
    line = "At least 15 people were killed in the air strikes overnight, the monitor said."
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": f"Raids on Douma\n\nAhram\n\nJets struck Douma on Monday. {line}\n",
        "b.txt": f"Raids on Douma\n\nJordan Times\n\nJets struck Douma. {line}\n",
        "d.txt": f"Raids on Harasta\n\nCity Wire\n\nJets struck Harasta. {line}\n"})
    llm = ScriptedLLM({"on Monday": ("At least 15 people killed.", ["At least 15"])})
    ans = answer("How many people were killed in the air strikes in Douma?", ix, emb, llm, s)
    assert {c.doc for st in ans.statements for c in st.citations} == {"a.txt", "b.txt"}


def test_a_claim_the_article_states_again_further_down_is_cited_there_too(tmp_path):
    cases = [  # (article, the model's sentence, its answer, question, quotes); a restating sentence need not
        # repeat every word of the question ("actively assisted ISIS in this area")
        ("The Assad regime backs IS against the rebels in Deir ez-Zor. The river is low this year. Farmers sold "
         "their sheep. Local sources say the Assad regime backs IS with fuel and arms in Deir ez-Zor.",
         "Assad regime backs", "The Assad regime.", "Who backs IS in Deir ez-Zor?",
         ["The Assad regime backs IS against the rebels in Deir ez-Zor.",
          "Local sources say the Assad regime backs IS with fuel and arms in Deir ez-Zor."]),
        ("The way for the ISIS offensive in eastern Syria was paved by the Grey Coalition. The river is low this "
         "year. Farmers sold their sheep. The Grey Coalition actively assisted ISIS in this area in December.",
         "paved by", "The Grey Coalition.", "Who is backing ISIS in eastern Syria?",
         ["The way for the ISIS offensive in eastern Syria was paved by the Grey Coalition.",
          "The Grey Coalition actively assisted ISIS in this area in December."])]
    for k, (text, frag, said, question, quotes) in enumerate(cases):
        ix, emb, s = _corpus(tmp_path / str(k), {"a.txt": f"Backers of IS\n\nRiver Post\n\n{text}\n"})
        ans = answer(question, ix, emb, ScriptedLLM({frag: (said, [frag])}), s)
        assert [c.quote for st in ans.statements for c in st.citations] == quotes
        _quotes_are_slices(ans, ix)


def test_a_right_answer_cited_to_the_wrong_sentence_is_cited_to_the_one_that_states_it(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Wedding attack\n\nFront Wire\n\nA suicide bomber struck the wedding in Tall Tawil, the Islamic State "
                 "stronghold nearby was quiet. The Islamic State group said in a statement that one of its fighters "
                 "blew himself up.\n"})
    llm = ScriptedLLM({"suicide bomber struck": ("The Islamic State group.", ["suicide bomber struck"])})
    ans = answer("Which group claimed the suicide bombing of the wedding in Tall Tawil?", ix, emb, llm, s)
    assert [c.quote for st in ans.statements for c in st.citations] == [
        "The Islamic State group said in a statement that one of its fighters blew himself up."]
    assert any("speak of no claim; cited the article's sentence that does instead" in n for n in ans.notes)
    victims = ScriptedLLM({"suicide bomber struck": ("Wedding guests.", ["suicide bomber struck"])})
    assert answer("Which group claimed the suicide bombing of the wedding in Tall Tawil?", ix, emb, victims,
                  s).abstained  # no sentence states a wrong answer: still refused


def test_the_parts_a_round_up_adds_up_to_its_total_are_no_dispute(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Toll in Aleppo rises to 11\n\nCity Wire\n\nThe toll of the rocket attacks on Aleppo rose to 11 "
                 "civilians killed on Sunday. Eight civilians were killed in the rocket attack on the public park. "
                 "Three civilians were killed in the rocket attack on Khaldiyeh, Aleppo.\n"})
    llm = ScriptedLLM({"rose to 11": ("11 civilians killed.", ["rose to 11"])})
    ans = answer("How many civilians were killed by the rocket attacks on Aleppo on Sunday?", ix, emb, llm, s)
    assert not ans.disagreements and any("adds up to its total" in n for n in ans.notes)
    assert {p for st in ans.statements for p in ("11", "Eight", "Three", "eight", "three") if p in st.text} >= {"11"}


def test_fighters_killed_are_not_another_report_of_a_toll_of_civilians(tmp_path):
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Raid on Daret Izza\n\nCity Wire\n\nEight civilians were killed when warplanes struck the village of "
                 "Daret Izza on Wednesday. Also on Wednesday 22 Daesh fighters were killed when warplanes struck a "
                 "convoy near the village of Daret Izza.\n"})
    llm = ScriptedLLM({"Eight civilians": ("Eight civilians were killed.", ["Eight civilians"])})
    ans = answer("How many civilians were killed when warplanes struck the village of Daret Izza?", ix, emb, llm, s)
    assert not ans.disagreements and [st.text for st in ans.statements] == [
        "According to City Wire, eight civilians were killed."]


def test_a_count_of_armed_men_beside_a_count_of_everyone_is_no_dispute(tmp_path):
    """"17 militants and a child" beside the headline's 18, two articles on one strike: the militants are a
    part of everyone killed, not another report of the toll (eval/fakes/dev8.jsonl d8-12, `reconcile.armed_part`);
    two counts of everyone that differ still disagree."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Strike on a camp\n\nGulf Wire\n\nAn air strike on a training camp in Tibni killed 17 militants and "
                 "a child, a monitor said.\n",
        "b.txt": "Camp hit\n\nLevant Post\n\nAn air strike on a training camp in Tibni killed 18 people on Saturday.\n",
        "c.txt": "Camp toll\n\nCity Wire\n\nThe air strike on the training camp in Tibni killed 25 people.\n"})
    llm = ScriptedLLM({"17 militants": ("17 militants killed.", ["17 militants"]),
                       "18 people": ("18 people killed.", ["18 people"])})
    q = "How many people were killed by the air strike on the training camp in Tibni?"
    ans = answer(q, ix, emb, llm, s)
    assert not ans.disagreements and len(ans.statements) == 2
    assert any("a count of armed men only" in n for n in ans.notes)
    both = ScriptedLLM({"18 people": ("18 people killed.", ["18 people"]),
                        "25 people": ("25 people killed.", ["25 people"])})
    assert len(answer(q, ix, emb, both, s).disagreements) == 1


def test_how_many_of_those_killed_were_civilians_counts_the_civilians():
    from rag.question import parse
    from rag.values import counts_of
    q = parse("How many of those killed by the air strikes on Salma in August 2013 were civilians?")
    assert (q.kind, q.outcome, q.people, q.part) == ("count", "killed", "civilian", "civilian")
    assert parse("How many of them were Syrian soldiers?").people == "armed"
    # the people counted are named after "of those killed"; a figure in two words is one figure
    assert counts_of("He said six of those killed were Syrian rebel fighters.", "killed")[0][2] == "fighters"
    assert counts_of("Twenty-five people fell as martyrs and 107 others were wounded.", "killed")[0][0] == "25"


def test_another_district_of_the_city_is_not_another_event(tmp_path):
    """"A second car bomb exploded in another district of the city wounding three people" answers how many
    the second car bomb wounded (dev8 d8-02): "another district" places the same event, "another car bomb
    last year" is another event."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Car bombs in Homs\n\nGulf Wire\n\nTen people were killed and 22 wounded in a car bomb attack on a "
                 "taxi stand in Homs on Sunday. A second car bomb exploded in another district of the city wounding "
                 "three people.\n"})
    llm = ScriptedLLM({"second car bomb": ("Three people wounded.", ["second car bomb"])})
    ans = answer("How many people did the second car bomb in Homs wound on Sunday?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to Gulf Wire, three people wounded."]


def test_a_count_given_only_as_a_word_is_no_dispute_with_a_figure_it_fits(tmp_path):
    """State television's "tens of terrorists" beside another outlet's 50: two reports that do not contradict
    each other (eval/fakes/dev11.jsonl d11-08); "dozens" beside 5 still disagrees."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Ambush in Daraa\n\nCity Wire\n\nState television said tens of terrorists were killed in the ambush "
                 "in Daraa.\n",
        "b.txt": "Daraa ambush\n\nRiver Post\n\nThe army killed 50 militants in the ambush in Daraa.\n"})
    llm = ScriptedLLM({"tens of": ("Tens of terrorists killed.", ["tens of"]),
                       "killed 50": ("50 militants killed.", ["killed 50"])})
    ans = answer("How many rebels were killed in the ambush in Daraa?", ix, emb, llm, s)
    assert not ans.disagreements and len(ans.statements) == 2
    assert any("only a word" in n for n in ans.notes)
    ix, emb, s = _corpus(tmp_path / "b", {
        "a.txt": "Ambush in Daraa\n\nCity Wire\n\nState television said dozens were killed in the ambush in Daraa.\n",
        "b.txt": "Daraa ambush\n\nRiver Post\n\nThe army killed 5 militants in the ambush in Daraa.\n"})
    llm = ScriptedLLM({"said dozens": ("Dozens killed.", ["said dozens"]),
                       "killed 5": ("5 militants killed.", ["killed 5"])})
    assert len(answer("How many rebels were killed in the ambush in Daraa?", ix, emb, llm, s).disagreements) == 1


def test_the_figure_of_someone_else_than_the_one_asked_about_is_not_set_against_theirs(tmp_path):
    """"How many did the White Helmets say ...": another outlet's toll that does not give the White Helmets as its
    source is listed, not set against theirs (eval/fakes/dev11.jsonl d11-15); without a source named in the
    question the two still disagree."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Ghouta raids\n\nCity Wire\n\nThe White Helmets said that 45 people have been killed in three days "
                 "of raids on Ghouta.\n",
        "b.txt": "Ghouta toll\n\nRiver Post\n\nRaids on Ghouta have killed 19 civilians in three days, a monitor "
                 "said.\n"})
    llm = ScriptedLLM({"that 45": ("45 people killed.", ["that 45"]),
                       "killed 19": ("19 civilians killed.", ["killed 19"])})
    ans = answer("How many people did the White Helmets say had been killed in three days of raids on Ghouta?",
                 ix, emb, llm, s)
    assert not ans.disagreements and len(ans.statements) == 2
    assert any("whose the question asks for" in n for n in ans.notes)
    ans = answer("How many people were killed in three days of raids on Ghouta?", ix, emb, llm, s)
    assert len(ans.disagreements) == 1


def test_another_child_killed_is_a_victim_of_the_same_event_not_another_event(tmp_path):
    """"another child was killed in Harasta, adding that two members of the White Helmets were also among the
    victims": one more victim of the same raids, so the answer's figure stands (eval/fakes/dev11.jsonl d11-13: it
    was taken for another event and replaced by the article's other figure, 37 fighters killed elsewhere)."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Ghouta raids\n\nCity Wire\n\nRaids on Douma killed seven people on Friday. Elsewhere in Ghouta "
                 "another child was killed in Harasta, he said, adding that two members of the White Helmets were also "
                 "among Friday's victims. Fighting on another front has left at least 37 dead on the regime side.\n"})
    llm = ScriptedLLM({"another child": ("Two.", ["another child"])})
    ans = answer("How many White Helmets rescue workers were killed in the raids on Ghouta on Friday?", ix, emb, llm, s)
    assert [st.text for st in ans.statements] == ["According to City Wire, two."]
    assert "another child" in ans.statements[0].citations[0].quote
    assert not any("another event" in n for n in ans.notes)


def test_a_toll_of_people_does_not_answer_how_many_rescue_workers(tmp_path):
    """Rescuers, journalists and medics are a part of a toll, as children are: "45 people have been killed" does
    not answer "how many White Helmets rescue workers were killed" (eval/fakes/dev11.jsonl d11-13)."""
    ix, emb, s = _corpus(tmp_path, {
        "a.txt": "Ghouta raids\n\nCity Wire\n\nThe White Helmets said that 45 people have been killed in three days of "
                 "raids on Ghouta.\n"})
    llm = ScriptedLLM({"that 45": ("45 people killed.", ["that 45"])})
    ans = answer("How many White Helmets rescue workers were killed in the raids on Ghouta?", ix, emb, llm, s)
    assert not ans.statements and any("not only the worker" in n for n in ans.notes), ans.notes
