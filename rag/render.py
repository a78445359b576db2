"""Answers for people: plain text for the terminal, HTML for the browser.

Every piece of article or question text goes through html.escape before it reaches HTML, so markup or
script inside an article is shown as text and never runs.
"""

from __future__ import annotations

from html import escape

from .index import Index
from .types import Answer


def _name(index: Index | None, doc: str) -> str:
    if index is None or doc not in index.docs:
        return doc
    d = index.docs[doc]
    return f"{d.outlet or 'outlet not stated'}: “{d.title}” ({doc})"


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
            lines.append(f"\nDISAGREEMENT ({g.kind}): {g.summary}")
            for x in g.sides:
                lines.append(f"   • {x.claim}: “{' '.join(x.quote.split())}”\n       — {_name(index, x.doc)}")
    t = ans.timings_ms
    lines.append(f"\n[{ans.model}; retrieve {t.get('retrieve', 0)} ms, generate {t.get('generate', 0)} ms, "
                 f"total {t.get('total', 0)} ms]")
    return "\n".join(lines)


def answer_html(ans: Answer, index: Index) -> str:
    """The chat message for one answer: statements with numbered citation markers, the quotes with their
    article, and a side-by-side block per disagreement."""
    if ans.abstained:
        return ('<div class="rag-abstain"><b>The articles here do not say.</b> '
                'None of the indexed articles answers this question, so there is nothing to quote.</div>')
    parts: list[str] = []
    refs: list[tuple[int, str, str, int, int]] = []
    for s in ans.statements:
        marks = []
        for c in s.citations:
            refs.append((len(refs) + 1, c.doc, c.quote, c.start, c.end))
            marks.append(f'<sup class="rag-cite">[{len(refs)}]</sup>')
        parts.append(f"<p class='rag-statement'>{escape(s.text)} {''.join(marks)}</p>")
    for g in ans.disagreements:
        cols = "".join(
            f"<div class='rag-side'><div class='rag-outlet'>{escape(_name(index, x.doc))}</div>"
            f"<div class='rag-claim'>{escape(x.claim)}</div><blockquote>{escape(x.quote)}</blockquote></div>"
            for x in g.sides)
        parts.append(f"<div class='rag-disagreement'><div class='rag-dis-title'>⚠ The articles disagree "
                     f"({escape(g.kind)})</div><p>{escape(g.summary)}</p><div class='rag-sides'>{cols}</div></div>")
    if refs:
        items = "".join(f"<li value='{n}'><q>{escape(q)}</q> <span class='rag-src'>— {escape(_name(index, d))}"
                        f"</span></li>" for n, d, q, _a, _b in refs)
        parts.append(f"<ol class='rag-refs'>{items}</ol>")
    t = ans.timings_ms
    parts.append(f"<div class='rag-meta'>{escape(ans.model)} · {t.get('total', 0) / 1000:.1f} s</div>")
    return "".join(parts)


def article_html(index: Index, doc: str, start: int, end: int) -> str:
    """The whole article with [start, end) highlighted, everything escaped."""
    d = index.docs[doc]
    text = d.text
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    body = (escape(text[:start]) + f"<mark id='rag-hl'>{escape(text[start:end])}</mark>" + escape(text[end:]))
    return (f"<div class='rag-article'><h3>{escape(d.title)}</h3><div class='rag-src'>"
            f"{escape(d.outlet or 'outlet not stated')} · {escape(doc)}</div>"
            f"<pre class='rag-article-text'>{body}</pre></div>")
