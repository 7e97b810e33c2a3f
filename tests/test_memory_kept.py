"""The build's collector policy (``filature.memory``): what it keeps is handed back after."""

from __future__ import annotations

import gc

from filature.memory import keep_what_exists, kept_to_the_end


def test_outside_a_block_nothing_is_kept() -> None:
    before = gc.get_freeze_count()
    keep_what_exists()
    assert gc.get_freeze_count() == before


def test_a_block_keeps_then_hands_everything_back() -> None:
    threshold = gc.get_threshold()
    with kept_to_the_end():
        alive = [object() for _ in range(100)]
        keep_what_exists()
        assert gc.get_freeze_count() >= 100
        assert gc.get_threshold()[0] > threshold[0]
        with kept_to_the_end():  # nested: the outer block still holds them
            pass
        assert gc.get_freeze_count() >= 100
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold
    assert len(alive) == 100


def test_an_error_inside_still_hands_back() -> None:
    threshold = gc.get_threshold()
    try:
        with kept_to_the_end():
            keep_what_exists()
            raise ValueError
    except ValueError:
        pass
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == threshold
