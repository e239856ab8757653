"""Where in the plan a jump goes: an action or a goal named by number ("15.4", "12", "goal 15") or by
words of a goal's title ("electronic government"). Reads the user's words; pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..plan import Plan
from .numbers import check_query, number_matches
from .text import terms


@dataclass(frozen=True)
class Place:
    kind: Literal["action", "goal"]
    number: str  # "15.4", "12" (an action); "15" (a goal)

    @property
    def anchor(self) -> str:
        """The element id (and URL fragment) of the place in the rendered plan: ``action-15.4``, ``goal-15``."""
        return f"{self.kind}-{self.number}"


def locate(plan: Plan, text: str) -> Place | None:
    """The action or goal ``text`` names, or None. A number names an action ("15.4"; "12", a goal of one
    action); "goal N" names the goal; words name the goal whose title holds most of them (at least half)."""
    text = check_query(text)
    named = number_matches(plan, text)
    if named:
        goals = {plan.action(n).goal for n in named}
        whole = sorted(named) == sorted(a.number for a in plan.select(goal=min(goals)))
        if len(goals) == 1 and whole and len(named) > 1:
            return Place("goal", str(goals.pop()))
        return Place("action", named[0])
    wanted = set(terms(text))
    if not wanted:
        return None
    best, best_share = None, 0.0
    for goal in plan.goals:
        held = wanted & set(terms(goal.title or ""))
        share = len(held) / len(wanted)
        if share > best_share:
            best, best_share = goal, share
    return Place("goal", str(best.number)) if best is not None and best_share >= 0.5 else None
