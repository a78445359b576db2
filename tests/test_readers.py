"""Readers (rag/readers): HTML, PDF, Word and CSV/JSON dumps read into articles with their metadata, each
quoted exactly from its canonical text; unreadable files get one line; dumps re-index row by row."""

import json

import pytest

from rag import index
from rag.answer import answer
from rag.build import build_index
from rag.cli import main
from rag.corpus import read_articles
from rag.errors import CorpusError
from rag.readers import read_bytes
from rag.settings import Settings
from tests.fakes import HASH_THRESHOLDS, HashEmbedder, ScriptedLLM
from tests.formats import FIRE, docx_file, fakes_csv, html_page, jsonl_dump, pdf_file

TITLE, PARAS = FIRE


def test_a_web_page_gives_its_article_without_menus_and_with_its_metadata():
    [a] = read_bytes(html_page(), "fire.html")
    assert a.title == TITLE and a.outlet == "Valley Wire" and a.date == "2017-04-07"
    assert a.author == "Jane Roe" and a.url == "https://valleywire.example/marlow-fire"
    assert a.text.startswith(TITLE + "\n\n")
    for p in PARAS:
        assert p in a.text
    assert "Subscribe" not in a.text and "Sport" not in a.text and "recipes" not in a.text


def test_a_pdf_gives_whole_sentences_across_its_line_breaks():
    [a] = read_bytes(pdf_file(), "fire.pdf")
    assert a.title == TITLE and a.author == "Jane Roe" and a.text.startswith(f"{TITLE}\n\n{PARAS[0]}")
    assert a.date == ""  # the file's creation date (today) is not the article's
    for p in PARAS:  # the long paragraph was wrapped over lines by the typesetter: joined back
        assert p in a.text, (p, a.text)


def test_a_word_file_gives_its_paragraphs():
    [a] = read_bytes(docx_file(), "fire.docx")
    assert a.title == TITLE and a.text.count(TITLE) == 1
    assert all(p in a.text for p in PARAS)


@pytest.mark.parametrize("data,name,why", [
    (pdf_file(encrypt="secret"), "locked.pdf", "encrypted PDF"),
    (pdf_file(text=False), "scan.pdf", "no text layer"),
    (b"%PDF-1.4 garbage", "broken.pdf", "not a readable PDF"),
    (b"<html><body><nav>Home | News</nav></body></html>", "empty.html", "no article body"),
    (b"PK\x03\x04 not really", "broken.docx", "not a readable Word"),
    (b"headline,source\nFire,AFP\n", "notext.csv", "no text column"),
    (b"[1, 2", "bad.json", "not a readable JSON"),
])
def test_a_file_that_cannot_be_read_gets_one_line_saying_why(data, name, why):
    with pytest.raises(CorpusError) as e:
        read_bytes(data, name)
    assert why in str(e.value) and name in str(e.value) and "\n" not in str(e.value)


def test_a_dump_gives_one_article_a_row_named_by_its_id_else_its_row(tmp_path):
    rows = [{"id": "a1", "headline": "Fire in Marlow", "body": "A fire killed nine.", "publisher": "AFP",
             "published": "3 Oct 2016"},
            {"headline": "Flood in Riverton", "body": "The flood killed 14.", "publisher": "Reuters"},
            {"headline": "Empty row", "body": "  "}]
    (tmp_path / "feed.jsonl").write_bytes(jsonl_dump(rows))
    (tmp_path / "feed.json").write_text(json.dumps({"articles": rows[:1]}))
    docs = read_articles(tmp_path, tmp_path / "feed.jsonl", 10_000)
    assert [(d.name, d.outlet, d.date) for d in docs] == [("feed.jsonl#a1", "AFP", "2016-10-03"),
                                                        ("feed.jsonl#2", "Reuters", "")]
    assert docs[0].text == "Fire in Marlow\n\nA fire killed nine." and docs[0].label == "AFP (3 Oct 2016)"
    assert [d.name for d in read_articles(tmp_path, tmp_path / "feed.json", 10_000)] == ["feed.json#a1"]


def _settings(tmp_path, corpus):
    return Settings.from_env(env={}, corpus_dir=corpus, index_dir=tmp_path / "ix", model_dir=tmp_path / "m",
                             uploads_dir=None, **HASH_THRESHOLDS)


def test_html_pdf_word_and_a_csv_dump_index_and_answer_with_exact_quotes(tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "fire.html").write_bytes(html_page())
    (corpus / "fire.pdf").write_bytes(pdf_file(paras=[p.replace("nine", "eleven") for p in PARAS]))
    (corpus / "fire.docx").write_bytes(docx_file(paras=[p.replace("nine", "ten") for p in PARAS]))
    src = tmp_path / "txt"
    src.mkdir()
    (src / "fakes_17_sana.txt").write_text("Marlow fire toll\n\nSANA reported that the Marlow factory fire killed "
                                           "twelve workers on Monday.")
    (corpus / "fakes.csv").write_bytes(fakes_csv(src))
    s = _settings(tmp_path, corpus)
    emb = HashEmbedder()
    report = build_index(s, emb)
    assert not report.failed and sorted(report.added) == ["fakes.csv#17", "fire.docx", "fire.html", "fire.pdf"]
    ix = index.load(s)
    assert ix.docs["fakes.csv#17"].outlet == "sana" and ix.docs["fire.html"].date == "2017-04-07"
    llm = ScriptedLLM({"killed nine": ("The fire killed nine workers.", ["killed nine"]),
                       "killed eleven": ("The fire killed eleven workers.", ["killed eleven"]),
                       "killed ten": ("The fire killed ten workers.", ["killed ten"]),
                       "killed twelve": ("The fire killed twelve workers.", ["killed twelve"])})
    ans = answer("How many workers did the Marlow factory fire kill?", ix, emb, llm,
                 Settings.from_env(env={}, **HASH_THRESHOLDS, read_articles=4))
    cited = {doc for doc, *_ in ans.all_quotes()}
    assert cited == {"fakes.csv#17", "fire.docx", "fire.html", "fire.pdf"}
    for doc, quote, a, b in ans.all_quotes():
        assert ix.docs[doc].text[a:b] == quote
    assert ans.disagreements and "Valley Wire (7 Apr 2017)" in " ".join(st.text for st in ans.statements)
    assert main(["text", "fire.pdf", "--index-dir", str(s.index_dir), "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out == ix.docs["fire.pdf"].text
    assert main(["text", "fire.pdf#3", "--index-dir", str(s.index_dir), "--corpus", str(corpus)]) == 1
    assert "did you mean fire.pdf" in capsys.readouterr().err


def test_a_changed_row_of_a_dump_re_embeds_that_row_only_and_a_broken_dump_keeps_its_articles(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    rows = [{"id": str(k), "title": f"Report {k}", "text": f"Report number {k} says the fire killed {k} people."}
            for k in range(1, 4)]
    (corpus / "feed.jsonl").write_bytes(jsonl_dump(rows))
    s = _settings(tmp_path, corpus)
    emb = HashEmbedder()
    assert len(build_index(s, emb).added) == 3
    rows[1]["text"] = "Report number 2 now says the fire killed 20 people."
    (corpus / "feed.jsonl").write_bytes(jsonl_dump(rows[:2]))
    r = build_index(s, emb)
    assert (r.added, r.changed, r.removed, r.unchanged) == ([], ["feed.jsonl#2"], ["feed.jsonl#3"], ["feed.jsonl#1"])
    (corpus / "feed.jsonl").write_text("{not json")
    r = build_index(s, emb)
    assert r.failed and "kept the previously indexed version" in r.failed[0][1]
    assert sorted(index.load(s).docs) == ["feed.jsonl#1", "feed.jsonl#2"]
