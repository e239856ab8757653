"""Goals, actions and areas named by a place that the words compose, in whatever order they come. Pure.

A place is read from three parts, each from the lexicons:

- a **unit**: a goal, an action or an area noun, or a word standing for one ("one", "la que", "number five"),
  which takes the unit the question names elsewhere ("Area D has five goals - what does the middle one cover?")
  or the previous answer's ("and the one preceding it?" after an answer about a goal);
- a **place**: in a scope (an ordinal, "middle", what opens or closes it: "the middle goal", "which goal comes last
  in area A", "number five") or next to another ("the goal that precedes it", "¿y la que sigue?", "go back two
  goals from there", "what comes next after that goal?");
- **what it is placed in or next to**: an area, goal or the plan the question names ("in area A", "area D's", "of
  the plan"), a scope placed in turn ("the first goal of the following area"), or the previous answer's goal, area
  or action.

:func:`navigate` writes each place it reads as the plan's reference ("goal 24", "action 9.2") for every reader
after it. It runs after :mod:`.ordinals`' patterns and reads only what they left: a place it cannot settle (no
scope, a previous answer of several goals, a word before a date: "after mid-2006") is left as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, cached_property

from ..plan import Plan
from .followup import ORDINALS, Turn
from .goalsets import numerals
from .lexicon import valued, words
from .numbers import named_goals
from .requests import area_by_title, area_title_terms, title_stems, titled_goal
from .text import FUNCTION_WORDS, fold, terms

_TOKEN = re.compile(r"\w+|['’]s\b|[^\w\s]")
_ENDS = frozenset(".?!;:,¿¡-–—()")  # where a clause ends
_UNITS = ("goal", "action", "area")
_CHILD = {"goal": "action", "area": "goal"}  # what a goal or an area holds, for "the middle one from each"
_TITLE_ENDS = re.compile(r"[.?!;:,()¿¡]")  # where a title named in a question ends at the latest


@dataclass(frozen=True)
class _Tok:
    word: str  # folded
    start: int
    end: int


@cache
def _lists() -> dict[str, frozenset[str]]:
    return {
        "goal": frozenset(fold(w) for w in words("goal_nouns")),
        "action": frozenset(fold(w) for w in words("action_nouns")),
        "area": frozenset(fold(w) for w in words("area_nouns")),
        "one": frozenset(fold(w) for w in words("relative_one") if "_" not in w and w != "what"),
        "middle": frozenset(fold(w) for w in words("nav_middle")),
        "number": frozenset(fold(w) for w in words("nav_number")),
        "links": frozenset(fold(w) for w in words("nav_links") | words("relative_adverbs")),
        "in": frozenset(fold(w) for w in words("nav_in")),
        "anchors": frozenset(fold(w) for w in words("nav_anchors") | words("relative_pointers")),
        "articles": frozenset(fold(w) for w in words("nav_articles")),
        "pointers": frozenset(fold(w) for w in words("goal_pointers") | words("area_pointers") | words("nav_anchors")),
        "dates": frozenset(fold(w) for w in words("nav_dates")),
        "which": frozenset(fold(w) for w in words("nav_which")),
        "steps": frozenset(fold(w) for w in valued("nav_steps")),
        "from": frozenset(fold(w) for w in words("nav_from")),
        "each": frozenset(fold(w) for w in words("nav_each")),
        "them": frozenset(fold(w) for w in words("nav_them")),
        "indefinite": frozenset(fold(w) for w in words("nav_indefinite")),
        "possessive": frozenset(fold(w) for w in words("nav_possessive")),
        "for": frozenset(fold(w) for w in words("nav_for")),
        "other": frozenset(fold(w) for w in words("other")),
        "numbered": frozenset(fold(w) for w in words("nav_numbered")),
        "placeholder": frozenset(fold(w) for w in words("nav_placeholder")),
        "ends": frozenset(fold(w) for w in words("nav_ends")),
        "to": frozenset(fold(w) for w in words("nav_to")),
        "when": frozenset(fold(w) for w in words("when")),
    }


@cache
def _or_more() -> frozenset[tuple[str, str]]:
    """The words after a place that take every place after it too: "or higher", "o más", "ou mais"."""
    return frozenset(tuple(fold(w).split("_", 1)) for w in words("nav_or_more"))  # type: ignore[misc]


@cache
def _offsets() -> dict[str, int]:
    """Words that place one next to another, with their offset: "next" 1, "precedes" -1, "back" -1."""
    return {fold(w): v for w, v in (valued("relative") | valued("relative_verbs") | valued("nav_steps")).items()}


@cache
def _places() -> dict[str, int]:
    """Words that place one in a scope, with its index (-1 the last): ordinals, and what opens or closes."""
    said = ORDINALS | valued("ordinal_verbs") | valued("nav_places")
    return {fold(w): v for w, v in said.items() if w not in ("former", "latter")}  # "the former": of two named


def _unit(word: str) -> str | None:
    """The unit a noun names, singular or plural ("goals", "acciones", "ações")."""
    lists = _lists()
    for unit in _UNITS:
        nouns = lists[unit]
        if word in nouns or (word.endswith("s") and (word[:-1] in nouns or word[:-2] in nouns
                                                      or word[:-3] + "ao" in nouns)):
            return unit
    return None


def _plural(word: str) -> bool:
    return _unit(word) is not None and word not in _lists()[_unit(word)]


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() and len(word) <= 2 else numerals().get(word)


@dataclass(frozen=True)
class _Each:
    """What "each" is said of: the holder ("goal", "area"), a scope said with it ("each area D goal"), the token after
    the words that say so, and whether it leaves out the previous answer's ("each of the other four areas")."""

    holder: str | None = None
    scope: tuple | None = None
    after: int = 0
    other: bool = False
    said: bool = False  # the holder's noun follows "each" ("for each goal"), not only a plural elsewhere


@dataclass(frozen=True)
class _Context:
    """What the previous answer was about: its goal, area and action, when it was one of each."""

    goal: int | None
    area: str | None
    action: str | None
    unit: str | None  # what "one" stands for after it
    lead: str | None  # its first citation: what "it" points at ("the action just before it")

    @classmethod
    def of(cls, plan: Plan, previous: Turn | None) -> _Context:
        cited = previous.citations if previous else ()
        goals = list(dict.fromkeys(plan.action(n).goal for n in cited))
        areas = {plan.goal(g).area for g in goals}
        goal = goals[0] if len(goals) == 1 else None
        action = cited[0] if len(cited) == 1 else None
        if goal is not None and (len(cited) > 1 or (action and _names_goal(previous.question))):
            unit = "goal"
        else:
            unit = "action" if action else None
        return cls(goal, next(iter(areas)) if len(areas) == 1 else None, action, unit, cited[0] if cited else None)


def _names_goal(question: str) -> bool:
    """Whether a question names a goal ("What is number five about?" after "Area B has seven goals")."""
    return any(_unit(fold(w)) == "goal" for w in _TOKEN.findall(question))


class _Reader:
    def __init__(self, plan: Plan, question: str, previous: Turn | None) -> None:
        self.plan, self.question = plan, question
        self.toks = [_Tok(fold(m[0]), m.start(), m.end()) for m in _TOKEN.finditer(question)]
        self.context = _Context.of(plan, previous)
        self.lists = _lists()

    def word(self, i: int) -> str:
        return self.toks[i].word if 0 <= i < len(self.toks) else ""

    def ends(self, i: int) -> bool:
        """Whether a clause ends at token ``i`` (or the question does); a hyphen inside a word ("e-government") ends
        none."""
        if self.hyphenated(i):
            return False
        return i >= len(self.toks) or self.word(i) in _ENDS or self.word(i) in self.lists["ends"]

    def hyphenated(self, i: int) -> bool:
        """Whether token ``i`` is part of a hyphenated word ("e-government": "e", "-", "government")."""
        if not 0 <= i < len(self.toks):
            return False
        if self.word(i) == "-":
            return (0 < i < len(self.toks) - 1
                    and self.toks[i - 1].end == self.toks[i].start == self.toks[i + 1].start - 1)
        return i + 2 < len(self.toks) and self.word(i + 1) == "-" and self.hyphenated(i + 1)

    # -- what the question names --------------------------------------------------
    def scope_at(self, i: int) -> tuple[tuple[str, str | int] | None, int]:
        """A scope written from token ``i`` on ("area D", "goal 15", "the plan", "that goal", "the following area"),
        and the token after it; (None, i) when there is none."""
        j = i
        while self.word(j) in self.lists["articles"]:
            j += 1
        unit = _unit(self.word(j))
        if unit == "area" and len(self.word(j + 1)) == 1 and self.word(j + 1) in "abcde":
            return ("area", self.word(j + 1).upper()), j + 2
        if unit == "goal" and _plural(self.word(j)) and self.word(j + 1).isdigit() and (listed := self.goals_at(j)):
            return listed  # "goals 22 to 26": each of them
        if unit == "goal" and self.word(j + 1).isdigit() and self.plan_has_goal(int(self.word(j + 1))):
            return ("goal", int(self.word(j + 1))), j + 2
        if self.word(j) in ("plan", "plano", "elac"):
            return ("plan", 0), j + 1
        if self.word(j) in self.lists["pointers"] and (unit := _unit(self.word(j + 1))) in ("goal", "area"):
            return self.previous(unit), j + 2
        if j > i and (unit := _unit(self.word(j))) in ("goal", "area") and self.word(j + 1) in ("'s", "’s"):
            return self.previous(unit), j + 1  # "the area's final goal": the previous answer's area
        if self.word(j) in _offsets() and (unit := _unit(self.word(j + 1))) in ("goal", "area"):
            return self.beside(unit, _offsets()[self.word(j)]), j + 2
        if (unit := _unit(self.word(j))) in ("goal", "area") and self.word(j + 1) in _offsets():
            return self.beside(unit, _offsets()[self.word(j + 1)]), j + 2
        titled, after = self.titled_at(j, placed=self.word(i - 1) in self.lists["in"])
        return (titled, after) if titled else (None, i)

    def goals_at(self, j: int) -> tuple[tuple[str, tuple[int, ...]], int] | None:
        """The goals a list from token ``j`` names ("goals 22 to 26", "metas 8 a 11"), and the token after it."""
        start = self.toks[j].start
        found = named_goals(fold(self.question[start:]))
        if found is None or not all(self.plan_has_goal(g) for g in found[0]) or len(found[0]) < 2:
            return None
        after = next((k for k in range(j, len(self.toks)) if self.toks[k].start >= start + found[1]), len(self.toks))
        return ("goals", tuple(found[0])), after

    def titled_at(self, j: int, placed: bool) -> tuple[tuple[str, str | int] | None, int]:
        """An area or a goal named by its title from token ``j`` ("the policy-instruments area", "under e-government",
        "Access and digital inclusion has seven goals"), and the token after it and after the noun of its kind
        ("area", "goal"). A title of one word ("training") names one only where a scope stands (``placed``: after
        "of", "in", "under") or before a goal's or an area's noun; elsewhere it is a topic."""
        # its first word is one of a title's ("policy-instruments"), or the area's noun before one ("el área de
        # instrumentos de política")
        k = j + 2 if _unit(self.word(j)) == "area" and self.word(j + 1) in self.lists["in"] else j
        first = fold(self.question[self.toks[k].start:].split(" ")[0]) if k < len(self.toks) else ""  # "e-government"
        if not self.word(k).isalpha() or not set(terms(first, drop=FUNCTION_WORDS)) & title_stems(self.plan):
            return None, j
        start = self.toks[j].start
        text = self.question[start:]
        text = text[: m.start()] if (m := _TITLE_ENDS.search(text)) else text
        typed = text.split(" ")
        found: tuple[str, str | int, int] | None = None  # kind, name, words of the title
        for n in range(1, min(len(typed), 8) + 1):
            letter = area_by_title(self.plan, fold(" ".join(typed[:n])))
            if letter and set(terms(first)) <= (title := area_title_terms(self.plan, letter)):
                # and the rest of its title's words after the fewest that name it ("de política" in "área de
                # instrumentos de política")
                for m in range(n, len(typed)):
                    said = terms(fold(typed[m]), drop=FUNCTION_WORDS)
                    if said and not set(said) <= title:
                        break
                    n = m + 1 if said else n
                found = ("area", letter, n)
                break
        if found is None and (goal := titled_goal(self.plan, fold(text))):
            found = ("goal", goal[0], goal[1])
        if found is None:
            return None, j
        kind, name, n = found
        end = start + len(" ".join(typed[:n]))
        after = next((k for k in range(j, len(self.toks)) if self.toks[k].start >= end), len(self.toks))
        noun = _unit(self.word(after))
        if not (placed or noun in ("goal", "area") or len(set(terms(" ".join(typed[:n])))) >= 2):
            return None, j
        return (kind, name), after + (noun == kind)

    def plan_has_goal(self, number: int) -> bool:
        return any(g.number == number for g in self.plan.goals)

    @cached_property
    def named_scope(self) -> tuple | None:
        """The one area or goal the question names anywhere ("Area D has five goals - ..."), if it names one (read once
        per question: every place the question holds asks it)."""
        found = set()
        for i in range(len(self.toks)):
            scope, _ = self.scope_at(i)
            if scope and scope[0] in ("area", "goal", "goals") and self.word(i) not in self.lists["pointers"]:
                found.add(scope)
        return next(iter(found)) if len(found) == 1 else None

    def holder_named(self, holders: tuple[str, ...]) -> str | None:
        """The one kind of ``holders`` a plural noun of the question names ("Three goals in area B have three actions
        each"), for "each" said with no noun after it ("the middle one from each", "the closing action of each")."""
        found = {_unit(t.word) for t in self.toks if _plural(t.word)} & set(holders)
        return found.pop() if len(found) == 1 else None

    def held(self, k: int, holders: tuple[str, ...]) -> _Each:
        """What "each" at token ``k`` is said of: the holder noun after it, past counts, articles, "other" and a scope
        ("each of the other four areas", "each area D goal", "every policy-instruments goal")."""
        lists, scope, other, m = self.lists, None, False, k + 1
        while m < len(self.toks) and not self.ends(m):
            if (unit := _unit(self.word(m))) in holders and not (
                    self.word(m + 1).isdigit() or (unit == "area" and self.word(m + 1) in tuple("abcde"))):
                return _Each(unit, scope, m + 1, other, said=True)
            found, after = self.scope_at(m)
            if found is not None and found[0] != "plan":
                scope, m = found, after
            elif (self.word(m) in lists["in"] | lists["articles"] | lists["one"] | lists["other"]
                  or _count(self.word(m)) is not None):
                other, m = other or self.word(m) in lists["other"], m + 1
            else:
                break
        # no noun: "of each one", "de cada uma", "from each of them": the words that say so end there
        return _Each(None, scope, m + (self.word(m) in lists["anchors"] | lists["them"]), other)

    def named_unit(self, skip: int) -> str | None:
        """The unit a plural noun of the question names ("five goals"), for a word that stands for one."""
        found = {_unit(t.word) for k, t in enumerate(self.toks) if k != skip and _plural(t.word)}
        found.discard(None)
        return next(iter(found)) if len(found) == 1 else None

    # -- the previous answer --------------------------------------------------------
    def previous(self, unit: str) -> tuple[str, str | int] | None:
        if unit == "goal" and self.context.goal is not None:
            return ("goal", self.context.goal)
        if unit == "area" and self.context.area is not None:
            return ("area", self.context.area)
        return None

    def beside(self, unit: str, offset: int, pointed: bool = False) -> tuple[str, str | int] | None:
        """The goal, area or action ``offset`` places from the previous answer's (``pointed``: a pronoun points at
        one action, its first citation: "the action just before it")."""
        if unit == "goal" and self.context.goal is not None:
            order: list = [g.number for g in self.plan.goals]
            at = self.context.goal
        elif unit == "area" and self.context.area is not None:
            order, at = [a.letter for a in self.plan.areas], self.context.area
        elif unit == "action" and (self.context.action or (pointed and self.context.lead)) is not None:
            order, at = [a.number for a in self.plan.actions], self.context.action or self.context.lead
        else:
            return None
        k = order.index(at) + offset if at in order else -1
        return (unit, order[k]) if 0 <= k < len(order) else None

    def members(self, unit: str, scope: tuple) -> list:
        kind, value = scope
        if kind == "goals":  # "goals 22 to 26": those goals, or their actions
            return list(value) if unit == "goal" else [a.number for a in self.plan.actions if a.goal in value]
        if unit == "goal" and kind in ("area", "plan"):
            return [g.number for g in self.plan.goals if kind == "plan" or g.area == value]
        if unit == "action" and kind in ("goal", "area", "plan"):
            return [a.number for a in self.plan.actions if kind == "plan" or (
                a.goal == value if kind == "goal" else self.plan.goal(a.goal).area == value)]
        if unit == "area" and kind == "plan":
            return [a.letter for a in self.plan.areas]
        return []

    # -- places -----------------------------------------------------------------------
    def unit_at(self, i: int) -> tuple[str | None, int]:
        """The unit token ``i`` names or stands for, and the token after it."""
        word = self.word(i)
        if (unit := _unit(word)) is not None:
            return unit, i + 1
        if word in self.lists["one"] or (word in self.lists["articles"] and self.word(i + 1) == "que"):
            # "the one", "la que", "a que": the unit the question names, else the previous answer's
            return self.named_unit(i) or self.context.unit, i + 1 + (self.word(i + 1) == "que")
        return None, i

    def relative(self) -> tuple[int, int, str] | None:
        """A place next to the previous answer's: (start, end, reference)."""
        offsets = _offsets()
        for i, tok in enumerate(self.toks):
            if tok.word in offsets and (found := self._relative_at(i, offsets)):
                return found
        return None

    def _relative_at(self, i: int, offsets: dict[str, int]) -> tuple[int, int, str] | None:
        offset = offsets[self.word(i)]
        j = i + 1
        while self.word(j) in offsets and (offsets[self.word(j)] > 0) == (offset > 0):  # "next after"
            j += 1
        if self.word(j).isdigit() or self.word(j) in self.lists["dates"] or self.word(j) == "-":
            return None  # "after 2006", "before mid-2006": a deadline, not a place
        if _unit(self.word(j)) is not None and self.word(j + 1).isdigit():
            return None  # "after goal 9": the ordinals' patterns name it
        # a count: steps back ("go back two goals", "two goals back") or that many next to it ("the next two goals")
        count, unit, noun, start, end = 1, None, None, i, j
        if (n := _count(self.word(j))) and (u := _unit(self.word(j + 1))):
            count, unit, end = n, u, j + 2
        # the unit before the place word: "the goal (that comes right) after ...", "la que sigue", "two goals back"
        k = i - 1
        while k >= 0 and self.word(k) in self.lists["links"]:
            k -= 1
        if unit is None and k >= 0:
            if (n := _count(self.word(k))) and (u := _unit(self.word(k + 1))) and k + 2 == i:
                count, unit, start = n, u, k
            elif k == i - 1 or self.word(k + 1) in self.lists["links"]:
                unit, _ = self.unit_at(k)
                start, noun = k, self.typed(k)
                if unit is not None and _plural(self.word(k)) and (n := _count(self.word(k - 1))):
                    count, start = n, k - 1  # "as duas ações que vêm logo depois"
        # the unit after it: "the next goal", "after that goal", "the previous one"
        if unit is None:
            m = j
            while self.word(m) in self.lists["pointers"] | self.lists["articles"]:
                m += 1
            u, after = self.unit_at(m)
            if u is not None and not self.word(after).isdigit():
                unit, end, noun = u, after, self.typed(m)
        if unit is None:
            return None
        # what it is next to: the previous answer's, pointed at or left unsaid, the clause ending there
        m = end
        while self.word(m) in offsets and (offsets[self.word(m)] > 0) == (offset > 0):  # "the next goal after it"
            m += 1
        while self.word(m) in self.lists["anchors"] | self.lists["one"] or self.word(m) in self.lists["from"]:
            m += 1
        if m > end and self.word(m - 1) in self.lists["from"]:
            m -= 1
        pointed = any(self.word(n) in self.lists["anchors"] for n in range(end, m))
        if not self.ends(m) and _unit(self.word(m)) is None and self.word(m) not in self.lists["which"]:
            return None  # "the goal that follows a regional approach": placed by its words, no place
        if self.word(i) in self.lists["steps"] or count == 1:  # "go back two goals": one goal, two places back
            places = [self.beside(unit, offset * count, pointed)]
        else:  # "the next two goals", "as duas ações que vêm logo depois": each of them
            places = [self.beside(unit, offset * step) for step in range(1, count + 1)]
            places = places if offset > 0 else places[::-1]
        if None in places:
            return None
        while start > 0 and self.word(start - 1) in self.lists["articles"]:
            start -= 1
        return self.toks[start].start, self.toks[m - 1].end, _written(unit, [p[1] for p in places], noun)

    def typed(self, i: int) -> str | None:
        """The noun as typed when token ``i`` is a unit's singular noun ("meta"), for the reference."""
        word = self.word(i)
        return self.question[self.toks[i].start:self.toks[i].end] if _unit(word) and not _plural(word) else None

    def positional(self) -> tuple[int, int, str] | None:
        """A place in a scope: (start, end, reference)."""
        places, lists = _places(), self.lists
        for i in range(len(self.toks)):
            word = self.word(i)
            if (counted := self.to_last(i)) is not None:  # "the second-to-last goal", "next to last"
                index, after = counted
                unit, end, noun = *self.unit_at(after), self.typed(after)
            elif word in places:
                index: int | str = places[word]
                unit, end = self.unit_at(i + 1)
                noun = self.typed(i + 1)
            elif word in lists["middle"]:
                index = "middle"
                unit, end = self.unit_at(i + 1)
                noun = self.typed(i + 1)
            elif word in lists["number"] and (n := _count(self.word(i + 1))) and _unit(self.word(i - 1)) is None:
                index, unit, end, noun = n - 1, self.named_unit(i), i + 2, None  # "number five" (not "goal number 5")
            else:
                continue
            start = i
            # what a place with no noun is in, when "each" is said: "the middle one from each", "for each goal, ..."
            placed_in = self.distributed(("goal", "area")) if unit is None and word in lists["middle"] | set(places) \
                else _Each()
            if placed_in.holder and self.word(i + 1) in lists["one"]:
                unit, end, noun = _CHILD[placed_in.holder], i + 2, None  # "the middle one from each" (goal): an action
            near = self.clause_unit(i) if unit is None else None
            if near is not None:  # the unit elsewhere in its clause: "which goal sits right in the middle", "Area E
                # starts with which goal"; not in a clause about deadlines ("in area B, which action was due first?")
                k, unit = near
                noun = self.typed(k)
                if k < i:  # ... and "one" after the place: "which action is the last one?"
                    start, end = k - (self.word(k - 1) in lists["which"]), i + 1 + (self.word(i + 1) in lists["one"])
                else:
                    end = k + 1
            elif unit is None and placed_in.holder and placed_in.said:
                # no unit in its clause, "each" said with its noun: "for each goal, what is listed second?"
                unit, end, noun = _CHILD[placed_in.holder], i + 1, None
            elif unit is None:
                continue
            if self.word(end) in _offsets():  # "the last goal before the policy instruments section": next to it
                continue
            # in each of several: "the first action under each goal in area D", "the closing action of every area";
            # "which goals have a third action?": each goal that has one
            said_each = self.each(unit, end)
            each, said_with, end = said_each.holder, said_each.scope, said_each.after
            if each is None and self.word(i - 1) in lists["indefinite"]:
                each = self.holder_named(("goal", "area") if unit == "action" else ("area",) if unit == "goal" else ())
            # the scope: "of area D", "in area A", "of the following area", "area D's", else the one it names
            scope = None
            if self.word(end) in lists["in"]:  # ... and "in area D" after "under each goal": written into the place
                scope, after = self.scope_at(end + 1)
                end = after if scope is not None else end
            if scope is None and start >= 3 and self.word(start - 1) in ("'s", "’s"):
                scope, _ = self.scope_at(start - 3)
                start -= 3 if scope is not None else 0
            # (a scope named elsewhere is not the place's in a clause about deadlines: "the first action on
            # e-government to fall due" is the earliest deadline's, not the first action of the goal)
            named = None if scope else said_with or (None if self.dated(start) else self.named_scope)
            scope = scope or named or (("plan", 0) if each or self.plan_pointed(start) else None)
            if scope is None:
                continue  # "the second one" of the previous list: the follow-up reader's
            # "each of the other four areas": not the previous answer's
            left = self.previous(each) if each and said_each.other else None
            groups = [(each, g) for g in self.members(each, scope) if (each, g) != left] if each else [scope]
            found = [chosen for group in groups if (chosen := _at(self.members(unit, group), index)) is not None]
            if not found or (not each and len(found) != 1):
                continue
            while start > 0 and self.word(start - 1) in lists["articles"]:
                start -= 1
            # in each goal of an area named elsewhere ("For each goal in area C, give the final action"), or of one
            # named in the place's own clause ("Area B ends on which action?"): the place written holds what it picks,
            # and the scope, said again, would widen it to all of its own
            said = self.scope_span(named) if named and named[0] != "plan" and (
                (each and named[0] in ("area", "goals")) or self.same_clause(named, start)) else None
            return self.toks[start].start, self.toks[end - 1].end, _written(unit, found, noun), said
        return None

    def plan_pointed(self, start: int) -> bool:
        """Whether a place that names no goal or area is the plan's: the plan named in its clause ("The plan closes
        with which action?"), or pointed at with "its" ("How does the plan end - what's its closing action?")."""
        k = start - 1
        while k >= 0 and self.word(k) in self.lists["articles"] and self.word(k) not in self.lists["possessive"]:
            k -= 1
        plans = [k for k, t in enumerate(self.toks) if t.word in ("plan", "plano", "elac")]
        return bool(plans) and ((k >= 0 and self.word(k) in self.lists["possessive"])
                                or any(self.between_clear(p, start) for p in plans))

    def between_clear(self, one: int, other: int) -> bool:
        """Whether no clause ends between tokens ``one`` and ``other``."""
        lo, hi = sorted((one, other))
        return not any(self.word(k) in _ENDS and self.ends(k) for k in range(lo + 1, hi))

    def dated(self, start: int) -> bool:
        """Whether the clause of the place at token ``start`` is about deadlines ("... to fall due")."""
        lo = hi = start
        while lo > 0 and not self.ends(lo - 1):
            lo -= 1
        while hi + 1 < len(self.toks) and not self.ends(hi + 1):
            hi += 1
        return any(self.word(k) in self.lists["when"] for k in range(lo, hi + 1))

    def same_clause(self, scope: tuple, start: int) -> bool:
        """Whether ``scope`` is named in the clause of the place that starts at token ``start`` ("Area B ends on which
        action?"), or opens the question as where it is ("In goal 15, which action is the last one?"), not in a
        clause of its own ("Area C has seven goals; summarise the middle one")."""
        for i in range(len(self.toks)):
            found, after = self.scope_at(i)
            if found == scope:
                if i == 1 and after <= start and self.word(0) in self.lists["in"] and self.word(after) == ",":
                    return True  # the question opens with it: "In goal 15, ..."
                return self.between_clear(after - 1 if after <= start else i, start)
        return False

    def numbered(self) -> tuple[int, int, str, tuple[int, int] | None] | None:
        """Actions named by their number in their goal, in each goal of a scope: "every action numbered x.4", "the
        .5 actions or higher", "la acción número 2 de cada meta" (the plan numbers an action by its goal and its place
        there): (start, end, reference, where a scope said apart is)."""
        lists = self.lists
        for i in range(len(self.toks)):
            if (place := self.minor_at(i)) is None:
                continue
            index, start, end = place
            end += _unit(self.word(end)) == "action"  # "the .2 actions"
            upward = (self.word(end), self.word(end + 1)) in _or_more()  # "or higher": every place from it on
            end += 2 if upward else 0
            said = self.each("action", end)  # "... de cada meta", "of each goal in area B"
            end = said.after
            if self.word(end) in lists["in"] and (found := self.scope_at(end + 1))[0] is not None:
                scope, end = found
                named = None
            else:
                named = said.scope or self.named_scope
                scope = named or ("plan", 0)
            # the words before it that say which actions: "every action numbered", "the actions"
            k = start - 1
            k -= self.word(k) in lists["numbered"]
            k -= _unit(self.word(k)) == "action"
            while k >= 0 and self.word(k) in lists["each"] | lists["articles"]:
                k -= 1
            start = k + 1
            groups = [scope] if scope[0] == "goal" else [("goal", g) for g in self.members("goal", scope)]
            found = [a for group in groups for a in (self.members("action", group)[index:] if upward
                                                     else [_at(self.members("action", group), index)]) if a]
            if not found:
                continue
            cut = self.scope_span(named) if named and named[0] != "plan" else None
            return self.toks[start].start, self.toks[end - 1].end, _written("action", found), cut
        return None

    def minor_at(self, i: int) -> tuple[int, int, int] | None:
        """An action's place in its goal written at token ``i`` as its number's second part ("x.4", ".5", as typed
        after a space), or as "number 2" after an action's noun and before "each": (index, start, end)."""
        digit = self.word(i + 1)
        if self.word(i) == "." and digit.isdigit() and len(digit) <= 2 and self.toks[i].end == self.toks[i + 1].start:
            if i > 0 and self.word(i - 1) in self.lists["placeholder"] and self.toks[i - 1].end == self.toks[i].start:
                return int(digit) - 1, i - 1, i + 2  # "x.4"
            if i == 0 or self.toks[i - 1].end < self.toks[i].start:
                return int(digit) - 1, i, i + 2  # ".5", not "2.0"
        if (self.word(i) in self.lists["number"] and _unit(self.word(i - 1)) == "action" and (n := _count(digit))
                and self.word(i + 2) in self.lists["in"] and self.word(i + 3) in self.lists["each"]):
            return n - 1, i - 1, i + 2  # "la acción número 2 de cada meta"
        return None

    def scope_span(self, scope: tuple[str, str | int]) -> tuple[int, int] | None:
        """Where ``scope`` is named, with the word that puts it as one ("in area C", "da área A"), as characters."""
        for i in range(len(self.toks)):
            found, after = self.scope_at(i)
            if found == scope:
                first = i - 1 if i > 0 and self.word(i - 1) in self.lists["in"] | self.lists["for"] else i
                return self.toks[first].start, self.toks[after - 1].end
        return None

    def to_last(self, i: int) -> tuple[int, int] | None:
        """A place counted from the end ("second-to-last", "next to last": -2), and the token after it."""
        places, word = _places(), self.word(i)
        counted = places[word] if places.get(word, -1) >= 1 else 1 if _offsets().get(word) == 1 else None
        j = i + 1 + (self.word(i + 1) == "-")
        if counted is None or self.word(j) not in self.lists["to"]:
            return None
        j += 1 + (self.word(j + 1) == "-")
        return (-counted - 1, j + 1) if places.get(self.word(j)) == -1 else None

    def each(self, unit: str, end: int) -> _Each:
        """The goals or areas a place is taken in each of ("the first action under each goal", "the closing action
        of each of the five areas", "for every goal in area C ..., its second action", "of each" after "goals 22 to
        26"), with the token after the words that say so when they follow the place (else ``end``)."""
        holders = ("goal", "area") if unit == "action" else ("area",) if unit == "goal" else ()
        if self.word(end) in self.lists["in"] and self.word(end + 1) in self.lists["each"]:
            said = self.held(end + 1, holders)
            if holder := said.holder or self.holder_named(holders) or self.distributed(holders).holder:
                return replace(said, holder=holder)
        return replace(self.distributed(holders), after=end)

    def distributed(self, holders: tuple[str, ...]) -> _Each:
        """What "each" is said of anywhere in the question ("each goal", "cada meta"), or the plural holder it names
        ("Three goals in area B have three actions each")."""
        for k, t in enumerate(self.toks):
            if t.word in self.lists["each"]:
                said = self.held(k, holders)
                if holder := said.holder or self.holder_named(holders):
                    return replace(said, holder=holder)
        return _Each()

    def clause_unit(self, i: int) -> tuple[int, str] | None:
        """The singular unit noun (or a word standing for one) nearest to place word ``i`` in its clause, within a
        few words, unless the clause is about deadlines; its token and unit."""
        lo = i
        while lo > 0 and not self.ends(lo - 1):
            lo -= 1
        hi = i
        while hi + 1 < len(self.toks) and not self.ends(hi + 1):
            hi += 1
        if any(self.word(k) in self.lists["when"] for k in range(lo, hi + 1)):
            return None
        for distance in range(1, 6):
            for k in (i - distance, i + distance):
                if lo <= k <= hi and (k < i or distance <= 3):
                    unit, _ = self.unit_at(k)
                    named = self.word(k + 1).isdigit() or (unit == "area" and self.word(k + 1) in tuple("abcde"))
                    if unit is not None and not _plural(self.word(k)) and not named:  # not "area D" itself
                        return k, unit
        return None


def _at(members: list, index: int | str) -> str | int | None:
    """The member at a place: an index (-1 the last) or the middle of an odd number of them."""
    if index == "middle":  # of three or more: a goal's one action has none
        return members[len(members) // 2] if len(members) % 2 and len(members) >= 3 else None
    return members[index] if -len(members) <= index < len(members) else None


def _written(unit: str, values: list, noun: str | None = None) -> str:
    """A reference the number grammar reads: "meta 24", "action 9.2", "actions 15.6 and 15.7"."""
    if len(values) == 1:  # a goal or area with the noun as typed ("meta 24"), an action as the plan's
        return f"{noun if noun and unit != 'action' else unit} {values[0]}"
    return f"{unit}s {', '.join(str(v) for v in values[:-1])} and {values[-1]}"


def navigate(plan: Plan, question: str, previous: Turn | None = None) -> str:
    """``question`` with each place it composes written as the plan's reference ("Area D has five goals - what does
    the middle one cover?": "... what does goal 24 cover?"; "now the goal that precedes it" after goal 24: "now goal
    23"); a place it cannot settle is left as typed."""
    for _ in range(3):  # a place in a scope placed in turn is read first ("the first goal of the following area")
        reader = _Reader(plan, question, previous)
        found = reader.numbered() or reader.positional() or reader.relative()
        if found is None:
            return question
        start, end, reference, *said = found
        if said and said[0] is not None:  # the scope, said apart from the place
            cut_start, cut_end = said[0]
            if cut_start >= end:  # said after it
                question = question[:cut_start] + question[cut_end:]
            elif cut_end <= start:  # said before it ("In area B, what ...": "what ..."): the place moves left
                before, after = question[:cut_start], question[cut_end:]
                if not before.strip():
                    before, after = "", after.lstrip(" ,:;")
                removed = len(question) - len(before + after)
                question = before + after
                start, end = start - removed, end - removed
        question = question[:start] + reference + question[end:]
    return question
