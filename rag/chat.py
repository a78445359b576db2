"""A chat session that loses nothing: every question gets its own turn, answered in the order asked, and a
turn's message is written only by the job answering it, so no answer is ever erased by another.

The UI (app.py) keeps one `Conversation` per browser session. Sending a question adds a turn at once
(shown as queued, with how many questions are ahead of it across all sessions); the answering job takes
the oldest queued turn of its session and streams into that turn alone. Several sessions share one model:
`Waiting` counts the questions not yet started, so each turn can say how many are ahead of it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from .types import Answer


@dataclass
class Turn:
    question: str  # as typed (escaped when rendered)
    shown_question: str  # the user's bubble, already rendered
    content: str  # the assistant's bubble, rendered; replaced as the answer streams in
    state: str = "queued"  # queued | answering | done | error
    answer: Answer | None = None
    ticket: int = 0  # position in the shared queue (smaller: asked earlier)
    ask: dict[str, Any] = field(default_factory=dict)  # Engine.ask arguments chosen when it was asked


class Waiting:
    """Questions queued across all sessions, for 'N questions ahead of yours'."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tickets = count(1)
        self._open: set[int] = set()

    def take(self) -> tuple[int, int]:
        """(ticket, questions ahead of it)."""
        with self._lock:
            t = next(self._tickets)
            ahead = len(self._open)
            self._open.add(t)
            return t, ahead

    def done(self, ticket: int) -> None:
        with self._lock:
            self._open.discard(ticket)

    def ahead_of(self, ticket: int) -> int:
        with self._lock:
            return sum(1 for t in self._open if t < ticket)


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, turn: Turn) -> Turn:
        with self._lock:
            self.turns.append(turn)
        return turn

    def next_queued(self) -> Turn | None:
        """The oldest queued turn, now marked as being answered (None when nothing waits)."""
        with self._lock:
            for t in self.turns:
                if t.state == "queued":
                    t.state = "answering"
                    return t
            return None

    def busy(self) -> bool:
        with self._lock:
            return any(t.state in ("queued", "answering") for t in self.turns)

    def messages(self) -> list[dict[str, str]]:
        """The chat as the Chatbot shows it: each turn's question, then its answer (or its progress)."""
        with self._lock:
            out: list[dict[str, str]] = []
            for t in self.turns:
                out.append({"role": "user", "content": t.shown_question})
                out.append({"role": "assistant", "content": t.content})
            return out

    def latest_answer(self) -> Answer | None:
        with self._lock:
            return next((t.answer for t in reversed(self.turns) if t.answer is not None), None)
