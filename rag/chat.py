"""A chat session that loses nothing: every question gets its own turn, answered in the order asked, and a
turn's message is written only by the job answering it, so no answer is ever erased by another.

The UI (app.py) keeps one `Conversation` per browser session. Sending a question adds a turn at once
(shown as queued, with how many questions are ahead of it across all sessions); the answering job takes
the oldest queued turn of its session and streams into that turn alone. Several sessions share one model:
`Waiting` counts the questions not yet finished, so each turn can say how many are ahead of it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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
    """Questions queued across all sessions, for 'N questions ahead of yours'. A ticket never finished (its
    page closed before its turn came) stops counting after STALE_S seconds."""

    STALE_S = 900.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._tickets = count(1)
        self._open: dict[int, float] = {}
        self.clock = clock

    def take(self) -> tuple[int, int]:
        """(ticket, questions ahead of it).

        >>> t = [0.0]; w = Waiting(clock=lambda: t[0])
        >>> w.take(), w.take()
        ((1, 0), (2, 1))
        >>> w.done(1); w.ahead_of(2)
        0
        >>> t[0] = 1000.0; w.take()
        (3, 0)
        """
        with self._lock:
            t = next(self._tickets)
            now = self.clock()
            ahead = sum(1 for at in self._open.values() if now - at < self.STALE_S)
            self._open[t] = now
            return t, ahead

    def done(self, ticket: int) -> None:
        with self._lock:
            self._open.pop(ticket, None)

    def ahead_of(self, ticket: int) -> int:
        with self._lock:
            now = self.clock()
            return sum(1 for t, at in self._open.items() if t < ticket and now - at < self.STALE_S)


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

    def clear(self) -> None:
        """Forget the answered turns; a question still queued or being answered stays (its answer is
        never lost)."""
        with self._lock:
            self.turns = [t for t in self.turns if t.state in ("queued", "answering")]

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
