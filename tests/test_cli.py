"""The `rag` command: bad input gives one clear line on stderr and a non-zero exit, never a traceback."""

import subprocess
import sys

import pytest

from rag import segments
from rag.build import build_index
from rag.cli import main


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"})


@pytest.mark.parametrize(("question", "message"), [
    ("", "the question is empty"),
    ("   \t\n", "the question is empty"),
    ("x" * 100_000, "100,000 characters long; the limit is 2,000"),
])
def test_bad_questions(tmp_path, question, message):
    p = _run("--index-dir", str(tmp_path / "ix"), "ask", question)
    assert p.returncode == 1
    assert p.stderr.strip() == f"error: {p.stderr.strip()[7:]}" and message in p.stderr
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_missing_index(tmp_path, capsys):
    assert main(["--index-dir", str(tmp_path / "none"), "ask", "Who shelled Hatla?"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no index in") and "rag index" in err


def test_mismatched_index(settings, embedder, capsys, monkeypatch):

    build_index(settings, embedder)
    monkeypatch.setenv("RAG_CHUNK_SENTENCES", "7")
    assert main(["--index-dir", str(settings.index_dir), "ask", "Who?"]) == 1
    assert "rag index --rebuild" in capsys.readouterr().err


def test_asking_with_the_corpus_of_another_index_is_refused(settings, embedder, tmp_path, capsys):
    """`rag ask --corpus B` over the index of corpus A would answer from A's articles: refused, with the fix."""
    build_index(settings, embedder)
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("A title\n\nSome other article about a flood.\n", encoding="utf-8")
    assert main(["--index-dir", str(settings.index_dir), "--corpus", str(other), "ask", "Who?"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the index in") and "holds none of the 1 articles" in err and "rag index" in err


def test_missing_corpus_folder(tmp_path, capsys):
    assert main(["--index-dir", str(tmp_path / "ix"), "--corpus", str(tmp_path / "nope"), "index"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_unknown_backend_is_refused_by_the_parser(tmp_path):
    p = _run("--index-dir", str(tmp_path), "ask", "q", "--backend", "gpt-cloud")
    assert p.returncode == 2 and "invalid choice" in p.stderr


def test_ui_refuses_a_non_loopback_address_without_a_password(capsys, monkeypatch):
    import app

    monkeypatch.delenv("RAG_UI_PASSWORD", raising=False)
    assert app.main(["--host", "0.0.0.0"]) == 2
    assert "--password" in capsys.readouterr().err
    from rag.guard import is_loopback  # what app.main decides with

    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("192.168.1.5")


@pytest.mark.parametrize("argv", [
    ["eval", "--dataset", "F.jsonl", "--corpus", "D", "--out", "O"],  # shared/DESIGN.md Contract 2, as written
    ["eval", "--out", "O", "--corpus", "D", "--dataset", "F.jsonl"],  # options in any order
    ["--corpus", "D", "eval", "--dataset", "F.jsonl", "--out", "O"],  # or before the subcommand
])
def test_eval_contract_command_line(monkeypatch, argv, capsys):
    from pathlib import Path

    import rag.evaluate

    seen = {}

    class R:
        def markdown_table(self):
            return "| table |"

    def fake(dataset, corpus, out, settings, **kw):
        seen.update(dataset=dataset, corpus=corpus, out=out, corpus_setting=settings.corpus_dir)
        return R()

    monkeypatch.setattr(rag.evaluate, "run_eval", fake)
    assert main(argv) == 0
    assert seen == {"dataset": Path("F.jsonl"), "corpus": Path("D"), "out": Path("O"), "corpus_setting": Path("D")}
    assert "| table |" in capsys.readouterr().out


def test_index_takes_corpus_after_the_subcommand(tmp_path, capsys):
    assert main(["index", "--index-dir", str(tmp_path / "ix"), "--corpus", str(tmp_path / "nope")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_index_of_a_folder_with_nothing_readable_fails_and_keeps_the_previous_index(settings, embedder, tmp_path,
                                                                                   capsys):

    build_index(settings, embedder)
    live = segments.current_version(settings.index_dir)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "blob.txt").write_bytes(b"\x00\x01binary")
    rc = main(["index", "--index-dir", str(settings.index_dir), "--corpus", str(bad)])
    err = capsys.readouterr().err
    assert rc == 1 and "no article in" in err and "2 file(s) refused" in err and "previous index is still live" in err
    assert segments.current_version(settings.index_dir) == live
    (bad / "empty.txt").unlink()
    (bad / "blob.txt").unlink()
    assert main(["index", "--index-dir", str(tmp_path / "fresh"), "--corpus", str(bad)]) == 1
    assert "no .txt/.md/.html/.htm/.pdf/.docx/.csv/.jsonl/.json files" in capsys.readouterr().err
    assert segments.current_version(tmp_path / "fresh") is None


def test_an_index_without_articles_has_its_own_message(built, settings, embedder, monkeypatch):
    from types import SimpleNamespace

    from rag import index
    from rag.engine import Engine
    from rag.errors import IndexMissing

    monkeypatch.setattr(index, "load", lambda s: SimpleNamespace(version=built.version, docs={}, store=built.store))
    with pytest.raises(IndexMissing, match="holds no article.*rag index"):
        Engine(settings, embedder=embedder).index()
