"""Questions about goals and areas as wholes: "which goals have exactly three actions?", "which goal has the
most actions?", "which goals were due in their entirety by mid-2006?", "¿qué metas tienen plazos distintos?",
"which area had nothing due after mid-2006?". Pure.

:func:`goal_condition` reads what a question asks of a goal's (or an area's) actions (how many, whether every
one, any one or none meets the deadline condition, whether their deadlines differ); :func:`select_goals` and
:func:`select_areas` apply it.
Number words ("three", "tres", "três") come from the lexicons' ``numerals`` (``word:value``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..plan import Action, Plan
from .deadlines import AT_LEAST
from .lexicon import valued
from .text import fold

# goals or areas named by their size: "the biggest goal", "as maiores metas", "las metas más pequeñas" (after the noun
# only "más ...": "los objetivos mayores" are the major ones, "menores de edad" are minors)
_BIG_WORD, _BIG_AFTER = r"biggest|largest|maior(?:es)?|mayor(?:es)?", r"mas grandes?"
_SMALL_WORD, _SMALL_AFTER = r"smallest|menor(?:es)?", r"mas pequen[ao]s?"
_SIZE_BEFORE = r"(?:" + _BIG_WORD + "|" + _SMALL_WORD + r")\s+"
_SIZE_AFTER = r"\s+(?:" + _BIG_AFTER + "|" + _SMALL_AFTER + ")"


def _sized(nouns: str) -> str:
    """A pattern of ``nouns`` named by their size, the size word before or after them."""
    return _SIZE_BEFORE + nouns + "|" + nouns + _SIZE_AFTER


# the question asks for goals: "which goals", "is there a goal whose", "qué metas", "quais metas", "the goal with"
_ASKS_GOALS = re.compile(
    r"\b(?:" + _sized(r"(?:goals?|metas?|objetivos?)") + r")\b|"
    r"\b(?:which|what|any|is there an?|are there|list|show|name)\s+(?:\w+\s+){0,2}?goals?\b"
    r"|\bgoals?\s+(?:that|which|whose|with|where|having|has|have|had)\b|\bthe goal\b"
    r"|\b(?:cuales|cual|que|alguna|hay)\s+(?:\w+\s+){0,1}?(?:metas?|objetivos?)\b"
    r"|\b(?:metas?|objetivos?)\s+(?:que|con|cuyas?|com|cujas?|tienen|tem|tinham|tenian)\b"
    r"|\b(?:quais|qual|alguma|existe|ha)\s+(?:\w+\s+){0,1}?(?:metas?|objetivos?)\b"
    r"|\b(?:among|of)\s+the\s+(?:[\w-]+\s+){0,3}?goals\b|\bentre\s+(?:las|as|os|los)\s+(?:metas|objetivos)\b"
    r"|\bactions?[\s-]+goals?\b"  # "the two-action goals"
)
# the question asks for areas: "which area", "is there an area whose", "qué área", "quais áreas", "the area with"
_ASKS_AREAS = re.compile(
    r"\b(?:" + _sized(r"areas?") + r")\b(?!\s+[a-e]\b)|"
    r"\b(?:which|what|any|is there an?|are there|list|show|name)\s+(?:\w+\s+){0,2}?areas?\b(?!\s+[a-e]\b)"
    r"|\bareas?\s+(?:that|which|whose|with|where|having|has|have|had)\b|\bthe area (?:with|whose|that|where)\b"
    r"|\b(?:cuales|cual|que|alguna|hay|quais|qual|alguma|existe|ha)\s+(?:\w+\s+){0,1}?areas?\b(?!\s+[a-e]\b)"
    r"|\bareas?\s+(?:que|con|cuyas?|com|cujas?|tienen|tem|tinham|tenian)\b"
)
_ACTIONS = r"(?:actions?|acciones|accion|acoes|acao)"
# "second", "tercera", "terceiro": a rank after the first ("the second biggest area")
RANKS = {fold(w): i for w, i in valued("ordinals").items() if i > 0}
_RANK = "|".join(sorted(RANKS, key=len, reverse=True))
_ORDER = re.compile(
    r"(?:\b(?P<rank>" + _RANK + r")\s+)?"
    + r"(?:\b(?P<most>most|largest number of|greatest number of|mas|mayor numero de|maior numero de|mais)"
    + r"|\b(?P<fewest>fewest|least|smallest number of|fewer|menos|menor numero de))\s+"
    + r"(?:" + _ACTIONS + r"|(?P<goals>goals|metas|objetivos)\b)"
)
# goals or areas by their size, maybe ranked: "the biggest area", "the second largest goal", "la segunda área más
# grande", "a maior meta" (not "the largest share of", "a maior proporção": a proportion)
_BIG = _BIG_WORD + "|" + _BIG_AFTER
_SMALL = _SMALL_WORD + "|" + _SMALL_AFTER
_SIZE = re.compile(
    r"\b(?:(?P<rank>" + _RANK + r")\s+(?:(?:area|meta|goal)\s+)?)?"
    r"(?:(?P<big>" + _BIG + r")|(?P<small>" + _SMALL + r"))\b"
    r"(?!\s+(?:number|numero|share|proportion|proporcion|proporcao|parte|percentage|porcentaje|percentagem))"
)
_COUNT_WORDS = (
    r"(?P<cmp>exactly|only|just|precisely|at least|at most|more than|fewer than|less than|over|under"
    r"|exactamente|solo|solamente|mas de|menos de|exatamente|apenas|somente|mais de|" + "|".join(AT_LEAST) + r")?\s*"
)
_OR_MORE = r"or more|or fewer|or less|or over|o mas|ou mais|o menos|ou menos"
_AFTER = re.compile(r"^\s*(?P<after>" + _OR_MORE + r")\b")
_MIXED = re.compile(
    r"\b(?:different|differing|distinct|mixed|varying|various|more than one)\s+(?:deadlines|due dates|dates)\b"
    r"|\bdeadlines?\s+(?:that\s+)?(?:differ|vary)\b|\bdifferent from one another\b"
    r"|\b(?:plazos|fechas|prazos|datas)\s+(?:distint\w*|diferentes|variad\w*)\b"
    r"|\b(?:distint\w*|diferentes|variad\w*)\s+(?:plazos|fechas|prazos|datas)\b"
)
# no action of the goal meets the deadline condition: "which goals had no action due in mid-2007?"
_NONE = re.compile(
    r"\b(?:no|not a single|not one)\s+(?:\w+\s+)?" + _ACTIONS + r"|\bnone of (?:its|their|the)\s+" + _ACTIONS
    + r"|\bnothing\b|\b(?:ninguna|ninguna de sus|nenhuma|nenhuma de suas)\s+" + _ACTIONS + r"|\bnada\b"
)
_EVERY = re.compile(
    r"\b(?:all|every|each|entirety|entire|entirely|fully|completely|whole|todas|todos|cada|inteiramente|"
    r"enteramente|completamente|por completo|integramente)\b"
)


@dataclass(frozen=True)
class GoalCondition:
    """What a question asks of each goal's actions."""

    count: tuple[Literal["eq", "ge", "le", "gt", "lt"], int] | None = None  # how many actions
    order: Literal["most", "fewest"] | None = None  # the goal(s) with the most or fewest actions
    rank: int = 0  # ... or the next most (1: "the second biggest area"), counted over their distinct sizes
    mixed: bool = False  # actions with different deadlines
    every: bool = False  # every action meets the deadline condition ("in their entirety"), not any one
    none: bool = False  # no action meets it ("which goals had no action due in mid-2007?")
    unit: Literal["goal", "area"] = "goal"  # what is chosen: goals, or areas ("which area had nothing due ...?")
    by_goals: bool = False  # areas ranked by how many goals they have ("the area with the fewest goals"), not actions


@cache
def numerals() -> dict[str, int]:
    """Number words of every language, folded: "three", "tres", "três" -> 3."""
    return valued("numerals")


def _count(text: str) -> tuple[Literal["eq", "ge", "le", "gt", "lt"], int] | None:
    numerals_ = numerals()
    number = r"(?P<n>\d{1,2}|" + "|".join(sorted(numerals_, key=len, reverse=True)) + r")"
    # "four or more actions" as well as "four actions or more"
    or_more = r"(?:\s+(?P<after>" + _OR_MORE + r"))?"
    # ("a pair of actions", "un par de acciones": the count's noun after "of")
    m = re.search(r"\b" + _COUNT_WORDS + number + or_more + r"[\s-]+(?:(?:of|de)\s+)?" + _ACTIONS + r"\b", text)
    if m is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else numerals_[m["n"]]
    after = m["after"] or ((found := _AFTER.match(text[m.end():])) and found["after"])
    if after:
        return ("ge" if re.search(r"more|mas|mais|over", after) else "le"), n
    cmp = m["cmp"] or ""
    if cmp in AT_LEAST:
        return "ge", n
    if re.fullmatch(r"at most", cmp):
        return "le", n
    if re.fullmatch(r"more than|over|mas de|mais de", cmp):
        return "gt", n
    if re.fullmatch(r"fewer than|less than|under|menos de", cmp):
        return "lt", n
    return "eq", n


def goal_condition(text: str, deadline_named: bool) -> GoalCondition | None:
    """What ``text`` (folded) asks of goals as wholes, or None when it does not ask for goals by their actions
    (``deadline_named``: the question states a deadline condition, which a goal's actions then meet)."""
    goals = _ASKS_GOALS.search(text)
    areas = _ASKS_AREAS.search(text)
    if not (goals or areas):
        return None
    count = _count(text)
    # "four or more actions", "cuatro o más acciones": a count, not the goal with the most actions
    order = _ORDER.search(text) if count is None or count[0] not in ("ge", "le") else None
    # "the area with the fewest goals": areas ranked by their goals; of goals, or with a deadline, no ranking ("do most
    # goals have more than one action?", "the area with the most goals due in 2007")
    by_goals = bool(order and order["goals"])
    if by_goals and (deadline_named or not areas or (goals and goals.start() <= areas.start())):
        order, by_goals = None, False
    size = _SIZE.search(text) if order is None else None
    ranked = order or size
    found = GoalCondition(
        count=count,
        order=("most" if (order and order["most"]) or (size and size["big"]) else "fewest") if ranked else None,
        by_goals=by_goals,
        rank=RANKS.get(ranked["rank"] or "", 0) if ranked else 0,
        mixed=bool(_MIXED.search(text)), every=bool(_EVERY.search(text)) and deadline_named,
        none=bool(_NONE.search(text)) and deadline_named,
        # "which area ...?": areas, unless goals are asked for first ("which goals of the access area ...?")
        unit="area" if areas and not (goals and goals.start() <= areas.start()) else "goal",
    )
    if found.count is None and found.order is None and not found.mixed and not deadline_named:
        return None
    return found


def select_goals(plan: Plan, condition: GoalCondition, area: str | None,
                 admits: Callable[[Action], bool] | None = None) -> list[tuple[int, tuple[Action, ...]]]:
    """The goals (in plan order, within ``area`` if given) that meet ``condition``, each with the actions that
    show it: all of them, or those ``admits`` (the deadline condition) takes when any one of them is asked for."""
    groups = {g.number: tuple(plan.select(goal=g.number)) for g in plan.goals if area is None or g.area == area}
    return _chosen(groups, condition, admits)


def select_areas(plan: Plan, condition: GoalCondition,
                 admits: Callable[[Action], bool] | None = None) -> list[tuple[str, tuple[Action, ...]]]:
    """The areas (in plan order) that meet ``condition``, as :func:`select_goals` chooses goals."""
    groups = {a.letter: tuple(plan.select(area=a.letter)) for a in plan.areas}
    return _chosen(groups, condition, admits)


def _chosen(groups: dict, condition: GoalCondition, admits: Callable[[Action], bool] | None) -> list:
    """The groups of actions (goals or areas, in plan order) that meet ``condition``, each with the actions that
    show it: all of them, or those ``admits`` (the deadline condition) takes when any one of them is asked for."""
    chosen = []
    sizes = {key: len({a.goal for a in actions}) if condition.by_goals else len(actions)
             for key, actions in groups.items()}
    # the most or fewest, with a deadline named, of the actions that meet it ("the area with the most actions due in
    # 2006"), unless every one or none of them is asked for; a count is of all its actions ("single-action goals")
    counted = admits is not None and not (condition.every or condition.none or condition.by_goals)
    ranked = {key: sum(map(admits, actions)) if counted and admits else sizes[key] for key, actions in groups.items()}
    sizes_ranked = sorted(set(ranked.values()), reverse=condition.order == "most")
    if condition.order and condition.rank >= len(sizes_ranked):
        return []  # "the sixth biggest area": there is none
    extreme = sizes_ranked[condition.rank] if condition.order else None
    for key, actions in groups.items():
        size = sizes[key]
        if condition.count is not None:
            cmp, n = condition.count
            if not {"eq": size == n, "ge": size >= n, "le": size <= n, "gt": size > n, "lt": size < n}[cmp]:
                continue
        if extreme is not None and ranked[key] != extreme:
            continue
        if condition.mixed and len({a.deadline.key for a in actions}) < 2:
            continue
        if admits is not None:
            meeting = tuple(a for a in actions if admits(a))
            met = not meeting if condition.none else bool(meeting) and (
                not condition.every or len(meeting) == len(actions))
            if not met:
                continue
            if not (condition.every or condition.none):  # every one or none: shown whole, their deadlines say it
                actions = meeting
        chosen.append((key, actions))
    return chosen
