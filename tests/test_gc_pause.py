"""The collector is paused over the body and set back as it was, errors or not."""

from __future__ import annotations

import gc

import pytest

from missive.gc_pause import paused_gc, with_gc_paused


def test_paused_gc_restores_the_collector() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the outer pause decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_paused_caller_stays_paused() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_with_gc_paused_keeps_the_function() -> None:
    @with_gc_paused
    def collector_on(x: int) -> tuple[int, bool]:
        """Doc."""
        return x + 1, gc.isenabled()

    assert collector_on(1) == (2, False)
    assert collector_on.__doc__ == "Doc." and gc.isenabled()
