"""Back and forward history of the entities shown."""

from __future__ import annotations


class History:
    """A browser-like history of entity ids."""

    def __init__(self, limit: int = 500) -> None:
        """An empty history keeping at most ``limit`` entries."""
        self._items: list[int] = []
        self._pos = -1
        self._limit = limit
        self._browsing = False

    @property
    def current(self) -> int | None:
        """The entity shown now."""
        return self._items[self._pos] if self._pos >= 0 else None

    def visit(self, entity_id: int, browsing: bool = False) -> None:
        """Record a visit; consecutive ``browsing`` visits (moving in a list) share one entry."""
        if entity_id == self.current:
            return
        del self._items[self._pos + 1 :]
        was_browsing, self._browsing = self._browsing, browsing
        if browsing and was_browsing and self._items:
            self._items[self._pos] = entity_id
            return
        self._items.append(entity_id)
        if len(self._items) > self._limit:
            del self._items[0]
        self._pos = len(self._items) - 1

    def back(self) -> int | None:
        """Step back; the entity to show, or None at the start."""
        if self._pos <= 0:
            return None
        self._pos -= 1
        self._browsing = False
        return self._items[self._pos]

    def forward(self) -> int | None:
        """Step forward; the entity to show, or None at the end."""
        if self._pos >= len(self._items) - 1:
            return None
        self._pos += 1
        self._browsing = False
        return self._items[self._pos]
