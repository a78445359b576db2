"""The UI in a real headless Chromium: questions, quotes, disagreements, highlighted spans, errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from rag import index
from rag.engine import Engine
from rag.settings import Settings
from tests.browser import ask, browser_page, serve
from tests.conftest import write_corpus
from tests.fakes import HASH_THRESHOLDS, ExtractiveLLM, HashEmbedder

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[1] / "eval" / "screenshots"

HOSTILE = {
    "hostile.txt": "Markup test article about the harbor\n\nSource: Harbor Times\n\n"
                   "The harbor festival <script>window.__pwned = true</script> drew <b>bold</b> crowds "
                   "<img src=x onerror=\"window.__pwned=true\"> of 50,000 visitors.\n",
}


@pytest.fixture
def engine(tmp_path) -> Engine:
    corpus = write_corpus(tmp_path / "corpus")
    write_corpus(corpus, HOSTILE)
    s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=tmp_path / "index", **HASH_THRESHOLDS)
    emb = HashEmbedder()
    index.build(s, emb)
    return Engine(s, embedder=emb, llm=ExtractiveLLM())


def test_answer_with_quotes_disagreement_and_highlight(engine):
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "How many people did the Riverton flood kill?")
        chat = page.locator("#chat").inner_text()
        assert "killed 14 people" in chat and "At least 31 people died" in chat
        assert "River Gazette" in chat and "Valley Wire" in chat
        assert "The articles disagree" in chat
        table = page.locator("#chat table")
        assert table.count() == 1 and "14" in table.inner_text() and "31" in table.inner_text()
        # the first source is shown in its article, highlighted
        mark = page.locator("#article mark")
        mark.wait_for()
        assert "killed 14 people" in mark.inner_text() or "31 people" in mark.inner_text()
        # pick another source: its span is highlighted in its own article
        page.locator("#sources label", has_text="Valley Wire").first.click()
        page.wait_for_function("() => document.querySelector('#article mark')?.innerText.includes('31')")
        assert "Dozens dead as water sweeps" in page.locator("#article").inner_text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "fake-disagreement.png"), full_page=True)


def test_abstention_reads_as_an_honest_answer(engine):
    engine.settings = replace(engine.settings, min_relevance=0.9)
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "What is the capital of Mongolia?")
        text = page.locator("#chat").inner_text()
        assert "The articles here do not say" in text and "error" not in text.lower()


def test_markup_in_articles_is_shown_as_text_and_never_runs(engine):
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "How many visitors did the harbor festival markup crowds draw?")
        page.locator("#sources label", has_text="hostile.txt").first.click()
        page.wait_for_function("() => document.querySelector('#article')?.innerText.includes('hostile.txt')"
                               " && document.querySelector('#article mark') !== null")
        assert page.evaluate("() => window.__pwned === undefined")
        assert "<script>" in page.locator("#article").inner_text()
        assert page.locator("#article script, #chat script, #article img, #chat img").count() == 0


def test_errors_show_in_the_chat_and_the_ui_keeps_working(engine, tmp_path):
    good_index = engine.settings.index_dir
    engine.settings = replace(engine.settings, index_dir=tmp_path / "none")
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "How many people did the Riverton flood kill?")
        assert "Could not answer" in page.locator("#chat").inner_text()
        assert "rag index" in page.locator("#chat").inner_text()
        engine.settings = replace(engine.settings, index_dir=good_index)
        page.locator("#question textarea").fill("How many people did the Riverton flood kill?")
        page.locator("#ask").click()
        page.wait_for_function("() => document.querySelector('#chat').innerText.includes('River Gazette')",
                               timeout=60_000)


def test_upload_adds_articles_through_the_same_index_path(engine, tmp_path):
    new = tmp_path / "lighthouse.txt"
    new.write_text("Lighthouse keeper retires\n\nSource: Coast Post\n\n"
                   "The lighthouse keeper Mara Olsen retired after 41 years at Cape Wren.\n")
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    with serve(engine) as url, browser_page() as page:
        page.goto(url, wait_until="load")
        page.get_by_text("Add articles").click()
        page.locator("#upload input[type=file]").set_input_files([str(new), str(bad)])
        page.wait_for_function("() => ['lighthouse', 'notes'].every("
                               "n => document.querySelector('#upload').innerText.includes(n))")
        page.locator("#add").click()
        page.wait_for_function("() => document.querySelector('#add-status').innerText.includes('Indexed')",
                               timeout=60_000)
        status = page.locator("#add-status").inner_text()
        assert "added 1" in status and "notes.txt" in status and "UTF-8" in status
        ask(page, url, "How many years did the lighthouse keeper Mara Olsen serve at Cape Wren?")
        assert "Coast Post" in page.locator("#chat").inner_text()
    assert (engine.settings.corpus_dir / "lighthouse.txt").exists()
    assert not (engine.settings.corpus_dir / "notes.txt").exists()


@pytest.mark.slow
def test_real_embedded_model_in_the_browser(tmp_path):
    from tests.conftest import SEEDS

    s = Settings.from_env(env={}, corpus_dir=SEEDS, index_dir=tmp_path / "index")
    engine = Engine(s)
    engine.build_index()
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "How long had the siege of Deir ez-Zor city lasted?", timeout_ms=300_000)
        chat = page.locator("#chat").inner_text()
        assert "Qwen2.5-Coder-1.5B-Instruct" in chat and "siege" in chat.lower()
        assert "Sources" in chat and ".txt" in chat  # quotes with their article named
        mark = page.locator("#article mark")
        mark.wait_for()
        # the highlighted span in the article is the first quote of the answer, cut from that article
        assert " ".join(mark.inner_text().split())[:60] in " ".join(chat.split())
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "real-model-answer.png"), full_page=True)


def test_highlighted_quote_is_scrolled_into_view(engine, tmp_path):
    long_article = ("Long report about the Riverton flood\n\nSource: Long Post\n\n"
                    + "\n".join(f"Paragraph {k} says nothing about the matter at hand." for k in range(200))
                    + "\nAt the very end, the report says the Riverton flood killed 14 people.\n")
    write_corpus(engine.settings.corpus_dir, {"long.txt": long_article})
    engine.build_index()
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "What does the long report say at the very end about the Riverton flood?")
        page.locator("#sources label", has_text="At the very end").first.click()
        page.wait_for_function("() => document.querySelector('#rag-hl')?.innerText.includes('very end')")
        page.wait_for_function(
            "() => { const m = document.querySelector('#rag-hl').getBoundingClientRect();"
            " return m.top >= 0 && m.bottom <= window.innerHeight; }", timeout=10_000)


def _ask_again(page, question: str) -> str:
    """Ask on the page as it is (no reload); return the last chat message once it is final."""
    before = page.locator("#chat .message").count()
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    page.wait_for_function(
        f"() => {{ const m = document.querySelectorAll('#chat .message'); return m.length >= {before + 2}"
        " && !m[m.length - 1].innerText.includes('⏳'); }", timeout=60_000)
    return page.locator("#chat .message").last.inner_text()


def test_hostile_user_script_in_question_empty_question_and_rate_limit(engine):
    engine.settings = replace(engine.settings, questions_per_minute=2)
    script_q = ('Did <script>window.__pwned = true</script> the harbor festival '
                '<img src=x onerror="window.__pwned = true"> draw crowds?')
    with serve(engine) as url, browser_page() as page:
        ask(page, url, script_q)
        chat = page.locator("#chat").inner_text()
        assert "<script>window.__pwned = true</script>" in chat  # shown as the text it is
        assert page.locator("#chat script, #chat img").count() == 0
        assert page.evaluate("() => window.__pwned === undefined")
        assert "Could not answer" in _ask_again(page, "   ") and "empty" in page.locator("#chat").inner_text()
        last = _ask_again(page, "How many people did the Riverton flood kill?")
        assert "Too many questions" in last and "a minute" in last
        assert page.locator("#question textarea").get_attribute("maxlength") == str(engine.settings.max_question_chars)
