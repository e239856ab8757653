"""Structured questions answered from the plan's table: counts, lists, deadlines. Pure.

"Which actions were due at the end of 2006?", "What had to be done by mid-2006 at the
latest?", "How many actions are in area C?", "List goal 15", "Deadline of 22.1". These
are never answered by top-k retrieval: the lists are complete and exact.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from ..lang import LANGS, Lang, area_title, goal_title
from ..plan import Action, Deadline, Plan
from .deadlines import Comparison, DeadlineCondition, comparison_spans, condition, normalized, points
from .gloss import unread
from .goalsets import RANKS, goal_condition, numerals, select_areas, select_goals
from .kept import per_plan
from .lexicon import valued
from .lexicon import words as lexicon_words
from .mention import yes_or_no
from .numbers import named_list, number_matches, without_goals
from .places import country_words
from .text import FUNCTION_WORDS, fold, phrases, terms, words
from .text import tokens as folded_tokens

_COUNT = re.compile(r"\b(how many|number of|count|cu[aá]nt[ao]s|quant[ao]s)\b")
_LIST = re.compile(
    r"\b(which|what|list|show|enumerate|all|every|any|anything|something|cu[aá]les|cu[aá]l|qu[eé]|quais|qual|que"
    r"|listar?|lista|algo|alguna|algun|alguma|algum)\b"
)
# one deadline for several actions: "due at the same time as 3.1", "la misma fecha", "shared a deadline"
_SAME = re.compile(
    r"\b(?:same (?:time|deadline|date|due date|day)|mism[oa] (?:plazo|fecha|tiempo)|mesm[oa] (?:prazo|data|tempo)"
    r"|venc\w* a la vez"
    r"|share[ds]? (?:a |the |one |its |their )?(?:deadline|due date|date)"
    r"|compart\w* (?:el |la |un |una |su )?(?:plazo|fecha)|compartilh\w* (?:o |a |um |uma |seu )?(?:prazo|data))\b")


def asks_count(text: str) -> bool:
    """Whether ``text`` (folded) asks how many: "how many actions does that goal have?", "¿cuántas tiene?"."""
    return bool(_COUNT.search(text))


def shares_deadline(text: str) -> bool:
    """Whether ``text`` (folded) asks about actions that have one deadline ("due at the same time as 3.1")."""
    return bool(_SAME.search(text))


# a deadline set before or after another ("was that due before ...?", "¿vencía antes de ...?", "era anterior ao ...?")
BEFORE_AFTER = re.compile(r"\b(?:before|after|earlier|later|sooner|antes|despues|depois|anterior|posterior)\b")
# a question that asks which actions ("which ones were due before the radio one?"), not how two deadlines compare
ASKS_WHICH = re.compile(r"\b(?:which|list|anything|cuales|cual|algo|quais|qual)\b"
                         r"|\bany\b(?!\s+(?:earlier|later|sooner|before|after))")
# "alguna", "alguma": whether any action is so, in Spanish and Portuguese (as "any" is in ASKS_WHICH)
_ANY_ES_PT = re.compile(r"\b(?:alguna|alguno|algun|alguma|algum)\b(?!\s+(?:antes|despues|depois|mas))")
# "que outras ações vencem nessa data?": "que" opening a question asks which, accent or not
_QUE_OPENS = re.compile(r"\W*(?:(?:and|y|e)\s+)?que\b")
# a clause of a question, with the mark that ends it: "By when - and were the other two due at the same time?"
_CLAUSE = re.compile(r"(?:[^;:?!.\u2013\u2014]|\.(?=\S))+?(?:\s-\s|[;:?!\u2013\u2014]|\.(?=\s|$)|$)")


def compares_deadline_with(text: str) -> bool:
    """Whether ``text`` (folded) compares deadlines with no point in time named: one deadline shared ("did they
    share a deadline?") or one before another ("was that due before ...?", "was 29 due any earlier than 30?")."""
    return bool(shares_deadline(text) or compares_deadlines(text)
                or (_DEADLINE_WORD.search(text) and BEFORE_AFTER.search(text) and not points(text)))


def comparing_at(text: str) -> int | None:
    """Where ``text`` (folded) starts to compare deadlines: its words for one deadline shared ("the same date", "la
    misma fecha") or for one before another ("earlier", "antes"); None when it has none."""
    found = [m.start() for m in (_SAME.search(text), BEFORE_AFTER.search(text)) if m]
    return min(found, default=None)


def asks_if_deadlines_compare(question: str, lang: Lang) -> bool:
    """Whether ``question`` asks, yes or no, how deadlines compare, in the clause that compares them ("did it share
    a deadline with 2.4?", "By when - and were the other two due at the same time?"): it asks about the actions it
    compares, not which actions of the plan were due then ("which others were due at the same time?")."""
    clause = next((c for c in _CLAUSE.findall(question) if compares_deadline_with(fold(c))), None)
    return (clause is not None and yes_or_no(clause, lang) and not ASKS_WHICH.search(fold(clause))
            and not _ANY_ES_PT.search(fold(clause)) and not _QUE_OPENS.match(fold(clause)))


_DEADLINE_OF = re.compile(r"\b(deadline|due|when|plazo|fecha|prazo|quando|cu[aá]ndo)\b")
_EARLIEST = re.compile(
    r"\b(earliest|first|soonest|latest|last)\s+deadline|\b(?:due|vencia|vencian|venciam|vencio|venceu|vence|vencen|vencem)\s+"
    r"(first|earliest|soonest|last|latest|primero|primeiro|ultimo)\b|\b(first|last)\s+(?:to be\s+)?due\b"
    r"|\b(primer|primeiro|ultimo)\s+(?:plazo|prazo)\b"
    # "which (one) came first?", "which of them ended last?": the verb of a deadline coming, the extreme, at the end of
    # the question (not "which came first, training or connectivity?", "which goal comes first?": plan order)
    r"|\bwhich(?:\s+one|\s+of\s+(?:them|those|these)(?:\s+\w+)?)?\s+(?:came|comes|come|ended|ends|expired|expires"
    r"|closed|closes)\s+(?:due\s+)?(first|last)\b(?=\s*(?:[?.!]|$))"
    # "which of them ran the longest?": the latest deadline; "the shortest": the earliest
    r"|\b(?:ran|run|runs|lasted|lasts|went on|took|had)\s+(?:the\s+)?(longest|shortest)\b"
    r"|\b(longest|shortest)\s+(?:deadline|time|timeline|period)\b"
    # "which were given the most time?": the latest deadline; "the least time": the earliest
    r"|\b(?:given|had|got|allowed|with)\s+(?:the\s+)?(most|least)\s+time\b"
    # "whose deadline arrived first?", "which deadline came last?": a deadline word, a verb or two, the extreme
    # (not a date: "prazo no primeiro semestre de 2006", "deadline in the first half of 2006")
    r"|\b(?:deadlines?|plazos?|prazos?)\s+(?:(?!(?:of|the|in|on|by|at|de|la|el|en|o|a|do|da|del|no|na)\b)[a-z]+\s+){0,2}"
    r"(first|earliest|soonest|last|latest|primero|primeiro|ultimo)\b"
    r"(?!\s+(?:one|action|item|of|de|da|do|del|half|quarter|semestre|trimestre|semester)\b)"
)
# "which one had the later deadline?", "whose deadline came earlier?", "¿cuál vencía antes?": two or more actions
# compared by deadline, with no point in time named (that is a condition: "later than mid-2006")
_COMPARATIVE = re.compile(
    r"\b(?P<word>earlier|sooner|later|before the other|after the other|mas temprano|mas tarde|mas tardi[oa]|antes|"
    r"despues|mais cedo|mais tarde|mais tardi[oa]|depois)\b"
)
_DEADLINE_WORD = re.compile(r"\b(deadlines?|due|plazos?|prazos?|venc\w*|fecha|data|date)\b")
_LATER = re.compile(r"\b(later|after|tarde|tardi[oa]|despues|depois)\b")


def asks_extreme(text: str) -> bool:
    """Whether a question (folded) asks for the earliest or latest deadline: "which came due first?",
    "which ran the longest?" (after a list: of that list)."""
    return extreme_span(text) is not None


def extreme_span(text: str) -> tuple[int, int] | None:
    """Where a question (folded) asks for the earliest or latest deadline ("which of those came first?"), if it
    does: an ordinal inside it ("first") is that extreme, not a place in a list."""
    m = _EARLIEST.search(text)
    return m.span() if m else None


def compares_deadlines(text: str) -> bool:
    """Whether a question (folded) compares actions by deadline with no point in time named: "which one had
    the later deadline?", "whose deadline came earlier?" (after a list: of that list)."""
    return bool(_DEADLINE_WORD.search(text) and _COMPARATIVE.search(text) and not points(text))
# "summarize area B", "what is goal 15 about?", "¿de qué trata el plan?", "resumo da meta 3"
_OVERVIEW = re.compile(
    r"\b(summar(?:y|ies|ize|ise|izing)|overview|outline|in a nutshell|main points|big picture|"
    r"resumen|resumir|resuma|resume|resumo|resumidamente|panorama|vision general|visao geral|gist|break down)\b"
    r"|\b(?:whole|entire) plan\b|\bplan as a whole\b|\blinhas gerais\b|\blineas generales\b"
    r"|\bgrandes (?:ejes|eixos|temas|lineas|linhas)\b|\b(?:big|key|main) (?:commitments|themes|lines)\b"
    r"|^\W*(?:what|que|o que)\s*'?\s*(?:is|s|es|e)\s+(?:(?:the|el|la|o|a)\s+)?"
    r"(?:goal|area|meta|objetivo|plan|plano|elac)\b"
    r".*?(?:\babout\b|\bsobre\b|\bcover|\babarca|\bcubre|\?|$)"
    r"|\bwhat does (?:goal|area|the plan|elac)\b.*\b(?:cover|say|include|contain)\b"
    r"|\btell me about (?:goal|area|the plan|elac)\b|\bdescribe (?:goal|area|the plan)\b"
)
# "what is it about?" in Spanish and Portuguese: an overview of a goal, an area or the plan when one is named ("¿de qué
# trata el plan?", "do que trata a meta 3?"), as "what is goal 15 about?" is; else of what it points at ("¿y de qué
# trata esa?", "Ação 23.2: do que se trata?")
_ABOUT_WHAT = re.compile(r"\b(?:de que (?:se )?trata|do que (?:se )?trata|sobre o que e|sobre que es)\b")
_PLAN_WORD = re.compile(r"\b(?:plan|plano|elac)\b")
_OVERVIEW_FRAME = lexicon_words("overview_frame")
_OVERVIEW_ONLY = _OVERVIEW_FRAME - lexicon_words("frame") - lexicon_words("stop") - lexicon_words("stopwords")
_SINGLE = re.compile(
    r"\b(single|only one|just one|one) action\b|\b(una sola|una unica|un solo|solo una) accion\b"
    r"|\b(uma unica|uma so|apenas uma|so uma) acao\b"
)
_AREA_LETTER = re.compile(r"\b(?:area|[aá]rea)\s+([a-z])\b")
_EVERYTHING = re.compile(r"\b(everything|todo|tudo)\b")
_ALL_ACTIONS = re.compile(r"\b(all|every|todas|todos)\b.*\b(actions?|acciones|acoes)\b")
_GOAL_WORD = re.compile(r"\b(goals?|metas?|objetivos?)\b")
_ACTION_WORD = re.compile(r"\b(actions?|acciones|accion|acoes|acao)\b")
_AREA_WORD = re.compile(r"\b(areas?|[aá]reas?)\b")
# words that only say "a list or count of actions": what is left over is a topic
_FRAME = lexicon_words("frame") | lexicon_words("ask")  # and words that ask what the plan says
# the words that leave something out ("leaving aside everything due in mid-2007"): no topic either
_FRAME |= frozenset(fold(w) for phrase in lexicon_words("leave_out") for w in phrase.split("_"))
# Spanish and Portuguese function words ("como", "para", "una"): no topic either (the content words are English-only)
_FUNCTION = frozenset(fold(w) for w in lexicon_words("stop"))
_ORDINAL_WORDS = frozenset(fold(w) for w in valued("ordinals"))
# words of an order in time or in the plan ("which actions outside area A finished last?", "¿en qué año ...?")
_ORDER_WORDS = _ORDINAL_WORDS | {"earliest", "latest", "soonest", "year", "years", "ano", "anos"}
# words after which comes what a question asks about: "about", "sobre", the verbs that ask what the plan says (and
# the word "actions": "acciones de ganadería")
_ABOUT = frozenset(fold(w) for w in lexicon_words("about") | lexicon_words("ask"))
_OF = frozenset(("of", "on", "de", "del", "da", "do", "das", "dos"))
# a rank and a size frame a question about goals or areas as wholes ("the second biggest area"), and nothing else
_SIZE_WORDS = frozenset(RANKS) | frozenset(fold(w) for w in lexicon_words("sizes"))
# words that point at a list or an action, or past it ("and which ones?", "list them", "anything else"): no topic
_FUNCTION |= frozenset(w for w in lexicon_words("many") | lexicon_words("one") | lexicon_words("other") if "_" not in w)


@dataclass(frozen=True)
class Structured:
    """What a structured question asks, read from its words."""

    kind: Literal[
        "list", "count_actions", "count_goals", "count_areas", "deadline_of", "earliest", "latest", "single",
        "filtered",  # a topic within filters: answered by a search restricted to ``actions``
        "overview",  # the plan, an area or a goal: its structure, every action
        "compare",  # the actions a yes-or-no question compares by deadline, side by side ("was 29 due before 30?")
        "goals",  # goals chosen by their actions ("which goals have exactly three actions?"): ``goals``
        "areas",  # areas chosen by their actions ("which area had nothing due after mid-2006?"): ``areas``
    ]
    actions: tuple[Action, ...] = ()
    area: str | None = None
    goal: int | None = None
    deadline: Deadline | None = None  # the point compared with (earliest/latest: the deadline itself)
    comparison: Comparison | None = None
    until: Deadline | None = None  # the end of a "between" range
    number: str | None = None
    count: int | None = None  # goals counted (count_goals)
    compared: bool = False  # earliest/latest asked as a comparison ("which one was due earlier?"): of a list
    rank: int = 0  # earliest/latest: 0 the extreme deadline itself, 1 the one next to it ("second-to-last"), ...
    of_list: bool = False  # over the previous answer's actions only (:func:`restrict`)
    goals: tuple[int, ...] = ()  # the goals chosen ("goals"), or named as the scope ("goals 13 and 14")
    areas: tuple[str, ...] = ()  # the areas chosen ("areas"), or named as the scope ("areas D and E")
    among: tuple[str, ...] = ()  # earliest/latest: the actions named as scope ("which came first, 14.1 or 14.2?")


def restrict(plan: Plan, s: Structured, numbers: tuple[str, ...]) -> Structured:
    """The request over the actions ``numbers`` only ("which of these were due in 2006?", "which of them was
    due first?"): a list or count keeps those of its actions; the earliest or latest deadline is theirs; a comparison
    sets them beside the actions it names ("was that one due before actions of goal 24?")."""
    if s.kind in ("earliest", "latest"):
        scope = [plan.action(n) for n in dict.fromkeys(numbers)]
        if not scope:
            return replace(s, actions=())
        target = ranked(scope, s.kind == "latest", s.rank)
        return replace(s, actions=due_at(scope, target), deadline=target, area=None, goal=None, of_list=True)
    if s.kind == "compare":  # "was that one due before actions of goal 24?": those beside the previous answer's
        beside = tuple(plan.action(n) for n in dict.fromkeys(numbers) if n not in {a.number for a in s.actions})
        return replace(s, actions=beside + s.actions, of_list=True)
    return replace(s, actions=tuple(a for a in s.actions if a.number in numbers), of_list=True)


def ranked(scope: list[Action], latest: bool, rank: int = 0) -> Deadline | None:
    """The deadline ``rank`` places from the latest (or the earliest) of ``scope``'s distinct deadlines (0: the
    latest or earliest itself), or None when they are fewer."""
    distinct = sorted({a.deadline.key: a.deadline for a in scope}.items(), reverse=latest)
    return distinct[rank][1] if rank < len(distinct) else None


def due_at(scope: list[Action], deadline: Deadline | None) -> tuple[Action, ...]:
    """The actions of ``scope`` due at ``deadline`` (none when there is none)."""
    return tuple(a for a in scope if deadline is not None and a.deadline.key == deadline.key)


# "the second-to-last deadline", "second earliest", "penultimate", "el penúltimo plazo", "o segundo prazo mais
# cedo": a rank counted from the latest or the earliest deadline (the ordinal before it: 1 for "second", ...)
_RANK_WORDS = {word: index for word, index in RANKS.items() if index <= 3}
_RANK = re.compile(
    r"\b(?P<rank>" + "|".join(_RANK_WORDS) + r")[\s-]+(?:to[\s-]+)?(?:(?:plazo|prazo|deadline)\s+)?(?:mas\s+|mais\s+)?"
    r"(?P<end>last|latest|earliest|first|soonest|tardi[oa]|temprano|cedo|ultimo|primero|primeiro)\b"
    r"|\b(?P<penultimate>penultimate|next[\s-]+to[\s-]+last|penultim[oa])\b"
)


# a deadline by how many actions share it: "which deadline shows up least often?", "the most common deadline", "el
# plazo más frecuente", "o prazo menos usado"
_OFTEN = (r"(?:(?P<least>least (?:often|common|frequent\w*|used)|rarest|fewest times|menos (?:frecuente|comun|usad[oa]|"
          r"frequente|usad[oa])|mas rar[oa]|mais rar[oa])|(?P<most>most (?:often|common|frequent\w*|used)|commonest|"
          r"most times|mas (?:frecuente|comun|usad[oa])|mais (?:frequente|comum|usad[oa])))")
_FREQUENCY = re.compile(
    r"\b(?:deadlines?|due dates?|plazos?|prazos?)\b(?:\s+[a-z]+){0,3}?\s+" + _OFTEN + r"\b"
    r"|\b" + _OFTEN.replace("?P<least>", "?P<least2>").replace("?P<most>", "?P<most2>")
    + r"\s+(?:deadlines?|due dates?|plazos?|prazos?)\b"
)


def _by_frequency(scope: list[Action], text: str) -> tuple[Action, ...] | None:
    """The actions due at the deadline most (or fewest) of ``scope``'s actions share, when ``text`` (folded) asks
    for it; every such deadline's actions when several tie; None when it does not ask."""
    m = _FREQUENCY.search(text)
    if m is None or not scope:
        return None
    counts = Counter(a.deadline.key for a in scope)
    extreme = (min if m["least"] or m["least2"] else max)(counts.values())
    return tuple(a for a in scope if counts[a.deadline.key] == extreme)


def _rank(text: str) -> tuple[int, bool] | None:
    """The rank a question (folded) asks and whether it counts from the latest: "second-to-last" (1, True)."""
    m = _RANK.search(text)
    if m is None:
        return None
    if m["penultimate"]:
        return 1, True
    return _RANK_WORDS[m["rank"]], bool(re.match(r"last|latest|tardi|ultimo", m["end"]))


def _deadline(plan: Plan, text: str) -> tuple[Deadline | None, Comparison | None, Deadline | None]:
    """The deadline condition a question states (the one grammar, ``reading/deadlines.py``): the point
    compared with, how, and the end of a range. A point that is one of the plan's deadlines keeps the
    plan's wording ("Mid-2006")."""
    found = condition(text)
    if found is None:
        return None, None, None

    def named(key: tuple[int, int], words: str) -> Deadline:
        same = [d for d in plan.deadlines() if d.key == key and not words.isdigit()]  # a bare year stays one
        return same[0] if same else Deadline(key[0], key[1], words)

    if found.high is not None:  # a range's ends: the plan's deadline there, else the month ("January 2006")
        return named(found.low, _month(found.low)), found.comparison, named(found.high, _month(found.high))
    return named(found.low, found.words), found.comparison, None


def _month(key: tuple[int, int]) -> str:
    import calendar

    return f"{calendar.month_name[key[1]]} {key[0]}"


def matches(deadline: Deadline, limit: Deadline, comparison: Comparison | None, until: Deadline | None = None) -> bool:
    """Whether an action due ``deadline`` meets the question's condition."""
    high = until.key if until is not None else None
    return DeadlineCondition(comparison or "eq", limit.key, high).admits(deadline.key)


def _area(plan: Plan, text: str, typed: str) -> str | None:
    """The area named by letter or title; ``typed`` is the question as typed (case kept)."""
    for m in _AREA_LETTER.finditer(text):
        letter = m[1].upper()
        if any(a.letter == letter for a in plan.areas):
            return letter
        if re.search(rf"\b[aáAÁ]rea\s+{letter}\b", typed):  # "area F", capital: an area the plan lacks
            return plan.area(letter).letter  # a NotFoundError
        # a lowercase word after "área" ("cada área y meta"): not an area letter
    return area_by_title(plan, text)


def area_title_terms(plan: Plan, letter: str) -> frozenset[str]:
    """The stemmed words of an area's title, as the plan writes it and in its reviewed translations."""
    area = plan.area(letter)
    return frozenset(t for title in _titles(area.title, area_title, area) for t in terms(fold(title)))


def area_by_title(plan: Plan, text: str) -> str | None:
    """The letter of the area ``text`` (folded) names by its title: its whole title in any order ("enabling
    environment actions"), or its first words with the word "area" ("the capacity-building area", "policy-instrument
    actions ... in that area", "el área de instrumentos de política")."""
    asked = set(terms(text))
    titles = _area_titles(plan)
    for letter, stems in titles:
        if stems and (set(stems) <= asked or (_AREA_WORD.search(text) and set(stems[:2]) <= asked)):
            return letter
    for m in _ONE_AREA.finditer(text):
        # all of its title's words but one, next to the word "area": "the transparency and efficiency area" (C),
        # "el área de transparencia y eficiencia"; one area only ("the access area": one word of three is not enough;
        # "digital inclusion in remote areas": no area named)
        near_words = set(terms(text[max(0, m.start() - 40): m.end() + 40]))
        near = {letter for letter, stems in titles
                if len(whole := set(stems)) >= 3 and len(whole & near_words) >= len(whole) - 1}
        if len(near) == 1:
            return near.pop()
    return None


@per_plan
def _area_titles(plan: Plan) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each area's letter with the stemmed words of each of its titles (the plan's, the reviewed translations)."""
    return tuple((area.letter, tuple(terms(fold(title)))) for area in plan.areas
                 for title in _titles(area.title, area_title, area))


def _titles(title: str, translated, place) -> list[str]:
    """A title as the plan writes it and in its reviewed translations."""
    return list(dict.fromkeys([title, *(translated(place, lang) or title for lang in LANGS if lang != "en")]))


def _goal(plan: Plan, text: str) -> int | None:
    if m := re.search(r"\b(?:goal|meta|objetivo)\s+(\d{1,2})\b", text):
        return plan.goal(m[1]).number  # "goal 31" is a NotFoundError
    return goal_by_title(plan, text)


# a goal named by its title, or by part of it, when the words say it is a goal: "the universal access goal",
# "the goal on science and technology", "la meta de acceso universal", "under financing" (folded text)
_BEFORE_GOAL = re.compile(r"((?:[a-z]+[\s-]+){1,6})(?:goal|meta|objetivo|objective)\b(?!\s*\d)")
_AFTER_GOAL = re.compile(
    r"\b(?:(?:goal|meta|objetivo|objective)\s+(?:on|of|about|for|de|da|do|del|dos|das|sobre|para|em|en)"
    r"|(?P<under>under|bajo|sob))\s+((?:[a-z]+[\s-]*){1,6})"
)


def goal_by_title(plan: Plan, text: str) -> int | None:
    """The one goal whose title (as the plan writes it, or a reviewed translation) holds every content word next
    to the word "goal": the words just before it, or just after "goal of/on", "meta de", "under". Function words
    are passed over; a word no title holds ends the name. A name that fits two goals ("the health goal")
    names none."""
    text = _E_PREFIX.sub("electronic ", text)
    for m in _BEFORE_GOAL.finditer(text):
        if (found := _named_goal(plan, list(reversed(m[1].split())))) is not None:
            return found
    for m in _AFTER_GOAL.finditer(text):
        if re.search(r"\b(?:area|areas)\b", m[2]):  # "the goal of the access and digital inclusion area": an area
            continue
        # with no word "goal" ("under financing"), a whole title: "under access and digital inclusion" is an area
        if (found := _named_goal(plan, m[2].split(), whole=bool(m["under"]))) is not None:
            return found
    for goal in plan.goals:  # a whole title before "actions": "the software actions" (a part is a topic)
        for title in _titles(goal.title, goal_title, goal) if goal.title else ():
            if re.search(rf"\b{re.escape(fold(title))} (?:actions?|acciones|acoes)\b", text):
                return goal.number
    return None


def _named_goal(plan: Plan, tokens: list[str], whole: bool = False) -> int | None:
    """The goal named by ``tokens`` read outwards from the word "goal" (see :func:`goal_by_title`); ``whole``:
    the words must be a whole title (in one of its languages)."""
    titles = _goal_titles(plan)
    named: set[str] = set()
    for token in tokens:
        stems = set(terms(token, drop=FUNCTION_WORDS))
        if not stems:
            if token in FUNCTION_WORDS:
                continue
            break
        if not any(named | stems <= title.words for title in titles.values()):
            break
        named |= stems
    fits = [goal for goal, title in titles.items() if named and named <= title.words]
    if len(fits) != 1 or (whole and named not in titles[fits[0]].variants):
        return None
    return fits[0]


@per_plan
def title_stems(plan: Plan) -> frozenset[str]:
    """The stemmed words of every area's and goal's title, in every language a reviewed title exists in: a word that
    may begin one's name."""
    areas = {stem for _, stems in _area_titles(plan) for stem in stems}
    return frozenset(areas.union(*(title.words for title in _goal_titles(plan).values())))


def titled_goal(plan: Plan, text: str) -> tuple[int, int] | None:
    """The goal whose whole title ``text`` (folded) begins with ("financing about?"), and how many of its words
    the title takes; None when it begins with no goal's whole title."""
    typed = text.split()
    for n in range(1, min(len(typed), 8) + 1):
        # "e-justice" is one word as typed, two as the title's ("electronic justice")
        if (goal := _named_goal(plan, _E_PREFIX.sub("electronic ", " ".join(typed[:n])).split(), whole=True)):
            return goal, n
    return None


_E_PREFIX = re.compile(r"\be-(?=[a-z]{3})")  # "e-government", "e-salud": the titles' "Electronic"


@dataclass(frozen=True)
class _Title:
    variants: tuple[frozenset[str], ...]  # the stemmed words of each spelling: the plan's, the reviewed translations
    words: frozenset[str]  # all of them


@per_plan
def _goal_titles(plan: Plan) -> dict[int, _Title]:
    """Each titled goal's title words, stemmed, in every language a reviewed title exists in."""
    found = {}
    for goal in plan.goals:
        if goal.title:
            variants = tuple(frozenset(terms(t, drop=FUNCTION_WORDS)) for t in _titles(goal.title, goal_title, goal))
            found[goal.number] = _Title(variants, frozenset().union(*variants))
    return found


def _goal_of(plan: Plan, named: list[str]) -> int | None:
    """The goal whose actions, all of them and nothing else, a question names ("goal 15", "meta 4")."""
    goals = {plan.action(n).goal for n in named}
    if len(goals) == 1:
        goal = goals.pop()
        if sorted(named) == sorted(a.number for a in plan.select(goal=goal)) and len(named) > 1:
            return goal
    return None


# "training outside goal 9", "apart from area A", "fuera de las metas 3 y 16", "além da meta de escolas", "any of those
# not in area A?": a goal or an area the user leaves out of what they ask (the lexicons' ``leave_out`` and ``not_in``;
# phrases written with "_")
_LEAVE_OUT = re.compile(r"\b(?:" + phrases("leave_out", "not_in") + r")\s+(?:(?:the|el|la|los|las|o|a|os|as)\s+)?")
_REST_OF_NAME = re.compile(r"[^,;:.!?()]{1,80}")
# the name between the verb and its particle: "leave goal 9 out", "set the training goal aside"
_SPLIT_LEAVE = re.compile(r"\b(?:leave|leaving|set|setting|put|putting|take|taking)\s+(?:the\s+)?"
                          r"(?P<name>[^,;:.!?()]{1,60}?)\s+(?:out|aside|away|apart)\b")
_ONE_AREA = re.compile(r"\b(?:area|área)\b")  # the word for one area, not "areas" ("remote areas")
_SCOPE_HEAD = re.compile(r"\b(?:goals?|metas?|objetivos?|objectives?|areas?)\b")


@dataclass(frozen=True)
class LeftOut:
    """A goal or an area a question leaves out: its actions and where its words are (in the folded text)."""

    actions: tuple[str, ...]
    start: int
    end: int


def left_out(plan: Plan, question: str) -> LeftOut | None:
    """The goals or area a question leaves out ("which actions on training, outside goal 9?", "set the training
    goal aside"), or None. The words after the leaving word (or between the verb and its particle) must name them:
    goals by number or by title next to the word "goal", an area by letter or title."""
    text = fold(" ".join(question.split()))
    # (where the leaving words start, where the name starts, the name and what follows it, where a split verb ends)
    found = [(m.start(), m.end(), rest[0], None) for m in _LEAVE_OUT.finditer(text)
             if (rest := _REST_OF_NAME.match(text, m.end())) is not None]
    found += [(m.start(), m.start("name"), m["name"], m.end()) for m in _SPLIT_LEAVE.finditer(text)]
    for start, name_start, tail, particle_end in found:
        if (listed := named_list(tail)) is not None and listed.start() == 0:  # "goal 9", "goals 3 and 16"
            actions = number_matches(plan, listed[0])
            end = particle_end or name_start + listed.end()
            return LeftOut(tuple(actions), start, end) if actions else None
        head = _SCOPE_HEAD.search(tail)
        if head is None or len(tail[: head.start()].split()) > 5:
            continue
        name = tail[: head.end()] if head.start() > 0 else tail[: head.end() + 40]
        lettered = _AREA_LETTER.match(tail)  # "outside area B have the same deadline": the name ends at its letter
        length = head.end() if head.start() > 0 else lettered.end() if lettered else len(name)
        end = particle_end or name_start + length
        if head[0].startswith(("area", "área")):
            area = _area(plan, name, name)
            if area is not None:
                return LeftOut(tuple(a.number for a in plan.select(area=area)), start, end)
        elif (goal := goal_by_title(plan, name)) is not None:
            return LeftOut(tuple(a.number for a in plan.select(goal=goal)), start, end)
    return None


# "areas D and E", "las áreas A y B", "áreas D e E", "area A or area C" (folded): a scope of two or more whole areas
_AREAS_NAMED = re.compile(
    r"\bareas\s+([a-e])((?:\s*(?:,|and|or|y|o|e|ou|&)\s*(?:areas?\s+)?[a-e]\b)+)"
    r"|\barea\s+([a-e])((?:\s*(?:,|and|or|y|o|e|ou|&)\s*area\s+[a-e]\b)+)")


def areas_named(plan: Plan, text: str) -> tuple[str, ...]:
    """The areas, two or more, a question (folded) names by letter as its scope, in plan order."""
    m = _AREAS_NAMED.search(text)
    if m is None:
        return ()
    first, rest = (m[1], m[2]) if m[1] else (m[3], m[4])
    said = {first, *re.findall(r"([a-e])\b", re.sub(r"\b(?:areas?|and|or|y|o|ou)\b", " ", rest))}
    letters = tuple(a.letter for a in plan.areas if a.letter.lower() in said)
    return letters if len(letters) > 1 else ()


def _in_scope(plan: Plan, area: str | None, goal: int | None, goals: tuple[int, ...], areas: tuple[str, ...],
              ) -> list[Action]:
    """The actions of the scope a question names: an area or a goal, several goals, or several areas."""
    return [a for a in plan.select(area=area, goal=goal)
            if (not goals or a.goal in goals) and (not areas or plan.goal(a.goal).area in areas)]


def _goals_named(plan: Plan, named: list[str]) -> tuple[int, ...]:
    """The goals, two or more, whose actions, all of them and nothing else, a question names ("goals 13 and 14",
    "metas 22 a 24"), in the order named."""
    goals = tuple(dict.fromkeys(plan.action(n).goal for n in named))
    whole = sorted(a.number for g in goals for a in plan.select(goal=g))
    return goals if len(goals) > 1 and sorted(dict.fromkeys(named)) == whole else ()


def leftover_topic(plan: Plan, question: str, s: Structured, lang: Lang = "en") -> list[str]:
    """Content words that are not part of the list/count frame (a topic: search instead). Of a Spanish or Portuguese
    question, the words that carry no concept (:func:`~.gloss.unread`: "dime", "eran", "nómbralas") are none: a topic
    is what the concept check could find the plan lacks."""
    text = normalized(question)
    for start, end in reversed(comparison_spans(text)):  # the deadlines it states: "sooner than mid-2007"
        text = text[:start] + " " + text[end:]
    titles = []  # the scope's own title, as the plan and its reviewed translations write it
    if s.area:
        area = plan.area(s.area)
        titles += _titles(area.title, area_title, area)
    if s.goal and plan.goal(s.goal).title:
        goal = plan.goal(s.goal)
        titles += _titles(goal.title or "", goal_title, goal)
    named = {w.rstrip("s") for t in titles for w in words(t)}
    number_words = numerals().keys() | country_words(question)  # "what was Argentina to set up by 2005?": no topic
    # ... nor the words of a Spanish or Portuguese question no concept is read from (:func:`_no_concept`)
    no_topic = number_words | _no_concept(question, lang)
    return [
        w for w in words(text)
        if w not in _FRAME and w not in _FUNCTION and w not in no_topic and w.rstrip("s") not in named
        and len(w) > 1 and w not in "abcde"
    ]


def _no_concept(question: str, lang: Lang) -> frozenset[str]:
    """The words of a Spanish or Portuguese question that carry no concept (:func:`~.gloss.unread`: "dímelas", "eran",
    "nómbralas"), but for what it asks about, the first content word after "sobre", a verb that asks what the plan
    says or "actions of" ("sobre criptomonedas", "hablan de ganadería", "acciones de ganadería": a subject the
    glossary lacks, which a search may find the plan does not have), and ordinals ("la cuarta" points at an earlier
    answer's action, "las últimas" asks an order)."""
    unknown = unread(question, lang)
    if not unknown:
        return unknown
    found = folded_tokens(question)
    asked = {next((w for w in found[i + 1: i + 4] if w not in FUNCTION_WORDS), "")
             for i, w in enumerate(found)
             if w in _ABOUT or (_ACTION_WORD.fullmatch(w) and found[i + 1: i + 2] and found[i + 1] in _OF)}
    return frozenset(w for w in unknown if w not in asked and w.rstrip("s") not in _ORDINAL_WORDS)


def asks_only_actions(question: str) -> bool:
    """Whether a question asks for a list or a count of actions and nothing of their deadlines or order ("which
    actions ...?", "list the actions ...", "¿cuántas acciones ...?"; not "did any action have that date too?", "which
    actions ended first?")."""
    text = fold(" ".join(question.split()))
    return bool((_LIST.search(text) or _COUNT.search(text)) and _ACTION_WORD.search(text)
                and not _DEADLINE_WORD.search(text) and not points(text) and not asks_extreme(text)
                and _ORDER_WORDS.isdisjoint(words(text)))


def read_structured(plan: Plan, question: str, of_list: bool = False, lang: Lang = "en") -> Structured | None:
    """The structured request in ``question``, or None when it is not one. A question ``of_list`` works on the
    previous answer's list ("narrow that to the mid-2006 ones"): a filter needs no word for actions. ``lang`` is the
    question's language: of a Spanish or Portuguese one, the words no concept is read from are no topic."""
    text = fold(" ".join(question.split()))
    deadline, comparison, until = _deadline(plan, re.sub(r"\belac ?2007\b", " ", text))
    area = _area(plan, text, question)
    goal = _goal(plan, text)
    named = number_matches(plan, question)
    several = _goals_named(plan, named)  # "goals 13 and 14", "goal 13 and goal 14": a scope of whole goals
    goal = None if several else goal
    letters = areas_named(plan, text)  # "areas D and E", "las áreas A y B": a scope of whole areas
    area = None if letters else area

    # the action whose deadline is shared, besides a goal named as the scope ("in goal 15 ... as 15.2")
    sharing = number_matches(plan, without_goals(text)) if goal else named
    if shares_deadline(text) and len(sharing) == 1 and deadline is None and not of_list:
        # "which actions were due at the same time as 3.1 (in area B)?": every action due when it was
        target = plan.action(sharing[0]).deadline
        return Structured("list", tuple(a for a in plan.select(area=area, goal=goal) if a.deadline.key == target.key),
                          area=area, goal=goal, deadline=target, comparison="eq")
    if _DEADLINE_OF.search(text) and len(named) == 1 and deadline is None and not _COUNT.search(text):
        return Structured("deadline_of", (plan.action(named[0]),), number=named[0])
    # "which goals have exactly three actions?", "¿qué metas tienen plazos distintos?": goals as wholes
    wholes = goal_condition(text, deadline is not None) if goal is None and not named else None
    if wholes is not None and (wholes.unit == "goal" or area is None) and comparison in ("ne", "not_year"):
        # "which goals were not due in mid-2007?", "areas with no deadline in 2005": none of their actions was
        comparison = "eq" if comparison == "ne" else "year"
        wholes = replace(wholes, none=not wholes.none)
    # "the earlier of those two?": over a list of actions, whose only time is their deadlines, a comparative asks it
    comparative = _COMPARATIVE.search(text) if deadline is None and (
        compares_deadlines(text) or (of_list and not points(text))) else None
    if deadline is None and (frequent := _by_frequency(
            _in_scope(plan, area, goal, several, letters), text)):
        # "which deadline shows up least often, and what falls under it?": that deadline's actions
        dates = {a.deadline.key: a.deadline for a in frequent}
        return Structured("list", frequent, area=area, goal=goal, deadline=next(iter(dates.values())),
                          comparison="eq" if len(dates) == 1 else None)
    compared = tuple(dict.fromkeys(named)) if len(set(named)) > 1 and deadline is None else ()
    if compared and asks_if_deadlines_compare(question, lang):
        # "Was 29 due any earlier than 30?", "¿La 2.4 y la 13.3 vencían a la vez?": their deadlines, side by side
        return Structured("compare", tuple(plan.action(n) for n in compared))
    rank = _rank(text) if deadline is None else None  # "the second-to-last deadline": (1, latest)
    m = _EARLIEST.search(text)
    if rank or m or comparative:
        # within the area or goal named ("which area B action had the earliest deadline?"), else the plan
        latest = rank[1] if rank else bool(re.search(r"latest|last\b|ultimo|longest|most", m[0])) if m else bool(
            _LATER.search(comparative[0]))
        # "which was due first, 14.1 or 14.2?": of the actions it names
        among = () if several else compared
        scope = [plan.action(n) for n in among] or _in_scope(plan, area, goal, several, letters)
        chosen_goals: tuple[int, ...] = several
        if wholes is not None and wholes.unit == "goal" and deadline is None:
            # "of the single-action goals, which was due first?"
            picked = select_goals(plan, wholes, area)
            chosen_goals = tuple(g for g, _ in picked)
            scope = [a for _, acts in picked for a in acts] or scope
        target = ranked(scope, latest, rank[0] if rank else 0)
        return Structured("latest" if latest else "earliest", due_at(scope, target), area=area, goal=goal,
                          deadline=target, comparison="eq", compared=bool(comparative and not m and not rank),
                          rank=rank[0] if rank else 0, goals=chosen_goals, areas=letters, among=among)
    named_goal = _goal_of(plan, named)
    scoped = area is not None or goal is not None or named_goal is not None or bool(several) or bool(letters)
    # "summarize area B"; and a scope named with no topic, count, list or deadline ("area C, in brief?")
    scope_only = scoped and (
        not _LIST.search(text) or not _OVERVIEW_ONLY.isdisjoint(words(text)))  # "what are the main commitments of ..."
    # "what is the area with the fewest actions?": areas or goals as wholes, not an overview
    ranked_wholes = wholes is not None and (wholes.order is not None or wholes.count is not None)
    # an overview of the plan names no action ("summarize action 5.2", "¿de qué trata la acción 5.2?": that action)
    about_what = bool(_ABOUT_WHAT.search(text) and (scoped or _PLAN_WORD.search(text)))
    asks_overview = (bool(_OVERVIEW.search(text)) or about_what) and (scoped or not named)
    if (asks_overview or scope_only) and not _COUNT.search(text) and deadline is None and not ranked_wholes:
        scope_goal = goal if goal is not None else (plan.goal(named_goal).number if named_goal else None)
        if several or letters:  # "summarize goals 13 and 14", "overview of areas D and E": their goals
            chosen_goals = several or tuple(g.number for g in plan.goals if g.area in letters)
            found = Structured("overview", tuple(a for g in chosen_goals for a in plan.select(goal=g)),
                               goals=chosen_goals)
        else:
            found = Structured("overview", tuple(plan.select(area=None if scope_goal else area, goal=scope_goal)),
                               area=None if scope_goal else area, goal=scope_goal)
        rest = [w for w in leftover_topic(plan, question, found, lang) if w not in _OVERVIEW_FRAME]
        if not rest:
            return found
    admits = None if deadline is None else (lambda a: matches(a.deadline, deadline, comparison, until))
    if wholes is not None and wholes.unit == "area" and area is None:
        # "which area had nothing due after mid-2006?", "¿qué área tiene más acciones?": areas as wholes
        chosen_areas = select_areas(plan, wholes, admits)
        found = Structured("areas", tuple(a for _, acts in chosen_areas for a in acts), deadline=deadline,
                           comparison=comparison, until=until, areas=tuple(letter for letter, _ in chosen_areas),
                           count=len(chosen_areas))
        if not [w for w in leftover_topic(plan, question, found, lang) if w not in _OVERVIEW_FRAME | _SIZE_WORDS]:
            return found
    if wholes is not None and wholes.unit == "goal" and not (wholes.count == ("eq", 1) and deadline is None):
        picked = select_goals(plan, wholes, area, admits)
        found = Structured("goals", tuple(a for _, acts in picked for a in acts), area=area, deadline=deadline,
                           comparison=comparison, until=until, goals=tuple(g for g, _ in picked),
                           count=len(picked))
        # "give me an overview of area B: which goal has the most actions?": the goals, whatever frames the question
        # ("the second biggest": its rank)
        if not [w for w in leftover_topic(plan, question, found, lang) if w not in _OVERVIEW_FRAME | _SIZE_WORDS]:
            return found
    if _SINGLE.search(text) and _GOAL_WORD.search(text):
        singles = [a for g in plan.goals if (area is None or g.area == area)
                   and len(acts := plan.select(goal=g.number)) == 1 for a in acts]
        return Structured("single", tuple(singles), area=area)
    if _COUNT.search(text):
        if _GOAL_WORD.search(text) and not _ACTION_WORD.search(text):
            goals = [g for g in plan.goals if area is None or g.area == area]
            found = Structured("count_goals", (), area=area, count=len(goals))
            return None if leftover_topic(plan, question, found, lang) else found
        if _AREA_WORD.search(text) and not _ACTION_WORD.search(text) and not _GOAL_WORD.search(text) and area is None:
            found = Structured("count_areas")
            return None if leftover_topic(plan, question, found, lang) else found
    filtered = deadline is not None or area is not None or goal is not None or bool(several) or bool(letters)
    if not filtered and not _COUNT.search(text) and not _ALL_ACTIONS.search(text):
        return None
    # "give me everything with a mid-2006 deadline": every action, within the filters
    everything = bool(_EVERYTHING.search(text))
    if not (_COUNT.search(text) or _LIST.search(text)
            or (filtered and (of_list or everything or _ACTION_WORD.search(text)))):
        return None  # "actions with deadline <= 2006-06-30" is a list too
    chosen = _in_scope(plan, area, goal, several, letters)
    if deadline is not None:
        chosen = [a for a in chosen if matches(a.deadline, deadline, comparison, until)]
    kind = "count_actions" if _COUNT.search(text) else "list"
    found = Structured(kind, tuple(chosen), area=area, goal=goal, deadline=deadline, comparison=comparison,
                       until=until, goals=several, areas=letters)
    if leftover_topic(plan, question, found, lang):
        # "which actions in area B deal with software?": a search within the filters
        return replace(found, kind="filtered") if filtered and kind == "list" else None
    return found
