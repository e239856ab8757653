"""The reading layer: the only place that reads the user's words.

``read(plan, question, history)`` reads a question once and returns a :class:`Reading`: its
language, the actions it names (and those the plan lacks), what the plan's table can answer
exactly (a :class:`Structured` request), the follow-up frame (the action it is about, the
actions to look past), whether it wants every relevant action, why the plan cannot answer it,
and the text the retrievers search (with its English gloss for the English channels).
``read_search(plan, query)`` is the lighter reading a search needs. Everything below this layer
(retrieval, answers) receives these typed values and never runs a pattern on the user's words.

Modules: ``numbers`` (query checks, the number grammar), ``language`` (en/es/pt),
``requests`` (counts, lists, deadlines), ``goalsets`` (goals chosen by their actions), ``followup``
(earlier turns), ``scope`` (what the plan never states; topic questions; what a question sets aside),
``gloss`` (Spanish and Portuguese into the plan's English words), ``text`` (folding and content words,
shared with the BM25 analyzer).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ..lang import Lang
from ..plan import Plan
from .followup import ORDINALS, Facts, Pick, Subject, Turn, as_turns, resolve
from .gloss import english_concepts, gloss
from .kept import per_plan
from .language import detect, language_of
from .lexicon import words as lexicon_words
from .mention import MENTION_WORDS, action_words, asked_of_words, asks_mention, names_lacking
from .navigate import navigate
from .numbers import MAX_QUERY_CHARS, check_query, named_list, number_matches, unknown_actions
from .ordinals import beside, by_verb, in_previous, placed
from .places import countries, country_words, without_countries
from .requests import (
    Structured,
    asks_count,
    asks_if_deadlines_compare,
    asks_only_actions,
    left_out,
    leftover_topic,
    read_structured,
    restrict,
)
from .scope import (
    Reason,
    asks_for_set,
    asks_results,
    command_words,
    is_topic_question,
    out_of_scope,
    self_described,
    set_aside,
    told_first,
)
from .text import (
    STOPWORDS,
    cut,
    fold,
    information,
    quote_spans,
    quoted,
    stemmed,
    terms,
    tokens,
    with_apostrophes,
    words,
)

__all__ = [
    "MAX_QUERY_CHARS", "Reading", "SearchQuery", "Structured", "Turn", "action_words", "as_turns", "check_query",
    "read", "read_search", "restrict",
]


@dataclass(frozen=True)
class SearchQuery:
    """What the retrievers read: the text, its language, the actions it names, its English gloss."""

    text: str  # as typed (whitespace-normalised): the multilingual channel reads it
    lang: Lang
    refs: tuple[str, ...]  # actions named by number, in the order named ("goal 15" names 15.1-15.8)
    english: str  # the text in the plan's English words (the same text for an English question)
    scoped: bool = False  # ``refs`` are a goal searched for a topic (a scope, not actions named: ranked, not first)


@dataclass(frozen=True)
class Reading:
    """One question, read once."""

    question: str  # as typed, whitespace-normalised
    asked: str  # as answered: a follow-up made self-contained ("deadline of 3.1")
    lang: Lang  # the user's language: from what they typed, else from their last question
    search: SearchQuery  # ``asked``, as the retrievers read it
    words: tuple[str, ...]  # content words of ``asked``: quotes are chosen by them
    request: Structured | None  # what the plan's table answers exactly (counts, lists, deadlines)
    unknown_refs: tuple[str, ...]  # action numbers named that the plan lacks ("cite 99.9")
    scope: Reason | None  # why the plan cannot answer, whatever retrieval finds
    wants_all: bool  # "which actions ...?", "where does the plan ...?": every relevant action, not the best few
    focus: str | None = None  # the action a follow-up is about ("its deadline", "the second one")
    avoid: tuple[str, ...] = ()  # the previous answer's actions, for "and what about X?"
    within: tuple[str, ...] = ()  # the previous answer's actions, for "which of these ...?"
    unresolved: bool = False  # it points back ("what is its deadline?") with no earlier answer to point to
    places: tuple[str, ...] = ()  # countries named (the plan names none: its actions are regional)
    # the words whose concepts the plan must have: an English question's content words (or those it quotes as its
    # subject); of a Spanish or Portuguese one, the plan's words its glossary gave and the English words it has no
    # entry for ("blockchain")
    concepts: tuple[str, ...] = ()
    # stemmed content words of ``asked`` (or of its quoted subject) in the plan's English (es/pt: the gloss), each with
    # how much it says about the subject (rarer words in general English more: "infrastructure" beside "pull together")
    weighted_terms: tuple[tuple[str, float], ...] = ()
    results: bool = False  # it asks what was achieved: the plan has the commitment, not the result
    left_out: tuple[str, ...] = ()  # the actions of a goal or area it leaves out ("training outside goal 9")
    # the words or phrases it quotes when they are all it asks about ("where is the word 'models' used?", not "which
    # 'e-government' actions reach rural schools?"): its subject, which the plan must use; its concepts and terms
    quoted_subject: tuple[str, ...] = ()
    # it asks, yes or no, whether the plan names something ("Does eLAC mention UNESCO?", "¿Aparece la CEPAL?",
    # "does it name earthquakes specifically?"): the plan must have its words as written, not words near them; and the
    # names it writes that the plan does not have ("Organization of American States", "Mercosul"; reading/mention.py)
    mention: bool = False
    unnamed: tuple[str, ...] = ()
    # the actions a yes-or-no question asks something of ("does it say anything about distance learning?" after
    # 16.2, "¿Habla de la nube?" after 15.5, "Alguma delas cita a Amazônia?" after 2.4 and 20): they must hold the
    # words its subject rests on (one of them, of several)
    asks_of: tuple[str, ...] = ()
    # what a deadline comparison sets ``within`` beside, described in words no earlier turn holds ("was that due
    # before the community radio commitment?"), as the retrievers read it; and whether it names a goal or several
    # actions ("the disasters goal", "the research-network actions": that action's goal) rather than one
    compared: SearchQuery | None = None
    compared_goal: bool = False
    compared_first: bool = False  # ... named before ``within`` ("was the disaster action due before those two?")

    @property
    def terms(self) -> tuple[str, ...]:
        """The stemmed content words, without their weights."""
        return tuple(term for term, _ in self.weighted_terms)


# "actually" asks no topic (the lexicon's phrases, "ended_up", are read by reading/scope.py only)
RESULT_TERMS = frozenset(terms(" ".join(sorted(w for w in lexicon_words("results") if "_" not in w))))
# words that frame a request ("how many", "have", "deadline", "list") or ask what the plan says ("what role does
# X play?"): no topic of the question
NO_TOPIC = lexicon_words("frame") | lexicon_words("overview_frame") | lexicon_words("ask") | lexicon_words("other")


@per_plan
def plan_words(plan: Plan) -> tuple[tuple[str, ...], frozenset[str]]:
    """The plan's content words (sorted, and as a set), against which a question's typos are repaired."""
    texts = [a.title for a in plan.areas] + [f"{g.title or ''} {g.preamble or ''}" for g in plan.goals]
    found = {w for t in texts + [a.text for a in plan.actions] for w in words(t)}
    return tuple(sorted(found)), frozenset(found)


# words that name a goal or several actions ("the disasters goal", "the research-network actions")
GOAL_WORDS = frozenset(fold(w) for w in lexicon_words("goal_nouns") | lexicon_words("action_plurals"))
# words that point back or ask about an action, in every language: never a follow-up's own subject
POINTER_WORDS = (lexicon_words("follow") | lexicon_words("one") | lexicon_words("many") | lexicon_words("list_ops")
                 | frozenset(ORDINALS) | NO_TOPIC)


@per_plan
def _held(plan: Plan) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Each action's stemmed words with its goal's title and preamble, and the plan's stems."""
    held = {}
    for action in plan.actions:
        goal = plan.goal(action.goal)
        held[action.number] = frozenset(terms(f"{action.text} {goal.title or ''} {goal.preamble or ''}"))
    stems = frozenset(terms(" ".join(plan_words(plan)[0])))
    return held, stems | frozenset().union(*held.values())


@per_plan
def _unheld_frame(plan: Plan) -> frozenset[str]:
    """The stems of the words that frame a request which the plan does not use: no concept a question asks the plan
    to have (every action has a deadline: "It does not mention deadline" would be wrong)."""
    return frozenset(stem for w in NO_TOPIC for stem in terms(w)) - _held(plan)[1]


SPECIFIC = 4.5  # an English word rarer than this (Zipf, wordfreq) names a subject: "linux" 4.0, "supposed" 4.9


def _specific(word: str) -> bool:
    from wordfreq import zipf_frequency

    return len(word) >= 3 and word.isalpha() and zipf_frequency(word, "en") < SPECIFIC


def own_topic(plan: Plan, lang: Lang) -> Subject:
    """Whether a question has a topic of its own besides the given actions': a topic word of the plan (in its
    English, typos repaired) that those actions do not hold ("who is supposed to use those tools?" after 15.8
    has none; "what about its funding?" has one), or, in English, a specific word the plan lacks ("does it
    mention Linux?"; an everyday one is not: "who is supposed to do it?")."""
    vocabulary, known = plan_words(plan)
    held, stems = _held(plan)

    def has_topic(question: str, previous: tuple[str, ...]) -> bool:
        # pointer words dropped before the gloss too: "ações" glosses to "action activities"; and the words that frame a
        # request ("¿y qué piden las demás de esa meta?": "piden" glosses to "request")
        own_words = " ".join(w for w in words(question) if w not in POINTER_WORDS and w not in NO_TOPIC)
        asked = {t for t in terms(gloss(own_words, lang), vocabulary, known, drop=POINTER_WORDS) if t in stems}
        if asked - frozenset().union(*(held.get(n, frozenset()) for n in previous)):
            return True
        return lang == "en" and any(_specific(w) for w in words(question) if w not in known | POINTER_WORDS)

    return has_topic


def subject(plan: Plan, lang: Lang) -> Subject:
    """Whether a follow-up has a subject of its own: a request the plan's table answers by itself ("what is
    the last deadline?"), or a topic of its own (:func:`own_topic`)."""
    topic = own_topic(plan, lang)

    def has_subject(question: str, previous: tuple[str, ...]) -> bool:
        return read_structured(plan, question, lang=lang) is not None or topic(question, previous)

    return has_subject


@per_plan
def facts(plan: Plan) -> Facts:
    """The plan's goals, deadlines and areas, as a follow-up reads them ("the other one", "due on that date", "that
    area")."""
    goals = {a.number: tuple(b.number for b in plan.select(goal=a.goal)) for a in plan.actions}
    due = {a.number: a.deadline.key for a in plan.actions}
    areas = {a.number: a.area for a in plan.actions}
    return Facts(lambda number: goals.get(number, ()), due.get, areas.get)


def pick(plan: Plan, lang: Lang) -> Pick:
    """Which of the previous answer's actions a description names ("the spectrum one", "la de financiamiento"):
    the one holding most of its words (in the plan's English, weighted by rarity) in its text, goal title or
    preamble; none when two hold as much, or none holds any."""
    vocabulary, known = plan_words(plan)
    held, _ = _held(plan)

    def chosen(description: str, previous: tuple[str, ...]) -> str | None:
        said = dict(stemmed(gloss(description, lang), vocabulary, known, drop=POINTER_WORDS))
        weight = {stem: information(word) for stem, word in said.items()}
        scores = sorted(((sum(w for t, w in weight.items() if t in held.get(n, ())), n) for n in previous),
                        reverse=True)
        if not scores or scores[0][0] <= 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
            return None
        return scores[0][1]

    return chosen


_EACH = frozenset(fold(w) for w in lexicon_words("nav_each"))
_PER = frozenset(fold(w) for w in lexicon_words("each_per"))
_ACTION_NOUNS = frozenset(fold(w) for w in lexicon_words("action_nouns"))


def _goes_through(question: str) -> bool:
    """Whether a question asks for each action in turn ("each action and when it fell due", "one line per action",
    "ação por ação"), not for those on a topic."""
    found = tokens(question)
    return bool(_EACH.intersection(found)) or any(
        w in _PER and following in _ACTION_NOUNS for w, following in pairwise(found))


def _tells_apart(plan: Plan, request: Structured, search: SearchQuery, found: Collection[str]) -> bool:
    """Whether a question searching the goal it names (every action of it named, :attr:`SearchQuery.refs`) asks a
    topic that some of its actions hold and others do not ("teachers" in goal 3), not only what the goal is ("what does
    goal 26, on indicators, ask for?": its title's words are every action's), nor for each of its actions in turn."""
    if request.goal is None or _goes_through(search.text):
        return False
    actions = [a.number for a in plan.select(goal=request.goal)]
    if not set(actions) <= set(search.refs):
        return False
    held, _ = _held(plan)
    return any(0 < sum(term in held[n] for n in actions) < len(actions) for term in found if len(term) >= 3)


def read_search(plan: Plan, query: str, lang: Lang | None = None) -> SearchQuery:
    """A search query read: ``lang`` when the caller knows it better (a chat follow-up), else read."""
    text = check_query(query)
    lang = lang or language_of(text)
    return SearchQuery(text, lang, tuple(number_matches(plan, text)), gloss(text, lang))


# words about words ("where is the word ... used?"): no topic around a quote
QUOTE_FRAME = frozenset(fold(w) for w in lexicon_words("quote_frame"))


def _quoted_subject(plan: Plan, about: str, lang: Lang) -> tuple[str, ...]:
    """What ``about`` quotes, when that is all it asks about: the words around the quotes, but for words about words,
    have no topic of their own (:func:`own_topic`: "where is the word ... used?" has none; "which ... actions reach
    rural schools?" and "which ... actions use blockchain?" have one). Quotes of no content word ("rock 'n' roll")
    are none."""
    quotes = tuple(q for q in quoted(about) if any(len(w) >= 3 for w in words(q)))
    if quotes:
        held = _clauses_of(about, [(m.start(), m.end()) for m in quote_spans(about)])
        rest = cut(held, [(m.start(), m.end()) for m in quote_spans(held)])
        rest = " ".join(w for w in words(rest) if w not in QUOTE_FRAME)
    elif named := _named_words(about, lang):  # "which actions use the word cooperation?", "la palabra seguridad"
        folded = fold(about)  # the words named are folded: their places are the folded text's
        held = _clauses_of(folded, [(m.start(), m.end()) for w in named for m in re.finditer(re.escape(w), folded)])
        quotes, rest = named, " ".join(w for w in words(held) if w not in QUOTE_FRAME and w not in named)
    else:
        return ()
    return () if own_topic(plan, lang)(rest, ()) else quotes


# where a clause ends: a mark (not inside a quote), or a dash between spaces
_CLAUSE_MARK = re.compile(r"[:;,.!?()]|\s[-\u2013\u2014]\s")


def _clauses_of(about: str, spans: list[tuple[int, int]]) -> str:
    """The clauses of ``about`` that hold ``spans`` (what it quotes or names as words), joined: the words around a
    quote that frame it, not a preamble ("Staff sweep, please: ...", "For a briefing: ...") or what it wants shown
    with each action ("..., with its deadline")."""
    marks = [m for m in _CLAUSE_MARK.finditer(about) if not any(start <= m.start() < end for start, end in spans)]
    bounds = [0, *(x for m in marks for x in (m.start(), m.end())), len(about)]
    clauses = list(zip(bounds[::2], bounds[1::2], strict=True))
    return " ".join(about[lo:hi] for lo, hi in clauses if any(lo <= start < hi for start, _ in spans))


WORD_NOUNS = frozenset(fold(w) for w in lexicon_words("word_noun"))
_JOINS = frozenset(fold(w) for w in lexicon_words("joins"))
FUNCTION_ABOVE = 6.0  # Zipf in the question's language: "de", "del", "the", "of" are no word named ("the term of ...")
_NOT_NAMED = STOPWORDS | QUOTE_FRAME  # "the word used ...", "the term of ..."


def _named_words(about: str, lang: Lang) -> tuple[str, ...]:
    """The words ``about`` names as words without quoting them: the word after a noun for a word ("the word
    stakeholders", "la palabra seguridad", "o termo Estado"), unless it is a function word ("in a word, what ...?")."""
    from wordfreq import zipf_frequency

    found = tokens(about)

    def named(word: str) -> bool:
        return (len(word) >= 3 and not word.isdigit() and word not in _NOT_NAMED
                and zipf_frequency(word, lang) < FUNCTION_ABOVE)

    chosen: list[str] = []
    for i, noun in enumerate(found[:-1]):
        if noun in WORD_NOUNS and named(found[i + 1]):
            chosen.append(found[i + 1])
            if i + 3 < len(found) and found[i + 2] in _JOINS and named(found[i + 3]):
                chosen.append(found[i + 3])  # ... and the word joined to it: "la palabra economía o económico"
    return tuple(dict.fromkeys(chosen))


def _conceptual(about: str, quotes: tuple[str, ...], lang: Lang) -> list[str]:
    """The words whose concepts the plan must have: what the question quotes when it quotes ("where is the word
    'models' used?" asks after models, not words), else its content words (of a Spanish or Portuguese question, the
    plan's English words its glossary gives and the words it has no entry for)."""
    said = " ".join(quotes) or about
    return words(said) if lang == "en" else english_concepts(said, lang)


def _title_left_out(plan: Plan, request: Structured, kept: str, left: tuple[str, ...]) -> bool:
    """Whether ``request``'s scope is a goal or an area named by its title (no number in ``kept``) that the question
    leaves out whole (``left``): "which training actions are outside goal 9?" (not "which goal 9 actions are outside
    area B?": none)."""
    if not (request.goal or request.area) or number_matches(plan, kept):
        return False
    return {a.number for a in plan.select(area=request.area, goal=request.goal)} <= set(left)


# words that point back at what was said before ("What does eLAC say about that?", "¿y sobre eso?")
STORY_POINTERS = frozenset(fold(w) for w in lexicon_words("relative_pointers") | lexicon_words("many")
                           | lexicon_words("one") | lexicon_words("goal_pointers") | lexicon_words("area_pointers")
                           if "_" not in w)


def _after_story(plan: Plan, question: str, lang: Lang) -> Structured | None:
    """The table request in the last sentence of ``question`` when the sentences before it only tell something
    (:func:`~.scope.told_first`) and it stands alone: no pointer back at them ("What does the plan say about that?");
    a request about the whole plan only when what they tell names no subject the plan has ("My minister has two
    minutes before a press conference. What are the big commitments in eLAC 2007?", not "Our university network
    wants to join the regional research backbone. What does the plan say?": the backbone is what is asked)."""
    story, last = told_first(question)
    if not story or not STORY_POINTERS.isdisjoint(tokens(last)):
        return None
    request = read_structured(plan, last, lang=lang)
    if request is None or request.kind == "filtered":
        return None
    whole_plan = request.area is None and request.goal is None and not request.goals and not request.areas
    if whole_plan and (named := named_list(fold(story))) is not None:
        # the goals the story names bound the request ("Looking only at goals 14 to 16, I need the exceptions:
        # anything with a deadline other than mid-2007.")
        scoped = read_structured(plan, f"{last} in {named[0]}", lang=lang)
        return scoped if scoped is not None and scoped.kind == request.kind else None
    held = _held(plan)[1]
    if whole_plan and any(stem in held and _specific(word)
                          for stem, word in stemmed(gloss(story, lang), *plan_words(plan), drop=NO_TOPIC)):
        return None
    return request


def read(plan: Plan, question: str, history: Sequence[Turn | Mapping] | None = None) -> Reading:
    """Read ``question`` (with the earlier turns of its chat) once."""
    question = check_query(question)
    turns = as_turns(history)
    # the user's language, from what they typed ("¿y la segunda?"), else from their last question
    lang = detect(question) or (language_of(turns[-1].question) if turns else "en")
    # "the first area", "la última meta", "the goal after goal 9", "the next goal": the plan's own references
    # ("area A", "meta 30", "goal 10"), for every reader below
    typed = with_apostrophes(question) if lang == "en" else question  # "whats" is "what's", no concept
    previous = turns[-1] if turns else None
    # ... and a place composed in other words ("Area D has five goals - what does the middle one cover?", "go back
    # two goals from there": reading/navigate.py)
    # "and the action right after it?", "the second action of that goal" after a refusal ("Action 11.2 does not
    # mention incentives"): next to or in the conversation's subject, the action of the latest answer that cited one
    # (a refusal cites none)
    cited = next((turn for turn in reversed(turns) if turn.citations), previous)
    named = in_previous(plan, by_verb(typed), cited)
    named = placed(plan, beside(plan, navigate(plan, named, cited), cited))
    resolved = resolve(named, turns, subject(plan, lang), pick(plan, lang), lang, facts(plan), own_topic(plan, lang))
    asked = placed(plan, resolved.question)  # "and the last one?" after "the first action of the plan?": its place
    places = countries(asked)
    place_words = {w for place in places for w in words(place)} | country_words(asked)
    left = left_out(plan, asked)  # "training outside goal 9": goal 9 is no scope, reference or topic of it
    kept = asked if left is None else cut(asked, [(left.start, left.end)])
    request = read_structured(plan, kept, of_list=bool(resolved.within), lang=lang)
    if resolved.within and request is not None and (
            request.kind == "overview"
            or (request.kind == "filtered" and not own_topic(plan, lang)(kept, resolved.within))):
        # "keep only the ones in area B", "filtra las que vencían a fines de 2006": the previous list, filtered
        request = replace(request, kind="list")
    if (resolved.within and request is not None and request.kind == "list" and request.deadline is None
            and asks_if_deadlines_compare(question, lang)):
        # "did those two share a due date?", "was it due before 14.2?": their deadlines side by side, compared
        # (in the order asked when it named them, else in the plan's); "was that one due before both actions of the
        # previous goal?": beside the goal's or area's actions it names
        chosen = resolved.within if resolved.sides else sorted(resolved.within, key=lambda n: plan.action(n).sort_key)
        scoped = [a.number for a in request.actions if a.number not in chosen] if (request.goal or request.area) else []
        request = Structured("compare", tuple(plan.action(n) for n in [*chosen, *scoped]))
    if (request is None or request.kind == "filtered") and not resolved.within and left is None:
        # "Our labour ministry is designing a push on digital skills. Brief me on eLAC's training goal.": what the
        # table reads in the last sentence, after sentences that only tell the asker's situation (whose words are no
        # topic searched within the goal it names either)
        request = _after_story(plan, kept, lang) or request
    if request is not None and left is not None and _title_left_out(plan, request, kept, left.actions):
        # "which training actions are outside goal 9?": the title words are a topic, not a scope it leaves out whole
        request = None
    if request is None and left is not None and not own_topic(plan, lang)(kept, resolved.within):
        if resolved.within:
            # "of those, which sit outside area A?", "e quais ficam fora da área A?": the previous list without them
            request = Structured("list", tuple(plan.action(n) for n in resolved.within), of_list=True)
        elif asks_only_actions(kept) and not leftover_topic(plan, kept, Structured("list"), lang):
            # "which actions are outside area A?", "¿cuántas acciones no pertenecen al área E?": the plan without them
            request = Structured("count_actions" if asks_count(fold(kept)) else "list", plan.actions)
    # "training outside goal 9", and after an answer "what else was due on that date?": not its actions
    leaving = (left.actions if left is not None else ()) + resolved.besides
    if leaving and request is not None:
        request = replace(request, actions=tuple(a for a in request.actions if a.number not in leaving))
    about = set_aside(kept, lang)  # "not museums, but natural heritage": what is asked about
    # "Pull up all the actions that mention software": a command's verb, whatever it is, frames the request (no term or
    # concept of it; the search reads the question as typed)
    commanded = {w for start, end in command_words(about, _held(plan)[1]) for w in words(about[start:end])}
    about = without_countries(about) if places else about  # the plan names no country: no search term
    content = tuple(words(about))
    search = read_search(plan, about, lang)
    # who the asker says they are ("As rector of a public university, ..."): the plan need not name it, so its
    # words the plan lacks are no terms of the question (its words the plan has, "university", are)
    asker = self_described(about)
    unnamed: set[str] = set()
    asker_stems = {stem for stem, _ in stemmed(gloss(asker, lang), *plan_words(plan))} if asker else set()
    if asker:  # ... unless the question asks about them too ("Soy apicultor. ¿Dice algo sobre apicultores?")
        rest = about[len(asker):]
        unnamed = (asker_stems - _held(plan)[1]
                   - {stem for stem, _ in stemmed(gloss(rest, lang), *plan_words(plan))})
    found: dict[str, float] = {}
    # the words it quotes are its subject, when they are all it asks about ("where does the phrase 'human development'
    # turn up?")
    quotes = _quoted_subject(plan, about, lang)
    # asked for every action: worded as a list, or asking for a set (not of the one action it is about) or saying who
    # asks: what in the plan concerns them ("I run a community radio. What is there for me?")
    wants_all = is_topic_question(asked) or (resolved.focus is None and (asks_for_set(asked) or bool(asker)))
    # "does it name earthquakes specifically?": yes or no; not a list ("every action that mentions rural areas")
    mention = asks_mention(question, lang) and request is None and not resolved.within and not wants_all
    subject_text = gloss(" ".join(quotes), lang) if quotes else search.english
    for stem, word in stemmed(subject_text, *plan_words(plan), drop=place_words | NO_TOPIC | commanded):
        if stem not in RESULT_TERMS and stem not in unnamed:
            found.setdefault(stem, information(word))
    # (who the asker is tells no topic apart: "Dirijo la oficina de informática de una universidad. Resúmeme la meta 8")
    if request is not None and request.kind == "filtered" and _tells_apart(plan, request, search,
                                                                             set(found) - asker_stems):
        # "which action in goal 6 trains local officials?", "hay en esa misma meta alguna acción para ...": the goal
        # named is where to search: its actions ranked by the topic, not in the plan's order
        search = replace(search, scoped=True)
    return Reading(
        question=question,
        asked=asked,
        lang=lang,
        search=search,
        words=content,
        request=request,
        unknown_refs=tuple(unknown_actions(plan, asked)),
        scope=out_of_scope(asked),
        wants_all=wants_all,
        focus=resolved.focus,
        avoid=tuple(n for n in resolved.avoid if n not in search.refs),  # "and action 15.6?": not avoided
        within=resolved.within,
        unresolved=resolved.unresolved,
        places=places,
        # (of a question about the action just shown, its own words: "does it mention climate change?" after goal 20
        # asks after climate change, though it is read as about 20)
        # ("¿Incluye también los contratos electrónicos?": the verb that opens it asks, and is no concept of it)
        concepts=tuple(w for w in _conceptual(asked_of_words(question) if resolved.asks_of
                                              else question if mention and resolved.focus else about, quotes, lang)
                       if fold(w) not in place_words | commanded | (MENTION_WORDS if mention or resolved.asks_of
                                                                    else frozenset())
                       | (POINTER_WORDS if resolved.asks_of else frozenset())
                       and not set(terms(w)) & (unnamed | _unheld_frame(plan))),
        weighted_terms=tuple(found.items()),
        results=asks_results(asked),
        left_out=leaving,
        quoted_subject=quotes,
        mention=mention,
        unnamed=names_lacking(plan, question, lang, frozenset(place_words)) if mention else (),
        asks_of=resolved.asks_of,
        compared=None if resolved.compare_to is None else read_search(plan, resolved.compare_to, lang),
        compared_goal=resolved.compare_to is not None and not GOAL_WORDS.isdisjoint(tokens(resolved.compare_to)),
        compared_first=resolved.compare_first,
    )
