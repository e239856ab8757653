"""What the reading layer derives from a plan once (its words, its goals' title words), kept per plan object. Pure.

Kept by identity: hashing a frozen plan on every question costs more than reading the question.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from ..plan import Plan

T = TypeVar("T")
KEPT_PLANS = 4  # plans kept at once (the app has one; tests build a few)


def per_plan(derive: Callable[[Plan], T]) -> Callable[[Plan], T]:
    """``derive(plan)``, computed once per plan object."""
    kept: dict[int, tuple[Plan, T]] = {}

    @wraps(derive)
    def derived(plan: Plan) -> T:
        found = kept.get(id(plan))
        if found is None or found[0] is not plan:
            if len(kept) >= KEPT_PLANS:
                kept.clear()
            found = kept[id(plan)] = (plan, derive(plan))
        return found[1]

    return derived
