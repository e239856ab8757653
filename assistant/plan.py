"""The plan as typed, frozen data: areas, goals, actions and their deadlines.

Pure: no I/O, no models. ``parse.py`` builds a :class:`Plan` from text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .errors import NotFoundError, QueryError


@dataclass(frozen=True, order=True)
class Deadline:
    """A deadline as written in the plan, comparable by the last month it allows.

    ``Mid-2007`` is due by June 2007, ``End of 2006`` by December 2006 and
    ``November 2005`` by November 2005.
    """

    year: int
    month: int
    text: str = field(compare=False)

    @property
    def key(self) -> tuple[int, int]:
        return (self.year, self.month)

    @classmethod
    def parse(cls, text: str) -> Deadline:
        """Read a deadline as the plan writes it or as a user types it.

        Raises :class:`QueryError` when the text is not a deadline.
        """
        cleaned = " ".join(text.split()).strip(" .")
        from .reading.deadlines import parse_point  # the one deadline grammar, in the reading layer

        point = parse_point(cleaned) if len(cleaned) <= 60 else None
        if point is not None:
            return cls(point.year, point.month, cleaned)
        raise QueryError(
            f"not a deadline: {text!r}; write it like 'Mid-2006', 'End of 2006', "
            "'November 2005' or '2006'", code="not_deadline", text=repr(text),
        )


@dataclass(frozen=True)
class Area:
    letter: str
    title: str


@dataclass(frozen=True)
class Goal:
    number: int
    title: str | None  # None where the plan gives no title (goals 27-30)
    area: str  # the area letter
    preamble: str | None = None  # e.g. "Create a regional working group to:"

    def label(self, area: Area) -> str:
        """A display name. Untitled goals show their area, marked as such."""
        if self.title:
            return f"Goal {self.number}: {self.title}"
        return f"Goal {self.number} (untitled in the plan; area {area.letter}. {area.title})"


@dataclass(frozen=True)
class Action:
    number: str  # as written, without a trailing dot: "3.1", "12", "27"
    text: str
    deadline: Deadline
    goal: int
    area: str

    @property
    def sort_key(self) -> tuple[int, int]:
        major, _, minor = self.number.partition(".")
        return (int(major), int(minor or 0))


@dataclass(frozen=True)
class ActionInfo:
    """One action with its context, flat: what the CLI prints as JSON and the UI shows."""

    action: str
    goal: int
    goal_title: str | None
    goal_label: str
    preamble: str | None
    area: str
    area_title: str
    deadline: str
    text: str


@dataclass(frozen=True)
class Plan:
    title: str
    areas: tuple[Area, ...]
    goals: tuple[Goal, ...]
    actions: tuple[Action, ...]

    # -- look-ups ---------------------------------------------------------
    def area(self, letter: str) -> Area:
        key = letter.strip().upper().rstrip(".") if isinstance(letter, str) else letter
        for area in self.areas:
            if area.letter == key:
                return area
        letters = ", ".join(a.letter for a in self.areas)
        raise NotFoundError(f"unknown area {_shown(key)}; the plan's areas are {letters}",
                            code="unknown_area", text=_shown(key), letters=letters)

    def goal(self, number: int | str) -> Goal:
        """The goal numbered ``number``: an int or its ASCII digits ("3", " 03 ")."""
        if isinstance(number, int) and not isinstance(number, bool):
            text = str(number) if abs(number) < 10**_GOAL_DIGITS else f"<{number.bit_length()}-bit number>"
        else:
            text = str(number).strip()
        wanted = int(text) if text.isascii() and text.isdigit() and len(text) <= _GOAL_DIGITS else None
        for goal in self.goals:
            if goal.number == wanted:
                return goal
        last = self.goals[-1].number
        raise NotFoundError(
            f"unknown goal {_shown(text)}: the plan's goals are 1 to {last}",
            self._nearest(text, [str(g.number) for g in self.goals]), code="unknown_goal", text=_shown(text),
            last=last,
        )

    def action(self, number: str) -> Action:
        """The action numbered ``number`` as a user types it ("3.1", "Action 12", "27."): read by the one
        number grammar (``reading/numbers.py``)."""
        from .reading.numbers import is_action_number, normalise_number

        text = normalise_number(number)
        for action in self.actions:
            if action.number == text:
                return action
        if not is_action_number(text):
            raise NotFoundError(
                f"{_shown(number.strip())} is not an action number; write it like 3.1, 15.4 or 12",
                code="not_action_number", text=_shown(number.strip()),
            )
        raise NotFoundError(
            f"unknown action {_shown(number.strip())}: the plan has no such action",
            self._nearest(text, [a.number for a in self.actions]), code="unknown_action",
            text=_shown(number.strip()),
        )

    def has_action(self, number: str) -> bool:
        from .reading.numbers import normalise_number

        text = normalise_number(number)
        return any(a.number == text for a in self.actions)

    def goal_of(self, action: Action) -> Goal:
        return self.goal(action.goal)

    def area_of(self, item: Action | Goal) -> Area:
        return self.area(item.area)

    def info(self, action: Action | str) -> ActionInfo:
        act = action if isinstance(action, Action) else self.action(action)
        goal, area = self.goal(act.goal), self.area(act.area)
        return ActionInfo(
            action=act.number,
            goal=goal.number,
            goal_title=goal.title,
            goal_label=goal.label(area),
            preamble=goal.preamble,
            area=area.letter,
            area_title=area.title,
            deadline=act.deadline.text,
            text=act.text,
        )

    # -- lists ------------------------------------------------------------
    def select(
        self,
        area: str | None = None,
        goal: int | str | None = None,
        due_by: str | Deadline | None = None,
    ) -> list[Action]:
        """Actions in plan order, filtered by area, goal and latest deadline."""
        chosen = list(self.actions)
        if area is not None:
            letter = self.area(area).letter
            chosen = [a for a in chosen if a.area == letter]
        if goal is not None:
            number = self.goal(goal).number
            chosen = [a for a in chosen if a.goal == number]
        if due_by is not None:
            limit = due_by if isinstance(due_by, Deadline) else Deadline.parse(due_by)
            chosen = [a for a in chosen if a.deadline.key <= limit.key]
        return chosen

    def deadlines(self) -> list[Deadline]:
        """The distinct deadlines of the plan, earliest first."""
        seen: dict[tuple[int, int], Deadline] = {}
        for action in self.actions:
            seen.setdefault(action.deadline.key, action.deadline)
        return [seen[k] for k in sorted(seen)]

    @staticmethod
    def _nearest(text: str, candidates: list[str]) -> tuple[str, ...]:
        """Up to three numbers closest to ``text`` (same goal first, then by distance)."""
        from .reading.numbers import leading_number

        found = leading_number(text)
        if found is None:
            return tuple(difflib.get_close_matches(text[:100], candidates, n=3, cutoff=0.0))
        want = (_bounded_int(found[0]), _bounded_int(found[1]))

        def distance(candidate: str) -> tuple[int, int]:
            major, _, minor = candidate.partition(".")
            return (abs(int(major) - want[0]), abs(int(minor or 0) - want[1]))

        return tuple(sorted(candidates, key=distance)[:3])


_GOAL_DIGITS = 6  # a goal number is at most this many ASCII digits ("007" is goal 7)


def _bounded_int(digits: str) -> int:
    """ASCII ``digits`` as an int, capped (int() refuses more than 4,300 digits; none is a plan number)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 9 else 10**9


def _shown(value: object, limit: int = 40) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters."""
    try:
        text = repr(value)
    except ValueError:  # an int of more than 4,300 digits
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else f"{text[: limit - 4]}...{text[-1]}"

