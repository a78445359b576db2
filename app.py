"""Browser chat over the indexed articles: a thin Gradio adapter over rag.Engine.

Run with `bash run.sh` (or `python app.py` inside .venv). Serves on 127.0.0.1:7860 by default; binding
any other address needs --password (or RAG_UI_PASSWORD), and then every visitor must log in.
"""

from __future__ import annotations

import argparse
import logging
import os
import queue
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from rag.answer import validate_question  # noqa: E402
from rag.backends import REGISTRY, option_fields  # noqa: E402
from rag.chat import Conversation, Turn, Waiting  # noqa: E402
from rag.corpus import add_files, list_uploads, remove_upload  # noqa: E402
from rag.engine import MAX_READ_ARTICLES, Engine  # noqa: E402
from rag.errors import RagError  # noqa: E402
from rag.guard import is_loopback  # noqa: E402
from rag.limits import RateLimiter  # noqa: E402
from rag.overview import describe, examples  # noqa: E402
from rag.readers import SUFFIXES  # noqa: E402
from rag.render import (  # noqa: E402
    CITE_PREFIX,
    answer_markdown,
    article_html,
    citation_choices,
    finding_markdown,
    md_escape,
    parse_cite,
)
from rag.settings import Settings  # noqa: E402
from rag.types import Answer  # noqa: E402

log = logging.getLogger("rag.app")

CSS = """
.rag-article-text { white-space: pre-wrap; font-family: inherit; font-size: 0.95em; max-height: 60vh;
                    overflow-y: auto; }
.rag-article mark { background: #ffe066; padding: 0 2px; }
.rag-src { color: #666; font-size: 0.9em; }
.rag-hidden { display: none !important; }
#chat button[aria-label="Clear"] { display: none !important; }  /* wiped the page only: "Clear chat" asks */
#chat table { display: block; overflow-x: auto; }
#chat th { white-space: nowrap; }
#qcount { font-size: 0.85em; color: #666; text-align: right; }
#qcount.over, #notice { color: #b00020; }
a.rag-cite { text-decoration: none; font-weight: 600; cursor: pointer; }
"""

# Clicking a citation link ([n], "open", ↗) in the chat shows that article with the span highlighted: the
# link's target goes into a hidden box whose change event renders the article (the nonce makes a second
# click on the same link count).
HEAD = """<script>
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[href^="CITE_PREFIX"]');
  if (!a) { return; }
  e.preventDefault(); e.stopPropagation();
  const box = document.querySelector('#cite-target textarea');
  if (!box) { return; }
  box.value = a.getAttribute('href') + '|' + Date.now();
  box.dispatchEvent(new Event('input', {bubbles: true}));
}, true);
</script>""".replace("CITE_PREFIX", CITE_PREFIX)

# after the article is shown, bring the highlighted quote into view inside its scrolling box
# (retried for a second: after an answer, the article may render a moment after the event ends)
SCROLL_TO_QUOTE = ("() => { let n = 0; const go = () => { const m = document.querySelector('#rag-hl');"
                   " if (m) { m.scrollIntoView({block: 'center'}); } if (++n < 10) { setTimeout(go, 100); } };"
                   " go(); }")
# an answer opens at its first line, not at its sources: scroll the answered turn's message to the top
SCROLL_TO_ANSWER = ("(target) => { const k = parseInt(String(target).split('|')[0]); if (isNaN(k)) { return; }"
                    " setTimeout(() => { const m = document.querySelectorAll('#chat .message-row');"
                    " const el = m[2 * k + 1]; if (el) { el.scrollIntoView({block: 'start'}); } }, 150); }")
SCROLL_TO_END = ("() => { setTimeout(() => { const m = document.querySelectorAll('#chat .message-row');"
                 " if (m.length) { m[m.length - 1].scrollIntoView({block: 'end'}); } }, 150); }")

# the machine's own fonts: the theme's web font mixed its glyphs with fallback ones ("Ask", outlet names),
# and a page that fetches nothing from elsewhere needs none
THEME = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                          font_mono=["ui-monospace", "monospace"])

BACKENDS = {b.label: b.name for b in REGISTRY.values()}  # UI label -> backend name
OPTIONS = option_fields()  # (Settings field, label) of every backend option, one text box each
MAX_SESSIONS = 1000  # conversations kept in memory (browser tabs); the oldest idle one is forgotten first


def intro(engine: Engine) -> str:
    """The first screen's heading: what the corpus is, what an answer is, and how long one takes here."""
    try:
        docs = list(engine.index().docs.values())
    except RagError:
        docs = []
    corpus = f"**{md_escape(describe(docs))}.**" if docs else "**No article is indexed yet**: add some below."
    done = list(engine.answer_seconds)
    n = engine.settings.read_articles
    took = (f"An answer takes about {statistics.median(done):.0f} s on this machine (median of the last "
            f"{len(done)}): the model reads up to {n} articles one at a time" if done else
            f"An answer takes tens of seconds on a machine without a GPU: the model reads up to {n} articles "
            "one at a time")
    return (f"## Ask the articles\n{corpus} Every statement quotes the article it rests on; where articles "
            f"disagree, each side is shown with its quotes. Nothing leaves this machine. {took}, and each "
            "article's finding appears as soon as it is read.")


def _examples(engine: Engine) -> list[str]:
    try:
        return examples(list(engine.index().docs.values()))
    except RagError:
        return []


def _articles_table(engine: Engine) -> list[list[object]]:
    try:
        ix = engine.index()
    except RagError:
        return []
    uploaded = engine.settings.uploads_prefix
    return [[d.name, "uploaded" if uploaded and d.name.startswith(uploaded) else "corpus", d.title,
             d.outlet or "(not stated)", d.day or "(not stated)", len(d.text)] for d in ix.docs.values()]


def _uploaded(engine: Engine) -> list[str]:
    return sorted(p.name for p in list_uploads(engine.settings))


def counter(question: str, limit: int) -> str:
    n = len(question or "")
    if n > limit:
        return f"{n:,} / {limit:,} characters: too long, shorten it to ask"
    return f"{n:,} / {limit:,}"


class ChatUI:
    """The browser sessions' conversations and the one answering loop they share (see rag/chat.py)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.limiter = RateLimiter(engine.settings.questions_per_minute)
        self.waiting = Waiting()
        self.sessions: dict[str, Conversation] = {}

    def conversation(self, session: str) -> Conversation:
        if session not in self.sessions and len(self.sessions) >= MAX_SESSIONS:  # forget the oldest idle one
            idle = next((k for k, c in self.sessions.items() if not c.busy()), None)
            if idle is not None:
                del self.sessions[idle]
        return self.sessions.setdefault(session, Conversation())

    def submit(self, session: str, client: str, question: str, backend_label: str, n_articles: float,
               options: dict[str, str]) -> tuple[list[dict], str, str]:
        """Add a question as a queued turn at once: (chat messages, text left in the box, notice). A
        refused question stays in the box with the reason below it; nothing is added to the chat."""
        return self._queue(session, client, question, {
            "backend": BACKENDS.get(backend_label, self.engine.settings.backend), "options": options,
            "read_articles": int(n_articles)})

    def read_more(self, session: str, client: str) -> tuple[list[dict], str, str]:
        """Ask the latest answered question again, reading the articles it left out as well."""
        conv = self.conversation(session)
        turn = next((t for t in reversed(conv.turns) if t.state == "done" and t.answer), None)
        k = more_articles(turn.answer, len(turn.answer.findings)) if turn and turn.answer else 0
        if not turn or not turn.answer or not k:
            return conv.messages(), "", ""
        return self._queue(session, client, turn.question,  # the articles already read are not read again
                           turn.ask | {"read_articles": len(turn.answer.findings) + k, "before": turn.answer})

    def _queue(self, session: str, client: str, question: str, ask: dict) -> tuple[list[dict], str, str]:
        conv = self.conversation(session)
        try:
            validate_question(question or "", self.engine.settings)
        except RagError as e:
            return conv.messages(), question, f"⚠️ {md_escape(str(e))}"
        wait = self.limiter.check(client)
        if wait:
            return (conv.messages(), question, f"⚠️ Too many questions: at most {self.limiter.per_minute} a minute "
                    f"from one client; try again in {wait:.0f} s.")
        ticket, ahead = self.waiting.take()
        conv.add(Turn(question=question, shown_question=md_escape(question), content=_queued(ahead),
                      ticket=ticket, ask=ask))
        return conv.messages(), "", ""

    def answer_next(self, session: str) -> Iterator[tuple[object, object, object, object, object]]:
        """Answer this session's oldest queued turn, streaming into that turn only: yields (chat, source
        picker, article, answered turn's index for scrolling, the read-more button)."""
        conv = self.conversation(session)
        turn = conv.next_queued()
        if turn is None:
            yield gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
            return
        engine, k = self.engine, conv.turns.index(turn)
        events: queue.Queue[tuple[str, object]] = queue.Queue()
        found: list[str] = []  # each article's finding, shown as soon as it is read

        def work() -> None:
            try:
                ans = engine.ask(turn.question, **turn.ask, on_finding=lambda f: events.put(("finding", f)),
                                 on_stage=lambda s: events.put(("stage", s)))
                events.put(("done", ans))
            except RagError as e:
                events.put(("error", str(e)))
            except Exception as e:  # keep the UI alive; the log has the traceback
                log.exception("answer failed")
                events.put(("error", f"internal error ({type(e).__name__}: {e})"))

        threading.Thread(target=work, daemon=True).start()
        stage, t0 = "Searching the articles", time.monotonic()
        try:
            while True:
                try:
                    kind, value = events.get(timeout=0.5)
                except queue.Empty:
                    kind, value = "tick", None
                if kind == "stage":
                    stage = str(value).capitalize()
                elif kind == "finding":
                    try:
                        found.append(finding_markdown(value, engine.index()))  # type: ignore[arg-type]
                    except RagError:
                        pass
                elif kind == "error":
                    turn.content, turn.state = f"⚠️ **Could not answer:** {md_escape(str(value))}", "error"
                    yield conv.messages(), gr.update(), gr.update(), gr.update(), gr.update()
                    return
                elif kind == "done":
                    ans: Answer = value  # type: ignore[assignment]
                    ix = engine.index()
                    turn.answer, turn.content, turn.state = ans, answer_markdown(ans, ix), "done"
                    choices = citation_choices(ans, ix)
                    first = choices[0][1] if choices else None
                    yield (conv.messages(), gr.update(choices=choices, value=first), show_article(engine, first),
                           f"{k}|{time.monotonic()}", more_button(ans))
                    return
                so_far = "\n".join(found)
                turn.content = (f"⏳ {md_escape(stage)}… ({time.monotonic() - t0:.0f} s)"
                                + (f"\n\n{so_far}" if so_far else ""))
                for other in conv.turns:
                    if other.state == "queued":
                        other.content = _queued(self.waiting.ahead_of(other.ticket))
                yield conv.messages(), gr.update(), gr.update(), gr.update(), gr.update()
        finally:
            self.waiting.done(turn.ticket)
            if turn.state == "answering":  # the page went away mid-answer: say so if it comes back
                turn.content, turn.state = "⚠️ **Could not answer:** the answer was interrupted; ask again", "error"


def more_articles(ans: Answer, read: int) -> int:
    """How many more articles "read more" adds: the ones the answer left out, up to the most read at once."""
    return max(0, min(len(ans.unread), MAX_READ_ARTICLES - read))


def more_button(ans: Answer) -> object:
    """The offer to read the articles an answer left out (hidden when none was left out, or at the most)."""
    k = more_articles(ans, len(ans.findings))
    if not k:
        return gr.update(visible=False)
    return gr.update(visible=True, value=f"Read {k} more article{'s' if k != 1 else ''} "
                                         f"({len(ans.findings) + k} in all)")


def _queued(ahead: int) -> str:
    if not ahead:
        return "⏳ Starting…"
    return (f"⏳ Queued: {ahead} question{'s' if ahead != 1 else ''} ahead of this one (one model answers one "
            "question at a time); it will be answered after them.")


def show_article(engine: Engine, choice: str | None) -> str:
    """The article of a citation target (a picker choice or a clicked link), highlighted."""
    cite = parse_cite(choice or "")
    if cite is None:
        return ""
    try:
        ix = engine.index()
    except RagError as e:
        return f"<p>{md_escape(str(e))}</p>"
    doc, start, end = cite
    if doc not in ix.docs:
        return "<p>This article is no longer in the index.</p>"
    return article_html(ix, doc, start, end)


def add_articles(engine: Engine, paths: list[str] | None) -> tuple[str, list[list[object]], object]:
    """Save uploads into the uploads folder (never the corpus folder) and run the same incremental index
    build as `rag index`."""
    if not paths:
        return f"Choose one or more article files first ({', '.join(SUFFIXES)}).", _articles_table(engine), gr.update()
    limit = engine.settings.max_file_bytes
    files, lines = [], []
    for p in paths:
        path = Path(p)
        if path.stat().st_size > limit:
            lines.append(f"- refused {md_escape(path.name)}: larger than {limit:,} bytes")
            continue
        files.append((path.name, path.read_bytes()))
    if engine.settings.uploads_dir is None:
        return "Uploads are turned off (RAG_UPLOADS_DIR is empty).", _articles_table(engine), gr.update()
    saved, refused = add_files(engine.settings.uploads_dir, files, limit)
    lines += [f"- refused {md_escape(r.name)}: {md_escape(r.reason)}" for r in refused]
    if saved:
        lines.insert(0, _reindex(engine, f"saved {len(saved)} file(s)"))
    return "\n".join(lines) or "Nothing was added.", _articles_table(engine), gr.update(choices=_uploaded(engine))


def remove_article(engine: Engine, name: str | None) -> tuple[str, list[list[object]], object]:
    if not name:
        return "Pick an uploaded article first.", _articles_table(engine), gr.update()
    try:
        remove_upload(engine.settings, name)
    except RagError as e:
        return f"⚠️ {md_escape(str(e))}", _articles_table(engine), gr.update()
    status = _reindex(engine, f"removed {name}")
    return status, _articles_table(engine), gr.update(choices=_uploaded(engine), value=None)


def _reindex(engine: Engine, done: str) -> str:
    try:
        report = engine.build_index()
    except RagError as e:
        return f"- {md_escape(done)} but indexing failed: {md_escape(str(e))}"
    failed = "".join(f"\n- not indexed {md_escape(n)}: {md_escape(why)}" for n, why in report.failed)
    log.info("re-indexed: %s", report.summary())
    plain = report.plain()
    return f"**Indexed.** {md_escape(plain[:1].upper() + plain[1:])}.{failed}"


def build_ui(engine: Engine) -> gr.Blocks:
    s = engine.settings
    ui = ChatUI(engine)
    with gr.Blocks(title="News Q&A with citations") as demo:
        header = gr.Markdown(intro(engine), elem_id="intro")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(show_label=False, height=640, latex_delimiters=[], elem_id="chat",
                                  sanitize_html=True, autoscroll=False, buttons=["copy_all"])
                with gr.Row():
                    box = gr.Textbox(placeholder="Ask a question about the articles…", show_label=False,
                                     scale=5, elem_id="question", lines=1, max_lines=6)
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                with gr.Row():
                    notice = gr.Markdown(elem_id="notice")
                    count = gr.Markdown(counter("", s.max_question_chars), elem_id="qcount")
                    clear = gr.Button("Clear chat", size="sm", variant="secondary", scale=0, elem_id="clear")
                    sure = gr.Checkbox(visible=False)
                more = gr.Button(visible=False, size="sm", variant="secondary", elem_id="more")
                asks = _examples(engine)
                if asks:
                    gr.Examples([[q] for q in asks], inputs=[box], label="Questions about the stories most "
                                "outlets cover (click one to put it in the box)", elem_id="examples")
            with gr.Column(scale=2):
                picker = gr.Radio(label="Sources of the latest answer (or click a [n] in the chat)",
                                  choices=[], elem_id="sources")
                article = gr.HTML(elem_id="article")
                cite = gr.Textbox(elem_id="cite-target", elem_classes=["rag-hidden"], show_label=False)
                focus = gr.Textbox(elem_id="answer-focus", elem_classes=["rag-hidden"], show_label=False)
        with gr.Accordion("Settings", open=False):
            backend = gr.Radio(list(BACKENDS), value=next(k for k, v in BACKENDS.items() if v == s.backend),
                               label="Model")
            with gr.Row():
                option_boxes = [gr.Textbox(getattr(s, field), label=what) for field, what in OPTIONS]
            n_articles = gr.Slider(1, MAX_READ_ARTICLES, value=s.read_articles, step=1,
                                   label="Articles read per question, one at a time (more: slower, broader)")
        with gr.Accordion("Indexed articles", open=False):
            table = gr.Dataframe(headers=["article", "where", "title", "outlet", "date", "characters"],
                                 value=_articles_table(engine), interactive=False, elem_id="articles", wrap=True,
                                 column_widths=["22%", "9%", "35%", "14%", "11%", "9%"])
            with gr.Row():
                gr.Button("Refresh list").click(lambda: _articles_table(engine), outputs=table)
                chosen = gr.Dropdown(_uploaded(engine), label="Uploaded article", elem_id="uploaded")
                remove = gr.Button("Remove it and re-index", elem_id="remove")
            remove_status = gr.Markdown(elem_id="remove-status")
        with gr.Accordion("Add articles", open=False):
            uploads = gr.File(label=f"Articles: text, Markdown, HTML, PDF, Word, or CSV/JSON dumps of many "
                                    f"(up to {s.max_file_bytes // 1_000_000} MB each); "
                                    f"kept in {s.uploads_dir}/, apart from the corpus folder",
                              file_count="multiple", elem_id="upload")  # any type: a refused one is told why
            add = gr.Button("Add and re-index", elem_id="add")
            add_status = gr.Markdown(elem_id="add-status")
        # after adding or removing, the box is emptied (a second click adds nothing again) and the lists re-read
        add.click(lambda files: (*add_articles(engine, files), None, ""), uploads,
                  [add_status, table, chosen, uploads, remove_status])
        remove.click(lambda ok, name: (*remove_article(engine, name), "") if ok else
                     (gr.update(), gr.update(), gr.update(), gr.update()), [sure, chosen],
                     [remove_status, table, chosen, add_status],
                     js="(ok, name) => [confirm('Remove ' + (name || 'this article') + ' from the index?'), name]")
        demo.load(lambda: (_articles_table(engine), gr.update(choices=_uploaded(engine)), intro(engine)), None,
                  [table, chosen, header])

        def submit(request: gr.Request, question, backend_label, n, *values):  # request first: *values follow
            client = request.client.host if request and request.client else "unknown"
            options = {field: v for (field, _), v in zip(OPTIONS, values, strict=True)}
            messages, left, why = ui.submit(request.session_hash or client, client, question, backend_label, n,
                                            options)
            return messages, left, why, counter(left, s.max_question_chars)

        def answer_next(request: gr.Request):
            yield from ui.answer_next(request.session_hash or "unknown")

        inputs = [box, backend, n_articles, *option_boxes]
        for trigger, names in ((send.click, ("ask", "answer")), (box.submit, (None, None))):
            # every step after the trigger runs once per question ("multiple"): with Gradio's default ("once")
            # a step still pending for this page (the previous question's answer) is skipped, and the
            # question sent meanwhile would stay queued forever
            (trigger(submit, inputs, [chat, box, notice, count], queue=False, api_name=names[0])
             .then(None, js=SCROLL_TO_END, trigger_mode="multiple")
             .then(answer_next, None, [chat, picker, article, focus, more], concurrency_limit=1,
                   concurrency_id="answer", show_progress="minimal", api_name=names[1], trigger_mode="multiple")
             .then(None, focus, None, js=SCROLL_TO_ANSWER, trigger_mode="multiple")
             .then(None, js=SCROLL_TO_QUOTE, trigger_mode="multiple"))

        def read_more(request: gr.Request):
            client = request.client.host if request and request.client else "unknown"
            messages, _, why = ui.read_more(request.session_hash or client, client)
            return messages, why, gr.update(visible=False)

        (more.click(read_more, None, [chat, notice, more], queue=False)
         .then(None, js=SCROLL_TO_END, trigger_mode="multiple")
         .then(answer_next, None, [chat, picker, article, focus, more], concurrency_limit=1,
               concurrency_id="answer", show_progress="minimal", trigger_mode="multiple")
         .then(None, focus, None, js=SCROLL_TO_ANSWER, trigger_mode="multiple"))
        def clear_chat(request: gr.Request, confirmed: bool):
            if not confirmed:
                return gr.update(), gr.update(), gr.update(), gr.update()
            conv = ui.conversation(request.session_hash or "unknown")
            conv.clear()
            return conv.messages(), gr.update(choices=[], value=None), "", gr.update(visible=False)

        clear.click(clear_chat, sure, [chat, picker, article, more], queue=False,
                    js="() => confirm('Clear this conversation? Its answers and sources are removed from this page.')")
        box.change(lambda q: counter(q, s.max_question_chars), box, count, queue=False, show_progress="hidden",
                   trigger_mode="always_last")
        picker.input(lambda c: show_article(engine, c), picker, article).then(None, js=SCROLL_TO_QUOTE)
        cite.change(lambda c: (show_article(engine, c), gr.update(value=None)), cite, [article, picker],
                    queue=False).then(None, js=SCROLL_TO_QUOTE)
    return demo


def launch(demo: gr.Blocks, **how: Any) -> None:
    """Serve the page with its style, script and fonts (the tests serve it through this too)."""
    demo.launch(css=CSS, head=HEAD, theme=THEME, footer_links=[], quiet=True, **how)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Serve the cited news Q&A chat in the browser.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=int(os.environ.get("RAG_UI_PORT", "7860")))
    p.add_argument("--user", default=os.environ.get("RAG_UI_USER", "rag"))
    p.add_argument("--password", default=os.environ.get("RAG_UI_PASSWORD"),
                   help="required when --host is not a loopback address")
    p.add_argument("--corpus", type=Path)
    p.add_argument("--index-dir", type=Path)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if not is_loopback(args.host) and not args.password:
        print(f"error: binding {args.host} exposes the UI beyond this machine; give --password "
              "(or RAG_UI_PASSWORD) so that visitors must log in", file=sys.stderr)
        return 2
    engine = Engine(Settings.from_env(corpus_dir=args.corpus, index_dir=args.index_dir))
    try:
        report = engine.ensure_index(progress=True)
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if report:
        log.info("built the index: %s", report.summary())
    auth = (args.user, args.password) if args.password else None
    # load the models and evaluate the fixed prompt prefixes while the page opens, so that the first
    # question does not wait for them
    threading.Thread(target=engine.warm_up, daemon=True).start()
    log.info("serving on http://%s:%d (this machine only unless --host says otherwise)", args.host, args.port)
    launch(build_ui(engine), server_name=args.host, server_port=args.port, auth=auth, show_error=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
