"""Query checks and exact number references ("3.1", "action 12", "goal 15"). Pure."""

from __future__ import annotations

import re
import unicodedata

from ..errors import QueryError
from ..plan import Plan
from .lexicon import words

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
_NAMED_REF = re.compile(
    r"\b(action|acci[oó]n|a[cç][aã]o|goal|meta|objetivo|objective)\s*(?:no\.?|n[º°o]\.?|#)?\s*(\d{1,2})\b(?!\.\d)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_BARE = re.compile(r"^\s*#?(\d{1,2})\.?\s*$")
_LONE_INT = re.compile(r"(?<![\d.,%$])\b(\d{1,2})\b(?![\d.,%])")
# a lone 1-30 names an action or goal only when every other word is one of these: "what is 12 about?"
_LOOKUP_WORDS = words("lookup")


def number_matches(plan: Plan, query: str) -> list[str]:
    """Actions the query names by number, in the order named ("goal 15" names all of 15.x)."""
    found: list[str] = []

    def goal_actions(number: int) -> list[str]:
        return [a.number for a in plan.actions if a.goal == number]

    for m in _ACTION_REF.finditer(query):
        number = f"{int(m[1])}.{int(m[2])}"
        if plan.has_action(number):
            found.append(number)
    for m in _NAMED_REF.finditer(query):
        word, number = m[1].lower(), int(m[2])
        if word.startswith(("goal", "meta", "objetiv", "objective")):
            found.extend(goal_actions(number))
        elif plan.has_action(str(number)):
            found.append(str(number))
        else:
            found.extend(goal_actions(number))
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

