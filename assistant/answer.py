"""Grounded answers composed from retrieved actions, with no generative model.

An answer leads with the best-matching action(s), quotes the plan's words exactly,
names goal and deadline, then lists related actions. Every citation is checked:
the action exists, was retrieved (is among the answer's hits), and its quote is an
exact substring of the action's text. When the plan does not cover a question the
answer says so and shows the closest actions without citing them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .errors import GroundingError
from .evidence import Judgement
from .lang import PHRASES, Lang, area_label, area_title, deadline_text, goal_label, goal_title
from .plan import Action, Plan
from .reading import Reading, Structured, Turn
from .reading.text import words
from .retrieve import Hit

QUOTE_WHOLE_UP_TO = 240  # characters: shorter actions are quoted whole
# the one citation marker: "[3.1]", "[12]" in an answer's text (render.py finds the same)
CITATION_MARKER = re.compile(r"\[(\d{1,2}(?:\.\d{1,2})?)\]")


def marker(number: str) -> str:
    return f"[{number}]"


@dataclass(frozen=True)
class Citation:
    action: str
    quote: str  # exact words of the plan: a substring of the action's text


AnswerKind = Literal["search", "lookup", "structured", "abstain"]


@dataclass(frozen=True)
class Answer:
    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    hits: tuple[Hit, ...]  # the evidence shown with the answer
    kind: AnswerKind
    question: str  # the question as answered (follow-ups resolved)
    lang: Lang = "en"  # the language the answer is framed in (the user's); quotes stay the plan's English

    @property
    def cited(self) -> list[str]:
        return [c.action for c in self.citations]

    def turn(self) -> Turn:
        """What a conversation keeps of this answer for the next question's follow-ups."""
        return Turn(self.question, tuple(self.cited), tuple(h.action for h in self.hits))


@dataclass(frozen=True)
class Citing:
    """How many actions an answer cites at most (which ones, and whether to answer at all: assistant/evidence.py)."""

    max_cited: int = 3
    max_cited_topic: int = 8


# -- quoting ----------------------------------------------------------------------
_JOINERS = (
    "if", "particularly", "while", "including", "with", "and", "as well as", "which", "in order to", "so that",
    "considering", "taking", "ensuring", "encouraging", "using", "especially", "in particular", "such as",
    "within", "in accordance", "regardless", "to", "both",
)
_CLAUSE_END = re.compile(r"(?<=;)\s+|(?<=,)\s+(?=(?:" + "|".join(_JOINERS) + r")\b)|\s+(?=while |with a view to )")


def clauses(text: str, min_len: int = 50) -> list[str]:
    """The text cut at commas, semicolons and a few joining words; short pieces merged. Exact slices."""
    cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    pieces: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(cuts):
        if pieces and (pieces[-1][1] - pieces[-1][0] < min_len or end - start < min_len // 2):
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return [text[s:e].strip() for s, e in pieces if text[s:e].strip()]


def best_quote(text: str, asked_words: tuple[str, ...]) -> str:
    """The whole action when short, else its clause sharing most words with the question's content words."""
    if len(text) <= QUOTE_WHOLE_UP_TO:
        return text
    asked = {w[:5] for w in asked_words}
    parts = clauses(text)
    scored = [(sum(w[:5] in asked for w in set(words(p))), -i, p) for i, p in enumerate(parts)]
    best = max(scored)[2]
    return best.rstrip(",;: ")


def _quote(citation: Citation, full: str) -> str:
    q = f"“{citation.quote}”"
    if not full.startswith(citation.quote):
        q = "“…" + q[1:]
    if not full.rstrip(".").endswith(citation.quote.rstrip(".")):
        q = q[:-1] + "…”"
    return q


def check_grounding(plan: Plan, answer: Answer) -> Answer:
    """Every citation names an existing, retrieved action and quotes its exact words."""
    shown = {h.action for h in answer.hits}
    for c in answer.citations:
        if not plan.has_action(c.action):
            raise GroundingError(f"cited action {c.action} does not exist")
        if c.action not in shown:
            raise GroundingError(f"cited action {c.action} was not retrieved")
        if not c.quote or c.quote not in plan.action(c.action).text:
            raise GroundingError(f"the quote for {c.action} is not the plan's text")
        if marker(c.action) not in answer.text:
            raise GroundingError(f"citation {c.action} is not shown in the answer text")
    for number in CITATION_MARKER.findall(answer.text):
        if number not in {c.action for c in answer.citations}:
            raise GroundingError(f"the text shows [{number}] but it is not a checked citation")
    if answer.abstained and answer.citations:
        raise GroundingError("an abstention cites nothing")
    return answer


# -- composing ------------------------------------------------------------------
def _due(action: Action, lang: Lang) -> str:
    return f"{PHRASES[lang].due} {deadline_text(action.deadline, lang)}"


def _where(plan: Plan, action: Action, lang: Lang) -> str:
    goal = plan.goal(action.goal)
    return f"{goal_label(goal, plan.area(goal.area), lang)}; {_due(action, lang)}"


def _cite_line(plan: Plan, action: Action, asked_words: tuple[str, ...], lang: Lang,
               whole: bool = False) -> tuple[str, Citation]:
    citation = Citation(action.number, action.text if whole else best_quote(action.text, asked_words))
    where = _where(plan, action, lang)
    line = f"{PHRASES[lang].action} {action.number} ({where}): {_quote(citation, action.text)} [{action.number}]"
    return line, citation


def _short(plan: Plan, hit: Hit, lang: Lang) -> str:
    title = goal_title(plan.goal(hit.goal), lang) or f"{PHRASES[lang].area} {hit.area}"
    return f"{hit.action} ({title}, {_due(plan.action(hit.action), lang)})"


def abstain(plan: Plan, hits: list[Hit], reading: Reading, reason: str | None = None) -> Answer:
    """The plan does not cover the question (``reason``, worded, says why when known): the closest actions,
    not cited."""
    lang = reading.lang
    p = PHRASES[lang]
    if reading.unresolved:  # "what is its deadline?" with nothing before it: ask, show nothing
        return Answer(p.which_action, (), True, (), "abstain", reading.asked, lang)
    closest = hits[:3]
    text = p.not_covered + (f" {reason}" if reason else "")
    if closest:
        text += f" {p.closest} " + "; ".join(_short(plan, h, lang) for h in closest) + "."
    return Answer(text, (), True, tuple(closest), "abstain", reading.asked, lang)


def not_covered_reason(reading: Reading) -> str | None:
    """Why the plan cannot answer the question whatever retrieval finds, in the user's language: it asks
    for what the plan never states, or names an action the plan lacks. None when it may be answered."""
    p = PHRASES[reading.lang]
    if reading.unresolved:
        return p.which_action
    if reading.scope:
        return getattr(p, reading.scope)
    return p.no_such_action.format(numbers=", ".join(reading.unknown_refs)) if reading.unknown_refs else None


def not_mentioned(word: str, lang: Lang) -> str:
    """Why the plan cannot answer: a concept of the question it does not have."""
    return PHRASES[lang].not_mentioned.format(word=word)


def action_lacks(numbers: Sequence[str], word: str, lang: Lang) -> str:
    """Why the actions asked of do not answer a yes-or-no question about them: a word of the question none has."""
    p = PHRASES[lang]
    if len(numbers) == 1:
        return p.action_lacks.format(number=numbers[0], word=word)
    return p.actions_lack.format(numbers=", ".join(numbers), word=word)


def compose(plan: Plan, reading: Reading, hits: list[Hit], judgement: Judgement, limits: Citing | None = None,
            ) -> Answer:
    """An answer from ranked hits (best first), framed in the user's language: it cites the hits the
    ``judgement`` (assistant/evidence.py) supports, the most probable first, or refuses when it says the
    plan does not answer the question."""
    limits = limits or Citing()
    lang = reading.lang
    p = PHRASES[lang]
    support = judgement.supports
    if len(support) != len(hits):
        raise ValueError("one support per hit")
    # "how many schools were actually connected?": the plan has the commitment, if an action supports it
    commitment = reading.results and any(s.cited for s in support)
    if not hits or not (judgement.covered or commitment or "number" in hits[0].retrievers):
        return abstain(plan, hits, reading)
    exact = [h for h in hits if "number" in h.retrievers]
    if exact:
        lead = exact[: limits.max_cited_topic]
        kind = "lookup"
    else:
        topic = reading.wants_all
        likely = sorted(range(len(hits)), key=lambda i: -support[i].probability)
        chosen = [i for i in likely if support[i].cited][: limits.max_cited_topic if topic else limits.max_cited]
        lead = [hits[i] for i in chosen or likely[:1]]
        if topic and not reading.search.scoped:
            # a goal two of them share is on the topic as a whole: all its actions are cited (not when the question
            # searched that goal for a topic)
            siblings = _goal_siblings(plan, lead)
            lead, hits = lead + siblings, hits + [s for s in siblings if s.action not in {h.action for h in hits}]
            lead = by_goal(plan, lead)
        kind = "search"
    lines: list[str] = []
    citations: list[Citation] = []
    for hit in lead:
        line, citation = _cite_line(plan, plan.action(hit.action), reading.words, lang, whole=kind == "lookup")
        lines.append(line if len(lead) == 1 else f"- {line}")
        citations.append(citation)
    if kind == "search":
        lines.insert(0, p.results if reading.results else p.addressed_one if len(lead) == 1 else
                     _where_many(plan, lead, lang) if reading.wants_all else p.addressed_many.format(n=len(lead)))
    cited = {c.action for c in citations}
    if kind == "lookup":  # the rest of the goal, not search noise
        goals = {h.goal for h in lead}
        related = [h for h in hits if h.action not in cited and h.goal in goals]
    else:
        related = [h for h in hits if h.action not in cited][:3]
    if related:
        lines.append(f"{p.related}: " + "; ".join(_short(plan, h, lang) for h in related) + ".")
    if reading.places:
        lines.append(p.regional)
    text = "\n".join(lines)
    return Answer(text, tuple(citations), False, tuple(hits), kind, reading.asked, lang)


def _where_many(plan: Plan, lead: list[Hit], lang: Lang) -> str:
    """A topic answer's lead sentence: how many actions, and of which goals."""
    p = PHRASES[lang]
    goals = list(dict.fromkeys(h.goal for h in lead))
    if len(goals) == 1:
        goal = plan.goal(goals[0])
        return p.addressed_goal.format(n=len(lead), goal=goal_label(goal, plan.area(goal.area), lang))
    return p.addressed_goals.format(n=len(lead), g=len(goals), numbers=", ".join(str(g) for g in goals))


def by_goal(plan: Plan, hits: list[Hit]) -> list[Hit]:
    """A topic answer's actions grouped by goal, as a reader of the plan expects them ("the second one" is the
    second shown): the goals in the order of their most probable action, each goal's actions in the order given
    (the most probable first: the lead stays the best-supported action)."""
    rank = {g: i for i, g in enumerate(dict.fromkeys(h.goal for h in hits))}
    return sorted(hits, key=lambda h: rank[h.goal])  # stable: each goal's own order kept


def _goal_siblings(plan: Plan, lead: list[Hit]) -> list[Hit]:
    """The other actions of every goal at least two of ``lead`` belong to, in plan order, as hits found
    by that goal ("goal")."""
    shared = [g for g, n in Counter(h.goal for h in lead).items() if n >= 2]
    have = {h.action for h in lead}
    return [
        Hit(plan.info(a), score=0.0, similarity=0.0, multilingual_similarity=None, bm25=0.0, retrievers=("goal",))
        for g in shared for a in plan.select(goal=g) if a.number not in have
    ]


def compose_structured(plan: Plan, s: Structured, reading: Reading) -> Answer:
    """An exact answer from the plan's table, framed in the user's language."""
    lang = reading.lang
    p = PHRASES[lang]
    hits: list[Hit] = []
    for rank, action in enumerate(s.actions):
        info = plan.info(action)
        hits.append(Hit(info, score=float(len(s.actions) - rank), similarity=1.0, multilingual_similarity=None,
                           bm25=0.0, retrievers=("table",)))
    citations: list[Citation] = []
    rows: list[str] = []
    for action in s.actions:
        line, citation = _cite_line(plan, action, reading.words, lang, whole=s.kind == "deadline_of")
        if s.kind != "deadline_of":
            citation = Citation(action.number, first_words(action.text))
            line = f"[{action.number}] {_due(action, lang)}: {_quote(citation, action.text)}"
        citations.append(citation)
        rows.append(line)

    scope = _scope(plan, s, lang)
    if s.of_list:  # "keep only the ones due in 2005": of the previous answer's actions, not of the plan
        scope = p.of_these if scope == p.in_plan else f"{p.of_these} {scope}"
    n = len(s.actions)
    noun = p.action_one if n == 1 else p.action_many
    if s.kind == "overview":
        head, rows = _overview(plan, s, rows, lang)
    elif s.kind == "count_goals":
        where = " " + p.in_area.format(area=area_label(plan.area(s.area), lang)) if s.area else ""
        tail = "." if s.area else p.in_areas.format(n=len(plan.areas))
        head = p.plan_has_goals.format(n=s.count, where=where) + tail
    elif s.kind == "count_areas":
        areas = "; ".join(f"{a.letter}. {area_title(a, lang)}" for a in plan.areas)
        head = p.plan_has_areas.format(n=len(plan.areas), areas=areas)
    elif s.kind == "deadline_of":
        action = s.actions[0]
        head = p.is_due.format(number=action.number, deadline=deadline_text(action.deadline, lang))
        rows = [rows[0]]
    elif s.kind in ("earliest", "latest"):
        which = p.earliest if s.kind == "earliest" else p.latest
        when = deadline_text(s.deadline, lang) if s.deadline else "-"
        where = (p.of_these if s.of_list else p.of_actions.format(numbers=", ".join(s.among)) if s.among
                 else p.of_goals if s.goals else
                 _scope(plan, replace(s, deadline=None), lang) if (s.area or s.goal) else p.of_plan)
        if s.rank and s.deadline is None:  # fewer distinct deadlines than the rank asked
            head = p.no_rank.format(rank=p.ranks[s.rank - 1], which=which, where=where)
        elif s.rank:  # "the second-to-last deadline"
            head = p.extreme_ranked.format(rank=p.ranks[s.rank - 1], which=which, where=where, deadline=when, n=n,
                                           actions=noun)
        else:
            head = p.extreme.format(which=which, where=where, deadline=when, n=n, actions=noun)
    elif s.kind == "compare":
        head = _compared(s.actions, lang)
    elif s.kind in ("goals", "areas"):
        head, rows = _wholes(plan, s, rows, lang)
    elif s.kind == "single":
        where = " " + _scope(plan, s, lang) if s.area else ""
        head = p.single.format(n=n, goals=p.goal_many, where=where)
    elif s.kind == "count_actions":
        head = f"{n} {noun} {scope}" + (":" if n else ".")
    else:
        head = f"{n} {noun} {scope}:" if n else p.none.format(scope=scope)
    if reading.places:  # "what was Argentina to set up by November 2005?": the plan's regional actions
        rows = [*rows, p.regional]
    text = "\n".join([head, *rows]) if rows else head
    return Answer(text, tuple(citations), False, tuple(hits), "structured", reading.asked, lang)


def _compared(actions: tuple[Action, ...], lang: Lang) -> str:
    """How the deadlines of the actions a question compares stand: one deadline for all, or the earliest and the
    latest ("was 29 due any earlier than 30?", "did it share a deadline with 2.4?")."""
    p = PHRASES[lang]
    numbers = ", ".join(a.number for a in actions)
    dates = sorted({a.deadline.key: a.deadline for a in actions}.items())
    if not dates:  # every one of them left out ("... outside goal 24")
        return p.none.format(scope=p.of_these)
    if len(dates) == 1:
        return p.same_deadline.format(numbers=numbers, deadline=deadline_text(dates[0][1], lang))
    (first_key, first), (last_key, last) = dates[0], dates[-1]
    return p.deadlines_differ.format(
        numbers=numbers, first=deadline_text(first, lang), last=deadline_text(last, lang),
        first_numbers=", ".join(a.number for a in actions if a.deadline.key == first_key),
        last_numbers=", ".join(a.number for a in actions if a.deadline.key == last_key))


def _overview(plan: Plan, s: Structured, rows: list[str], lang: Lang) -> tuple[str, list[str]]:
    """The structure of the plan, an area or a goal: a head with its counts and deadline range, then its
    goals, each with one line per action (the rows, in plan order)."""
    p = PHRASES[lang]
    if s.goal is not None:
        goal = plan.goal(s.goal)
        scope = goal_label(goal, plan.area(goal.area), lang)
    elif s.area is not None:
        scope = _capitalised(area_label(plan.area(s.area), lang))
    else:
        scope = p.the_plan
    goals = list(dict.fromkeys(a.goal for a in s.actions))
    deadlines = sorted(a.deadline for a in s.actions)
    first, last = deadline_text(deadlines[0], lang), deadline_text(deadlines[-1], lang)
    due = f"{p.due_on} {first}" if first == last else p.due_from_to.format(first=first, last=last)
    template = p.overview_goal if s.goal is not None else p.overview_goals if s.goals else p.overview
    head = template.format(
        scope=scope, goals=len(goals), goal_word=p.goal_one if len(goals) == 1 else p.goal_many,
        actions=len(s.actions), action_word=p.action_one if len(s.actions) == 1 else p.action_many, due=due,
        numbers=", ".join(str(g) for g in s.goals),
    )
    if s.goal is not None:
        return head, rows
    grouped: list[str] = []
    for number in goals:
        goal = plan.goal(number)
        grouped.append(goal_label(goal, plan.area(goal.area), lang))
        grouped += [f"- {row}" for action, row in zip(s.actions, rows, strict=True) if action.goal == number]
    return head, grouped


def _wholes(plan: Plan, s: Structured, rows: list[str], lang: Lang) -> tuple[str, list[str]]:
    """Goals or areas chosen by their actions: their numbers or letters and counts, then each one, titled, with its
    actions' rows."""
    p = PHRASES[lang]
    n = len(s.actions)
    action_word = p.action_one if n == 1 else p.action_many
    if s.kind == "areas":
        if not s.areas:
            return p.no_area, []
        head = p.areas_match.format(letters=", ".join(s.areas), a=len(s.areas), n=n, action_word=action_word,
                                    area_word=p.area_one if len(s.areas) == 1 else p.area_many)
        titled = {letter: _capitalised(area_label(plan.area(letter), lang)) for letter in s.areas}
    else:
        if not s.goals:
            return p.no_goal, []
        head = p.goals_match.format(numbers=", ".join(str(g) for g in s.goals), g=len(s.goals), n=n,
                                    action_word=action_word, goal_word=p.goal_one if len(s.goals) == 1 else p.goal_many)
        titled = {g: goal_label(plan.goal(g), plan.area(plan.goal(g).area), lang) for g in s.goals}
    of = (lambda a: a.area) if s.kind == "areas" else (lambda a: a.goal)
    grouped: list[str] = []
    for key, label in titled.items():
        grouped.append(label)
        grouped += [f"- {row}" for action, row in zip(s.actions, rows, strict=True) if of(action) == key]
    return head, grouped


def _capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]


def first_words(text: str, limit: int = 90) -> str:
    """The action's opening words, cut at a word boundary: an exact prefix of its text."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;: ")


def _scope(plan: Plan, s: Structured, lang: Lang) -> str:
    p = PHRASES[lang]
    parts = []
    if s.goal is not None and s.kind in ("list", "count_actions", "earliest", "latest"):
        goal = plan.goal(s.goal)
        parts.append(p.in_goal.format(goal=goal_label(goal, plan.area(goal.area), lang)))
    elif s.goals and s.kind in ("list", "count_actions"):  # "which actions of goals 13 and 14 ...?"
        parts.append(p.in_goals.format(numbers=", ".join(str(g) for g in s.goals)))
    elif s.areas and s.kind in ("list", "count_actions", "earliest", "latest"):  # "which actions in areas D and E ...?"
        parts.append(p.in_area_letters.format(letters=", ".join(s.areas)))
    if s.area:
        parts.append(p.in_area.format(area=area_label(plan.area(s.area), lang)))
    if s.deadline is not None:
        bare_year = s.deadline.month == 1 and s.deadline.text.isdigit()  # "before 2007", "since 2006"
        if s.comparison == "year":
            parts.append(p.due_in_year.format(year=s.deadline.year))
        elif s.comparison == "not_year":
            parts.append(p.due_not_year.format(year=s.deadline.year))
        elif s.comparison == "lt" and bare_year:
            parts.append(p.due_before_year.format(year=s.deadline.year))
        elif s.comparison == "ge" and bare_year:
            parts.append(p.due_from_year.format(year=s.deadline.year))
        elif s.comparison == "between" and s.until is not None:
            parts.append(p.due_between.format(low=deadline_text(s.deadline, lang), high=deadline_text(s.until, lang)))
        else:
            word = {"eq": p.due_on, "ne": p.due_not, "le": p.due_by, "lt": p.due_before, "gt": p.due_after,
                    "ge": p.due_from}[
                s.comparison or "eq"]
            parts.append(f"{word} {deadline_text(s.deadline, lang)}")
    if not parts:
        parts.append(p.in_plan)
    return ", ".join(parts)
