"""Query checks and exact number references ("3.1", "action 12", "goal 15"). Pure."""

from __future__ import annotations

import re
import unicodedata

from ..errors import QueryError
from ..plan import Plan
from .lexicon import words
from .text import fold

MAX_QUERY_CHARS = 2000

# the one number grammar: an action number as written alone ("3.1", "Action 12", "27."); the plan
# model reads typed numbers (``Plan.action``, ``elac show``) through these functions
_NUMBER = re.compile(r"^\s*(?:action\s+)?(\d{1,2})(?:\.(\d{1,2}))?\.?\s*$", re.IGNORECASE | re.ASCII)
_LEADING = re.compile(r"^[^0-9]*([0-9]+)(?:\.([0-9]+))?")


def normalise_number(text: str) -> str:
    """``"Action 3.1"`` -> ``"3.1"``, ``"27."`` -> ``"27"``; other text is stripped."""
    m = _NUMBER.match(text)
    if not m:
        return text.strip()
    return m[1] if m[2] is None else f"{int(m[1])}.{int(m[2])}"


def is_action_number(text: str) -> bool:
    """Whether ``text`` is written like an action number (the plan may still lack it)."""
    return bool(_NUMBER.match(text))


def goal_of(number: str) -> int | None:
    """The goal an action number belongs to by the plan's numbering: "15.3" -> 15, "12" -> 12."""
    found = leading_number(normalise_number(number))
    return int(found[0]) if found else None


def leading_number(text: str) -> tuple[str, str] | None:
    """The first number in ``text`` as (major, minor) ASCII digits ("15.9" -> ("15", "9")), or None."""
    m = _LEADING.match(text)
    return (m[1], m[2] or "0") if m else None


def check_query(query: object) -> str:
    """The query, whitespace-normalised; raises :class:`QueryError` if it cannot be searched."""
    if not isinstance(query, str):
        raise QueryError("the query must be text", code="query_not_text")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}. "
            "Ask about one topic at a time.", code="query_too_long", length=len(query), limit=MAX_QUERY_CHARS,
        )
    bad = sorted({c for c in query if unicodedata.category(c) == "Cc" and c not in "\t\n\r"})
    if bad:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad[:3])
        raise QueryError(f"the query contains control characters ({codes}); remove them", code="query_control",
                         codes=codes)
    if any(unicodedata.category(c) == "Cs" for c in query):
        raise QueryError("the query is not valid text (broken UTF-8 or a lone surrogate); retype it",
                         code="query_not_valid")
    cleaned = " ".join(query.split())
    if not cleaned:
        raise QueryError("the query is empty; type a question or an action number such as 3.1", code="query_empty")
    return cleaned


_ACTION_REF = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d%])(?!\.\d)")
# a head word and the numbers it names: "goal 15", "goals 13 and 14", "metas 22 a 24", "actions 12, 18 or 20",
# "la meta 13 y la 14" (read on folded text; the joining and range words are the lexicons' ``joins`` and ``through``)
_HEAD = r"(?:actions?|acciones|accion|acoes|acao|goals?|metas?|objetivos?|objectives?)"
_ARTICLE = r"(?:(?:the|el|la|los|las|o|a|os|as)\s+)?"


def _either(name: str) -> str:
    """The lexicons' words ``name`` as one alternation, folded, longest first ("-" and "&" are written apart)."""
    return "|".join(map(re.escape, sorted({fold(w) for w in words(name) if w not in "-&"}, key=len, reverse=True)))


_THROUGH = rf"(?:\s*[-\u2013]\s*|\s+(?:{_either('through')})\s+)"
_JOIN = rf"(?:\s*,\s*(?:(?:{_either('joins')})\s+)?|\s*&\s*|\s+(?:{_either('joins')})\s+)"
_NUM = r"\d{1,2}(?:\.\d{1,2})?"
_NAMED_LIST = re.compile(
    rf"\b(?P<head>{_HEAD})\s*(?:no\.?|n[o\u00b0]\.?|#)?\s*"
    rf"(?P<list>{_NUM}(?:(?:{_THROUGH}|{_JOIN}){_ARTICLE}(?:{_HEAD}\s+)?{_NUM})*)\b(?![.,]\d)"
)
_LIST_NUMBER = re.compile(_NUM)
_RANGE_BETWEEN = re.compile(rf"^{_THROUGH}")
_WORD = re.compile(r"[^\W\d_]+")
_BARE = re.compile(r"^\s*#?(\d{1,2})\.?\s*$")
_LONE_INT = re.compile(r"(?<![\d.,%$])\b(\d{1,2})\b(?![\d.,%])")
# a lone 1-30 names an action or goal only when every other word is one of these: "what is 12 about?"
_LOOKUP_WORDS = words("lookup")


def named_list(text: str) -> re.Match[str] | None:
    """The first head word with its numbers in ``text`` (folded): "goals 3 and 16", "meta 9"."""
    return _NAMED_LIST.search(text)


def named_goals(text: str) -> tuple[list[int], int] | None:
    """The goals a list that ``text`` (folded) opens with names ("goals 22 to 26, ...": 22 to 26; "metas 3 y 16"),
    and where that list ends; None when it opens with no list of goals."""
    m = _NAMED_LIST.match(text)
    if m is None or not m["head"].startswith(("goal", "meta", "objetiv", "objective")):
        return None
    numbers = _listed(m["list"])
    return ([int(n) for n in numbers], m.end()) if all("." not in n for n in numbers) else None


def without_goals(text: str) -> str:
    """``text`` (folded) without the goals it names by number ("in goal 15", "metas 13 y 14"): what is left names
    actions, if anything ("the same deadline as 15.2 in goal 15")."""
    while (m := named_list(text)) and m["head"].startswith(("goal", "meta", "objetiv", "objective")):
        text = text[: m.start()] + " " + text[m.end():]
    return text


def _listed(text: str) -> list[str]:
    """The numbers of a named list, ranges spread: "13 and 14" -> 13, 14; "22 to 24" -> 22, 23, 24;
    "3.1 a 3.3" -> 3.1, 3.2, 3.3 (a range stays within one goal; a reversed one is its two ends)."""
    found = list(_LIST_NUMBER.finditer(text))
    numbers = [normalise_number(m[0]) for m in found]
    spread: list[str] = numbers[:1]
    for i in range(1, len(found)):
        number = numbers[i]
        if _RANGE_BETWEEN.match(text[found[i - 1].end(): found[i].start()]):
            low, high = leading_number(spread[-1]), leading_number(number)
            if low and high and ("." in number) == ("." in spread[-1]):
                if "." not in number and int(low[0]) < int(high[0]):
                    spread += [str(n) for n in range(int(low[0]) + 1, int(high[0]))]
                elif "." in number and low[0] == high[0] and int(low[1]) < int(high[1]):
                    spread += [f"{int(low[0])}.{n}" for n in range(int(low[1]) + 1, int(high[1]))]
        spread.append(number)
    return spread


def number_matches(plan: Plan, query: str) -> list[str]:
    """Actions the query names by number, in the order named ("goal 15" names all of 15.x)."""
    named: list[tuple[int, list[str]]] = []  # (where, the actions named there)

    def goal_actions(number: int) -> list[str]:
        return [a.number for a in plan.actions if a.goal == number]

    folded = fold(query)
    lists = list(_NAMED_LIST.finditer(folded))
    for m in lists:
        goals = m["head"].startswith(("goal", "meta", "objetiv", "objective"))
        actions: list[str] = []
        for number in _listed(m["list"]):
            if "." in number:
                actions.extend([number] if plan.has_action(number) else [])
            elif not goals and plan.has_action(number):
                actions.append(number)
            else:
                actions.extend(goal_actions(int(number)))
        named.append((m.start(), actions))
    for m in _ACTION_REF.finditer(folded):
        number = f"{int(m[1])}.{int(m[2])}"
        if plan.has_action(number) and not any(n.start("list") <= m.start() < n.end("list") for n in lists):
            named.append((m.start(), [number]))
    found = [number for _, actions in sorted(named, key=lambda pair: pair[0]) for number in actions]
    lone = [int(m[1]) for m in _LONE_INT.finditer(query)]
    if bare := _BARE.match(query):
        lone = [int(bare[1])]
    others = {w.lower() for w in _WORD.findall(query)}
    if bare or (len(lone) == 1 and not found and others <= _LOOKUP_WORDS):
        for number in lone[:1]:
            found.extend([str(number)] if plan.has_action(str(number)) else goal_actions(number))
    return list(dict.fromkeys(found))


_UNKNOWN_REF = re.compile(
    r"\b(?:actions?|acci[oó]n|acciones|a[cç][aã]o|a[cç][oõ]es|cite|cita|citar)\s*(?:no\.?|n[º°o]\.?|#)?\s*"
    r"(\d{1,3}(?:\.\d{1,3})?)\b(?!\.\d)|^\s*(\d{1,3}\.\d{1,3})\s*$",
    re.IGNORECASE,
)


def unknown_actions(plan: Plan, query: str) -> list[str]:
    """Action numbers the query names that the plan lacks ("action 99.9", "cite 31.2", a bare "40.1"),
    when it names no real one. A number in passing ("Web 2.0", "2.5 percent") is not a reference."""
    if number_matches(plan, query):
        return []
    named = [m[1] or m[2] for m in _UNKNOWN_REF.finditer(query)]
    return list(dict.fromkeys(n for n in named if not plan.has_action(n)))

