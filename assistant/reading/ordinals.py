"""Goals, areas and actions named by their place in the plan: "the first area" is area A, "the last goal"
goal 30, "la tercera meta" meta 3, "the second goal of area B" the second goal of that area, "the second
action of goal 3" action 3.2; and by their place next to another: "the goal after goal 9" is goal 10, "la
acción anterior a la 3.1" acción 2.4, and "the next goal" the goal after the previous answer's. Pure.

The question is rewritten to the plan's own references ("area A", "goal 30") before anything else reads it,
so that the number grammar, the overview requests and follow-ups all see a plain reference.
"""

from __future__ import annotations

import re
from functools import cache

from ..errors import QueryError
from ..plan import Plan
from .followup import ORDINALS, Turn
from .goalsets import numerals
from .lexicon import valued, words
from .requests import area_by_title, area_title_terms, titled_goal
from .text import fold, terms

_ACCENTED = {"a": "aá", "e": "eé", "i": "ií", "o": "oó", "u": "uú"}
_ARTICLE = r"(?:(?:the|la|el|a|o)\s+)?"
_IN = r"\s+(?:of|in|from|de|del|da|do|en|na|no)\s+" + _ARTICLE


def _loose(word: str) -> str:
    """``word`` as a pattern that takes its accented spellings too ("ultima" finds "última")."""
    return "".join(f"[{_ACCENTED[c]}]" if c in _ACCENTED else r"\s+" if c == "_" else re.escape(c) for c in word)


def _either(found: frozenset[str] | dict[str, int]) -> str:
    return "|".join(_loose(w) for w in sorted(found, key=len, reverse=True))


@cache
def _nouns() -> tuple[str, str, str, str]:
    """The ordinals and the words for a goal, an action and an area, each as a pattern's alternatives."""
    return (_either(ORDINALS), *(_either(words(name)) for name in ("goal_nouns", "action_nouns", "area_nouns")))


@cache
def _pattern() -> re.Pattern[str]:
    ordinal, goal, _, area = _nouns()
    return re.compile(
        rf"\b{_ARTICLE}(?P<ordinal>{ordinal})\s+(?:(?P<goal>{goal})|(?P<area>{area}))(?:e?s)?\b"
        rf"(?:{_IN}(?:{area})\s+(?P<letter>[a-e])\b)?"
        # an area named by its title: "of the capacity-building area", "del área de instrumentos de política"
        rf"(?P<titled>{_IN}(?P<before>(?:[\w-]+\s+){{0,4}})(?:{area})\b(?P<tail>(?:\s+[\w-]+){{1,6}})?)?",
        re.IGNORECASE,
    )


@cache
def _action_pattern() -> re.Pattern[str]:
    ordinal, goal, action, area = _nouns()
    return re.compile(
        rf"\b{_ARTICLE}(?P<ordinal>{ordinal})\s+(?:{action})(?:e?s)?{_IN}"
        rf"(?:(?P<goal>{goal})\s+(?P<number>\d{{1,2}})|(?:{area})\s+(?P<letter>[a-e])|(?P<plan>plan|plano|elac))\b",
        re.IGNORECASE)


@cache
def _scope_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'the second action of that goal', 'la primera acción de esa misma meta', 'a primeira meta dessa área', 'the
    first one in the same area'; and 'the area's final goal', 'that goal's second action': a place in the goal or
    area of the previous answer."""
    ordinal, goal, action, area = _nouns()
    one = _either(words("relative_one"))
    pointer = _either(words("goal_pointers") | words("area_pointers"))
    scope = (rf"\s+(?:(?:of|in|under|within|from|de|del|da|do|en|na|no)\s+)?{_ARTICLE}"
             rf"(?P<pointer>{pointer})(?:\s+(?:{pointer}))?\s+(?:(?P<goal>{goal})|(?P<area>{area}))\b")
    after = re.compile(
        rf"\b{_ARTICLE}(?P<ordinal>{ordinal})(?:\s+(?:(?P<action_noun>{action})|(?P<goal_noun>{goal})|{one}))?"
        rf"{scope}", re.IGNORECASE)
    before = re.compile(
        rf"\b(?:the|that|this|its)\s+(?:(?P<goal>{goal})|(?P<area>{area}))'s\s+(?P<ordinal>{ordinal})\s+"
        rf"(?:(?P<action_noun>{action})|(?P<goal_noun>{goal}))\b", re.IGNORECASE)
    return after, before


@cache
def _verb_pattern() -> re.Pattern[str]:
    """'the goal that closes area C', 'which one opens the plan?', '¿cuál cierra esa meta?', 'area D's opening goal'
    (after :func:`placed`'s possessive: 'opening goal of area D')."""
    verbs = _either(valued("ordinal_verbs"))
    _, goal, action, area = _nouns()
    pointer = _either(words("goal_pointers") | words("area_pointers"))
    which = r"which(?:\s+one)?|what|cu[aá]l|qual|the\s+one|la\s+que|el\s+que|a\s+que|o\s+que"
    scope = (rf"(?:(?P<area>{area})\s+(?P<letter>[a-e])|(?P<goal>{goal})\s+(?P<number>\d{{1,2}})"
             rf"|(?:the\s+|el\s+|o\s+)?(?P<plan>plan|plano|elac)"
             rf"|(?P<pointer>(?:{pointer})(?:\s+(?:{pointer}))?)\s+(?:(?P<pgoal>{goal})|(?P<parea>{area})))\b")
    return re.compile(
        rf"\b(?:(?P<noun>{goal}|{action})\s+(?:(?:that|which|que)\s+)?(?P<verb>{verbs})"
        rf"|(?P<which>{which})\s+(?P<verb2>{verbs})"
        rf"|{_ARTICLE}(?P<adjective>{verbs})\s+(?P<noun2>{goal}|{action}))"
        rf"\s+(?:(?:of|in|de|del|da|do)\s+)?{_ARTICLE}{scope}",
        re.IGNORECASE)


def by_verb(question: str) -> str:
    """``question`` with a place named by what opens or closes it written with an ordinal ("the goal that closes area
    C": "the last goal of area C"; "¿cuál cierra esa meta?": "the last action of esa meta"), for :func:`in_previous`
    and :func:`placed` to name. What opens or closes a goal is an action; an area or the plan, a goal."""
    offsets = valued("ordinal_verbs")

    def written(m: re.Match[str]) -> str:
        place = "first" if offsets[fold(m["verb"] or m["verb2"] or m["adjective"])] == 0 else "last"
        noun = m["noun"] or m["noun2"] or ("action" if m["goal"] or m["pgoal"] else "goal")
        if m["area"]:
            scope = f"{m['area']} {m['letter'].upper()}"
        elif m["goal"]:
            scope = f"{m['goal']} {m['number']}"
        elif m["plan"]:
            scope = "the plan"
        else:
            scope = f"{m['pointer']} {m['pgoal'] or m['parea']}"
        return f"the {place} {noun} of {scope}"

    return _verb_pattern().sub(written, question)


def in_previous(plan: Plan, question: str, previous: Turn | None) -> str:
    """``question`` with a place in the previous answer's goal or area written as that goal or area ("the second
    action of that goal" after an answer about 21.1: "the second action of goal 21"; "the area's final goal" after
    goal 8: "the final goal of area B"), for :func:`placed` to name. Unchanged when the previous answer's actions
    are not of one goal (one area), or the place names neither an action nor a goal."""
    if previous is None or not previous.citations:
        return question
    goals = {plan.action(n).goal for n in previous.citations}
    areas = {plan.goal(g).area for g in goals}

    def written(m: re.Match[str]) -> str:
        if m["goal"]:
            if len(goals) != 1 or m["goal_noun"]:  # "the second goal of that goal": no place
                return m[0]
            noun, scope = m["action_noun"] or "action", f"{m['goal']} {next(iter(goals))}"
        else:
            if len(areas) != 1:
                return m[0]
            # "the first one of that area": its first goal; "la primera acción de esa área": its first action
            noun, scope = m["action_noun"] or m["goal_noun"] or "goal", f"{m['area']} {next(iter(areas))}"
        return f"the {m['ordinal']} {noun} of {scope}"

    after, before = _scope_patterns()
    return before.sub(written, after.sub(written, question))


@cache
def _relative_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """'the goal (right) after goal 9' (anchored), 'the next goal', 'la meta siguiente' (after the previous
    answer's), 'the goal just before Financing' (next to a goal named by its whole title), and 'la siguiente', 'the
    next?' (an adjective whose noun is left out, where the clause ends: the action after the previous answer's)."""
    relative, adverb = _either(valued("relative")), _either(words("relative_adverbs"))
    _, goal, action, _ = _nouns()
    one = _either(words("relative_one"))
    noun = rf"(?:(?P<goal>{goal})|(?P<action>{action}))"
    verbs, pointers = _either(valued("relative_verbs")), _either(words("relative_pointers"))
    anchored = re.compile(
        rf"\b{_ARTICLE}{noun}\s+(?:(?:that|which|que)\s+)?(?:(?:comes?|came|viene|vem)\s+)?(?:(?:{adverb})\s+)?"
        rf"(?P<relative>{relative}|{verbs})(?:\s+(?:to|a|al|ao|[aà]|de|del|da|do))?\s+{_ARTICLE}"
        rf"(?:(?:{goal}|{action})\s+)?"
        rf"(?P<number>\d{{1,2}}(?:\.\d)?)\b",
        re.IGNORECASE)
    # before a noun, an adjective only ("the next goal", not "after goal 9"); and no goal or action named after it
    adjective = _either(words("relative_adjectives"))
    # a verb ("the goal that follows") only where the clause ends or points back: not "the goal that follows a
    # regional approach", "la meta que sigue sin cumplirse"; a pointer after it is the previous answer's ("after it")
    pointed = rf"(?:\s+(?:to|a|al|ao|de|del|da|do))?\s+(?:{pointers})"
    pointer = rf"{pointed}(?:\s+(?:one|{goal}))?\b"
    one_pointer = rf"{pointed}(?:\s+one)?\b"  # "before it", "after that one" (not "after that goal")
    verb = rf"(?:{verbs})(?=\s*(?:$|[?.,;:!¿¡]|{pointer}|\s+(?:and|y|e)\b))"
    # where a clause that places one ends: "... before it", "... después en el plan?", "... right after, and ..."
    ends = r"(?:\s+(?:in|en|no|na)\s+(?:the|el|o)\s+(?:plan|plano))?\s*(?:$|[^\w\s]|(?:and|y|e)\b)"
    stands = r"(?:comes?|came|sits?|viene|vem|est[aá]|fica|queda)\s+"  # "the one that comes/sits/está ... before"
    after_previous = re.compile(
        rf"\b{_ARTICLE}(?:(?P<before>{adjective})\s+(?:(?P<goal>{goal})|(?P<action>{action}|{one}))"
        # "la acción que la precede", "a meta que vem logo depois": a pointer may come before the verb
        rf"|(?:(?P<goal2>{goal})|(?P<action2>{action}))\s+(?:(?:that|which|que)\s+)?(?:(?:{pointers}|la|lo|a|o)\s+)?"
        rf"(?:{stands})?(?:(?:{adverb})\s+)?(?P<after>{relative}|{verb})"
        # "the one just before it", "la que viene justo después": "one" only where the clause ends after it (not "one
        # before 2006", "one before that date")
        rf"|(?P<one>{one})\s+(?:(?:that|which|que)\s+)?(?:{stands})?(?:(?:{adverb})\s+)?(?P<after_one>{relative})"
        rf"(?=(?:{one_pointer})?{ends}))"
        rf"\b(?:{pointer})?"
        rf"(?!\s+(?:(?:to|a|al|ao|[aà]|de|del|da|do|the|la|el|o)\s+)*(?:(?:{goal}|{action})\s*)?\d)",
        re.IGNORECASE)
    # next to a goal named by its whole title: "the goal (that sits) just before Financing", "la meta anterior a
    # Financiamiento"
    titled = re.compile(
        rf"\b{_ARTICLE}(?P<goal>{goal})\s+(?:(?:that|which|que)\s+[\w-]+\s+|[a-z]+ing\s+)?(?:(?:{adverb})\s+)?"
        rf"(?P<relative>{relative})(?:\s+(?:to|a|al|ao|[aà]|de|del|da|do))?\s+{_ARTICLE}"
        rf"(?P<title>[^\W\d][^?.,;:!\d]{{0,80}})",
        re.IGNORECASE)
    bare = re.compile(rf"\b(?:the|la|el|a|o)\s+(?P<bare>{adjective})(?={ends})", re.IGNORECASE)
    return anchored, after_previous, titled, bare


def _next_to(plan: Plan, kind: str, number: str, offset: int) -> str | None:
    """The goal or action ``offset`` places from goal or action ``number`` in plan order, as the plan names it."""
    order = [str(g.number) for g in plan.goals] if kind == "goal" else [a.number for a in plan.actions]
    at = order.index(number) + offset if number in order else -1
    return order[at] if 0 <= at < len(order) else None


def _nothing_beside(kind: str, number: str, offset: int) -> QueryError:
    """The error for "the goal after goal 30", "the action before 1.1": nothing is there."""
    if offset > 0:
        return QueryError(f"{kind} {number} is the last one in the plan: nothing comes after it",
                          code="nothing_after", kind=kind, number=number)
    return QueryError(f"{kind} {number} is the first one in the plan: nothing comes before it",
                      code="nothing_before", kind=kind, number=number)


_ACTION_NOUNS = frozenset(fold(w) for w in words("action_nouns"))
_GOAL_NOUNS = frozenset(fold(w) for w in words("goal_nouns"))


def beside(plan: Plan, question: str, previous: Turn | None = None) -> str:
    """``question`` with each goal or action named by its place next to another written as the plan's reference:
    next to the one it names ("the goal after goal 9": "goal 10"), else next to the previous answer's ("the next
    goal" after an answer about goal 9; "the next one" after an answer that cited one action)."""
    anchored, after_previous, titled, bare = _relative_patterns()
    offsets = valued("relative") | valued("relative_verbs")

    def named(m: re.Match[str]) -> str:
        kind = "goal" if m["goal"] else "action"
        number = m["number"] if kind == "action" or "." not in m["number"] else None
        offset = offsets[fold(m["relative"])]
        found = _next_to(plan, kind, number, offset) if number else None
        if number and found is None and _next_to(plan, kind, number, 0):  # "the goal after goal 30"
            raise _nothing_beside(kind, number, offset)
        return f"{m['goal'] or m['action']} {found}" if found else m[0]

    def following(m: re.Match[str]) -> str:
        cited = previous.citations if previous else ()
        found = m.groupdict()
        word = found.get("before") or found.get("after") or found.get("after_one") or found.get("bare")
        goal = found.get("goal") or found.get("goal2")
        noun = goal or found.get("action") or found.get("action2") or found.get("one") or found.get("bare")
        if not cited or noun is None:
            return m[0]
        if goal:
            goals = list(dict.fromkeys(plan.action(c).goal for c in cited))
            found = _next_to(plan, "goal", str(goals[0]), offsets[fold(word)]) if len(goals) == 1 else None
            return f"{goal} {found}" if found else m[0]
        if len(cited) != 1:  # "the next one" of a list: which one is not said
            return m[0]
        found = _next_to(plan, "action", cited[0], offsets[fold(word)])
        named_as = noun if fold(noun) in _ACTION_NOUNS else "action"
        return f"{named_as} {found}" if found else m[0]

    def by_title(m: re.Match[str]) -> str:
        found = titled_goal(plan, fold(m["title"]))
        if found is None:
            return m[0]
        goal, length = found
        offset = offsets[fold(m["relative"])]
        near = _next_to(plan, "goal", str(goal), offset)
        if near is None:  # "the goal before Regional Infrastructure": as "the goal before goal 1"
            raise _nothing_beside("goal", str(goal), offset)
        rest = m["title"].split()[length:]
        rest = " ".join(rest[1:] if rest and fold(rest[0]) in _GOAL_NOUNS else rest)  # "the financing goal"
        return f"{m['goal']} {near} {rest}".rstrip()

    question = titled.sub(by_title, anchored.sub(named, question))
    return bare.sub(following, after_previous.sub(following, question)) if previous else question


def _index(ordinal: str) -> int:
    return ORDINALS[fold(ordinal)]


def _titled_area(plan: Plan, m: re.Match[str]) -> tuple[str, str] | None:
    """The area an ordinal's place names by its title, and the words after that title: with the fewest words of
    the tail that name it, then the rest of its title ("de política" in "área de instrumentos de política"); a
    title before the noun ("the capacity-building area") takes no words after it."""
    head = m["titled"][: len(m["titled"]) - len(m["tail"] or "")]
    tail = [] if m["before"].strip() else (m["tail"] or "").split()
    for used in range(len(tail) + 1):
        if found := area_by_title(plan, fold(" ".join([head, *tail[:used]]))):
            break
    else:
        return None
    if not tail:
        return found, (m["tail"] or "").strip()
    title, end = area_title_terms(plan, found), used
    for i in range(used, len(tail)):
        said = terms(fold(tail[i]))
        if said and not set(said) <= title:
            break
        end = i + 1 if said else end
    return found, " ".join(tail[end:])


@cache
def _possessive_pattern() -> re.Pattern[str]:
    """'Area C's fourth goal', 'goal 15's last action': a place named with its scope before it."""
    ordinal, goal, action, area = _nouns()
    return re.compile(
        rf"\b(?P<scope>(?:{area})\s+[a-e]|(?:{goal})\s+\d{{1,2}})['’]s\s+(?P<place>(?:{ordinal})\s+(?:{goal}|{action}))\b",
        re.IGNORECASE)


@cache
def _titled_action_pattern() -> re.Pattern[str]:
    """'the second action of the e-government goal', 'la segunda acción de la meta de gobierno electrónico', 'a
    primeira ação da meta de financiamento': a place in a goal named by its title."""
    ordinal, goal, action, _ = _nouns()
    return re.compile(
        rf"\b{_ARTICLE}(?P<ordinal>{ordinal})\s+(?:{action})(?:e?s)?\s+(?:of|in|under|from|de|del|da|do|en|na|no)\s+"
        rf"{_ARTICLE}(?:(?P<goal>{goal})\s+(?:(?:of|on|for|de|del|da|do|sobre)\s+)?{_ARTICLE})?"
        rf"(?P<title>[^\W\d][^?.,;:!\d]{{0,80}})",
        re.IGNORECASE)


@cache
def _first_areas_pattern() -> re.Pattern[str]:
    """'the last two areas', 'las dos primeras áreas', 'as duas últimas áreas', 'the first 3 areas'."""
    ordinal = _either({w: i for w, i in ORDINALS.items() if i in (0, -1)})
    count = _either(numerals()) + r"|[2-5]"
    area = _nouns()[3]
    return re.compile(
        rf"\b{_ARTICLE}(?:(?P<ordinal>{ordinal})s?\s+(?P<count>{count})|(?P<count2>{count})\s+(?P<ordinal2>{ordinal})s?)"
        rf"\s+(?:{area})s\b", re.IGNORECASE)


def placed(plan: Plan, question: str) -> str:
    """``question`` with each goal or area named by its place written as the plan's reference ("the second goal of
    the capacity-building area": goal 9; "la segunda meta del área de instrumentos de política": meta 23)."""

    def name(m: re.Match[str]) -> str:
        index = _index(m["ordinal"])
        if m["area"]:
            areas = [a.letter for a in plan.areas]
            return f"{m['area']} {areas[index]}" if -len(areas) <= index < len(areas) else m[0]
        letter, rest = (m["letter"] or "").upper(), ""
        if m["titled"]:
            if (titled := _titled_area(plan, m)) is None:
                return m[0]
            letter, rest = titled
        goals = [g.number for g in plan.goals if not letter or g.area == letter]
        if not (goals and -len(goals) <= index < len(goals)):
            return m[0]
        return f"{m['goal']} {goals[index]}" + (f" {rest}" if rest else "")

    def action(m: re.Match[str]) -> str:
        numbers = [a.number for a in plan.actions if m["plan"]  # "the last action of the plan": of them all
                   or (a.goal == int(m["number"]) if m["number"] else plan.goal(a.goal).area == m["letter"].upper())]
        index = _index(m["ordinal"])
        return f"action {numbers[index]}" if numbers and -len(numbers) <= index < len(numbers) else m[0]

    def areas(m: re.Match[str]) -> str:
        said = fold(m["count"] or m["count2"])
        count = int(said) if said.isdigit() else numerals().get(said, 0)
        letters = [a.letter for a in plan.areas]
        if not 2 <= count <= len(letters):
            return m[0]
        chosen = letters[:count] if _index(m["ordinal"] or m["ordinal2"]) == 0 else letters[-count:]
        return f"areas {', '.join(chosen[:-1])} and {chosen[-1]}"

    def titled(m: re.Match[str]) -> str:
        # the goal whose whole title the words begin with ("the financing goal": its title, then the word "goal")
        said = fold(m["title"]).split()
        found = titled_goal(plan, " ".join(said))
        if found is None:
            return m[0]
        number, length = found
        rest = said[length:]
        if not m["goal"]:  # "the first action of digital signatures": a title names a goal only with the word "goal"
            if not rest or rest[0] not in _GOAL_NOUNS:
                return m[0]
            rest = rest[1:]
        numbers = [a.number for a in plan.actions if a.goal == number]
        index = _index(m["ordinal"])
        if not -len(numbers) <= index < len(numbers):
            return m[0]
        typed = m["title"].split()  # the words after the title, as typed
        return " ".join([f"action {numbers[index]}", *typed[len(typed) - len(rest):]])

    question = _possessive_pattern().sub(lambda m: f"{m['place']} of {m['scope']}", question)
    question = _titled_action_pattern().sub(titled, question)
    return _pattern().sub(name, _action_pattern().sub(action, _first_areas_pattern().sub(areas, question)))
