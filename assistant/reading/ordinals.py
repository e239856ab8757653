"""Goals, areas and actions named by their place in the plan: "the first area" is area A, "the last goal"
goal 30, "la tercera meta" meta 3, "the second goal of area B" the second goal of that area, "the second
action of goal 3" action 3.2. Pure.

The question is rewritten to the plan's own references ("area A", "goal 30") before anything else reads it,
so that the number grammar, the overview requests and follow-ups all see a plain reference.
"""

from __future__ import annotations

import re
from functools import cache

from ..plan import Plan
from .followup import ORDINALS
from .lexicon import words
from .text import fold

_ACCENTED = {"a": "aá", "e": "eé", "i": "ií", "o": "oó", "u": "uú"}
_ARTICLE = r"(?:(?:the|la|el|a|o)\s+)?"
_IN = r"\s+(?:of|in|from|de|del|da|do|en|na|no)\s+" + _ARTICLE


def _loose(word: str) -> str:
    """``word`` as a pattern that takes its accented spellings too ("ultima" finds "última")."""
    return "".join(f"[{_ACCENTED[c]}]" if c in _ACCENTED else re.escape(c) for c in word)


def _either(found: frozenset[str] | dict[str, int]) -> str:
    return "|".join(_loose(w) for w in sorted(found, key=len, reverse=True))


@cache
def _pattern() -> re.Pattern[str]:
    ordinal = _either(ORDINALS)
    goal, area = _either(words("goal_nouns")), _either(words("area_nouns"))
    return re.compile(
        rf"\b{_ARTICLE}(?P<ordinal>{ordinal})\s+(?:(?P<goal>{goal})|(?P<area>{area}))(?:e?s)?\b"
        rf"(?:{_IN}(?:{area})\s+(?P<letter>[a-e])\b)?(?P<titled>{_IN}(?:[\w-]+\s+){{0,4}}(?:{area})\b)?",
        re.IGNORECASE,
    )


@cache
def _action_pattern() -> re.Pattern[str]:
    ordinal = _either(ORDINALS)
    action, goal = _either(words("action_nouns")), _either(words("goal_nouns"))
    return re.compile(
        rf"\b{_ARTICLE}(?P<ordinal>{ordinal})\s+(?:{action})(?:e?s)?{_IN}(?P<goal>{goal})\s+(?P<number>\d{{1,2}})\b",
        re.IGNORECASE)


def _index(ordinal: str) -> int:
    return ORDINALS[fold(ordinal)]


def placed(plan: Plan, question: str) -> str:
    """``question`` with each goal or area named by its place written as the plan's reference; a goal placed
    in an area named by its title ("the first goal of the access area") is left as it is."""

    def name(m: re.Match[str]) -> str:
        index = _index(m["ordinal"])
        if m["area"]:
            areas = [a.letter for a in plan.areas]
            return f"{m['area']} {areas[index]}" if -len(areas) <= index < len(areas) else m[0]
        if m["titled"]:
            return m[0]
        letter = (m["letter"] or "").upper()
        goals = [g.number for g in plan.goals if not letter or g.area == letter]
        return f"{m['goal']} {goals[index]}" if goals and -len(goals) <= index < len(goals) else m[0]

    def action(m: re.Match[str]) -> str:
        numbers = [a.number for a in plan.actions if a.goal == int(m["number"])]
        index = _index(m["ordinal"])
        return f"action {numbers[index]}" if numbers and -len(numbers) <= index < len(numbers) else m[0]

    return _pattern().sub(name, _action_pattern().sub(action, question))
