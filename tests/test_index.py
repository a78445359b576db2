import json
import os
from dataclasses import replace

import numpy as np
import pytest

from rag import index, lexical, segments
from rag.build import build_index
from rag.errors import IndexBusy, IndexMismatch, IndexMissing


def test_build_then_load_round_trip(settings, embedder):
    report = build_index(settings, embedder)
    assert sorted(report.added) == ["harbor_times.txt", "river_gazette.txt", "valley_wire.md"]
    ix = index.load(settings)
    assert ix.version == report.version and len(ix.chunks) == report.chunks > 0
    for c in ix.chunks:
        assert c.text == ix.docs[c.doc].text[c.start:c.end]
    m = json.loads((ix.path / "manifest.json").read_text())
    assert m["format_version"] == segments.FORMAT_VERSION and m["embedder"] == "all-MiniLM-L6-v2"
    assert m["index_hash"] == settings.index_hash()
    assert set(m["docs"]) == set(ix.docs) and all(len(d["sha256"]) == 64 for d in m["docs"].values())
    assert ix.docs["valley_wire.md"].outlet == "Valley Wire"


def test_incremental_add_change_remove(settings, embedder, corpus):
    build_index(settings, embedder)
    first = index.load(settings)
    embedded_before = embedder.texts
    r = build_index(settings, embedder)
    assert r.version == first.version and embedder.texts == embedded_before  # nothing changed: no work
    (corpus / "new.txt").write_text("A new article about the festival and its 60,000 visitors.")
    (corpus / "harbor_times.txt").write_text("Harbor festival cancelled\n\nThe festival was cancelled.")
    (corpus / "river_gazette.txt").unlink()
    r = build_index(settings, embedder)
    assert (r.added, r.changed, r.removed, r.unchanged) == (
        ["new.txt"], ["harbor_times.txt"], ["river_gazette.txt"], ["valley_wire.md"])
    assert r.embedded_chunks == 2  # only the new and the changed article were embedded
    ix = index.load(settings)
    assert set(ix.docs) == {"new.txt", "harbor_times.txt", "valley_wire.md"}
    # the reused vectors are the same as before
    old = [i for i, c in enumerate(first.chunks) if c.doc == "valley_wire.md"]
    new = [i for i, c in enumerate(ix.chunks) if c.doc == "valley_wire.md"]
    assert np.array_equal(first.vectors[old], ix.vectors[new])
    assert ix.store.index.ntotal == len(ix.chunks)


def test_duplicate_text_is_reported_once(settings, embedder, corpus):
    (corpus / "copy.txt").write_bytes((corpus / "valley_wire.md").read_bytes())
    r = build_index(settings, embedder)
    assert any(n == "valley_wire.md" and "same text as copy.txt" in why for n, why in r.failed)


def test_broken_file_keeps_previous_version_and_rest_is_indexed(settings, embedder, corpus):
    build_index(settings, embedder)
    (corpus / "valley_wire.md").write_bytes(b"\xff\xfe broken")
    (corpus / "extra.txt").write_text("Another article entirely about harbor boats.")
    r = build_index(settings, embedder)
    assert r.added == ["extra.txt"]
    assert any("kept the previously indexed version" in why for _, why in r.failed)
    assert "valley_wire.md" in index.load(settings).docs


def test_changed_chunking_forces_full_rebuild(settings, embedder):
    build_index(settings, embedder)
    other = replace(settings, chunk_sentences=2)
    with pytest.raises(IndexMismatch, match="rebuild"):
        index.load(other)
    r = build_index(other, embedder)
    assert r.rebuilt_reason and len(r.added) == 3
    assert index.load(other).manifest["chunking"]["size"] == 2


def test_missing_and_damaged_index_errors(settings, embedder):
    with pytest.raises(IndexMissing, match="rag index"):
        index.load(settings)
    build_index(settings, embedder)
    ix = index.load(settings)
    [seg] = ix.manifest["segments"]
    (settings.index_dir / "segments" / seg / "vectors.npy").write_bytes(b"garbage")
    with pytest.raises(IndexMissing, match="damaged"):
        index.load(settings)


def test_one_writer_at_a_time(settings, embedder):
    with segments.writer_lock(settings.index_dir):
        with pytest.raises(IndexBusy):
            build_index(settings, embedder)


def test_old_versions_are_collected(settings, embedder, corpus):
    for k in range(4):
        (corpus / "n.txt").write_text(f"Version {k} of a changing article about boats and nets.")
        build_index(settings, embedder)
    versions = [p for p in settings.index_dir.glob("v-*")]
    assert len(versions) == segments.KEEP_VERSIONS
    assert segments.current_version(settings.index_dir) in {p.name for p in versions}


def test_disk_full_while_writing_keeps_the_previous_index(settings, embedder, corpus, monkeypatch):
    import errno

    from rag.errors import IndexWriteError

    build_index(settings, embedder)
    before = index.load(settings)
    (corpus / "new.txt").write_text("A brand new article about the harbor and its boats.")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index.np, "save", full)
    with pytest.raises(IndexWriteError, match="No space left on device.*previous index is unchanged"):
        build_index(settings, embedder)
    monkeypatch.undo()
    after = index.load(settings)
    assert after.version == before.version and set(after.docs) == set(before.docs)
    assert not list(settings.index_dir.glob(".tmp-*"))
    assert "new.txt" in index.load(settings).docs or build_index(settings, embedder).added == ["new.txt"]


@pytest.mark.parametrize("name", ["vectors.npy", "chunks.npy", "docs.sqlite", "manifest.json"])
def test_truncated_index_files_give_a_clear_error(settings, embedder, name):
    build_index(settings, embedder)
    ix = index.load(settings)
    [seg] = ix.manifest["segments"]
    path = ix.path / name if name == "manifest.json" else settings.index_dir / "segments" / seg / name
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexMissing, match="rag index --rebuild"):
        index.load(settings)
    r = build_index(settings, embedder)  # a damaged live index is rebuilt, not trusted
    assert r.rebuilt_reason and index.load(settings).version == r.version


def _segment_files(settings):
    return {p.relative_to(settings.index_dir).as_posix(): p.stat().st_mtime_ns
            for p in (settings.index_dir / "segments").rglob("*") if p.is_file()}


def test_a_reindex_writes_only_the_new_articles(settings, embedder, corpus):
    build_index(settings, embedder)
    before = _segment_files(settings)
    (corpus / "new.txt").write_text("A new article about the festival and its 60,000 visitors.")
    r = build_index(settings, embedder)
    after = _segment_files(settings)
    assert r.added == ["new.txt"] and r.embedded_chunks == 1
    assert all(after[f] == t for f, t in before.items())  # the old segment is untouched and still used
    new = set(after) - set(before)
    assert {f.split("/")[-1] for f in new} == {"docs.sqlite", "chunks.npy", "vectors.npy", *lexical.FILES}
    assert len({f.split("/")[1] for f in new}) == 1  # one new segment, holding only the new article
    ix = index.load(settings)
    assert [c for c, _ in ix.bm25.search("60,000 visitors festival", 1)] == \
        [next(c.id for c in ix.chunks if c.doc == "new.txt")]  # found through the new segment's postings
    m = index.load(settings).manifest
    assert len(m["segments"]) == 2 and m["docs"]["new.txt"]["segment"] != m["docs"]["valley_wire.md"]["segment"]


def test_touched_file_is_not_embedded_again(settings, embedder, corpus):
    build_index(settings, embedder)
    n = embedder.texts
    p = corpus / "valley_wire.md"
    os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10**10))
    r = build_index(settings, embedder)
    assert embedder.texts == n and r.unchanged and not (r.added or r.changed)
    assert index.load(settings).manifest["docs"]["valley_wire.md"]["mtime_ns"] == p.stat().st_mtime_ns


def test_same_size_same_time_edit_right_after_a_scan_is_still_seen(settings, embedder, corpus):
    """The stat shortcut is not trusted for files modified within seconds of the previous scan."""
    p = corpus / "harbor_times.txt"
    build_index(settings, embedder)
    st = p.stat()
    data = p.read_bytes()
    p.write_bytes(data.replace(b"festival", b"FESTIVAL", 1))
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime
    assert p.stat().st_size == st.st_size
    assert build_index(settings, embedder).changed == ["harbor_times.txt"]


def test_segments_are_compacted_and_collected(settings, embedder, corpus):
    for k in range(segments.MAX_SEGMENTS + 3):
        (corpus / "n.txt").write_text(f"Version {k} of a changing article about boats and nets.")
        build_index(settings, embedder)
        m = index.load(settings).manifest
        assert len(m["segments"]) <= segments.MAX_SEGMENTS
    ix = index.load(settings)
    assert f"Version {segments.MAX_SEGMENTS + 2} " in ix.docs["n.txt"].text and len(ix.docs) == 4
    for c in ix.chunks:
        assert c.text == ix.docs[c.doc].text[c.start:c.end]
    kept = set()
    for p in settings.index_dir.glob("v-*/manifest.json"):
        kept |= set(json.loads(p.read_text())["segments"])
    assert {p.name for p in (settings.index_dir / "segments").iterdir()} == kept


def test_the_run_command_rebuilds_an_index_it_cannot_use(settings, embedder):
    from rag.engine import Engine

    build_index(replace(settings, chunk_sentences=2), embedder)  # built with other settings
    engine = Engine(settings, embedder=embedder)
    report = engine.ensure_index()
    assert report is not None and "index was built with" in report.rebuilt_reason
    assert engine.index().manifest["chunking"]["size"] == settings.chunk_sentences
    assert engine.ensure_index() is None  # usable now: loaded, not rebuilt


def test_warm_up_prepares_what_the_first_question_needs(settings, embedder):
    from rag.engine import Engine
    from tests.fakes import ScriptedLLM

    class WarmableLLM(ScriptedLLM):
        def __init__(self):
            super().__init__()
            self.warmed = []

        def warm(self, messages):
            self.warmed.append(messages)

    build_index(settings, embedder)
    llm = WarmableLLM()
    engine = Engine(settings, embedder=embedder, llm=llm)
    engine.warm_up()
    ix = engine.index()
    assert "bm25" in ix.__dict__  # read, not waiting for a question (sentence spans are split per article)
    assert [m[0]["role"] for m in llm.warmed] == ["system"] and not llm.prompts  # the read prompt


def test_persisted_bm25_over_segments_scores_as_one_bm25_over_the_live_chunks(settings, embedder, corpus):
    """After articles are changed and removed, the live rows of several segments score exactly as a BM25
    built afresh over the live chunks' texts."""
    from rag.lexical import BM25

    build_index(settings, embedder)
    (corpus / "new.txt").write_text("The flood relief fund reached 60,000 dollars, the mayor of Riverton said.")
    build_index(settings, embedder)
    (corpus / "harbor_times.txt").unlink()
    (corpus / "river_gazette.txt").write_text("Flood update\n\nSource: River Gazette\n\n"
                                              "The Riverton flood killed 16 people, the mayor said on Friday.\n")
    build_index(settings, embedder)
    ix = index.load(settings)
    assert len(ix.rows) == 3 and any((ids < 0).any() for _, ids in ix.rows)  # dead copies are masked out
    fresh = BM25.from_texts([c.text for c in ix.chunks])
    for q in ("Riverton flood mayor", "festival visitors", "60,000 dollars fund", "dam rain Castell"):
        got, want = ix.bm25.search(q, 10), fresh.search(q, 10)
        assert [c for c, _ in got] == [c for c, _ in want]
        assert [round(x, 4) for _, x in got] == [round(x, 4) for _, x in want]


def test_an_open_index_reads_an_article_only_when_asked_for(settings, embedder, corpus):
    build_index(settings, embedder)
    (corpus / "new.txt").write_text("Relief fund\n\nSource: Wire\n\nThe relief fund reached 60,000 dollars.")
    (corpus / "harbor_times.txt").write_text("Harbor festival cancelled\n\nSource: Harbor Times\n\nIt was cancelled.")
    build_index(settings, embedder)  # two segments; the first holds a dead copy of harbor_times.txt
    ix = index.load(settings)
    docs = ix.records.docs
    assert not docs._cache  # opening read no article
    assert sorted(ix.docs) == ["harbor_times.txt", "new.txt", "river_gazette.txt", "valley_wire.md"]
    assert ix.outlets == {"harbor times", "river gazette", "valley wire", "wire"} and not docs._cache
    chunks = list(ix.chunks)
    live_ids = sorted(i for _, ids in ix.rows for i in ids if i >= 0)
    assert [c.id for c in chunks] == list(range(len(ix.chunks))) == live_ids
    assert all(c.text == ix.docs[c.doc].text[c.start:c.end] and c.text for c in chunks)
    assert "It was cancelled." in ix.docs["harbor_times.txt"].text  # the live copy, not the dead one
    with pytest.raises(IndexError):
        ix.chunks[len(ix.chunks)]
    with pytest.raises(KeyError):
        ix.docs["missing.txt"]
