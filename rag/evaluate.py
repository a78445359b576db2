"""`rag eval`: answer every item of a Contract-2 test set against a fresh index of the given corpus, then
write answers.jsonl, report.json, report.md and report.png."""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import metrics
from .embed import Embedder
from .engine import Engine
from .errors import RagError
from .llm import LLM
from .settings import Settings
from .types import Answer

METRIC_NAMES = {
    "quote_fidelity": "quote fidelity",
    "citation_precision": "citation precision",
    "gold_overlap_precision": "gold-overlap precision",
    "evidence_recall": "evidence recall",
    "doc_recall": "doc recall",
    "disagreement_flagged_both_sides": "disputed: flagged, both sides",
    "false_disagreement_flags": "false disagreement flags",
    "abstained_unanswerable": "unanswerable: abstained",
    "wrongly_abstained_answerable": "answerable: wrongly abstained",
    "citations_in_gold_docs": "citations in gold docs",
    "gold_read": "stage: gold docs read",
    "gold_stated": "stage: gold docs with an answer kept",
    "reader_auc": "stage: reader AUC (gold vs other read)",
    "checks_kept_gold": "stage: answers kept by the checks, gold articles",
    "checks_kept_other": "stage: answers kept by the checks, other articles",
    "evidence_elsewhere": "stage: evidence missed in an article quoted elsewhere",
}


@dataclass
class Report:
    model: str
    dataset: str
    corpus: str
    overall: dict[str, Any]
    by_kind: dict[str, dict[str, Any]]
    rows: list[dict[str, Any]]
    settings_hash: str
    seconds: float

    def markdown_table(self) -> str:
        kinds = [k for k in metrics.KINDS if k in self.by_kind]
        head = "| metric | all | " + " | ".join(kinds) + " |\n|---|---|" + "---|" * len(kinds)
        lines = [head]
        for key, name in METRIC_NAMES.items():
            cells = [_fmt(self.overall[key])] + [_fmt(self.by_kind[k][key]) for k in kinds]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        for key, name in (("latency_p50_ms", "latency p50"), ("latency_p95_ms", "latency p95"),
                          ("first_finding_p50_ms", "first finding p50")):
            cells = [_sec(self.overall.get(key))] + [_sec(self.by_kind[k].get(key)) for k in kinds]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append(f"| items | {self.overall['items']} | " + " | ".join(str(self.by_kind[k]["items"]) for k in kinds)
                     + " |")
        return "\n".join(lines)


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.0f}%"


def _sec(v: float | None) -> str:
    return "–" if v is None else f"{v / 1000:.1f} s"


def load_dataset(path: Path) -> list[metrics.Item]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise RagError(f"cannot read the dataset {path}: {e}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            items.append(metrics.Item.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError) as e:
            raise RagError(f"{path}:{n}: not a Contract-2 item ({type(e).__name__}: {e})") from None
    if not items:
        raise RagError(f"{path} holds no test items")
    return items


def write_texts(texts: dict[str, str], path: Path) -> None:
    """The canonical text of every article (text_of(doc) of Contract 1), one JSON object a line
    ({"doc", "text"}), so that a scorer outside can check each quote of answers.jsonl against it."""
    with open(path, "w", encoding="utf-8") as fh:
        for name, text in sorted(texts.items()):
            fh.write(json.dumps({"doc": name, "text": text}, ensure_ascii=False) + "\n")


def run_eval(dataset: Path, corpus: Path, out: Path, settings: Settings, *, limit: int | None = None,
             progress: bool = False, embedder: Embedder | None = None, llm: LLM | None = None,
             index_dir: Path | None = None) -> Report:
    """`rag eval`: a fresh index in a temporary folder; `index_dir` keeps (and updates) one there instead,
    for a development loop (eval/dev.py)."""
    items = load_dataset(dataset)[:limit] if limit else load_dataset(dataset)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rag-eval-") as tmp:
        s = replace(settings, corpus_dir=corpus, index_dir=index_dir or Path(tmp) / "index", uploads_dir=None)
        engine = Engine(s, embedder=embedder, llm=llm)
        engine.build_index(progress=progress)
        texts = {name: d.text for name, d in engine.index().docs.items()}
        write_texts(texts, out / "texts.jsonl")
        rows, model = [], ""
        with open(out / "answers.jsonl", "w", encoding="utf-8") as fh:
            for item in tqdm(items, desc="answering", unit="question", disable=not progress):
                try:
                    ans = engine.ask(item.question)
                except RagError as e:  # recorded as an abstention with the reason; the run goes on
                    ans = Answer(item.question, True, (), (), model, {"total": 0}, notes=(f"error: {e}",))
                model = ans.model or model
                fh.write(json.dumps({"id": item.id, **ans.to_dict()}, ensure_ascii=False) + "\n")
                fh.flush()
                rows.append(metrics.score_item(item, ans, texts))
    by_kind = {k: metrics.aggregate([r for r in rows if r["kind"] == k]) for k in metrics.KINDS
               if any(r["kind"] == k for r in rows)}
    report = Report(model, str(dataset), str(corpus), metrics.aggregate(rows), by_kind, rows, settings.hash(),
                    time.perf_counter() - t0)
    write_report(report, out)
    return report


def write_report(report: Report, out: Path) -> None:
    (out / "report.json").write_text(json.dumps(report.__dict__, indent=2, default=str), encoding="utf-8")
    defs = (metrics.__doc__ or "").split("Definitions (also written into every report):", 1)[-1].strip()
    md = ["# Citation-accuracy report\n", f"- model: {report.model}", f"- dataset: `{report.dataset}`",
          f"- corpus: `{report.corpus}`", f"- settings hash: `{report.settings_hash}`",
          f"- wall time: {report.seconds:.0f} s\n", report.markdown_table(), "\n![metrics](report.png)\n",
          "## Definitions\n", defs, "\n## Items\n", "| id | kind | abstained | citations | supported | "
          "evidence found | flagged | latency |", "|---|---|---|---|---|---|---|---|"]
    for r in report.rows:
        md.append(f"| {r['id']} | {r['kind']} | {r['abstained']} | {r['citations']} | {r['supported']} | "
                  f"{r['evidence_found']}/{r['evidence']} | {r['flagged']} | {r['latency_ms'] / 1000:.1f} s |")
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    plot(report, out / "report.png")


def plot(report: Report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    keys = list(METRIC_NAMES)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(13, 5), gridspec_kw={"width_ratios": [4, 1]})
    vals = [report.overall[k] for k in keys]
    bad = {"false_disagreement_flags", "wrongly_abstained_answerable", "evidence_elsewhere"}
    colors = ["#c0392b" if k in bad else "#2e86c1" for k in keys]
    ax.barh([METRIC_NAMES[k] for k in keys], [0 if v is None else 100 * v for v in vals], color=colors)
    for i, v in enumerate(vals):
        ax.text(1 if v is None else 100 * v + 1, i, _fmt(v), va="center")
    ax.set_xlim(0, 110)
    ax.invert_yaxis()
    ax.set_xlabel("% (blue: higher is better; red: lower is better)")
    ax.set_title(f"{report.overall['items']} questions · {report.model[:60]}")
    lat = [r["latency_ms"] / 1000 for r in report.rows]
    ax2.boxplot(lat) if lat else None
    ax2.set_title("answer latency (s)")
    ax2.set_xticks([])
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
