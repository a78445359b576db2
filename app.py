"""Browser chat over the indexed articles: a thin Gradio adapter over rag.Engine.

Run with `bash run.sh` (or `python app.py` inside .venv). Serves on 127.0.0.1:7860 by default; binding
any other address needs --password (or RAG_UI_PASSWORD), and then every visitor must log in.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from rag.backends import REGISTRY, option_fields  # noqa: E402
from rag.corpus import add_files  # noqa: E402
from rag.engine import MAX_READ_ARTICLES, Engine  # noqa: E402
from rag.errors import RagError  # noqa: E402
from rag.limits import RateLimiter  # noqa: E402
from rag.render import answer_markdown, article_html, citation_choices, finding_markdown, md_escape  # noqa: E402
from rag.settings import Settings  # noqa: E402

log = logging.getLogger("rag.app")

CSS = """
.rag-article-text { white-space: pre-wrap; font-family: inherit; font-size: 0.95em; max-height: 60vh;
                    overflow-y: auto; }
.rag-article mark { background: #ffe066; padding: 0 2px; }
.rag-src { color: #666; font-size: 0.9em; }
"""

# after the article is shown, bring the highlighted quote into view inside its scrolling box
# (retried for a second: after an answer, the article may render a moment after the event ends)
SCROLL_TO_QUOTE = ("() => { let n = 0; const go = () => { const m = document.querySelector('#rag-hl');"
                   " if (m) { m.scrollIntoView({block: 'center'}); } if (++n < 10) { setTimeout(go, 100); } };"
                   " go(); }")

BACKENDS = {b.label: b.name for b in REGISTRY.values()}  # UI label -> backend name
OPTIONS = option_fields()  # (Settings field, label) of every backend option, one text box each


def _articles_table(engine: Engine) -> list[list[object]]:
    try:
        ix = engine.index()
    except RagError:
        return []
    return [[d.name, d.title, d.outlet or "(not stated)", len(d.text)] for d in ix.docs.values()]


def respond(engine: Engine, limiter: RateLimiter, client: str, question: str, history: list[dict],
            backend_label: str, options: dict[str, str],
            n_articles: float) -> Iterator[tuple[list[dict], str, object, object]]:
    """Generator for the chat: yields (history, cleared textbox, source picker update, article html)."""
    history = list(history or [])
    history.append({"role": "user", "content": md_escape(question[:engine.settings.max_question_chars])})
    wait = limiter.check(client)
    if wait:
        history.append({"role": "assistant", "content": f"⚠️ **Too many questions:** at most "
                        f"{limiter.per_minute} a minute from one client; try again in {wait:.0f} s."})
        yield history, question, gr.update(), gr.update()
        return
    history.append({"role": "assistant", "content": "⏳ Searching the articles…"})
    yield history, "", gr.update(choices=[], value=None), ""
    events: queue.Queue[tuple[str, object]] = queue.Queue()
    found: list[str] = []  # each article's finding, shown as soon as it is read

    def work() -> None:
        try:
            ans = engine.ask(question, backend=BACKENDS.get(backend_label, engine.settings.backend),
                             options=options, read_articles=int(n_articles),
                             on_finding=lambda f: events.put(("finding", f)),
                             on_stage=lambda s: events.put(("stage", s)))
            events.put(("done", ans))
        except RagError as e:
            events.put(("error", str(e)))
        except Exception as e:  # keep the UI alive; the log has the traceback
            log.exception("answer failed")
            events.put(("error", f"internal error ({type(e).__name__}: {e})"))

    threading.Thread(target=work, daemon=True).start()
    stage, t0 = "Searching the articles", time.monotonic()
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
            history[-1] = {"role": "assistant", "content": f"⚠️ **Could not answer:** {md_escape(str(value))}"}
            yield history, "", gr.update(choices=[], value=None), ""
            return
        elif kind == "done":
            ans = value
            ix = engine.index()
            history[-1] = {"role": "assistant", "content": answer_markdown(ans, ix)}  # type: ignore[arg-type]
            choices = citation_choices(ans, ix)  # type: ignore[arg-type]
            first = choices[0][1] if choices else None
            yield history, "", gr.update(choices=choices, value=first), show_article(engine, first)
            return
        so_far = "\n".join(found)
        history[-1] = {"role": "assistant",
                       "content": f"⏳ {md_escape(stage)}… ({time.monotonic() - t0:.0f} s)" +
                                  (f"\n\n{so_far}" if so_far else "")}
        yield history, "", gr.update(), gr.update()


def show_article(engine: Engine, choice: str | None) -> str:
    if not choice:
        return ""
    doc, start, end = choice.split("|", 1)[1].rsplit("|", 2)  # value is "k|doc|start|end"
    try:
        ix = engine.index()
    except RagError as e:
        return f"<p>{md_escape(str(e))}</p>"
    if doc not in ix.docs:
        return "<p>This article is no longer in the index.</p>"
    return article_html(ix, doc, int(start), int(end))


def add_articles(engine: Engine, paths: list[str] | None) -> tuple[str, list[list[object]]]:
    """Save uploads into the corpus folder and run the same incremental index build as `rag index`."""
    if not paths:
        return "Choose one or more .txt or .md files first.", _articles_table(engine)
    limit = engine.settings.max_file_bytes
    files, lines = [], []
    for p in paths:
        path = Path(p)
        if path.stat().st_size > limit:
            lines.append(f"- refused {md_escape(path.name)}: larger than {limit:,} bytes")
            continue
        files.append((path.name, path.read_bytes()))
    saved, refused = add_files(engine.settings.corpus_dir, files, limit)
    lines += [f"- refused {md_escape(r.name)}: {md_escape(r.reason)}" for r in refused]
    if saved:
        try:
            report = engine.build_index()
        except RagError as e:
            lines.append(f"- saved {len(saved)} file(s) but indexing failed: {md_escape(str(e))}")
        else:
            lines.insert(0, f"**Indexed.** {md_escape(report.summary())}")
            lines += [f"- not indexed {md_escape(n)}: {md_escape(why)}" for n, why in report.failed]
    return "\n".join(lines) or "Nothing was added.", _articles_table(engine)


def build_ui(engine: Engine) -> gr.Blocks:
    s = engine.settings
    with gr.Blocks(title="News Q&A with citations") as demo:
        gr.Markdown("## Ask the articles\nEvery statement quotes the article it rests on; where articles "
                    "disagree, both sides are shown. Nothing leaves this machine.")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="Answers", height=520, latex_delimiters=[], elem_id="chat",
                                  sanitize_html=True)
                with gr.Row():
                    box = gr.Textbox(placeholder="Ask a question about the articles…", show_label=False,
                                     scale=5, elem_id="question", max_length=s.max_question_chars)
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
            with gr.Column(scale=2):
                picker = gr.Radio(label="Sources of the latest answer (pick one to see it in its article)",
                                  choices=[], elem_id="sources")
                article = gr.HTML(elem_id="article")
        with gr.Accordion("Settings", open=False):
            backend = gr.Radio(list(BACKENDS), value=next(k for k, v in BACKENDS.items() if v == s.backend),
                               label="Model")
            with gr.Row():
                option_boxes = [gr.Textbox(getattr(s, field), label=what) for field, what in OPTIONS]
            n_articles = gr.Slider(1, MAX_READ_ARTICLES, value=s.read_articles, step=1,
                                   label="Articles read per question, one at a time (more: slower, broader)")
        with gr.Accordion("Indexed articles", open=False):
            table = gr.Dataframe(headers=["file", "title", "outlet", "characters"], value=_articles_table(engine),
                                 interactive=False, elem_id="articles")
            gr.Button("Refresh list").click(lambda: _articles_table(engine), outputs=table)
        with gr.Accordion("Add articles", open=False):
            uploads = gr.File(label=f"Articles (.txt or .md, UTF-8, up to {s.max_file_bytes // 1_000_000} MB each)",
                              file_count="multiple", file_types=[".txt", ".md"], elem_id="upload")
            add = gr.Button("Add to the corpus and re-index", elem_id="add")
            add_status = gr.Markdown(elem_id="add-status")
            add.click(lambda files: add_articles(engine, files), uploads, [add_status, table])

        inputs = [box, chat, backend, n_articles, *option_boxes]
        outputs = [chat, box, picker, article]

        limiter = RateLimiter(s.questions_per_minute)

        def run(question, history, backend_label, n, *values, request: gr.Request):
            client = request.client.host if request and request.client else "unknown"
            options = {field: v for (field, _), v in zip(OPTIONS, values, strict=True)}
            yield from respond(engine, limiter, client, question, history, backend_label, options, n)

        for ev in (box.submit(run, inputs, outputs), send.click(run, inputs, outputs),
                   picker.change(lambda c: show_article(engine, c), picker, article)):
            ev.then(None, js=SCROLL_TO_QUOTE)
    return demo


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


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
    if not _is_loopback(args.host) and not args.password:
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
    build_ui(engine).launch(server_name=args.host, server_port=args.port, auth=auth, css=CSS,
                            show_error=False, footer_links=[])
    return 0


if __name__ == "__main__":
    sys.exit(main())
