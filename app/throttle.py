"""Login throttling: a growing wait after repeated wrong passwords, per account and per client.

Owns: counting failed logins per key (an account name, a client address) within a sliding
window, and the wait before the next attempt: after FREE failures in WINDOW seconds each
further failure doubles it (BASE, 2×BASE, 4×BASE … up to CAP seconds). The clock is injectable,
so tests move time instead of sleeping.
Must never: import streamlit, store a password, or block a thread (a refused attempt returns
the seconds to wait; the caller says so).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable

WINDOW = 60.0  # seconds in which failures count
FREE = 5  # failures allowed in the window before any wait
BASE = 5.0  # the first wait (seconds); doubled by every further failure
CAP = 900.0


class Throttle:
    """Failed attempts per key; one instance is shared by every session of the server."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, window: float = WINDOW, free: int = FREE) -> None:
        self.clock = clock
        self.window = window
        self.free = free
        self._failures: dict[Hashable, deque[float]] = {}
        self._until: dict[Hashable, float] = {}
        self._lock = threading.Lock()

    def wait(self, *keys: Hashable) -> float:
        """Seconds before an attempt for all `keys` is allowed (0.0: now)."""
        now = self.clock()
        with self._lock:
            return max([0.0, *(self._until.get(k, 0.0) - now for k in keys)])

    def failed(self, *keys: Hashable) -> int:
        """Record a wrong password for `keys`; the largest count of failures in the window."""
        now = self.clock()
        worst = 0
        with self._lock:
            for key in keys:
                times = self._failures.setdefault(key, deque())
                times.append(now)
                while times and times[0] <= now - self.window:
                    times.popleft()
                if len(times) >= self.free:
                    self._until[key] = now + min(CAP, BASE * 2 ** (len(times) - self.free))
                worst = max(worst, len(times))
        return worst

    def succeeded(self, *keys: Hashable) -> None:
        """A right password: the account's count starts again (a client's stays, see auth)."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
                self._until.pop(key, None)
