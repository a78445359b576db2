"""`rag` command line: a thin adapter over the library. Errors become one line on stderr and exit 1."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .errors import IndexMismatch, RagError
from .settings import Settings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag", description="Cited question answering over a folder of news articles.")
    _place_flags(p)
    sub = p.add_subparsers(dest="cmd", required=True)

    ix = sub.add_parser("index", help="build or update the index from the corpus folder")
    ix.add_argument("--rebuild", action="store_true", help="ignore the existing index and rebuild it whole")
    ix.add_argument("--workers", type=int, default=1,
                    help="embed new and changed articles in N local processes (default 1)")
    ix.add_argument("--ray", metavar="ADDRESS", default="",
                    help="embed new and changed articles as tasks on a Ray cluster: 'auto' (the cluster this "
                         "machine joined with `ray start`) or its address, e.g. 10.0.0.5:6379")
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

    tx = sub.add_parser("text", help="print an article's canonical text, the text every quote's offsets point into",
                        description="Print the canonical text of DOC as the index holds it (for a .txt/.md file, "
                                    "the file itself; for HTML, PDF, Word and dumps, the text read from them).")
    tx.add_argument("doc", help="the article's name, as answers give it (e.g. page.html, dump.csv#17)")
    _place_flags(tx)

    _place_flags(sub.add_parser("setup-model", help="assemble and verify the embedded model file, and check that "
                                                    "it runs on this machine (rebuilding llama.cpp once if not)"))
    return p


def _place_flags(p: argparse.ArgumentParser) -> None:
    """--corpus and --index-dir, accepted before or after the subcommand (`rag eval --corpus D ...`)."""
    default = argparse.SUPPRESS if p.prog != "rag" else None
    p.add_argument("--corpus", type=Path, default=default, help="corpus folder (default: seeds, or $RAG_CORPUS_DIR)")
    p.add_argument("--index-dir", type=Path, default=default, help="index folder (default: index, or $RAG_INDEX_DIR)")


def _backend_flags(p: argparse.ArgumentParser) -> None:
    """--backend and each backend's options, from the registry (rag/backends)."""
    from .backends import REGISTRY, option_fields

    default = Settings()
    p.add_argument("--backend", choices=list(REGISTRY),
                   help=f"LLM backend (default: {default.backend}, or $RAG_BACKEND)")
    for field, what in option_fields():
        p.add_argument(f"--{field.replace('_', '-')}", dest=field,
                       help=f"{what} (default: {getattr(default, field) or 'none'}, or $RAG_{field.upper()})")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    from .backends import option_fields

    chosen = {f: getattr(args, f, None) for f in ("backend", *(f for f, _ in option_fields()))}
    settings = Settings.from_env(index_dir=args.index_dir, corpus_dir=args.corpus, **chosen)
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
        from .model_check import ensure_runs
        from .model_files import ensure_gguf

        gguf = ensure_gguf(settings.model_dir, progress=True)
        ensure_runs(gguf, log=lambda line: print(line, file=sys.stderr, flush=True))
        print(gguf)
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
        if args.workers < 1:
            raise RagError("--workers must be 1 or more")
        if args.ray and args.workers > 1:
            raise RagError("--ray and --workers are two ways to spread the embedding: choose one")
        report = engine.build_index(rebuild=args.rebuild, progress=True, workers=args.workers, ray=args.ray)
        for name, reason in report.failed:
            print(f"  failed: {name}: {reason}", file=sys.stderr)
        print(report.summary())
        return 0
    if args.cmd == "ask":
        if why := engine.other_corpus():
            raise IndexMismatch(why)
        ans = engine.ask(args.question, on_finding=None if args.quiet else _print_finding(engine),
                         on_stage=None if args.quiet else lambda s: print(f"… {s}", file=sys.stderr, flush=True))
        if args.json:
            print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
        else:
            from .render import answer_text

            print(answer_text(ans, engine.index()))
        return 0
    if args.cmd == "text":
        docs = engine.index().docs
        if args.doc not in docs:
            near = [n for n in docs if n.startswith(args.doc.split("#")[0])][:5]
            raise RagError(f"no article {args.doc!r} in the index"
                           + (f"; did you mean {', '.join(near)}?" if near else ""))
        sys.stdout.write(docs[args.doc].text)
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
