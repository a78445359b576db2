"""A per-client sliding-window rate limit for the UI (questions per minute)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self.clock = per_minute, clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> float:
        """0 when `key` may go ahead now (and counts it), else the seconds to wait.

        >>> t = [0.0]; r = RateLimiter(2, clock=lambda: t[0])
        >>> r.check("a"), r.check("a"), r.check("a"), r.check("b")
        (0.0, 0.0, 60.0, 0.0)
        >>> t[0] = 61.0; r.check("a")
        0.0
        """
        now = self.clock()
        with self._lock:
            q = self._seen.setdefault(key, deque())
            while q and now - q[0] >= 60:
                q.popleft()
            if len(q) >= self.per_minute:
                return round(60 - (now - q[0]), 1)
            q.append(now)
            return 0.0
