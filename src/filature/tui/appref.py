"""Typed access to the running FilatureApp from screens and widgets (without an import cycle)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.command import Provider
from textual.dom import DOMNode

if TYPE_CHECKING:
    from filature.tui.app import FilatureApp


def filature_app(node: DOMNode | Provider) -> FilatureApp:
    """The app ``node`` belongs to."""
    return cast("FilatureApp", node.app)
