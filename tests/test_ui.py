"""The UI in a real headless Chromium: questions, quotes, disagreements, highlighted spans, errors."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from rag.build import build_index
from rag.engine import Engine
from rag.settings import Settings
from tests.browser import answers, ask, browser_page, browser_pages, send, serve, wait_answers
from tests.conftest import write_corpus
from tests.fakes import HASH_THRESHOLDS, ExtractiveLLM, GatedLLM, HashEmbedder, SlowLLM

pytestmark = pytest.mark.browser
# screenshots of a test run go to an untracked folder (a clean checkout stays clean after `bash test.sh`);
# eval/screenshots/ holds the ones regenerated on purpose for the README: RAG_SHOTS=eval/screenshots
SHOTS = Path(os.environ.get("RAG_SHOTS") or Path(__file__).resolve().parents[1] / "eval" / "out" / "screenshots")

HOSTILE = {
    "hostile.txt": "Markup test article about the harbor\n\nSource: Harbor Times\n\n"
                   "The harbor festival <script>window.__pwned = true</script> drew <b>bold</b> crowds "
                   "<img src=x onerror=\"window.__pwned=true\"> of 50,000 visitors.\n",
}


@pytest.fixture
def engine(tmp_path) -> Engine:
    corpus = write_corpus(tmp_path / "corpus")
    write_corpus(corpus, HOSTILE)
    s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=tmp_path / "index", uploads_dir=tmp_path / "uploads",
                          **HASH_THRESHOLDS)
    emb = HashEmbedder()
    build_index(s, emb)
    return Engine(s, embedder=emb, llm=ExtractiveLLM())


def upload(page, url: str, files: list[str]) -> None:
    """Open the page, choose the files in the upload box, add them and wait until they are indexed."""
    page.goto(url, wait_until="load")
    page.get_by_text("Add articles").click()
    page.locator("#upload input[type=file]").set_input_files(files)
    page.wait_for_function("names => names.every(n => document.querySelector('#upload')?.innerText.includes(n))",
                           arg=[Path(f).stem for f in files])
    page.locator("#add").click()
    page.wait_for_function("() => document.querySelector('#add-status')?.innerText.includes('Indexed')",
                           timeout=60_000)


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
        page.locator('#chat a.rag-cite[href*="hostile.txt"]').first.click()
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
        send(page, "How many people did the Riverton flood kill?")
        wait_answers(page, 2)
        assert "Could not answer" in answers(page)[0] and "River Gazette" in answers(page)[1]  # both kept


def test_upload_adds_articles_through_the_same_index_path(engine, tmp_path):
    new = tmp_path / "lighthouse.txt"
    new.write_text("Lighthouse keeper retires\n\nSource: Coast Post\n\n"
                   "The lighthouse keeper Mara Olsen retired after 41 years at Cape Wren.\n")
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    picture = tmp_path / "chart.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    with serve(engine) as url, browser_page() as page:
        upload(page, url, [str(new), str(bad)])
        status = page.locator("#add-status").inner_text()
        assert "Added 1 article;" in status and "notes.txt" in status and "UTF-8" in status
        ask(page, url, "How many years did the lighthouse keeper Mara Olsen serve at Cape Wren?")
        assert "Coast Post" in page.locator("#chat").inner_text()
        # the upload is listed as such, and can be removed again
        page.get_by_text("Indexed articles").click()
        assert "uploads/lighthouse.txt" in page.locator("#articles").inner_text()
        assert page.evaluate("() => { const t = document.querySelector('#articles table');"
                             " return t.scrollWidth <= t.clientWidth + 1; }")  # no column cut off
        page.locator("#uploaded input").click()
        page.locator("#uploaded input").fill("lighthouse")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.once("dialog", lambda d: d.accept())  # removal asks first
        page.locator("#remove").click()
        page.wait_for_function("() => document.querySelector('#remove-status')?.innerText"
                               ".includes('Removed 1 article')",
                               timeout=60_000)
        assert "lighthouse" not in page.locator("#articles").inner_text()
        # the box was emptied after adding: one more click re-adds nothing, and says so
        page.get_by_text("Add articles").click()
        page.locator("#add").click()
        page.wait_for_function("() => document.querySelector('#add-status')?.innerText.includes('Choose')")
        assert "lighthouse" not in page.locator("#articles").inner_text()
        # a file of a type no reader takes is refused with its reason, not dropped in silence
        page.locator("#upload input[type=file]").set_input_files([str(picture)])
        page.wait_for_function("() => document.querySelector('#upload')?.innerText.includes('chart')")
        page.locator("#add").click()
        page.wait_for_function("() => document.querySelector('#add-status')?.innerText.includes('chart.png')",
                               timeout=60_000)
        assert "refused" in page.locator("#add-status").inner_text()
    # uploads never touch the corpus folder
    assert not (engine.settings.corpus_dir / "lighthouse.txt").exists()
    assert not (engine.settings.uploads_dir / "lighthouse.txt").exists()
    assert not (engine.settings.uploads_dir / "notes.txt").exists()


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


def test_hostile_user_script_in_question_empty_question_limits_and_rate(engine):
    engine.settings = replace(engine.settings, questions_per_minute=2, max_question_chars=300)
    script_q = ('Did <script>window.__pwned = true</script> the harbor festival '
                '<img src=x onerror="window.__pwned = true"> draw crowds?')
    with serve(engine) as url, browser_page() as page:
        ask(page, url, script_q)
        chat = page.locator("#chat").inner_text()
        assert "<script>window.__pwned = true</script>" in chat  # shown as the text it is
        assert page.locator("#chat script, #chat img").count() == 0
        assert page.evaluate("() => window.__pwned === undefined")
        rows = page.locator("#chat .message-row").count()
        send(page, "   ")  # an empty question: a notice, no bubble
        page.wait_for_function("() => document.querySelector('#notice')?.innerText.includes('empty')")
        long_q = "How many people " + "x" * 300
        page.locator("#question textarea").fill(long_q)  # too long: the counter says so, nothing is cut
        page.wait_for_function("() => document.querySelector('#qcount')?.innerText.includes('too long')")
        page.locator("#ask").click()
        page.wait_for_function("() => document.querySelector('#notice')?.innerText.includes('limit')")
        assert page.locator("#question textarea").input_value() == long_q  # kept, to be shortened
        assert page.locator("#chat .message-row").count() == rows
        send(page, "How many people did the Riverton flood kill?")
        wait_answers(page, 2)
        send(page, "How many visitors came to the harbor festival?")
        page.wait_for_function("() => document.querySelector('#notice')?.innerText.includes('Too many questions')")
        assert page.locator("#question textarea").input_value() == "How many visitors came to the harbor festival?"


def test_question_sent_while_another_runs_is_queued_and_nothing_is_lost(engine):
    llm = GatedLLM(free=2)  # the first article is read, then the answer is held until the test lets it go
    gated = Engine(engine.settings, embedder=engine.embedder, llm=llm)
    with serve(gated) as url, browser_page() as page:
        page.goto(url, wait_until="load")
        send(page, "How many people did the Riverton flood kill?")
        # each article's finding streams in, with its quote, before the final answer
        page.wait_for_function("() => { const b = document.querySelectorAll('#chat .bot-row');"
                               " return b.length && b[0].innerText.includes('⏳') && b[0].innerText.includes('“'); }",
                               timeout=30_000)
        page.locator("#question textarea").fill("How many visitors came")  # typing while it runs
        page.wait_for_timeout(1500)
        assert page.locator("#question textarea").input_value() == "How many visitors came"  # not wiped
        send(page, "How many visitors came to the harbor festival?", enter=True)
        page.wait_for_function("() => { const b = document.querySelectorAll('#chat .bot-row');"
                               " return b.length == 2 && b[1].innerText.includes('Queued'); }", timeout=10_000)
        page.wait_for_function("() => document.querySelector('#question textarea').value === ''", timeout=5_000)
        assert "⏳" in answers(page)[0]  # the first answer is still running
        llm.gate.set()
        send(page, "What did the governor blame the engineering firm Castell for?")  # a third, by the button
        wait_answers(page, 3, 60_000)
        first, second, third = answers(page)
        assert "River Gazette" in first and "Valley Wire" in first and "disagree" in first
        assert "50,000" in second and "Harbor Times" in second
        assert "Castell" in third
        questions = page.locator("#chat .user-row").all_inner_texts()
        assert [q.strip() for q in questions] == ["How many people did the Riverton flood kill?",
                                                  "How many visitors came to the harbor festival?",
                                                  "What did the governor blame the engineering firm Castell for?"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "queued-questions.png"), full_page=True)


def test_sessions_at_once_each_get_their_own_answers_in_order(engine):
    """A load test in real Chromium: 4 sessions x 3 questions sent at once, one model answering."""
    asks = [["How many people did the Riverton flood kill?", "How many visitors came to the harbor festival?",
             "What did the governor blame the engineering firm Castell for?"],
            ["What did the governor blame the engineering firm Castell for?",
             "How many people did the Riverton flood kill?", "How many visitors came to the harbor festival?"]]
    slow = Engine(replace(engine.settings, questions_per_minute=100), embedder=engine.embedder, llm=SlowLLM(0.05))
    with serve(slow) as url, browser_pages(4) as pages:
        for page in pages:
            page.goto(url, wait_until="load")
        for k in range(3):
            for n, page in enumerate(pages):
                send(page, asks[n % 2][k], enter=bool(n % 2))
        for n, page in enumerate(pages):
            wait_answers(page, 3, 120_000)
            got = answers(page)
            assert [q.strip() for q in page.locator("#chat .user-row").all_inner_texts()] == asks[n % 2]
            for q, a in zip(asks[n % 2], got, strict=True):
                want = {"kill": "31", "harbor": "50,000", "blame": "Castell"}
                assert next(v for k, v in want.items() if k in q) in a, (n, q, a)
                assert "Could not answer" not in a


def test_clicking_a_citation_opens_the_highlighted_span_and_the_answer_opens_at_its_top(engine):
    with serve(engine) as url, browser_page() as page:
        for q in ("How many visitors came to the harbor festival?", "How many people did the Riverton flood kill?"):
            page.goto(url, wait_until="load") if q.startswith("How many v") else None
            send(page, q)
            wait_answers(page, 1 if q.startswith("How many v") else 2)
        link = page.locator("#chat .bot-row").last.locator("a.rag-cite", has_text="[2]").first  # (also in the dispute)
        assert "31 people died" in link.get_attribute("title")  # hovering shows the quote
        link.click()
        page.wait_for_function("() => document.querySelector('#article mark')?.innerText.includes('31 people')")
        assert "valley_wire.md" in page.locator("#article").inner_text()
        # an earlier answer's link still opens its own article
        page.locator("#chat .bot-row").first.locator("a.rag-cite", has_text="[1]").click()
        page.wait_for_function("() => document.querySelector('#article mark')?.innerText.includes('50,000')")
        # the latest answer was opened at its first statement, not scrolled to its sources
        page.locator("#chat .bot-row").last.locator("li").first.wait_for()
        top = page.evaluate("() => { const c = document.querySelector('#chat [role=log]').getBoundingClientRect();"
                            " const li = [...document.querySelectorAll('#chat .bot-row')].pop()"
                            ".querySelector('li').getBoundingClientRect();"
                            " return [c.top, c.bottom, li.top, li.bottom]; }")
        assert top[0] - 1 <= top[2] and top[3] <= top[1], top
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "citation-link-opened.png"), full_page=True)


def test_a_dispute_among_three_articles_is_one_block_with_two_positions(tmp_path):
    from tests.test_positions import THREE

    corpus = write_corpus(tmp_path / "corpus", THREE)
    s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=tmp_path / "index", uploads_dir=tmp_path / "uploads",
                          **HASH_THRESHOLDS)
    emb = HashEmbedder()
    build_index(s, emb)
    e = Engine(s, embedder=emb, llm=ExtractiveLLM())
    with serve(e) as url, browser_page() as page:
        ask(page, url, "How many people died in the Marlow blast?")
        chat = page.locator("#chat").inner_text()
        assert chat.count("The articles disagree") == 1 and "2 positions" in chat
        table = page.locator("#chat table")
        assert table.count() == 1 and table.locator("tr").count() == 3  # header + one row per position
        assert "Daily Ledger" in table.inner_text() and "City Wire" in table.inner_text()
        labels = [x.inner_text() for x in page.locator("#sources label").all()]
        assert labels and len(labels) == len(set(labels)) and not any("disagreement" in x for x in labels)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "dispute-positions.png"), full_page=True)


def test_a_dispute_reads_at_phone_width(tmp_path):
    """390 px wide: the dispute's table keeps its header on one line (the table scrolls sideways instead),
    and a quote link still opens its article at the highlighted span."""
    from tests.test_positions import THREE

    corpus = write_corpus(tmp_path / "corpus", THREE)
    s = Settings.from_env(env={}, corpus_dir=corpus, index_dir=tmp_path / "index", uploads_dir=tmp_path / "uploads",
                          **HASH_THRESHOLDS)
    emb = HashEmbedder()
    build_index(s, emb)
    with serve(Engine(s, embedder=emb, llm=ExtractiveLLM())) as url, browser_page(390, 844) as page:
        ask(page, url, "How many people died in the Marlow blast?")
        heads = page.evaluate("() => [...document.querySelectorAll('#chat th')].map(h => h.getBoundingClientRect()"
                              ".height)")
        body = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('#chat td')).lineHeight)"
                             " || 24")
        assert heads and max(heads) < 2 * body + 12, (heads, body)  # one line each (plus padding)
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.locator("#chat a.rag-cite").first.click()
        page.wait_for_function("() => document.querySelector('#article mark') !== null")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "phone-dispute.png"), full_page=True)


def test_uploaded_html_and_pdf_articles_are_quoted_and_highlighted_in_their_article_view(engine, tmp_path):
    from tests.formats import html_page, pdf_file

    page_file, pdf = tmp_path / "keeper.html", tmp_path / "ferry.pdf"
    page_file.write_bytes(html_page("Lighthouse keeper retires after decades", [
        "The lighthouse keeper Mara Olsen retired after 41 years at Cape Wren, the coast guard said.",
        "She climbed the 112 steps of the tower every evening to light the lamp by hand."]))
    pdf.write_bytes(pdf_file("Ferry service resumes on the island route", [
        "The ferry service to Holm Island resumed on Friday after the storm damaged the northern pier, "
        "the operator Nordlink said in a statement to passengers waiting at the harbour.",
        "Repairs to the northern pier cost the council about 2 million crowns."]))
    with serve(engine) as url, browser_page() as page:
        upload(page, url, [str(page_file), str(pdf)])
        assert "Added 2 articles;" in page.locator("#add-status").inner_text()
        ask(page, url, "How many years did the lighthouse keeper Mara Olsen serve at Cape Wren?")
        page.wait_for_function("() => document.querySelector('#article mark')?.innerText.includes('41 years')")
        assert "Valley Wire (7 Apr 2017)" in page.locator("#chat").inner_text()
        ask(page, url, "When did the ferry service to Holm Island resume after the storm damaged the pier?")
        # the PDF's sentence ran over several lines of the page: one highlighted span, whole
        page.wait_for_function("() => document.querySelector('#article mark')?.innerText.includes('Holm Island')")
        mark = " ".join(page.locator("#article mark").last.inner_text().split())
        assert "resumed on Friday after the storm damaged the northern pier" in mark
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "fake-pdf-upload.png"), full_page=True)


def test_the_first_screen_says_what_the_corpus_is_and_offers_questions_drawn_from_it(engine):
    with serve(engine) as url, browser_page() as page:
        page.goto(url, wait_until="load")
        intro = page.locator("#intro")
        intro.wait_for()
        text = intro.inner_text()
        assert "4 articles from 3 outlets" in text and "River Gazette" in text and "tens of seconds" in text
        examples = page.locator("#examples")  # the story two outlets cover, from its title (rendered after the label)
        page.wait_for_function("() => document.querySelector('#examples')?.innerText.includes('Riverton')")
        assert "Riverton" in examples.inner_text()
        examples.get_by_text("Riverton").first.click()
        page.wait_for_function("() => document.querySelector('#question textarea').value.includes('Riverton')")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "fake-first-screen.png"), full_page=True)


def test_clearing_the_chat_asks_first_and_leaves_nothing_behind(engine):
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "How many people did the Riverton flood kill?")
        assert "killed 14 people" in page.locator("#chat").inner_text()
        assert not page.locator('#chat button[aria-label="Clear"]').is_visible()  # the chat's own wipe icon
        page.once("dialog", lambda d: d.dismiss())  # asked, and said no: nothing changes
        page.locator("#clear").click()
        page.wait_for_timeout(500)
        assert "killed 14 people" in page.locator("#chat").inner_text()
        page.once("dialog", lambda d: d.accept())
        page.locator("#clear").click()
        page.wait_for_function("() => !document.querySelector('#chat').innerText.includes('killed 14')")
        page.wait_for_function("() => !document.querySelector('#article mark')")
        assert "River Gazette" not in page.locator("#sources").inner_text()
        page.locator("#ask").click()  # an empty question is refused; the old conversation does not come back
        page.wait_for_function("() => document.querySelector('#notice')?.innerText.includes('empty')")
        assert "killed 14" not in page.locator("#chat").inner_text()


def test_articles_left_out_are_named_and_can_be_read_on_request(engine):
    engine.settings = replace(engine.settings, read_articles=2)
    with serve(engine) as url, browser_page() as page:
        ask(page, url, "How many people did the Riverton flood kill?")
        first = answers(page)[0]
        assert "Read the 2 articles closest to the question; not read:" in first
        more = page.locator("#more")
        more.wait_for()
        offer = re.search(r"Read (\d+) more articles? \((\d+) in all\)", more.inner_text())
        assert offer and int(offer.group(1)) >= 1 and int(offer.group(2)) == 2 + int(offer.group(1))
        more.click()
        wait_answers(page, 2)
        second = answers(page)[1]
        assert "not read" not in second and "River Gazette" in second  # every article read this time
        page.wait_for_function("() => !document.querySelector('#more') || "
                               "document.querySelector('#more').offsetParent === null")
        assert len(answers(page)) == 2 and answers(page)[0] == first  # the first answer is kept as it was
