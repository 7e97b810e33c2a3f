"""The base of the workbench screens listing relations (relations table, timeline): they read
the database in a worker thread (a reading started later, or the screen closed meanwhile,
drops what an earlier one read), and open the evidence of the relation under the cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import work
from textual.screen import Screen
from textual.worker import get_current_worker

from filature.query import Relation
from filature.tui.catalog import Catalog
from filature.tui.screens.evidence import EvidenceScreen

DataT = TypeVar("DataT")


class RelationScreen(Screen[None]):
    """``read(reader, then)`` runs ``reader`` in a thread and gives ``then`` what it read,
    unless a later ``read`` started or the screen is no longer shown; ``action_evidence``
    opens the evidence of ``current_relation()``."""

    catalog: Catalog
    _generation: int = 0

    def current_relation(self) -> Relation | None:
        """The relation under the cursor (each screen says where its cursor is)."""
        return None

    def action_evidence(self) -> None:
        """Open the evidence of the relation under the cursor."""
        relation = self.current_relation()
        if relation is not None:
            self.app.push_screen(EvidenceScreen(self.catalog, relation))

    def read(self, reader: Callable[[], DataT], then: Callable[[DataT], None]) -> None:
        """Run ``reader`` in a worker thread, then ``then`` with its result on the app's."""
        self._generation += 1
        self._read(reader, then, self._generation)

    @work(thread=True, exclusive=True, group="reading")
    def _read(
        self, reader: Callable[[], DataT], then: Callable[[DataT], None], generation: int
    ) -> None:
        data = reader()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._deliver, data, then, generation)

    def _deliver(self, data: DataT, then: Callable[[DataT], None], generation: int) -> None:
        if generation == self._generation and self.is_attached:
            then(data)
