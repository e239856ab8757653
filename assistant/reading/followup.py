"""Follow-up questions resolved against earlier turns. Pure.

"what is its deadline?" -> the deadline of the previous answer's first citation;
"tell me more about the second one" -> the previous answer's second action;
"when were those due?" -> the previous answer's actions with their deadlines;
"and what about hospitals?" -> the previous question's frame with a new subject.

A question with a pointer (a pronoun, an ordinal, "these", a deadline word) points back unless it has a
subject of its own: a topic word of the plan that the previous answer's actions do not hold ("who is
supposed to use those tools?" after 15.8 points back; "what about its funding?" does not), or a request
the plan's table answers by itself ("what is the last deadline?"). ``reading.subject(plan, lang)`` is
that test.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import QueryError
from ..lang import Lang
from .deadlines import condition, normalized, points
from .goalsets import numerals
from .language import language_of
from .lexicon import lexicon, valued, words
from .mention import asks_mention, asks_of_one, unread_subject
from .numbers import MAX_QUERY_CHARS, goal_of, without_goals
from .requests import (
    ASKS_WHICH,
    BEFORE_AFTER,
    asks_count,
    asks_extreme,
    asks_if_deadlines_compare,
    compares_deadlines,
    comparing_at,
    extreme_span,
    shares_deadline,
)
from .text import fold, phrases

ORDINALS = valued("ordinals")  # "second": 1, "ultima": -1 (the lexicons)


@dataclass(frozen=True)
class Turn:
    """One earlier exchange: what was asked and which actions the answer cited, then showed."""

    question: str
    citations: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.citations + self.shown))


@dataclass(frozen=True)
class Resolved:
    question: str  # what to answer
    focus: str | None = None  # an action the question is about ("its", "the second one")
    avoid: tuple[str, ...] = ()  # actions of the previous answer, for "what about X?"
    within: tuple[str, ...] = ()  # the previous answer's actions, for "which of these ...?"
    besides: tuple[str, ...] = ()  # actions the answer leaves out: "what else was due on that date?" (the ones shown)
    unresolved: bool = False  # it points back ("its deadline") and there is nothing to point to
    # the words that describe an action a deadline comparison sets beside ``within`` ("was that due before the
    # community radio commitment?": "the community radio commitment"), when no earlier turn holds it
    compare_to: str | None = None
    compare_first: bool = False  # ... named before them: "was the disaster action due before those two?"
    # the actions a yes-or-no question asks something of ("does it say anything about distance learning?" after 16.2,
    # "Alguma delas cita a Amazônia?" after 2.4 and 20): one of them must hold its subject
    asks_of: tuple[str, ...] = ()
    sides: bool = False  # ``within`` are the actions a yes-or-no deadline comparison names, in the order it asks them


MAX_TURNS = 20  # earlier turns read (a follow-up reads the last one; the rest are history)
MAX_NUMBERS = 100  # action numbers read per turn (an answer shows far fewer)
MAX_NUMBER_CHARS = 8  # an action number is "26.3": longer items are not numbers


def _numbers(value: object) -> tuple[str, ...]:
    """Action numbers from a JSON value: a list of strings or integers; anything else counts as none."""
    if not isinstance(value, list | tuple):
        return ()
    found = []
    for v in value[:MAX_NUMBERS]:
        if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 10**MAX_NUMBER_CHARS:
            found.append(str(v))
        elif isinstance(v, str) and len(v) <= MAX_NUMBER_CHARS:
            found.append(v)
    return tuple(found)


def as_turns(history: object) -> list[Turn]:
    """Turns from Turn objects or JSON-like dicts {"question", "citations", "shown"}: the last MAX_TURNS.
    Malformed items are skipped, and so is a turn whose question is longer than a question may be."""
    if not isinstance(history, list | tuple):
        return []
    turns = []
    for item in history[-MAX_TURNS:]:
        if isinstance(item, Turn):
            turn = item
        elif isinstance(item, Mapping) and isinstance(item.get("question"), str):
            turn = Turn(item["question"], _numbers(item.get("citations")), _numbers(item.get("shown")))
        else:
            continue
        if len(turn.question) <= MAX_QUERY_CHARS:
            turns.append(turn)
    return turns


# case-sensitive on the question as typed, so that "IT training" is not "it"
_PRONOUN = re.compile(
    r"\b(it|It|its|Its|this action|that action|this one|that one|that|That|this|This|their|Their)\b")
# words that point back at one action, at the previous list, or work on that list (the lexicons; "_" joins a
# phrase's words)
_ONE = words("one")
_MANY = words("many")
_LIST_OPS = words("list_ops")
_COUNT_POINTERS = words("count_pointers")


def _pointed(pointers: str, second: str, nouns: str) -> re.Pattern[str]:
    """A pointer, maybe a second word after it, and a noun, from the lexicons' lists of those names ("that goal",
    "esa misma meta", "that same date"; "_" joins a phrase's words)."""
    either = [("|".join(sorted(w.replace("_", " ") for w in words(name)))) for name in (pointers, second, nouns)]
    return re.compile(rf"\b(?:{either[0]})\s+(?:(?:{either[1]})\s+)?(?:{either[2]})s?\b")


# "what else is in that goal?", "¿qué otras acciones hay en esa misma meta?": the goal of the previous answer's action
_THAT_GOAL = _pointed("goal_pointers", "goal_pointers", "goal_nouns")
# "in that area", "de esa misma área", "dessa área": the area of the previous answer's actions
_THAT_AREA = _pointed("area_pointers", "area_pointers", "area_nouns")
# an area named by its letter, as typed ("area D", not "essa área e quais ...": a conjunction)
_AREA_NAMED = re.compile(r"\b(?i:" + "|".join(sorted(words("area_nouns"))) + r")\s+[A-E]\b")
# "due on that date", "shared that deadline", "en esa misma fecha", "nessa data": the previous answer's deadline
_THAT_DATE = _pointed("date_pointers", "same", "date_nouns")
# past that goal: a word that leaves it out ("apart from that goal", "fuera de esa meta") or other goals ("which other
# goals had actions due at the same time?")
_BEYOND_GOAL = re.compile(r"\b(?:" + phrases("leave_out") + r")\b|\b(?:" + phrases("goal_nouns") + r")s\b")
# "what else ...?", "the other one", "¿qué otras acciones ...?": besides the actions just shown
_OTHER = words("other")
_OTHER_ONE = words("other_one")
_THE_OTHERS = _OTHER_ONE | words("the_others")  # "the other two", "the others", "las otras"
# after "the other(s)": a number word at most, then the clause ends ("the other two?", "as outras, quando?")
_WHOLE_AFTER = re.compile(r"(?:\s+(?:" + "|".join(sorted(numerals())) + r"))?\s*(?:$|[^\w\s]|"
                          r"(?:and|y|e|ou|or)\b)")
# after "the other": "one", an action noun or nothing more ("¿y la otra?", "the other one's deadline"), not another
# noun ("the other hand", "the other countries", "the other actions")
_ONE_AFTER = re.compile(r"\s*(?:$|[^\w\s]|(?:one|" + "|".join(sorted(fold(w) for w in words("action_nouns")))
                        + r")\b(?!s))")
# "which actions ...", "anything due ...", "¿alguna acción ...?": the question asks for actions, not about a date
_ASKS_ACTIONS = re.compile(r"\b(?:which|any|anything|list|cuales|algo|alguna|alguno|quais|alguma|algum|"
                           + "|".join(sorted(fold(w) for w in words("action_nouns"))) + r")\b")
_FUSED_IN = re.compile(r"n(?:ess|est)[ae]\b")  # Portuguese "em" fused with the pointer: "nessa", "neste"
_FUSED_OF = re.compile(r"d(?:ess|est)[ae]\b")  # Portuguese "de" fused with the pointer: "dessa", "deste"
# "due on that date", "done by that deadline", "antes de esa fecha": the date as a time, not what is asked about ("was
# that deadline met?", "who set that deadline?")
_TIME_PREPOSITION = re.compile(r"\b(?:on|by|before|after|in|at|until|till|from|since|within|en|antes|despues|hasta|"
                               r"desde|para|em|depois|ate|apos)(?:\s+(?:de|the))?\s*$")
_RANGE_AFTER = re.compile(r"\s+(?:to|and|until|till|through|a|y|e|hasta|ate)\b")
_DEADLINE = re.compile(r"\b(deadline|due|when|plazo|prazo|cuando|quando|fecha)\b")
# a follow-up is made of these words only, besides its ordinal or pronoun: "tell me more about the second one"
_FOLLOW_WORDS = words("follow")
# "which" with no noun after it, opening the question: which of the actions just shown
_WHICH_BARE = re.compile(
    r"^\W*(?:and\s+|y\s+|e\s+)?(?:which|cuales|cual|quais|qual)\b"
    r"(?!\s+(?:of\s+the\s+)?(?:actions?|acciones|accion|acoes|acao|goals?|metas?|objetivos?|areas?)\b)")
# "any" with no noun after it: any of the previous answer's actions ("was any due in 2005?")
_ANY = re.compile(r"\b(?:any|alguna|alguno|algun|alguma|algum)\b(?!\s+(?:actions?|acciones|accion|acoes|acao|goals?|"
                  r"metas?|objetivos?|areas?|other|otra|otro|outra|outro)\b)")
_OF_TWO = ("latter", "former")
_WORDS = re.compile(r"[a-z]+")
_TOKENS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"\b\d{1,2}(?:\.\d)?\b")  # an action number ("2.4", "30")
_ORDINAL = re.compile(r"\b(" + "|".join(ORDINALS) + r")(?: one| action| result| item)?\b")
# one of the previous actions named by what it is about: "the spectrum one", "the one about financing",
# "la de financiamiento", "a do espectro"
_DESCRIBED = re.compile(
    r"\bthe (?P<before>[a-z][\w-]*(?: [a-z][\w-]*){0,3}) one\b"
    r"|\bthe one (?:about|on|for|with|that|which|dealing with|covering) (?P<after>[^?.,;!]+)"
    r"|\b(?:la|el|aquella|aquel|a|o|aquela|aquele) (?:accion |acao |meta )?"
    r"(?:de|del|da|do|das|dos|sobre|que (?:habla|trata|fala) (?:de|del|da|do|das|dos|sobre)) (?P<of>[^?.,;!]+)"
)
_WHAT_ABOUT = re.compile(
    r"^[\s¿¡]*(?:and\s+|y\s+|e\s+)?(?:what about|how about|and about|what of|"
    r"y\s+(?:qu[eé]\s+)?(?:pasa\s+|hay\s+)?con|y\s+(?:sobre|en cuanto a)|"
    r"e\s+(?:quanto\s+(?:a|ao|aos|as|à|às)|sobre|com)|and|y|e)\s+"
    r"(?:the\s+|l[oa]s?\s+|el\s+|os?\s+|as?\s+)?(?P<subject>.+?)\s*\??\s*$"
)


# (question, the previous answer's actions) -> whether the question has a subject of its own
Subject = Callable[[str, tuple[str, ...]], bool]
# (words describing one action, the previous answer's actions) -> the one they describe, if exactly one
Pick = Callable[[str, tuple[str, ...]], str | None]


def _no_pick(description: str, actions: tuple[str, ...]) -> str | None:
    return None


@dataclass(frozen=True)
class Facts:
    """What a follow-up needs of the plan, as functions of an action number: its goal's actions (in order) and
    its deadline's (year, month). Without them, "the other one" and "that date" are not resolved."""

    siblings: Callable[[str], tuple[str, ...]] = lambda number: ()
    due: Callable[[str], tuple[int, int] | None] = lambda number: None
    area: Callable[[str], str | None] = lambda number: None


def _when(lang: Lang) -> re.Pattern[str]:
    """'when were those due?': it asks the deadlines (no date: not a filter), in the question's language and
    in English ('data' asks a date in Portuguese, not in English)."""
    found = lexicon(lang).get("when", frozenset()) | lexicon("en")["when"]
    return re.compile(r"\b(" + "|".join(sorted(found)) + r")\b")


def _spans(text: str, wanted: frozenset[str]) -> list[tuple[int, int]]:
    """Where the lexicon's words and phrases ("that_one") occur in ``text`` (folded)."""
    tokens = list(_TOKENS.finditer(text))
    found = []
    for i, token in enumerate(tokens):
        if i + 1 < len(tokens) and f"{token[0]}_{tokens[i + 1][0]}" in wanted:
            found.append((token.start(), tokens[i + 1].end()))
        elif token[0] in wanted:
            found.append((token.start(), token.end()))
    return found


def _counted(text: str) -> list[tuple[int, int]]:
    """'of the three', 'those two', 'de las tres': a count of two or more after an article or a demonstrative."""
    numbers = {w for w, n in numerals().items() if n >= 2}
    tokens = list(_TOKENS.finditer(text))
    return [(a.start(), b.end()) for a, b in itertools.pairwise(tokens)
            if a[0] in _COUNT_POINTERS and b[0] in numbers]


def _counts(text: str) -> list[int]:
    """The numbers :func:`_counted` finds: "those two" 2, "de las tres" 3."""
    return [numerals()[_TOKENS.findall(text[start:end])[-1]] for start, end in _counted(text)]


def _pointing_at_list(question: str, text: str) -> list[tuple[int, int]]:
    """Where ``question`` points at the previous answer's list: a plural pointer ("these", "the ones", "esas",
    "las que"), a count ("the three"), or a verb on a list with any pointer ("narrow that to ...")."""
    spans = _spans(text, _MANY) + _counted(text)
    if not spans and _spans(text, _LIST_OPS):
        typed = question.strip()
        spans = _spans(text, _ONE) + [m.span() for m in _PRONOUN.finditer(typed) if len(typed) == len(text)]
    return sorted(spans)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without ``spans`` and the 'of'/'de' before each: 'which of these were due?' -> 'which were due?'
    (overlapping spans, 'esas' in 'esas dos', are cut as one)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    for start, end in reversed(merged):
        before = re.search(r"\b(?:of|de|from|among|entre|dentre)\s+$", text[:start])
        text = text[: before.start() if before else start] + " " + text[end:]
    return " ".join(text.split()).lstrip(" ,;:-")


# a pronoun joined to a Portuguese or Spanish verb: "executá-la", "fazê-lo", "cumplirla", "hacerlas" (folded)
_CLITIC = re.compile(r"\b(?:[a-z]+-(?:la|lo|las|los)|[a-z]{3,}(?:ar|er|ir)(?:la|lo|las|los))\b")  # not "charla"


def _one_pointer(question: str, text: str) -> bool:
    return bool(_PRONOUN.search(question) or _spans(text, _ONE) or _CLITIC.search(text))


def resolve(question: str, history: Sequence[Turn], subject: Subject, pick: Pick = _no_pick,
            lang: Lang | None = None, facts: Facts = Facts(), topic: Subject | None = None) -> Resolved:
    """The question made self-contained using the last turn (unchanged when it already is). A question
    that only points back ("what is its deadline?") with nothing to point to is marked ``unresolved``.
    ``subject`` tells whether the question has a subject of its own besides the previous answer's; ``pick``
    which of the previous actions a description names ("the spectrum one"); ``lang`` is the user's language
    (by default, the question's own); ``facts`` the plan's goals and deadlines ("the other one", "that date");
    ``topic`` whether it has a topic of its own (besides a request: by default, ``subject``)."""
    text = fold(question.strip())
    # "the deadline of 12" names its action: it does not point back (a date's digits name no action)
    dated = normalized(text)
    for point in reversed(points(dated)):
        dated = dated[: point.start] + " " + dated[point.end:]
    numbered = bool(re.search(r"\d", dated))
    # after an answer that showed no action ("none of them was"), a pointer points at the latest one that did
    history = history[: max((i + 1 for i, turn in enumerate(history) if turn.actions), default=0)]
    if not history:
        if re.search(r"\d", text):  # a number or a date: it says what it asks ("the deadline for 2006?")
            return Resolved(question)
        pointing = (_PRONOUN.search(question) and _only_follow_words(text, fold(_PRONOUN.search(question)[1]))) or (
            (spans := _spans(text, _ONE)) and _only_follow_words(text, text[spans[0][0]:spans[0][1]])) or (
            _DEADLINE.search(text) and _only_follow_words(text, ""))
        return Resolved(question, unresolved=bool(pointing))
    last = _counted_turn(text, history)
    # a refusal leaves the conversation's subject where it was: "and when was it due?" after "does it name
    # earthquakes?" was refused points at the action before it
    earlier = next((turn for turn in reversed(history[:-1]) if turn.citations), None)
    if not last.citations and earlier is not None and (_THAT_GOAL.search(text) or _THAT_AREA.search(text)):
        # "Tem outra ação na mesma meta sobre estudos?" after a refusal: the goal of the latest answer that cited
        last = earlier
    when = _when(lang or language_of(question))
    if (sides := _sides_compared(question, text, dated, last, history, facts, lang or language_of(question))):
        return sides
    # a goal named as a scope ("what else in goal 15 was due on that date?") names no action of its own
    if not re.search(r"\d", without_goals(dated)) and (
            besides := _besides(question, text, last, history, facts, when,
                                lambda: (topic or subject)(question, last.citations))) is not None:
        return besides
    if numbered and (shares_deadline(text) or compares_deadlines(text)) and (_spans(text, _MANY) or _counted(text)):
        # "was 8.3 due on the same date as those two?": the actions it names beside the previous answer's
        named = tuple(dict.fromkeys(n for n in _NUMBER.findall(dated) if facts.due(n)))
        if named and last.citations:
            return Resolved("list all actions", within=named + tuple(n for n in last.citations if n not in named))
    compared = None if numbered else _across_turns(question, text, history, topic or subject)
    if not numbered and (elsewhere := _described_elsewhere(text, history, topic or subject, pick, compared)):
        # "was that due before the community radio commitment?": its deadline beside the one described ("do those
        # two share a deadline with the action on health networks?": theirs, beside it)
        about, described, first = elsewhere
        return Resolved("list all actions", within=about, compare_to=described, compare_first=first)
    if compared:
        # "did those two share a deadline?" after answers about one action each: theirs, side by side
        return Resolved("list all actions", within=compared)
    return _resolve(question, text, last, numbered, subject, pick, when, facts, lang or language_of(question),
                    earlier=earlier)


def _across_turns(question: str, text: str, history: Sequence[Turn], topic: Subject) -> tuple[str, ...] | None:
    """The actions a deadline comparison of "those two", "both" or "they" is about when the last answer cited fewer:
    its actions and those of the turns before it, one per turn, as many as it counts (two when it says no number):
    "the first action?", "and the very last one?", "did those two share a deadline?" (an earlier action described in
    words, "the employment one", is :func:`_described_elsewhere`'s). None when it asks for other actions ("which
    others were due then?"), has a topic of its own, or the turns hold too few."""
    last = history[-1]
    if not last.citations or not (shares_deadline(text) or compares_deadlines(text)):
        return None
    if _spans(text, _OTHER) or ASKS_WHICH.search(text):  # not "which others were due then?"
        return None
    counts = _counts(text)
    wanted = counts[0] if len(counts) == 1 else 2
    # a plural pointer or a count says what it compares ("did those two share a deadline?"); without one, a topic
    # of its own is what it compares with ("were the training ones due at the same time?")
    if len(last.citations) >= wanted or (not (_spans(text, _MANY) or counts) and topic(question, last.actions)):
        return None
    found = list(last.citations)
    for turn in reversed(history[:-1]):
        if turn.citations and turn.citations[0] not in found:
            found.insert(0, turn.citations[0])
    return tuple(found[-wanted:]) if len(found) >= wanted else None


def _scope_named(question: str, text: str, dated: str) -> bool:
    """Whether a question names a goal or an area (``dated``: ``text`` without its dates): "the other actions in area
    B", "that goal", "goal 8"."""
    return bool(_THAT_GOAL.search(text) or _AREA_NAMED.search(question) or without_goals(dated) != dated)


def _sides_compared(question: str, text: str, dated: str, last: Turn, history: Sequence[Turn], facts: Facts,
                    lang: Lang) -> Resolved | None:
    """The actions a yes-or-no deadline comparison sets side by side, when it names them by number or as the rest of
    a list: the ones it names ("did it share a deadline with 2.4?", "and 2.4 - was it due at the same time?": beside
    the one it points at, or the one just shown), "the other two (software actions)" beside the one just shown, or the
    one it points at beside a goal it names ("did that one come due after every action of goal 23?"). A yes-or-no
    question asks about these; never about every action of the plan due then. None when the question is not such a
    comparison, or names no action and no rest (described sides are :func:`_described_elsewhere`'s)."""
    if not last.citations or not asks_if_deadlines_compare(question, lang):
        return None
    undated = without_goals(dated)
    named = tuple(dict.fromkeys(n for n in _NUMBER.findall(undated) if facts.due(n)))
    goal_at = next((i for i, (a, b) in enumerate(zip(dated, undated + " ", strict=False)) if a != b), None)
    comparing = comparing_at(dated)
    if not named and goal_at is not None and comparing is not None and comparing < goal_at and _one_pointer(
            question, text):
        # a goal named after the words that compare is the other side (its actions are read from the question); one
        # named before them is where the action asked about is ("the single action in goal 25 - was that earlier?")
        return Resolved(question, within=last.citations[:1], sides=True)
    if named:
        many = _spans(text, _MANY) + _counted(text)
        pointed = last.citations if many else last.citations[:1] if len(named) == 1 or _one_pointer(
            question, text) else ()
        # the one said first is the one asked about: a pointer, else the action just shown when the words that
        # compare come before the number ("¿vencía en la misma fecha que la 5.1?": 5.3, then 5.1)
        marks = [start for start, _ in many] + [m.start() for m in _PRONOUN.finditer(question)]
        pointer = min(marks, default=comparing)
        first_named = _NUMBER.search(dated)
        named_first = pointer is None or (first_named is not None and first_named.start() < pointer)
        sides = tuple(dict.fromkeys(named + pointed if named_first else pointed + named))
        return Resolved("list all actions", within=sides, sides=True) if len(sides) > 1 else None
    if len(last.citations) == 1 and _spans(text, _OTHER) and not _scope_named(question, text, dated):
        others = _others(last, history, facts)
        counts = [numerals()[t] for t in _TOKENS.findall(text) if t in numerals()]
        if others and (not counts or counts[0] == len(others)):
            # "were the other two software actions due at the same time?"
            return Resolved("list all actions", within=others + last.citations, sides=True)
    return None


# what a deadline comparison sets the actions it is about beside, named by an article and its words: "... as the
# disasters goal?", "... than the research-network actions", "... que las medidas de solidaridad ...?"
_COMPARED_WITH = re.compile(r"\b(?:as|than|before|after|with|to|que|como|de|da|do|con|com|a|al|ao)\s+"
                            r"(?P<said>(?:the|la|el|las|los|a|o|as|os|del|da|do|das|dos)\s+[^?.!;,]+?)\s*(?:[?.!;,]|$)"
                            # ... or, after a word that compares, by what it does: "later than taking part in ..."
                            r"|\b(?:than|before|after)\s+(?P<done>[a-z]+ing\b[^?.!;,]*?)\s*(?:[?.!;,]|$)")
# ... or as the subject, the actions it is about after the verb: "was the disaster action due before those two?"
_COMPARED_FIRST = re.compile(r"^\W*(?:and\s+|y\s+|e\s+)?(?:was|were|is|are)\s+(?P<said>the\s+[^?.!;,]+?)\s+"
                             r"(?:due|expected|set)\b")


def _described_elsewhere(text: str, history: Sequence[Turn], topic: Subject, pick: Pick,
                         about: tuple[str, ...] | None = None) -> tuple[tuple[str, ...], str | None, bool] | None:
    """The actions a deadline comparison is about (``about``, else the last answer's: its first, or all of them after
    "those", "they"), the words that describe the action it sets them beside ("was that due before the community
    radio commitment?") and whether it names that one first ("was the disaster action due before those two?"); those
    words as an earlier turn's action instead when one holds them (then no words). None when it compares no
    deadlines, asks which actions, or describes nothing (no topic of its own: "the other two"). "The spectrum one"
    names an earlier turn's action only: it is never searched."""
    last = history[-1]
    if not last.citations or _spans(text, _OTHER) or ASKS_WHICH.search(text):
        return None
    if not (shares_deadline(text) or compares_deadlines(text)
            or (_DEADLINE.search(text) and BEFORE_AFTER.search(text) and not points(text))):
        return None
    about = about or (last.citations if (_spans(text, _MANY) or _counted(text)) else last.citations[:1])
    earlier = tuple(dict.fromkeys(n for turn in reversed(history[:-1]) for n in turn.citations if n not in about))
    one = _DESCRIBED.search(text)  # "the spectrum one", "la de salud": an earlier turn's action only, never searched
    said_one = one["before"] or one["after"] or one["of"] if one and len(last.citations) == 1 else None
    if said_one and earlier and said_one.split()[0] not in ORDINALS and (chosen := pick(said_one, earlier)):
        return (chosen, *about), None, False
    first = _COMPARED_FIRST.match(text)
    said_first = [first["said"]] if first else []
    for said in said_first + [m["said"] or m["done"] for m in _COMPARED_WITH.finditer(text)]:
        if not topic(said, ()):
            continue
        chosen = pick(said, earlier) if earlier else None
        if chosen:
            return ((chosen, *about) if said in said_first else (*about, chosen)), None, False
        return about, said, said in said_first
    return None


def _pointed_scope(question: str, text: str, last: Turn, facts: Facts) -> tuple[str, str, tuple[int, int]] | None:
    """The goal or area "that goal" / "that area" in ``text`` (folded) points to: the one of the actions just shown
    ("goal", "7", where the pointer is), or None when it names neither, they are not one goal or area, or the
    question names an area by its letter itself ("area D: how many actions are in that area?")."""
    goals = {goal_of(n) for n in last.citations}
    areas = {facts.area(n) for n in last.citations}
    if (that := _THAT_GOAL.search(text)) and len(goals) == 1 and None not in goals:
        return "goal", str(goals.pop()), that.span()
    if (that := _THAT_AREA.search(text)) and len(areas) == 1 and None not in areas and not _AREA_NAMED.search(question):
        return "area", str(areas.pop()), that.span()
    return None


def _scoped(question: str, text: str, last: Turn, facts: Facts) -> str | None:
    """``text`` with "that goal" or "that area" written as the goal or area it points to ("goal 7", "area C")."""
    scope = _pointed_scope(question, text, last, facts)
    return None if scope is None else _written(text, scope)


def _written(text: str, scope: tuple[str, str, tuple[int, int]]) -> str:
    """``text`` with the pointer of ``scope`` replaced by the goal or area it names."""
    kind, name, (start, end) = scope
    return f"{text[:start]}{kind} {name}{text[end:]}"


def _rest_of_list(text: str) -> bool:
    """Whether ``text`` (folded) points at the rest of a list as a whole: "the other two", "the others", "las otras"
    (not "the other actions in area B")."""
    return any(_WHOLE_AFTER.match(text, end) for _, end in _spans(text, _THE_OTHERS))


def _asks_of_it(text: str, rest: str, own: bool) -> bool:
    """Whether a question about "that goal" or "that area" asks something of it besides what it is (``rest``: the
    question without the pointer): a deadline, the earliest, a comparison, a count, or a topic of its own."""
    return bool(points(text) or asks_extreme(text) or compares_deadlines(text) or asks_count(rest) or own)


def _about(number: str, dated: bool) -> Resolved:
    """A follow-up about one action: its deadline when the question asks when, else the action."""
    return Resolved(f"deadline of {number}" if dated else f"action {number}", focus=number)


def _counted_turn(text: str, history: Sequence[Turn]) -> Turn:
    """The turn a count points at: "which of the three ...?" after an answer about one of those three is the
    latest answer that cited three; any other question points at the last turn."""
    counts = set(_counts(text))
    if len(counts) != 1 or len(history[-1].citations) in counts:
        return history[-1]
    count = counts.pop()
    return next((turn for turn in reversed(history[:-1]) if len(turn.citations) == count), history[-1])


def _others(last: Turn, history: Sequence[Turn], facts: Facts) -> tuple[str, ...]:
    """The actions "the other one(s)" are, after an answer about one action: the rest of the latest list that
    held it ("did the UN one fall due earlier than the other?" after goal 14's two), else the rest of its goal."""
    if len(last.citations) != 1:
        return ()
    (one,) = last.citations
    listed = next((turn.citations for turn in reversed(history) if one in turn.citations and len(turn.citations) > 1),
                  facts.siblings(one))
    return tuple(n for n in listed if n != one)


def _as_time(text: str, that_date: re.Match[str]) -> bool:
    """Whether "that date" is the time of something ("due on that date", "done by that deadline", "nessa data"), not
    what the question asks about ("was that deadline met?", "who set that deadline?")."""
    return bool(_TIME_PREPOSITION.search(text, 0, that_date.start()) or _FUSED_IN.match(that_date[0]))


def _besides(question: str, text: str, last: Turn, history: Sequence[Turn], facts: Facts,
             when: re.Pattern[str], topical: Callable[[], bool] = lambda: False) -> Resolved | None:
    """Actions besides the ones just shown, or the date they were due: "what else was due on that date?", "due
    before that date", "the other one", "as outras ações dessa meta"; None when the question asks none of these.
    ``topical``: whether it has a topic of its own besides what the actions just cited hold (asked only where it
    decides)."""
    other = bool(_spans(text, _OTHER))
    that_date = _THAT_DATE.search(text)
    dates = {facts.due(n) for n in last.citations}
    due = dates.pop() if len(dates) == 1 else None  # the one deadline of the actions just shown
    if that_date and due and (other or _ASKS_ACTIONS.search(text) or _as_time(text, that_date)):
        # the deadline grammar reads the words just before "that date" around a date put in its place
        of = "de " if _FUSED_OF.match(that_date[0]) else ""  # "antes dessa data": "antes de"
        head = " ".join(text[: that_date.start()].split()[-3:])
        found = condition(f"{head} {of}mid-2006")
        ranged = _RANGE_AFTER.match(text, that_date.end())  # "from that date to the end of 2007"
        if ranged or (found is not None and found.comparison not in ("eq", "year")):
            # "which actions were due before that date?": before that deadline, as a date the grammar reads
            return Resolved(f"{text[: that_date.start()]}{of}{due[0]}-{due[1]:02d}{text[that_date.end():]}")
        # "was there anything else in area B due on that date?", "¿qué otras acciones tenían esa misma fecha?": the
        # actions due when the ones just shown were (within the question's own filters; the others, when it says so)
        before = re.sub(r"\b(?:the|la|el|a|o)\s*$", "", text[: that_date.start()])
        return Resolved(f"{before}the same deadline as action {last.citations[0]}{text[that_date.end():]}",
                        besides=last.citations if other else ())
    if other and last.citations and points(text) and not that_date and not shares_deadline(text):
        # "anything else that was due in 2005?", "were any other actions due in 2005?": besides the ones shown (in
        # the goal or area they point to: "was anything else in that goal due before mid-2007?")
        return Resolved(_scoped(question, text, last, facts) or question, besides=last.citations)
    if ((shares_deadline(text) or compares_deadlines(text)) and _rest_of_list(text)
            and (others := _others(last, history, facts))):
        # "was it due at the same time as the other two?", "was it due any earlier than the others?": its deadline
        # beside theirs
        return Resolved("list all actions", within=last.citations + others)
    if (shares_deadline(text) and _THAT_GOAL.search(text) and not _BEYOND_GOAL.search(text)
            and (rest := _others(last, (), facts))):
        # "is the other action in that goal due at the same time?", "¿las otras de esa meta vencían a la vez?": its
        # deadline beside those of the rest of its goal
        return Resolved("list all actions", within=last.citations + rest)
    if shares_deadline(text) and other and due:
        # "which other actions shared a deadline with those?"
        return Resolved(f"which actions were due at the same time as action {last.citations[0]}",
                        besides=last.citations)
    if (spans := _spans(text, _OTHER_ONE)) and _ONE_AFTER.match(text, spans[0][1]):
        # "what training does the other one mention?", "and the other action in that goal, when was it due?"
        others = _others(last, history, facts)
        if len(others) == 1:
            return _about(others[0], bool(when.search(text)))
    rest = _others(last, (), facts)  # the rest of that action's goal
    alone = len(last.citations) == 1 and facts.siblings(last.citations[0]) == last.citations  # its goal's only one
    if other and alone and _THAT_GOAL.search(text) and (scoped := _scoped(question, text, last, facts)):
        # "does its goal contain any other actions?" after the one action of a goal: its goal, without it (none)
        return Resolved(scoped, besides=last.citations)
    if other and rest and _THAT_GOAL.search(text):
        # "e tem outra ação nessa mesma meta?", "as outras ações dessa meta venciam antes ou depois dela?": the
        # rest of that action's goal (one of them: that one; several: each with its deadline); "¿hay otra acción en
        # esa misma meta sobre medios locales?": searched there for its topic
        if not points(text) and topical() and (scoped := _scoped(question, text, last, facts)):
            return Resolved(scoped, besides=last.citations)
        if len(rest) == 1:
            return _about(rest[0], bool(when.search(text)))
        return Resolved("list all actions", within=rest)
    return None


def _resolve(question: str, text: str, last: Turn, numbered: bool, subject: Subject, pick: Pick,
             when: re.Pattern[str], facts: Facts, lang: Lang = "en", earlier: Turn | None = None) -> Resolved:
    """``question`` against the last turn; a ``numbered`` question names its own action(s). ``earlier``: the latest
    turn before it that cited, which a pointer at one action points at when the last turn cited nothing."""
    m = _ORDINAL.search(text)
    own = subject(question, last.actions)  # a topic of its own, besides what the previous answer holds
    # "the first of them" points back even with words of its own ("what deadline did the first of them carry?")
    of_list = bool(m and _pointing_at_list(question, re.sub(r"^\s*(?:one|action|item)?\s*", "", text[m.end():])[:30]))
    # "the first deadline", "which of those came first?": the earliest deadline, not the first action shown (but "did
    # the second one come first?" is about the second one)
    extreme = extreme_span(text)
    if m and last.actions and (of_list or not own) and not (extreme and extreme[0] <= m.start() < extreme[1]):
        # "the latter", "the former": of the two the answer named, not of the closest it showed
        # of the list the answer cited when it cited several ("the last of them"), else of all it showed ("the
        # second one" after one action and its related ones); "the latter", "the former": of the two it named
        cited = len(last.citations) > 1 or m[1] in _OF_TWO
        index, actions = ORDINALS[m[1]], (last.citations or last.actions) if cited else last.actions
        if not -len(actions) <= index < len(actions) or (len(actions) == 1 and index != 0):
            # "and the very last one?" after "the first action of the plan?", "and the third?" after "the second goal
            # of area B?": no place in the answer, the same place-asking question with the new place
            placed_before = _ORDINAL.search(fold(last.question))
            if placed_before and not own:
                before = fold(last.question)
                return Resolved(f"{before[:placed_before.start(1)]}{m[1]}{before[placed_before.end(1):]}")
        if not -len(actions) <= index < len(actions):
            raise QueryError(
                f"the previous answer showed {len(actions)} action(s): "
                f"{', '.join(actions)}; ask about one of them by number", code="ordinal_out_of_range",
                count=len(actions), actions=", ".join(actions),
            )
        return _about(actions[index], bool(when.search(text)))  # "what's the deadline for the first one?"
    scope = None if numbered else _pointed_scope(question, text, last, facts)
    if scope:
        # "what else is in that goal?", "outra ação nessa mesma meta?": that goal, whole; "was anything in that goal
        # due before mid-2007?", "so which actions in that area had an earlier deadline?": that goal or area named,
        # for the rest of the question to ask of it; "¿qué otras metas de esa área ...?": besides the ones shown
        kind, name, span = scope
        # (a topic is its own when the action cited lacks it: "which action in that same goal covers teachers?" after
        # 3.2, though an action shown beside it has it)
        if not _asks_of_it(text, _without(text, [span]), own or subject(question, last.citations)):
            return Resolved(f"what is {kind} {name} about?")
        return Resolved(_written(text, scope), besides=last.citations if _spans(text, _OTHER) else ())
    if shares_deadline(text) and len(last.citations) > 1 and not numbered:
        # "were both of them due at the same time?": their deadlines, side by side
        return Resolved("list all actions", within=last.citations)
    if shares_deadline(text) and last.citations and not numbered:
        if asks_if_deadlines_compare(question, lang) and not _scope_named(question, text, text):
            # "did it fall due at the same time?" with nothing named beside it: its deadline, not every action's then
            # (not "and the area A ones with that same deadline?": the actions of a scope)
            return Resolved("list all actions", within=last.citations)
        # "what else came due on the same date as it?": every action due when the one just shown was
        return Resolved(f"which actions were due at the same time as action {last.citations[0]}")
    if compares_deadlines(text) and len(last.citations) > 1 and not numbered:
        # "which one had the later deadline?": of the actions just shown
        return Resolved(question, within=last.citations)
    # a yes-or-no question of what the actions just shown write, not of their deadlines
    of_deadlines = bool(when.search(text) or points(text) or compares_deadlines(text))
    if len(last.citations) == 1 and not numbered and not of_deadlines and asks_of_one(question, lang):
        # "¿Habla de la nube?", "does it say anything about distance learning?", "Does it require access at those
        # centres to be free of charge?" after an answer about one action: asked of that action, which must hold the
        # words its subject rests on (after a list, "it" points at no one action). With no subject of its own, it is
        # that action again ("does it bring up security?" after 1.2), unless it has words the glossary reads nothing
        # from ("E fala em biometria?"), which only a search of the question finds the plan lacks
        focus = last.citations[0]
        searched = own or bool(unread_subject(question, lang))
        return Resolved(question if searched else f"action {focus}", focus=focus, asks_of=(focus,))
    if (len(last.citations) > 1 and not numbered and not m and not of_deadlines
            and (asks_of_one(question, lang) or asks_mention(question, lang))
            and (_spans(text, _MANY) or _spans(text, _ONE) or _ANY.search(text))):
        # "Alguma delas cita a Amazônia?", "Does that action name Linux?" after an answer that cited several: asked
        # of them, which must hold the words its subject rests on (some do: those answer it); not "does the second
        # one name any organisations?", which picks one of them
        return Resolved(question, within=last.citations, asks_of=last.citations)
    listed = _pointing_at_list(question, text)
    if listed:
        # "which of these were due in 2006?", "narrow that to the mid-2006 ones": the same request over the previous
        # answer's actions (its citations; after an abstention, the closest actions it showed)
        rest = _without(text, listed)
        if when.search(rest) and not points(rest) and not own and not numbered:
            return Resolved("list all actions", within=last.citations or last.shown)  # their deadlines, each its own
        return Resolved(rest or question, within=last.citations or last.shown)
    if _WHICH_BARE.match(text) and (points(text) or asks_extreme(text)) and len(last.citations) > 1:
        # "¿cuáles vencían antes de 2007?", "which came due first?": which of the actions just shown
        return Resolved(question, within=last.citations)
    if _ANY.search(text) and len(last.citations) > 1:
        # "¿alguna vencía en 2006?", "was any due in 2005?": any of the actions just shown
        return Resolved(question, within=last.citations)
    described = _DESCRIBED.search(text)
    if described and len(last.actions) > 1 and not numbered:
        words_ = described["before"] or described["after"] or described["of"]
        chosen = pick(words_, last.actions) if words_.split()[0] not in ORDINALS else None
        if chosen:  # "what deadline did the spectrum one have?", "say more about the one on financing"
            return _about(chosen, bool(when.search(text)))
    pronoun = _one_pointer(question, text)
    if pronoun and last.citations and points(text) and not numbered:
        # "did that one have to be met by the end of 2006?": that action's deadline answers it
        return _about(last.citations[0], True)
    # "¿y cuál es el plazo?", "¿qué abarca?": words, and none of its own
    elliptic = bool(_WORDS.search(text)) and _only_follow_words(text, "")
    # "who is supposed to do it?", "and by when?": a pronoun or a deadline word, and no subject of its own; a deadline
    # word and a pronoun joined to the verb ask its deadline, whatever the verb ("até quando dava para executá-la?")
    dated = bool(when.search(text))
    pointing = elliptic or ((pronoun or dated) and not own) or bool(dated and _CLITIC.search(text))
    # (not a question for another action: "is there any other action that ...?" asks past it)
    pointed = last if last.citations or earlier is None or _spans(text, _OTHER) else earlier
    if pointed.citations and pointing and not numbered:
        focus = pointed.citations[0]
        if when.search(text):
            return Resolved(f"deadline of {focus}", focus=focus)
        goals = {goal_of(n) for n in pointed.citations}
        if len(pointed.citations) > 1 and len(goals) == 1:  # "what does it cover?" after a goal's actions: the goal
            return Resolved(f"what is goal {goals.pop()} about?")
        return Resolved(f"action {focus}", focus=focus)
    if m := _WHAT_ABOUT.match(question.strip().lower()):
        subject = m["subject"].strip(" ?.")
        if subject and len(subject.split()) <= 6:
            frame = _frame(last.question)
            return Resolved(f"{subject} {frame}".strip(), avoid=last.citations)
    return Resolved(question)


def _only_follow_words(text: str, marker: str) -> bool:
    rest = set(_WORDS.findall(text)) - set(marker.split())
    return rest <= _FOLLOW_WORDS


_CONTENT_STOP = re.compile(r"[?¿!¡.]")


_FRAME_WORDS = re.compile(  # Spanish and Portuguese put the verb before the subject: keep the verbs only
    r"\b(conect\w*|capacit\w*|formaci[oó]n|forma[cç][aã]o|financ\w*|apoy\w*|apoi\w*|proteg\w*|medi[rd]\w*|"
    r"acceso|acesso|internet|en l[ií]nea|online|digitaliz\w*|enseñ\w*|ensin\w*)\b"
)


def _frame(previous: str) -> str:
    """The previous question without its subject: 'How will rural schools get online?' -> 'get online'."""
    if language_of(previous) != "en":
        return " ".join(_FRAME_WORDS.findall(_CONTENT_STOP.sub("", previous.lower())))
    text = _CONTENT_STOP.sub("", fold(previous))
    verbs = re.search(
        r"\b(get|be|become|go|stay|receive|have|gain|connect\w*|train\w*|fund\w*|support\w*|online|"
        r"internet|access|measur\w*|protect\w*)\b.*$",
        text,
    )
    return verbs[0] if verbs else ""
