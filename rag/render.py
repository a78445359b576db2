"""Answers for people: plain text for the terminal, HTML for the browser.

Every piece of article or question text goes through html.escape before it reaches HTML, so markup or
script inside an article is shown as text and never runs.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote as quote_url
from urllib.parse import unquote as unquote_url

from .index import Index
from .types import Answer, Finding


def _name(index: Index | None, doc: str) -> str:
    if index is None or doc not in index.docs:
        return doc
    d = index.docs[doc]
    return f"{d.outlet}: “{d.title}” ({doc})" if d.outlet else f"“{d.title}” ({doc})"


def answer_text(ans: Answer, index: Index | None = None) -> str:
    if ans.abstained:
        lines = ["The articles here do not say."]
    else:
        lines = []
        for k, s in enumerate(ans.statements, 1):
            lines.append(f"{k}. {s.text}")
            for c in s.citations:
                lines.append(f"     “{' '.join(c.quote.split())}”\n       — {_name(index, c.doc)} [{c.start}:{c.end}]")
        for g in ans.disagreements:
            lines.append(f"\nDISAGREEMENT ({g.kind}), {len(g.positions)} positions:")
            for pos in g.positions:
                lines.append(f"   • {pos.claim}{'  [latest report]' if pos.latest else ''} — "
                             f"{len(pos.docs)} article(s)")
                for c in pos.citations:
                    lines.append(f"       “{' '.join(c.quote.split())}” — {_name(index, c.doc)}")
    t = ans.timings_ms
    lines.append(f"\n[{ans.model}; retrieve {t.get('retrieve', 0)} ms, generate {t.get('generate', 0)} ms, "
                 f"total {t.get('total', 0)} ms]")
    return "\n".join(lines)


def article_html(index: Index, doc: str, start: int, end: int) -> str:
    """The whole article with [start, end) highlighted, everything escaped."""
    d = index.docs[doc]
    text = d.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    body = (escape(text[:start]) + f"<mark id='rag-hl'>{escape(text[start:end])}</mark>" + escape(text[end:]))
    return (f"<div class='rag-article'><h3>{escape(d.title)}</h3><div class='rag-src'>"
            f"{escape(d.outlet or 'outlet not stated')} · {escape(doc)}</div>"
            f"<pre class='rag-article-text'>{body}</pre></div>")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~>$])")


def md_escape(text: str) -> str:
    """Article text as inert Markdown: HTML entities escaped, Markdown punctuation backslashed.

    >>> md_escape("<script>alert(1)</script> *bold* [x](y)")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt; \\\\*bold\\\\* \\\\[x\\\\]\\\\(y\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", escape(" ".join(text.split()), quote=False))


def _label(index: Index, doc: str) -> str:
    return index.docs[doc].label if doc in index.docs else doc


def finding_markdown(f: Finding, index: Index) -> str:
    """One article's finding as a line of the message shown while the others are being read."""
    who = md_escape(_label(index, f.doc))
    if not f.stated:
        return f"- *{who}*: does not say"
    c = f.citations[0]
    return f"- *{who}*: {md_escape(f.answer)} — “{md_escape(c.quote)}” {cite_link(c.doc, c.start, c.end, '↗', c.quote)}"


CITE_PREFIX = "#rag-cite:"  # links the UI turns into "open this article at this span"


def cite_link(doc: str, start: int, end: int, text: str, quote: str) -> str:
    """An inline link to a span of an article (the UI opens it highlighted); hovering shows the quote.

    >>> cite_link("a b.txt", 3, 9, "[1]", 'He said "no" <b>')
    '<a href="#rag-cite:a%20b.txt:3:9" title="He said &quot;no&quot; &lt;b&gt;" class="rag-cite">[1]</a>'
    """
    return (f'<a href="{cite_target(doc, start, end)}" '
            f'title="{escape(" ".join(quote.split()))}" class="rag-cite">{escape(text)}</a>')


def cite_target(doc: str, start: int, end: int) -> str:
    """Where a citation points: the one form the chat's links and the source picker's values share."""
    return f"{CITE_PREFIX}{quote_url(doc, safe='')}:{start}:{end}"


def parse_cite(target: str) -> tuple[str, int, int] | None:
    """(doc, start, end) from a link target made by `cite_link` (anything after a '|' is ignored).

    >>> parse_cite("#rag-cite:a%20b.txt:3:9|17")
    ('a b.txt', 3, 9)
    """
    target = target.split("|", 1)[0]
    if not target.startswith(CITE_PREFIX):
        return None
    try:
        doc, start, end = target[len(CITE_PREFIX):].rsplit(":", 2)
        return unquote_url(doc), int(start), int(end)
    except ValueError:
        return None


def answer_markdown(ans: Answer, index: Index) -> str:
    """The chat message: statements with [n] links (to the article, highlighted), each disagreement as
    one block (its positions, each with its articles and quote links), and the numbered quotes with
    outlet and title. Citation n here is choice n in the UI's source picker."""
    if ans.abstained:
        return ("**The articles here do not say.** None of the articles read answers this question, "
                "so there is nothing to quote." + unread_markdown(ans, index))
    lines: list[str] = []
    n = 0
    quotes: list[str] = []
    for s in ans.statements:
        marks = []
        for c in s.citations:
            n += 1
            marks.append(cite_link(c.doc, c.start, c.end, f"[{n}]", c.quote))
            link = cite_link(c.doc, c.start, c.end, "open", c.quote)
            quotes.append(f"{n}. “{md_escape(c.quote)}” — *{md_escape(_label(index, c.doc))}* {link} "
                          f"<sub>{md_escape(_name(index, c.doc))}</sub>")
        lines.append(f"- {md_escape(s.text)} {' '.join(marks)}")
    numbered = {(c.doc, c.start, c.end): k for k, c in enumerate((c for s in ans.statements for c in s.citations), 1)}
    for g in ans.disagreements:
        lines += ["", f"> ⚠️ **The articles disagree ({md_escape(g.kind)}): {len(g.positions)} positions**", "",
                  "| position | articles | quotes |", "|---|---|---|"]
        for pos in g.positions:
            who = ", ".join(md_escape(_label(index, d)) for d in dict.fromkeys(pos.docs))
            links = " ".join(cite_link(c.doc, c.start, c.end, f"[{numbered.get((c.doc, c.start, c.end), '↗')}]",
                                       c.quote) for c in pos.citations)
            latest = " — **latest report**" if pos.latest else ""
            lines.append(f"| {md_escape(pos.claim)}{latest} | {who} ({len(pos.docs)}) | {links} |")
    if quotes:
        lines += ["", "**Sources**", ""] + quotes
    t = ans.timings_ms
    lines += ["", f"<sub>{md_escape(ans.model)} · {t.get('total', 0) / 1000:.1f} s</sub>{unread_markdown(ans, index)}"]
    return "\n".join(lines)


def unread_markdown(ans: Answer, index: Index) -> str:
    """What was left out: how many articles were read, and the next closest ones that were not."""
    if not ans.unread:
        return ""
    names = ", ".join(md_escape(_label(index, d)) for d in ans.unread)
    n = len(ans.findings)
    return f"\n\n<sub>Read the {n} article{'s' if n != 1 else ''} closest to the question; not read: {names}.</sub>"


def citation_choices(ans: Answer, index: Index) -> list[tuple[str, str]]:
    """(label, value) for each citation, numbered as in answer_markdown; the value
    is the citation's target, then '|k' (k keeps two entries citing the same span apart)."""
    out: list[tuple[str, str]] = []
    for s in ans.statements:
        for c in s.citations:
            out.append((f"[{len(out) + 1}] {_label(index, c.doc)}: “{_clip(c.quote)}”",
                        f"{cite_target(c.doc, c.start, c.end)}|{len(out)}"))
    return out  # a disagreement's quotes are its positions' statements' citations: each listed once


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"
