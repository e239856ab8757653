"""Structured questions answered from the plan's table: counts, lists, deadlines. Pure.

"Which actions were due at the end of 2006?", "What had to be done by mid-2006 at the
latest?", "How many actions are in area C?", "List goal 15", "Deadline of 22.1". These
are never answered by top-k retrieval: the lists are complete and exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from .lexical import fold, words
from .plan import Action, Deadline, Plan
from .query import number_matches

Comparison = Literal["eq", "le", "lt", "year"]

_YEAR = r"((?:19|20)\d\d)"
_DEADLINE_PATTERNS = (
    (re.compile(rf"\b(?:mid|middle of|mediados de|meados de)[\s-]*{_YEAR}"), 6),
    (re.compile(rf"\b(?:end of|the end of|late|fines de|finales de|fin de|fim de|final de)[\s-]*{_YEAR}"), 12),
    (re.compile(rf"\b(?:november|noviembre|novembro)(?:\s+de)?\s+{_YEAR}"), 11),
    (re.compile(rf"\b(?:december|diciembre|dezembro)(?:\s+de)?\s+{_YEAR}"), 12),
)
_BARE_YEAR = re.compile(rf"\b{_YEAR}\b")
_LT = re.compile(r"\b(before|earlier than|prior to|antes de|antes del)\b")
_LE = re.compile(r"\b(by|at the latest|no later than|on or before|until|up to|hasta|at[eé])\b")
_COUNT = re.compile(r"\b(how many|number of|count|cu[aá]nt[ao]s|quant[ao]s)\b")
_LIST = re.compile(
    r"\b(which|what|list|show|enumerate|all|every|cu[aá]les|qu[eé]|quais|que|listar?|lista)\b"
)
_DEADLINE_OF = re.compile(r"\b(deadline|due|when|plazo|fecha|prazo|quando|cu[aá]ndo)\b")
_EARLIEST = re.compile(r"\b(earliest|first|soonest|latest|last)\s+deadline")
_SINGLE = re.compile(r"\b(single|only one|just one|one) action\b")
_AREA_LETTER = re.compile(r"\b(?:area|[aá]rea)\s+([a-z])\b")
_ALL_ACTIONS = re.compile(r"\b(all|every|todas|todos)\b.*\b(actions?|acciones|acoes)\b")
_GOAL_WORD = re.compile(r"\b(goals?|metas?|objetivos?)\b")
_AREA_WORD = re.compile(r"\b(areas?|[aá]reas?)\b")
# words that only say "a list or count of actions": what is left over is a topic
_FRAME = set(
    """actions action list show which what all every enumerate how many number count due deadline deadlines
    had have has to be done completed complete finished latest earliest by before until date dates
    area areas goal goals belong belongs fall falls falling under within part set planned scheduled
    were was is are there exactly mid end middle late november december of in the a plan total
    contain contains containing consist consists include includes included items fall falls single one only
    just first last soonest earlier than later prior whose meant supposed expected everything
    acciones accion acoes acao vencian vencia venciam vencem vencen vence tiene tienen tem hay ha cuantas
    cuantos quantas quantos cuales cual quais qual que lista listar todas todos plazo plazos prazo prazos
    area areas meta metas objetivo objetivos debian deben deviam devem el la las los del de da das do dos
    en em hasta ate antes fines finales meados mediados tenian tinham""".split()
)


@dataclass(frozen=True)
class Structured:
    """What a structured question asks, read from its words."""

    kind: Literal[
        "list", "count_actions", "count_goals", "count_areas", "deadline_of", "earliest", "latest", "single",
        "filtered",  # a topic within filters: answered by a search restricted to ``actions``
    ]
    actions: tuple[Action, ...] = ()
    area: str | None = None
    goal: int | None = None
    deadline: Deadline | None = None
    comparison: Comparison | None = None
    number: str | None = None
    count: int | None = None  # goals counted (count_goals)


def _deadline(text: str) -> tuple[Deadline | None, Comparison | None]:
    """The deadline a question names and how to compare: 'by mid-2006' is on or before,
    'before 2007' is earlier than January 2007, 'in 2007' is any time that year."""
    for pattern, month in _DEADLINE_PATTERNS:
        if m := pattern.search(text):
            limit, bare = Deadline(int(m[1]), month, m[0]), False
            break
    else:
        m = _BARE_YEAR.search(text)
        if not m:
            return None, None
        limit, bare = Deadline(int(m[1]), 12, m[1]), True
    head = text[max(0, m.start() - 30): m.start()]
    if _LT.search(head):
        return (Deadline(limit.year, 1, m[1]) if bare else limit), "lt"
    if _LE.search(head) or _LE.search(text[m.end():]):
        return limit, "le"
    return limit, ("year" if bare else "eq")


def matches(deadline: Deadline, limit: Deadline, comparison: Comparison | None) -> bool:
    if comparison == "year":
        return deadline.year == limit.year
    if comparison == "le":
        return deadline.key <= limit.key
    if comparison == "lt":
        return deadline.key < limit.key
    return deadline.key == limit.key


def _area(plan: Plan, text: str) -> str | None:
    if m := _AREA_LETTER.search(text):
        return plan.area(m[1]).letter  # an area the plan lacks ("area F") is a NotFoundError
    for area in plan.areas:
        if fold(area.title) in text:
            return area.letter
    return None


def _goal(plan: Plan, text: str) -> int | None:
    if m := re.search(r"\b(?:goal|meta|objetivo)\s+(\d{1,2})\b", text):
        return plan.goal(m[1]).number  # "goal 31" is a NotFoundError
    for goal in plan.goals:  # by title only when named as a goal: "the financing goal", "under financing"
        if not goal.title:
            continue
        title = re.escape(fold(goal.title))
        named = rf"\b{title} (goal|meta|objetivo|actions?)\b|\b(goal|meta|objetivo|under|of) (the )?{title}\b"
        if re.search(named, text):
            return goal.number
    return None


def leftover_topic(plan: Plan, question: str, s: Structured) -> list[str]:
    """Content words that are not part of the list/count frame (a topic: search instead)."""
    text = fold(question)
    for pattern, _ in _DEADLINE_PATTERNS:
        text = pattern.sub(" ", text)
    titles = []
    if s.area:
        titles.append(plan.area(s.area).title)
    if s.goal and plan.goal(s.goal).title:
        titles.append(plan.goal(s.goal).title or "")
    named = {w.rstrip("s") for t in titles for w in words(t)}
    return [
        w for w in words(text)
        if w not in _FRAME and w.rstrip("s") not in named and len(w) > 1 and w not in "abcde"
    ]


def read_structured(plan: Plan, question: str) -> Structured | None:
    """The structured request in ``question``, or None when it is not one."""
    text = fold(" ".join(question.split()))
    deadline, comparison = _deadline(re.sub(r"\belac ?2007\b", " ", text))
    area = _area(plan, text)
    goal = _goal(plan, text)
    named = number_matches(plan, question)

    if _DEADLINE_OF.search(text) and len(named) == 1 and deadline is None and not _COUNT.search(text):
        return Structured("deadline_of", (plan.action(named[0]),), number=named[0])
    if _EARLIEST.search(text):
        latest = bool(re.search(r"\b(latest|last)\s+deadline", text))
        target = plan.deadlines()[-1 if latest else 0]
        due = tuple(a for a in plan.actions if a.deadline.key == target.key)
        return Structured("latest" if latest else "earliest", due, deadline=target, comparison="eq")
    if _SINGLE.search(text) and _GOAL_WORD.search(text):
        singles = [a for g in plan.goals if len(acts := plan.select(goal=g.number)) == 1 for a in acts]
        return Structured("single", tuple(singles))
    if _COUNT.search(text):
        if re.search(r"\bgoals?\b|\bmetas?\b|\bobjetivos?\b", text) and not re.search(r"\bactions?\b", text):
            goals = [g for g in plan.goals if area is None or g.area == area]
            found = Structured("count_goals", (), area=area, count=len(goals))
            return None if leftover_topic(plan, question, found) else found
        if _AREA_WORD.search(text) and not re.search(r"\bactions?\b|\bgoals?\b", text) and area is None:
            found = Structured("count_areas")
            return None if leftover_topic(plan, question, found) else found
    filtered = deadline is not None or area is not None or goal is not None
    if not filtered and not _COUNT.search(text) and not _ALL_ACTIONS.search(text):
        return None
    if not (_COUNT.search(text) or _LIST.search(text)):
        return None
    chosen = plan.select(area=area, goal=goal)
    if deadline is not None:
        chosen = [a for a in chosen if matches(a.deadline, deadline, comparison)]
    kind = "count_actions" if _COUNT.search(text) else "list"
    found = Structured(kind, tuple(chosen), area=area, goal=goal, deadline=deadline, comparison=comparison)
    if leftover_topic(plan, question, found):
        # "which actions in area B deal with software?": a search within the filters
        return replace(found, kind="filtered") if filtered and kind == "list" else None
    return found
