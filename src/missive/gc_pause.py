"""Pausing Python's cyclic garbage collector over a stretch of work that makes many
objects and keeps most of them.

Such a stretch (a stage making a line, a mention or a row for every line or name of a
source) triggers collection after collection, each of which walks every object still
alive, and ever more are: a third of the stage's time.  The objects it makes are freed
by reference counting as usual; only cycles wait until the collector runs again, which
it does as soon as the stretch ends.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the body with the cyclic collector off (as it was before, after)."""
    if not gc.isenabled():  # already paused by a caller
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def with_gc_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` run inside :func:`paused_gc`."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return fn(*args, **kwargs)

    return wrapper
