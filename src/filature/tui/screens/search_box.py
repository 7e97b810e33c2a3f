"""A modal search box whose results a worker thread finds while the analyst types: only the
latest search's results are shown, and none once the screen has closed."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import work
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.worker import get_current_worker

ResultT = TypeVar("ResultT")
ChoiceT = TypeVar("ChoiceT")


class SearchBox(ModalScreen[ChoiceT], Generic[ChoiceT, ResultT]):
    """The base of the find and jump screens: ``search`` starts a search (``find``, run in a
    worker thread) and ``show`` receives its result if no later search has started."""

    def __init__(self) -> None:
        """A search box with no search started."""
        super().__init__()
        self._generation = 0

    def search(self, text: str) -> None:
        """Search for ``text``; the results of the searches started before are dropped."""
        self._generation += 1
        self._search(text, self._generation)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str, generation: int) -> None:
        result = self.find(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._arrived, text, result, generation)

    def _arrived(self, text: str, result: ResultT, generation: int) -> None:
        if generation != self._generation:
            return
        try:
            self.show(text, result)
        except NoMatches:  # the screen was closed while the search ran
            return

    @property
    def searched(self) -> int:
        """How many searches have started (the latest one's number)."""
        return self._generation

    def find(self, text: str) -> ResultT:
        """The result of a search for ``text`` (run in a worker thread)."""
        raise NotImplementedError

    def show(self, text: str, result: ResultT) -> None:
        """Show the result of the latest search, for ``text``."""
        raise NotImplementedError
