"""One refresh at a time for values kept in a process for a few seconds.

When such a value expires under load, every thread that needs it would compute it again at
the same moment. Instead the first one claims the refresh and the others go on with the value
they have (a few seconds older) until it is done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Refreshes:
    """The keys being refreshed right now in this process."""

    def __init__(self) -> None:
        self._keys: set[Hashable] = set()
        self._lock = threading.Lock()

    def claim(self, key: Hashable) -> bool:
        """True for the caller that should refresh `key`; False while another one does."""
        with self._lock:
            if key in self._keys:
                return False
            self._keys.add(key)
            return True

    def release(self, key: Hashable) -> None:
        with self._lock:
            self._keys.discard(key)

    def once(self, key: Hashable, *, refresh: Callable[[], T], meanwhile: Callable[[], T]) -> T:
        """`refresh()` when no other thread is refreshing `key`, else `meanwhile()` (the copy
        the caller already has)."""
        if not self.claim(key):
            return meanwhile()
        try:
            return refresh()
        finally:
            self.release(key)
