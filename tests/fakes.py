"""Deterministic fakes: a hashed bag-of-words embedder and scripted / extractive LLMs.

They live here (not in conftest) so that the subprocess used by the kill test can import them too.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import numpy as np

from rag.text import content_words

# Similarity thresholds are calibrated for all-MiniLM-L6-v2; bag-of-words cosines run lower.
HASH_THRESHOLDS = {"min_relevance": 0.1, "min_statement_relevance": 0.05, "min_pair_relevance": 0.05,
                   "min_pair_similarity": 0.2}


class HashEmbedder:
    """Bag of words hashed into 256 dimensions, L2-normalised: similar wording -> high cosine."""

    name = "all-MiniLM-L6-v2"  # stands in for the real one so that settings hashes match
    dim = 384

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in content_words(t):
                h = int.from_bytes(hashlib.md5(w.encode()).digest()[:4], "little")
                out[i, h % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            out[i] = out[i] / n if n else out[i]
            if not n:
                out[i, 0] = 1.0
        return out


class ScriptedLLM:
    """Returns queued replies in order (dicts are JSON-encoded; callables are called with the messages) and
    records every prompt it was given.
    When the queue is empty it answers like `ExtractiveLLM`."""

    name = "scripted-fake"

    def __init__(self, *replies: Any) -> None:
        self.replies = list(replies)
        self.prompts: list[list[dict[str, str]]] = []

    def generate(self, messages, schema, on_token=None) -> str:
        self.prompts.append(messages)
        if self.replies:
            r = self.replies.pop(0)
            r = r(messages) if callable(r) else r
            text = r if isinstance(r, str) else json.dumps(r)
        else:
            text = ExtractiveLLM().generate(messages, schema)
        if on_token:
            for piece in re.findall(r".{1,8}", text, re.S):
                on_token(piece)
        return text


class ExtractiveLLM:
    """A stand-in model with fixed behaviour: for an answer, it cites the source sentences sharing the most
    words with the question and restates them; for a pair judgement, it says 'conflict' when the two
    sentences state different numbers, with those numbers as the values."""

    name = "extractive-fake"

    def generate(self, messages, schema, on_token=None) -> str:
        user = messages[-1]["content"]
        if "label" in schema.get("properties", {}):
            s1 = re.search(r"Sentence 1 \([^)]*\): (.*)", user).group(1)
            s2 = re.search(r"Sentence 2 \([^)]*\): (.*)", user).group(1)
            n1, n2 = re.findall(r"\d+", s1), re.findall(r"\d+", s2)
            if n1 and n2 and n1[0] != n2[0]:
                return json.dumps({"label": "conflict", "kind": "numbers", "value_1": n1[0], "value_2": n2[0]})
            return json.dumps({"label": "agree", "kind": "events", "value_1": "", "value_2": ""})
        question = re.search(r"Question: (.*)", user).group(1)
        q = content_words(question)
        sents = [(int(n), t) for n, t in re.findall(r"^\[(\d+)\] (.*)$", user, re.M)]
        scored = sorted(((len(q & content_words(t)), n, t) for n, t in sents), key=lambda x: (-x[0], x[1]))
        best = [x for x in scored if x[0] >= 2][:2]
        return json.dumps({"relevant": [n for _, n, _ in best],
                           "statements": [{"text": t.rstrip(" …"), "ids": [n]} for _, n, t in best]})


def number_of(messages: list[dict[str, str]], fragment: str) -> int:
    """The number the prompt gave to the source sentence containing `fragment`."""
    for n, text in re.findall(r"^\[(\d+)\] (.*)$", messages[-1]["content"], re.M):
        if fragment in text:
            return int(n)
    raise AssertionError(f"no source sentence contains {fragment!r}")


def reply(*statements: tuple[str, list[str]]):
    """A scripted answer: statements given as (text, [fragments of the sentences they cite])."""
    def make(messages):
        sts = [{"text": t, "ids": [number_of(messages, f) for f in frags]} for t, frags in statements]
        return {"relevant": sorted({i for s in sts for i in s["ids"]}), "statements": sts}
    return make
