"""The one deadline grammar: points in time ("Mid-2006", "end of 2006", "May 2006", "2006-06",
"mediados de 2006", "novembro de 2005") and conditions on them ("by", "before", "after", "since",
"between ... and ...", "not due by", "in 2006"), in English, Spanish and Portuguese. Pure.

The plan's deadline cells, the ``--due-by`` filter and the words of a question are all read here,
so that the same words always mean the same months. Month names come from the CLDR data of
Babel for each language (a new language needs no list here); the few words that say *how* a
point is compared are in :data:`COMPARISON_WORDS`, one row per language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

LANGUAGES = ("en", "es", "pt")
_YEAR = r"(?P<year>(?:19|20)\d\d)"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Every month's name and abbreviation (3+ letters) in the languages, folded -> 1..12 (CLDR, via Babel)."""
    from babel import Locale

    names: dict[str, int] = {}
    for lang in LANGUAGES:
        months = Locale(lang).months["format"]
        for width in ("wide", "abbreviated"):
            for number, name in months[width].items():
                folded = _fold(name).strip(".")
                if len(folded) >= 3:
                    names.setdefault(folded, number)
    return names


# a point's month from words around the year: mid-year (June), year end (December) and start (January)
_START = (r"(?:start[\s-]+of|beginning[\s-]+of|early|inicios\s+de|principios\s+de|comienzos\s+de|inicio\s+de|"
          r"comeco\s+de|começo\s+de)")
_MID = (r"(?:mid|middle[\s-]+of|first\s+half\s+of|h1|mediados\s+de|meados\s+de|primer\s+semestre\s+de|"
        r"primeiro\s+semestre\s+de)")
_END = (r"(?:end[\s-]+of|the\s+end[\s-]+of|close[\s-]+of|late|second\s+half\s+of|h2|end|fines\s+de|"
        r"finales\s+de|fin\s+de|final\s+de|fim\s+de|finais\s+de|segundo\s+semestre\s+de)")


@lru_cache(maxsize=1)
def _point() -> re.Pattern[str]:
    months = "|".join(sorted(month_names(), key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?P<mid>{_MID})[\s-]*(?:of[\s-]+|de[\s-]+)?{_YEAR}"
        rf"|(?P<end>{_END})[\s-]*(?:of[\s-]+|de[\s-]+)?(?P<year_end>(?:19|20)\d\d)"
        rf"|(?P<month>{months})\.?,?\s+(?:of\s+|de\s+|del\s+)?(?P<year_month>(?:19|20)\d\d)"
        rf"|(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>\d\d?)(?:-\d\d?)?(?![\d-])"
        rf"|(?P<start>{_START})[\s-]*(?:of[\s-]+|de[\s-]+)?(?P<year_start>(?:19|20)\d\d)"
        rf"|(?P<slash_month>\d\d?)/(?P<slash_year>(?:19|20)\d\d)"
        rf"|(?P<bare>(?:19|20)\d\d))\b"
    )


@dataclass(frozen=True)
class Point:
    """A month named in words: ``bare`` when only a year was given (then ``month`` is 12)."""

    year: int
    month: int
    text: str  # the words as found
    start: int  # where in the folded text
    end: int
    bare: bool = False


@lru_cache(maxsize=1)
def _shared_year() -> re.Pattern[str]:
    months = "|".join(sorted(month_names(), key=len, reverse=True))
    return re.compile(rf"\b(?P<first>{months})\.?(?P<joint>\s+(?:and|to|through|until|y|e|a|al|hasta|ate|-)\s+|\s*-\s*)"
                      rf"(?P<second>(?:{months})\.?,?\s+(?:of\s+|de\s+|del\s+)?(?P<year>(?:19|20)\d\d))\b")


def _share_year(folded: str) -> str:
    """"between January and December 2006", "entre enero y diciembre de 2006": the first month takes the
    second's year."""
    def spell(m: re.Match[str]) -> str:
        first = f"{m['first']} {m['year']}"
        return first + m["joint"] + m["second"]

    return _shared_year().sub(spell, folded)


def normalized(text: str) -> str:
    """``text`` as :func:`points` reads it, whose positions are places in it: folded, spaces collapsed, a month
    sharing the next one's year given it."""
    return _share_year(_fold(" ".join(text.split())))


def points(text: str) -> list[Point]:
    """Every point in time in ``text`` (:func:`normalized` first; positions are in that text), in order."""
    found = []
    folded = normalized(text)
    for m in _point().finditer(folded):
        if m["mid"]:
            year, month = int(m["year"]), 6
        elif m["end"]:
            year, month = int(m["year_end"]), 12
        elif m["start"]:
            year, month = int(m["year_start"]), 1
        elif m["month"]:
            year, month = int(m["year_month"]), month_names()[m["month"]]
        elif m["iso_year"]:
            year, month = int(m["iso_year"]), int(m["iso_month"])
        elif m["slash_year"]:
            year, month = int(m["slash_year"]), int(m["slash_month"])
        else:
            year, month = int(m["bare"]), 12
        if 1 <= month <= 12:
            found.append(Point(year, month, m[0], m.start(), m.end(), bare=bool(m["bare"])))
    return found


def parse_point(text: str) -> Point | None:
    """``text`` when it is exactly one point in time (a plan cell, a ``--due-by`` value), else None."""
    found = points(text)
    folded = _fold(" ".join(text.split())).strip(" .")
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(folded):
        return found[0]
    return None


Comparison = Literal["eq", "ne", "le", "lt", "ge", "gt", "year", "not_year", "between"]

# how a point is compared, by the words before it (and "or later"-like words after it)
COMPARISON_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "le": r"by|until|till|up to|no later than|on or before|at the latest|not after|not later than|<=|=<",
        "lt": (r"before|earlier than|prior to|sooner than|ahead of|in advance of|<"
               r"|earlier deadline than|earlier deadlines than|earlier date than|sooner deadline than"
               r"|strictly before|strictly earlier than"),
        "ge": (r"since|starting|starting from|as of|no earlier than|on or after|not before|not earlier than|not until"
               r"|>=|=>"),
        "gt": (r"after|later than|past|beyond|not by|not due by|not due before|not due until|not until after|>"
               r"|later deadline than|later deadlines than|later date than|strictly after|strictly later than"),
        # ("not due mid-2007", "wasn't due in 2006", "a deadline different from mid-2007")
        "ne": (r"not due in|not due on|not due at|not in|not at|no deadline in|no deadline at|no deadline on"
               r"|not due|different from|different to|other than|wasn't due|weren't due|isn't due|aren't due"
               r"|wasn't due in|weren't due in|isn't due in|aren't due in"),
        # words that only say when ("at some point in 2005", "during calendar year 2005"): that deadline or year
        "eq": (r"at some point in|at any point in|sometime in|some time in|at any time in|during|in the course of"
               r"|calendar year|in calendar year|during calendar year|during the calendar year|in the calendar year"),
        "le_after": r"or earlier|or before|at the latest",
        "ge_after": r"or later|or after|onwards?|and later|and after|on",
    },
    "es": {
        "le": r"hasta|a mas tardar|no despues de|antes de o en|para",
        "lt": r"antes de|antes del|anterior a|anteriores a|previo a|previos a",
        "ge": r"desde|a partir de|no antes de",
        "gt": r"despues de|despues del|posterior a|posteriores a|mas tarde que|luego de",
        "ne": (r"no vencen en|no vencian en|no vencia en|no en|no para|sin plazo en|sin plazo a|no vencen|no vencian"
               r"|no vencia|diferente de|diferente a|distinto de|distinta de|distinto a|distinta a|distintos de"
               r"|distintas de|diferentes de"),
        "eq": r"plazo para|plazos para",  # "el plazo para fines de 2005": that deadline, not "by" it
        "le_after": r"o antes",
        "ge_after": r"o despues|en adelante|o mas tarde",
    },
    "pt": {
        "le": r"ate|no mais tardar|nao depois de|para",
        "lt": r"antes de|antes do|antes da|anterior a|anteriores a",
        "ge": r"desde|a partir de|nao antes de",
        "gt": r"depois de|depois do|depois da|apos|posterior a|posteriores a|mais tarde que",
        "ne": (r"nao vencem em|nao venciam em|nao vence em|nao em|nao para|sem prazo em|nao vencem|nao venciam"
               r"|nao vencia|nao vence|diferente de|diferente do|diferente da|diferentes de|distinto de|distinta de"
               r"|distinto do|distinta da"),
        "eq": r"prazo para|prazos para",
        "le_after": r"ou antes",
        "ge_after": r"ou depois|em diante|ou mais tarde",
    },
}
_BETWEEN = re.compile(r"\b(?:between|entre|from|de|desde)\s+(?:(?:the|o|a|os|as|el|la|los|las)\s+)?$")
_AND = re.compile(r"^\s*(?:and|to|through|until|y|e|a|hasta|ate|-)\s+$")


@lru_cache(maxsize=1)
def _comparisons() -> tuple[list[tuple[str, str]], list[tuple[str, re.Pattern[str]]]]:
    """(comparison, words) before a point, longest words first; patterns of the words after a point."""
    before = sorted(
        ((key, words) for lang in LANGUAGES for key in ("gt", "ge", "le", "lt", "ne", "eq")
         for words in COMPARISON_WORDS[lang].get(key, "").split("|") if words),
        key=lambda pair: -len(pair[1]),
    )
    after = []
    for key in ("le_after", "ge_after"):
        words = "|".join(COMPARISON_WORDS[lang][key] for lang in LANGUAGES)
        after.append((key[:2], re.compile(r"^\s*,?\s*(?:" + words + r")\b")))
    return before, after


_ARTICLE = re.compile(r"\s+(?:(?:the|a|as|os|el|la|o|de)\s+)?$")


def comparison_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` states deadlines (positions in :func:`normalized` text, in order): each point in time with the
    words that compare a deadline with it, just before it ("sooner than mid-2007", "a más tardar a fines de 2006")
    or just after it ("2006 or later")."""
    folded = normalized(text)
    spans = []
    for point in points(folded):
        head = folded[max(0, point.start - 40): point.start]
        found = _comparison_ending(head + " ")
        start = point.start - len(head) + found[1] if found else point.start
        tail = folded[point.end: point.end + 20]
        after = next((m for _, pattern in _comparisons()[1] if (m := pattern.match(tail))), None)
        spans.append((start, point.end + after.end() if after else point.end))
    return spans


# "at least", in every language (folded): a count, whose "menos" leaves nothing out ("por lo menos una acción")
AT_LEAST = ("at least", "al menos", "por lo menos", "a lo menos", "cuando menos", "como minimo", "pelo menos",
            "ao menos", "no minimo")
_AT_LEAST = re.compile(r"\b(?:" + "|".join(AT_LEAST) + r")\b")


@lru_cache(maxsize=1)
def _leaving() -> re.Pattern[str]:
    """A word that leaves something out (the lexicons' ``leave_out``) a few words before a point in time: "leaving
    aside everything due in", "excepto lo que vencía a"."""
    from .text import phrases

    return re.compile(r"\b(?:" + phrases("leave_out") + r")\b(?:\s+\S+){0,6}\s*$")


def _comparison_before(head: str) -> str | None:
    """The comparison whose words end ``head`` (an article between them and the point is fine): the
    longest words win, so that "no later than" is not "later than"."""
    found = _comparison_ending(head)
    return found[0] if found else None


def _comparison_ending(head: str) -> tuple[str, int] | None:
    """The comparison whose words end ``head`` (:func:`_comparison_before`), with where in ``head`` they start."""
    ends = (head.rstrip(), _ARTICLE.sub(" ", head).rstrip())
    for key, words in _comparisons()[0]:
        for end in ends:
            if m := re.search(r"(?:^|\s)" + re.escape(words) + r"$", end):
                return key, m.start()
    return None


@dataclass(frozen=True)
class DeadlineCondition:
    """What a question asks of the deadlines: ``comparison`` of each action's deadline to ``low``
    (and ``high`` for "between"); ``year`` is any month of ``low``'s year."""

    comparison: Comparison
    low: tuple[int, int]  # (year, month)
    high: tuple[int, int] | None = None
    words: str = ""  # the words read, as found (folded)

    def admits(self, key: tuple[int, int]) -> bool:
        c, low = self.comparison, self.low
        if c == "year":
            return key[0] == low[0]
        if c == "not_year":
            return key[0] != low[0]
        if c == "between":
            assert self.high is not None
            return low <= key <= self.high
        return {"eq": key == low, "ne": key != low, "le": key <= low, "lt": key < low, "ge": key >= low,
                "gt": key > low}[c]


def _month_after(point: Point) -> tuple[int, int]:
    """The first month after ``point`` (after a bare year: the next January)."""
    if point.bare or point.month == 12:
        return (point.year + 1, 1)
    return (point.year, point.month + 1)


def _month_before(point: Point) -> tuple[int, int]:
    """The last month before ``point`` (before a bare year: the December before it)."""
    if point.bare or point.month == 1:
        return (point.year - 1, 12)
    return (point.year, point.month - 1)


def condition(text: str) -> DeadlineCondition | None:
    """The deadline condition a question states, or None when it names no point in time."""
    folded = normalized(text)
    found = points(folded)
    if not found:
        return None
    first = found[0]
    head = folded[max(0, first.start - 40): first.start]
    if len(found) >= 2 and _BETWEEN.search(head) and _AND.match(folded[first.end: found[1].start]):
        second = found[1]
        low = (first.year, 1 if first.bare else first.month)
        return DeadlineCondition("between", low, (second.year, second.month), folded[first.start: second.end])
    tail = folded[first.end: first.end + 20]
    kind: str | None = next((key for key, pattern in _comparisons()[1] if pattern.match(tail)), None)
    if kind is None:
        kind = _comparison_before(head + " ")
    if kind == "eq":  # words that only say "the deadline": as if none were said
        kind = None
    # "leaving aside everything due in mid-2007": any other deadline ("por lo menos una acción de 2006" leaves none)
    if kind is None and _leaving().search(_AT_LEAST.sub(" ", head)):
        kind = "ne"
    if len(found) >= 2 and kind in ("gt", "ge"):  # "after the end of 2005 but before mid-2007": a range
        second = found[1]
        upper = _comparison_before(folded[first.end: second.start] + " ")
        if upper in ("lt", "le"):
            low = _month_after(first) if kind == "gt" else (first.year, 1 if first.bare else first.month)
            high = (second.year, second.month) if upper == "le" else _month_before(second)
            return DeadlineCondition("between", low, high, folded[first.start: second.end])
    year, month = first.year, first.month
    if kind is None:
        return DeadlineCondition("year" if first.bare else "eq", (year, month), words=first.text)
    if first.bare and kind in ("lt", "ge"):  # "before 2007" is before January 2007; "since 2006" from January
        month = 1
    if first.bare and kind == "ne":  # "not in 2006": any other year
        return DeadlineCondition("not_year", (year, month), words=first.text)
    return DeadlineCondition(kind, (year, month), words=first.text)  # type: ignore[arg-type]
