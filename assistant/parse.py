"""Plan text -> :class:`~assistant.plan.Plan`, repairing extraction artifacts by rule.

The text is the plan's table written one row a line, cells separated by tabs:
``Goal <TAB> No. <TAB> Action <TAB> Deadline``. Rows carry these artifacts, each
repaired by a rule rather than by a list of known strings:

* a word split by a tab (``Cons<TAB>idering``): a lone word cell followed by a
  cell that starts in lower case is joined to it;
* a goal title wrapped onto the next line (``2 Community`` / ``Centres``): text in
  the goal column of a row of the same goal continues its title;
* a goal whose number is missing from its title cell: the number is taken from
  the actions of that row;
* stray fragments (a lone ``Worl``, rows holding only ``,`` or ``-``) are dropped;
* actions written ``27.`` lose the dot; single-action goals keep their number;
* a row of a goal with text but no action number is the goal's preamble;
* the last cell of an action row is its deadline, kept as written and comparable;
* terminal escape sequences and other control characters (all but tab and newline) are removed,
  so that showing the plan's words can never drive a terminal.

Pure: takes a string, returns a plan, raises :class:`CorpusError` naming ``source``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import CorpusError, QueryError
from .plan import Action, Area, Deadline, Goal, Plan

_AREA = re.compile(r"^([A-Z])\.\s+(\S.*)$")
_GOAL_CELL = re.compile(r"^(\d{1,2})\.?(?:\s+(\S.*))?$")
_WORD = re.compile(r"^[A-Za-z]+$")
_JUNK = re.compile(r"^[\W_]*$")  # punctuation only: ",", "-", ""
_HEADER = ("goal", "no.", "action", "deadline")
# terminal escape sequences (CSI, OSC, other ESC sequences; their C1 forms), then any other C0/C1 control
# character but tab and newline: a corpus must not be able to drive the terminal that shows its text
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clears
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS: titles, links
    r"|\x1b[ -/]*[0-~]"  # two-character sequences (ESC c: reset)
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class _GoalDraft:
    number: int
    title: str | None
    area: str
    preamble: str | None = None


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and control characters; tab and newline are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def repair_cells(cells: list[str]) -> list[str]:
    """Strip cells and join words split by a tab (``Creat`` + ``e a group`` -> ``Create a group``)."""
    out: list[str] = []
    for raw in cells:
        cell = " ".join(raw.split())
        if out and _WORD.match(out[-1]) and cell[:1].islower() and len(out) > 1:
            out[-1] = out[-1] + cell
        else:
            out.append(cell)
    return out


def _is_deadline(cell: str) -> bool:
    try:
        Deadline.parse(cell)
    except QueryError:
        return False
    return True


def parse_plan(text: str, source: str = "<text>") -> Plan:
    """Parse the plan's tab-separated table text into a :class:`Plan`."""
    from .reading.numbers import goal_of, is_action_number, normalise_number  # the one number grammar

    if not text.strip():
        raise CorpusError(source, "the file is empty; expected the eLAC 2007 plan text")
    lines = strip_controls(text).split("\n")
    title = ""
    areas: list[Area] = []
    goals: list[_GoalDraft] = []
    actions: list[Action] = []

    def fail(lineno: int, problem: str) -> CorpusError:
        return CorpusError(source, f"line {lineno}: {problem}")

    for lineno, line in enumerate(lines, start=1):
        cells = repair_cells(line.split("\t"))
        goal_cell, rest = cells[0], [c for c in cells[1:] if not _JUNK.match(c)]
        if _JUNK.match(goal_cell) and not rest:
            continue  # blank line or stray punctuation row
        if goal_cell.lower() == _HEADER[0] and [c.lower() for c in rest] in (
            list(_HEADER[2:]), list(_HEADER[1:]),
        ):
            continue  # repeated table header
        if not areas and not goals and not rest and not title:
            title = goal_cell
            continue
        words = [c for c in (goal_cell, *rest) if c]
        if len(words) == 1 and (m := _AREA.match(words[0])):
            areas.append(Area(m[1], m[2]))
            continue
        if not areas:
            raise fail(
                lineno,
                "text before the first area heading (such as 'A. Access and digital "
                "inclusion'): this does not look like the eLAC 2007 plan",
            )

        number_cell = next((c for c in rest if is_action_number(c)), None)
        deadline_cell = rest[-1] if rest and _is_deadline(rest[-1]) else None
        body = [c for c in rest if c is not number_cell and c is not deadline_cell]
        # a lone word that was not joined to a split word is a stray fragment ("Worl")
        body = [c for c in body if not (_WORD.match(c) and len(c) <= 12)]
        action_goal = goal_of(number_cell) if number_cell else None

        # -- goal column ----------------------------------------------------
        if goal_cell and not _JUNK.match(goal_cell):
            m = _GOAL_CELL.match(goal_cell)
            if m:
                goals.append(_GoalDraft(int(m[1]), m[2], areas[-1].letter))
            elif goals and (action_goal is None or action_goal == goals[-1].number):
                prev = goals[-1]  # wrapped goal title
                prev.title = f"{prev.title} {goal_cell}" if prev.title else goal_cell
            elif action_goal is not None:
                goals.append(_GoalDraft(action_goal, goal_cell, areas[-1].letter))
            else:
                raise fail(lineno, f"goal title {goal_cell!r} with no goal number")
        if action_goal is not None and (not goals or goals[-1].number != action_goal):
            if goals and action_goal == goals[-1].number + 1:
                goals.append(_GoalDraft(action_goal, None, areas[-1].letter))
            else:
                raise fail(lineno, f"action {number_cell} is not under goal {action_goal}")
        if not goals:
            raise fail(lineno, f"row before the first goal: {line.strip()[:60]!r}")

        # -- action or preamble ---------------------------------------------
        goal = goals[-1]
        if number_cell is None:
            if body:
                text_ = " ".join(body)
                goal.preamble = f"{goal.preamble} {text_}" if goal.preamble else text_
            continue
        if not body:
            raise fail(lineno, f"action {number_cell} has no text")
        if deadline_cell is None:
            raise fail(lineno, f"action {number_cell} has no deadline in its last column")
        number = normalise_number(number_cell)
        actions.append(
            Action(
                number=number,
                text=" ".join(body),
                deadline=Deadline.parse(deadline_cell),
                goal=goal.number,
                area=goal.area,
            )
        )

    plan = Plan(
        title=title,
        areas=tuple(areas),
        goals=tuple(Goal(g.number, g.title, g.area, g.preamble) for g in goals),
        actions=tuple(actions),
    )
    _check(plan, source)
    return plan


def _check(plan: Plan, source: str) -> None:
    """Structural checks: a plan has actions, every goal has some, numbers are unique."""
    if not plan.actions:
        raise CorpusError(
            source, "no numbered actions found: this does not look like the eLAC 2007 plan"
        )
    numbers = [a.number for a in plan.actions]
    dupes = sorted({n for n in numbers if numbers.count(n) > 1})
    if dupes:
        raise CorpusError(source, f"action numbers appear twice: {', '.join(dupes)}")
    goal_numbers = [g.number for g in plan.goals]
    if goal_numbers != sorted(set(goal_numbers)):
        raise CorpusError(source, f"goal numbers out of order or repeated: {goal_numbers}")
    empty = [g.number for g in plan.goals if not any(a.goal == g.number for a in plan.actions)]
    if empty:
        raise CorpusError(source, f"goals with no actions: {empty}")
