"""What the pipeline asks of a model, whatever serves it: the one-method Protocol and the label decision.

A backend (rag/backends/, chosen by name from the registry there) returns the model's raw JSON text for a
chat and a JSON schema; parsing and checking happen in the pipeline, the same for every backend.
`on_token` (optional) is called with each piece of output as it arrives, so a UI can show progress.

Decisions (does this article state an answer?) are read as
probabilities of the reply's first token. A backend that can give them has the optional capability
`label_probs(messages, labels)` (the embedded model reads its logits; the OpenAI-compatible and Ollama
backends ask the server for `top_logprobs`). For a backend without it, or a server that returns none, the
documented fallback is `generated_label`: the model writes the label under a schema and that label gets
probability 1 (so thresholds act as a plain yes/no).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Iterable
from typing import Any, Protocol

OnToken = Callable[[str], None]
log = logging.getLogger("rag.llm")


class LLM(Protocol):
    name: str

    def generate(self, messages: list[dict[str, str]], schema: dict[str, Any],
                 on_token: OnToken | None = None) -> str:
        """The model's reply (JSON text constrained by `schema`)."""
        ...


class LabelProbs(Protocol):
    """Optional capability: P(each label) as the reply's first token, summing to 1 over `labels`."""

    def label_probs(self, messages: list[dict[str, str]], labels: tuple[str, ...]) -> dict[str, float]: ...


def label_probs(llm: LLM, messages: list[dict[str, str]], labels: tuple[str, ...]) -> dict[str, float]:
    """Probability of each label as the model's reply to `messages` (summing to 1 over `labels`): from
    token probabilities where the backend has them, else 1.0 for the label it writes under a schema."""
    probs = getattr(llm, "label_probs", None)
    if probs is not None:
        return dict(probs(messages, labels))
    return generated_label(llm, messages, labels)


def generated_label(llm: LLM, messages: list[dict[str, str]], labels: tuple[str, ...]) -> dict[str, float]:
    """The fallback: the label the model writes under a schema gets 1.0, the others 0.0."""
    raw = llm.generate(messages, {"type": "object", "properties": {"label": {"type": "string", "enum": list(labels)}},
                                  "required": ["label"]})
    try:
        said = json.loads(raw).get("label")
    except (ValueError, AttributeError):
        said = None
    return {lab: float(lab == said) for lab in labels}


def server_label_probs(llm: LLM, messages: list[dict[str, str]], labels: tuple[str, ...],
                       top: Callable[[], list[tuple[str, float]]]) -> dict[str, float]:
    """Label probabilities for a model server: from `top()` (the server's top first-token candidates, as
    (token, log-probability)) while the server returns them; the first time it returns none, a warning, and
    from then on the generated label without asking again. The server's answer is kept in `llm.logprobs`
    (None: not asked yet, True, False)."""
    if getattr(llm, "logprobs", None) is not False:
        probs = probs_from_top(top(), labels)
        if probs is not None:
            llm.logprobs = True  # type: ignore[attr-defined]
            return probs
        if getattr(llm, "logprobs", None) is None:
            log.warning("%s returned no token probabilities (an older version?); yes/no decisions fall back to a "
                        "generated label, less finely calibrated", llm.name)
        llm.logprobs = False  # type: ignore[attr-defined]
    return generated_label(llm, messages, labels)


def probs_from_top(top: Iterable[tuple[str, float]], labels: tuple[str, ...]) -> dict[str, float] | None:
    """P(label) from a server's top candidate first tokens (token, log-probability): each label counts
    with every spelling that is the label once trimmed and lower-cased ("Yes", " yes"); renormalised over
    the labels. None when no candidate spells any label (the caller falls back).

    >>> probs_from_top([("Yes", -0.1), (" yes", -3.0), ("No", -2.5), ("Maybe", -4.0)], ("yes", "no"))
    {'yes': 0.92..., 'no': 0.07...}
    >>> probs_from_top([("The", -0.1)], ("yes", "no")) is None
    True
    """
    mass = dict.fromkeys(labels, 0.0)
    for token, logprob in top:
        key = token.strip().lower()
        if key in mass and logprob is not None:
            mass[key] += math.exp(logprob)
    total = sum(mass.values())
    if total <= 0:
        return None
    return {lab: m / total for lab, m in mass.items()}
