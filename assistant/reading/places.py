"""Countries named in a question, in English, Spanish or Portuguese (CLDR names via Babel). Pure.

The plan sets regional actions and names no country: a question about one country is answered
with the regional actions that apply, and says so. No list of countries is kept here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import cut, fold

LANGUAGES = ("en", "es", "pt")
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})  # CLDR codes for unions and placeholders


@lru_cache(maxsize=1)
def _countries() -> tuple[re.Pattern[str], dict[str, str]]:
    from babel import Locale

    names: dict[str, str] = {}  # folded name -> the English name
    english = Locale("en").territories
    for lang in LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES:
                names.setdefault(fold(name), english.get(code, name))
    alternatives = sorted(names, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, alternatives)) + r")\b"), names


def countries(question: str) -> tuple[str, ...]:
    """The countries ``question`` names, by their English names, in the order named."""
    pattern, names = _countries()
    return tuple(dict.fromkeys(names[m[1]] for m in pattern.finditer(fold(question))))


def country_words(question: str) -> frozenset[str]:
    """The words of the country names as ``question`` writes them ("brasil", "costa", "rica"), folded: no topic."""
    pattern, _ = _countries()
    return frozenset(w for m in pattern.finditer(fold(question)) for w in m[1].split())


def without_countries(question: str) -> str:
    """``question`` without the country names it writes ("How will Brazil connect its rural schools?" -> "How will
    connect its rural schools?"): the plan names no country, so a name only pulls the search towards
    actions on regional cooperation. A question whose letters fold into more than one is kept."""
    pattern, _ = _countries()
    return cut(question, [m.span() for m in pattern.finditer(fold(question))]) or question
