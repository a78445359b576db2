import pytest

from rag.readers.txt import title_and_outlet
from rag.text import chunk_windows, numbers, split_sentences, terms

SPLITS = [
    ("One. Two.", ["One.", "Two."]),
    ("The U.S. army left. Then rain.", ["The U.S. army left.", "Then rain."]),
    ("He said: “Go.” Then left.", ["He said: “Go.”", "Then left."]),
    ("a line\nanother line", ["a line", "another line"]),
    ("Killed 83 soldiers. 12 more died.", ["Killed 83 soldiers.", "12 more died."]),
    ("  padded  \n\n", ["padded"]),
    ("Col. Dorrian spoke. (ie. Al-Qaeda) fought.", ["Col. Dorrian spoke.", "(ie. Al-Qaeda) fought."]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences_table(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


def test_sentence_spans_are_exact_slices_of_every_seed(seed_texts):
    for name, text in seed_texts.items():
        spans = split_sentences(text)
        assert spans, name
        for (a, b), (c, _) in zip(spans, spans[1:], strict=False):
            assert a < b <= c  # ordered, non-overlapping
            assert text[a:b] == text[a:b].strip()


def test_long_sentences_are_split_at_semicolons():
    part = "word " * 30
    text = f"{part}; {part}; {part}; {part}."
    spans = split_sentences(text)
    assert len(spans) > 1 and all(b - a <= 400 for a, b in spans)


@pytest.mark.parametrize(("n", "size", "overlap", "expected"), [
    (0, 3, 1, []), (1, 3, 1, [(0, 1)]), (3, 3, 1, [(0, 3)]), (4, 3, 1, [(0, 3), (2, 4)]),
    (5, 2, 0, [(0, 2), (2, 4), (4, 5)]),
])
def test_chunk_windows(n, size, overlap, expected):
    assert chunk_windows(n, size, overlap) == expected


def test_chunk_windows_rejects_bad_settings():
    with pytest.raises(ValueError):
        chunk_windows(5, 2, 2)


def test_cues():
    assert numbers("3,468 km2 and 17th September, five people") == {"3468", "17", "5"}
    assert terms("The soldiers' soldiers") == ["soldier", "soldier"]


def test_title_and_outlet_front_matter():
    assert title_and_outlet("title: A B C D\noutlet: Daily Ledger\n\nbody") == ("A B C D", "Daily Ledger")
    assert title_and_outlet("short\n")[1] == ""
