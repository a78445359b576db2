"""Pure text functions: sentence spans, chunk windows, tokens, and the cues used to spot disagreement.

Nothing here does I/O; every function is deterministic and keeps character offsets into the input.
"""

from __future__ import annotations

import re

_ABBREV = {"ie", "eg", "i.e", "e.g", "mr", "mrs", "ms", "dr", "col", "gen", "lt", "st", "vs", "u.s", "no",
           "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "inc", "co", "etc", "approx"}
_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_LONG = 400  # sentences longer than this are split again at semicolons
MAX_SENTENCE = 600  # and a piece still longer (text without punctuation) is cut at a space before this


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, whitespace trimmed, in order.

    Paragraph breaks (newlines) always end a sentence; '.', '!' or '?' ends one when the next
    word starts with a capital, a digit or a quote, and the word before is not a known abbreviation.

    >>> t = "Omair said so. (ie. Al-Qaeda) fought.\\nU.S. forces left."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Omair said so.', '(ie. Al-Qaeda) fought.', 'U.S. forces left.']
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        a0 = line.start()
        pos = a0
        for m in _END.finditer(line.group()):
            cut = a0 + m.end()
            nxt = text[cut:cut + 1]
            word = re.search(r"([\w.]+)[.!?][\"'”’)\]]*\s+$", text[max(pos, cut - 80):cut])
            prev = word.group(1).lower() if word else ""
            if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"“'‘("):
                continue
            if prev in _ABBREV or (len(prev) == 1 and prev.isalpha()):
                continue
            spans.extend(_split_long(text, pos, a0 + m.start() + len(m.group().rstrip())))
            pos = cut
        spans.extend(_split_long(text, pos, line.end()))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s[1] > s[0]]


def _split_long(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A long sentence split at semicolons, then any piece over MAX_SENTENCE characters at the last space
    before that length (hard, where there is no space), so that quotes, prompts and embeddings stay small.

    >>> t = "word " * 300
    >>> max(b - a for a, b in _split_long(t, 0, len(t))) <= MAX_SENTENCE
    True
    """
    if b - a <= _LONG:
        return [(a, b)]
    out, pos = [], a
    for m in re.finditer(r";\s+", text[a:b]):
        cut = a + m.end()
        if cut - pos >= 80:
            out.append((pos, a + m.start() + 1))
            pos = cut
    out.append((pos, b))
    bounded = []
    for x, y in out:
        while y - x > MAX_SENTENCE:
            cut = text.rfind(" ", x + MAX_SENTENCE // 2, x + MAX_SENTENCE)
            cut = cut if cut > x else x + MAX_SENTENCE
            bounded.append((x, cut))
            x = cut
        bounded.append((x, y))
    return bounded


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def chunk_windows(n_sentences: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """Windows [i, j) over sentence indices: `size` sentences, consecutive windows sharing `overlap`.

    >>> chunk_windows(7, 3, 1)
    [(0, 3), (2, 5), (4, 7)]
    >>> chunk_windows(2, 3, 1)
    [(0, 2)]
    """
    if size <= 0 or overlap < 0 or overlap >= size:
        raise ValueError("chunking needs size > 0 and 0 <= overlap < size")
    out: list[tuple[int, int]] = []
    i = 0
    while i < n_sentences:
        j = min(i + size, n_sentences)
        out.append((i, j))
        if j == n_sentences:
            break
        i = j - overlap
    return out


_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
STOPWORDS = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its this that "
    "these those he she they them his her their we our you your i me my not no do does did has have had "
    "which who whom what when where why how there here than then so such also into about over after before "
    "between during while said says say would will can could may might must shall should very more most "
    "all any some each other only own same both too just one".split()
)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens.

    >>> tokens("ISIS's 83 soldiers, al-Bokmal!")
    ["isis's", '83', 'soldiers', 'al-bokmal']
    """
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def terms(text: str) -> list[str]:
    """Tokens minus stop words, with a light stem (plural, possessive, -ing, -ed), in order (repeats kept).

    >>> terms("The soldiers of ISIS's army, soldiers")
    ['soldier', 'isis', 'army', 'soldier']
    >>> terms("overloaded overloading killed died")
    ['overload', 'overload', 'kill', 'died']
    """
    out = []
    for t in tokens(text):
        if t in STOPWORDS:
            continue
        t = t.removesuffix("'s")
        if len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
            t = t[:-1]
        if len(t) > 5 and t.endswith("ing"):
            t = t[:-3]
        elif len(t) > 4 and t.endswith("ed") and not t.endswith("eed"):
            t = t[:-2]
        out.append(t)
    return out


def content_words(text: str) -> set[str]:
    """The set of `terms`, and the acronyms spelt like a stop word (`acronyms`: "IS" is a name, "is" is not).

    >>> sorted(content_words("The soldiers of ISIS's army")), sorted(content_words("It is IS."))
    (['army', 'isis', 'soldier'], ['is'])
    """
    return set(terms(text)) | acronyms(text)


def acronyms(text: str) -> set[str]:
    """The words in capitals whose lower case is a stop word ("IS" for the Islamic State, "WHO"), lower-cased
    ("is" is never a content word otherwise, so it stands for the acronym alone); not one beside another word
    in capitals ("NO DECISION BY OBAMA", "READ MORE": a heading, not a name). Without them, "IS." answered
    nothing ("Which group carried out the car bombing?": the answer was refused as repeating the question).

    >>> sorted(acronyms("A car bomb blamed on IS killed 20 (WHO said). NO DECISION BY OBAMA; it is so."))
    ['is', 'who']
    """
    words = _WORD.findall(text)
    caps = [len(w) >= 2 and w.isupper() for w in words]
    return {w.lower() for i, w in enumerate(words)
            if caps[i] and w.lower() in STOPWORDS and not any(caps[max(i - 1, 0):i] + caps[i + 1:i + 2])}


# a day of a month, its year aside: "6 November", "November 6th" (the figure 6 in it is not a count)
DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|"
                       r"august|september|october|november|december)\b|\b(?:january|february|march|april|may|"
                       r"june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?\b", re.I)


_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | _TENS | {"dozen": 12, "hundred": 100, "thousand": 1000}
VAGUE = frozenset({"dozens", "hundreds", "thousands", "scores", "tens"})  # counts without a figure


def word_numbers(text: str) -> list[int]:
    """Numbers written as words, as integers ("twenty-two" -> 22, "a hundred" -> 100, "three thousand" -> 3000).

    >>> word_numbers("It killed fourteen workers, twenty-two others and a hundred more; one said so.")
    [14, 22, 100, 1]
    >>> word_numbers("two hundred and five people, three thousand claims, a dozen homes")
    [205, 3000, 12]
    """
    out: list[int] = []
    cur: int | None = None
    prev = ""
    for t in re.findall(r"[a-z]+", text.lower()):
        if t in ("hundred", "thousand", "dozen") and cur is None and prev in ("a", "one"):
            cur = 1
        if t in NUMBER_WORDS:
            v = NUMBER_WORDS[t]
            if t in ("hundred", "thousand", "dozen"):
                cur = (cur or 1) * v if t != "dozen" else (cur or 1) * 12
            elif cur is not None and (cur % 100 == 0 or (cur >= 20 and cur % 10 == 0 and v < 10)):
                cur += v
            else:
                if cur is not None:
                    out.append(cur)
                cur = v
        elif t == "and" and cur is not None and cur >= 100:
            pass
        elif cur is not None:
            out.append(cur)
            cur = None
        prev = t
    if cur is not None:
        out.append(cur)
    return out


def numbers(text: str) -> set[str]:
    """Numbers a text states, in digits or in words, normalised to digits; vague counts ("dozens") as words.

    >>> sorted(numbers("killed 83 soldiers and three others, 3,468 km2"))
    ['3', '3468', '83']
    >>> sorted(numbers("The toll has risen to fourteen; dozens were hurt."))
    ['14', 'dozens']
    """
    out = {m.rstrip(",").replace(",", "") for m in re.findall(r"(?<!\w)\d[\d,]*(?:\.\d+)?", text)}
    out |= {str(n) for n in word_numbers(text)}
    out |= {t for t in tokens(text) if t in VAGUE}
    return {n for n in out if n}
