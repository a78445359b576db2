"""Article files in the formats people have, made by real writers (reportlab for PDF, python-docx for Word,
the stdlib for CSV/JSON), shared by the reader tests and the browser test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

FIRE = ("Fire kills nine at Marlow textile factory",
        ["A fire at a textile factory in Marlow killed nine workers on Monday night, the fire service said.",
         "Rescuers searched the burnt building for hours before they found the last of the missing workers "
         "near the loading bay at the back of the main hall.",
         "The owner, Castell Textiles, said the alarms had been tested in March."])

PAGE = """<!doctype html><html><head><title>{title} | Valley Wire</title>
<meta property="og:site_name" content="Valley Wire"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2017-04-07T10:00:00Z">
<link rel="canonical" href="https://valleywire.example/marlow-fire"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{paras}</article>
<aside>Most read: Ten recipes for the weekend</aside>
<footer>© 2017 Valley Wire. Subscribe now for unlimited access!</footer></body></html>"""


def html_page(title: str = FIRE[0], paras: list[str] = FIRE[1]) -> bytes:
    return PAGE.format(title=title, paras="".join(f"<p>{p}</p>" for p in paras)).encode()


def pdf_file(title: str = FIRE[0], paras: list[str] = FIRE[1], encrypt: str | None = None,
             text: bool = True) -> bytes:
    """A one-page PDF with wrapped paragraphs (lines broken as a typesetter breaks them); `text=False`
    draws only shapes, like a scan without a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    if not text:
        c = canvas.Canvas(buf, pagesize=A4)
        c.rect(50, 50, 200, 300, fill=1)
        c.save()
        return buf.getvalue()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title, author="Jane Roe", encrypt=encrypt)
    doc.build([Paragraph(title, styles["Title"]), *(Paragraph(p, styles["BodyText"]) for p in paras)])
    return buf.getvalue()


def docx_file(title: str = FIRE[0], paras: list[str] = FIRE[1]) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.add_heading(title, 1)
    for p in paras:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def fakes_csv(folder: Path) -> bytes:
    """FA-KES-style: the .txt articles of `folder` (title line, blank line, text) written back as one CSV
    with unit_id, title, content, source and date columns, as the FA-KES data set is distributed."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, ["unit_id", "title", "content", "source", "date"])
    w.writeheader()
    for p in sorted(folder.glob("*.txt")):
        title, _, content = p.read_text(encoding="utf-8").partition("\n\n")
        parts = p.stem.split("_")
        w.writerow({"unit_id": parts[1] if len(parts) > 2 else p.stem, "title": title, "content": content,
                    "source": parts[-1], "date": ""})
    return buf.getvalue().encode()


def jsonl_dump(rows: list[dict]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode()
