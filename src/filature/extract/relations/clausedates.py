"""The date of a clause or of a role noun: the date the parse attaches nearest to its trigger,
never one from another clause."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from filature.extract.relations.quantities import Found

if TYPE_CHECKING:
    from spacy.tokens import Token


def clause_date(
    verb: Token, dates: list[tuple[Found, Token]], avoid: Iterable[Token] = ()
) -> str | None:
    """The date attached to ``verb``'s clause, not inside the subtree of an ``avoid`` token."""
    blocked = {t.i for a in avoid for t in a.subtree}
    best: tuple[int, str] | None = None
    for found, token in dates:
        if token.i in blocked:
            continue
        path = [token, *token.ancestors]
        if verb not in path:
            continue
        hops = path.index(verb)
        if best is None or hops < best[0]:
            best = (hops, found.value)
    return None if best is None else best[1]


def role_date(head: Token, starts: Iterable[int], dates: list[tuple[Found, Token]]) -> str | None:
    """The date of the role noun ``head``: a date after it belongs to the nearest role word
    before the date ("membre du parti et vice-ministre depuis 2004": to "vice-ministre" only),
    whichever noun the parse hangs it on; a date before it, to its clause as usual."""
    roles = sorted(starts)

    def owned(tok: Token) -> bool:
        return tok.i < head.i or max((s for s in roles if s <= tok.i), default=-1) == head.i

    root = head
    for _ in range(3):
        if root.dep_ not in {"conj", "nmod"}:
            break
        root = root.head
    inside = {t.i for t in root.subtree}
    after = [
        (tok.i - head.i, found.value)
        for found, tok in dates
        if tok.i > head.i and tok.i in inside and owned(tok)
    ]
    if after:
        return min(after)[1]
    return clause_date(head, [(f, t) for f, t in dates if owned(t)])
