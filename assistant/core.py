"""The Assistant: the one seam the faces use. Loads the plan, the model and the index once."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .adapter import load_adapter
from .answer import (
    Answer,
    Citing,
    abstain,
    action_lacks,
    check_grounding,
    compose,
    compose_structured,
    not_covered_reason,
    not_mentioned,
)
from .corpus import DEFAULT_CORPUS, file_sha256, load_plan
from .coverage import ConceptRule, Concepts
from .embed import Embedder, get_embedder
from .errors import IndexStateError
from .evidence import Evidence, Judgement
from .lang import Lang
from .paths import index_root as locate_index
from .plan import ActionInfo, Plan
from .precedent import load_precedents
from .reading import Reading, Structured, Turn, action_words, read, read_search, restrict
from .relevance import JUDGED, Found, levels, matches
from .retrieve import Channel, Fusion, Hit, Retriever, RetrieverName, check_top_k
from .store import Manifest, build_index, load_index, plan_digest

CANDIDATES = 10  # the actions retrieved for a question, each then judged (assistant/evidence.py)
DEFAULT_CHANNELS: dict[str, str | Embedder] = {"dense": "minilm", "multilingual": "e5"}
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _default_digest() -> str:
    return plan_digest(load_plan(DEFAULT_CORPUS))


def index_folder(index_root: str | Path, model: Embedder, plan: Plan) -> Path:
    """``index/<model>`` for this repository's plan; another plan gets its own folder,
    so that trying a corpus never overwrites the main index."""
    digest = plan_digest(plan)
    name = model.name if digest == _default_digest() else f"{model.name}-{digest[:12]}"
    return Path(index_root) / name


def _embedders(channels: dict[str, str | Embedder] | None) -> list[tuple[str, Embedder]]:
    """(channel name, embedder) for each channel; names are looked up in the embedder registry."""
    return [
        (name, get_embedder(spec) if isinstance(spec, str) else spec)
        for name, spec in (channels or DEFAULT_CHANNELS).items()
    ]


def _step(progress: Callable[[str, int, int], None] | None, model: Embedder) -> Callable[[int, int], None] | None:
    """The build progress callback for one model, labelled with its name."""
    if progress is None:
        return None
    return lambda done, total: progress(model.name, done, total)


@dataclass(frozen=True)
class Route:
    """Where an answer comes from: ``not_covered`` (the plan cannot answer; ``reason`` says why),
    ``table`` (the plan's table answers exactly) or ``search`` (the retrieved ``hits``)."""

    way: Literal["not_covered", "table", "search"]
    hits: tuple[Hit, ...] = ()
    reason: str | None = None
    request: Structured | None = None  # what the table answers (``table``)
    judgement: Judgement | None = None  # the evidence on ``hits``: which address the question (``search``)


class Assistant:
    """Search and ask the plan. Create it with :meth:`load`; it is then fast and reusable."""

    def __init__(
        self, plan: Plan, retriever: Retriever, manifests: dict[str, Manifest], *, rebuilt: str | None = None
    ):
        self.plan = plan
        self.retriever = retriever
        self.manifests = manifests
        self.rebuilt = rebuilt  # why the index was rebuilt at load, or None
        self.citing = Citing()
        self.concept_rule = ConceptRule()
        # the plan's words, and their meanings by the English model: which concepts the plan has
        self.concepts = Concepts(retriever.lexical.vocabulary, next(iter(retriever.channels.values())).embedder)
        self.evidence = Evidence(plan)  # does a candidate address the question? (a fitted model)

    @classmethod
    def load(
        cls,
        corpus: str | Path = DEFAULT_CORPUS,
        index_root: str | Path | None = None,
        *,
        channels: dict[str, str | Embedder] | None = None,
        rebuild: bool = True,
        fusion: Fusion | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        adapters: bool = True,
    ) -> Assistant:
        """Load the plan and its indexes, building an index when missing, stale or corrupt.

        ``channels`` maps a dense channel name to an embedder (default: ``dense`` is
        all-MiniLM-L6-v2, ``multilingual`` is multilingual-e5-small). Each embedder's index
        lives in ``index_root/<embedder name>/``; ``index_root`` defaults to the rule of
        :func:`assistant.paths.index_root` ($ELAC_INDEX, the checkout's ``index/``, the user cache).
        With ``rebuild=False`` a missing, stale
        or corrupt index raises :class:`IndexStateError`. A dense channel ranks with its query adapter
        (:mod:`assistant.adapter`) and its questions' precedents vote (:mod:`assistant.precedent`) when they were
        fitted for its model and this plan, unless ``adapters=False`` (both are learnt from labelled questions).
        """
        plan = load_plan(corpus)
        digest = file_sha256(corpus)
        index_root = locate_index(index_root)
        loaded: list[Channel] = []
        reasons: list[str] = []
        for name, model in _embedders(channels):
            folder = index_folder(index_root, model, plan)
            try:
                index = load_index(folder, plan=plan, embedder=model)
            except IndexStateError as exc:
                if not rebuild:
                    raise
                reasons.append(str(exc))
                log.warning("rebuilding the index: %s", exc)
                build_index(plan, digest, model, folder, progress=_step(progress, model))
                index = load_index(folder, plan=plan, embedder=model)
            loaded.append(Channel(name, model, index, load_adapter(model.name, index.manifest) if adapters else None,
                                  load_precedents(model.name, index.manifest) if adapters else None))
        manifests = {c.name: c.index.manifest for c in loaded}
        return cls(plan, Retriever(plan, loaded, fusion), manifests, rebuilt="; ".join(reasons) or None)

    @staticmethod
    def build(
        corpus: str | Path = DEFAULT_CORPUS,
        index_root: str | Path | None = None,
        *,
        channels: dict[str, str | Embedder] | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> dict[str, Manifest]:
        """Build every channel's index from scratch (each atomically); their manifests."""
        plan = load_plan(corpus)
        digest = file_sha256(corpus)
        index_root = locate_index(index_root)
        out: dict[str, Manifest] = {}
        for name, model in _embedders(channels):
            folder = index_folder(index_root, model, plan)
            out[name] = build_index(plan, digest, model, folder, progress=_step(progress, model))
        return out

    @staticmethod
    def index_status(
        corpus: str | Path = DEFAULT_CORPUS,
        index_root: str | Path | None = None,
        *,
        channels: dict[str, str | Embedder] | None = None,
    ) -> list[str]:
        """Why each index is not current (an empty list when all are); loads no model."""
        plan = load_plan(corpus)
        index_root = locate_index(index_root)
        problems = []
        for _, model in _embedders(channels):
            try:
                load_index(index_folder(index_root, model, plan), plan=plan, embedder=model)
            except IndexStateError as exc:
                problems.append(str(exc))
        return problems

    # -- the plan ----------------------------------------------------------
    def show(self, number: str) -> ActionInfo:
        return self.plan.info(number)

    def list(
        self, area: str | None = None, goal: int | str | None = None, due_by: str | None = None
    ) -> list[ActionInfo]:
        return [self.plan.info(a) for a in self.plan.select(area=area, goal=goal, due_by=due_by)]

    # -- answers -----------------------------------------------------------
    def ask(self, question: str, history: Sequence[Turn | Mapping] | None = None, *, top_k: int = CANDIDATES,
            ) -> Answer:
        """A grounded answer to ``question``; ``history`` holds the earlier turns of a chat.

        read -> route -> compose: the question is read once (:func:`assistant.reading.read`), :meth:`route`
        decides where its answer comes from, and the answer is composed and its citations checked."""
        reading = read(self.plan, question, history)
        route = self.route(reading, top_k=top_k)
        if route.way == "not_covered":
            answer = abstain(self.plan, list(route.hits), reading, route.reason)
        elif route.way == "table":
            assert route.request is not None
            answer = compose_structured(self.plan, route.request, reading)
        else:
            assert route.judgement is not None
            answer = compose(self.plan, reading, list(route.hits), route.judgement, self.citing)
        return check_grounding(self.plan, answer)

    def route(self, reading: Reading, *, top_k: int = CANDIDATES) -> Route:
        """Where the answer to ``reading`` comes from, with the evidence: public, so that tuning and
        calibration scripts run exactly what :meth:`ask` runs."""
        reason = not_covered_reason(reading)
        if reason:
            return Route("not_covered", tuple(self._search(reading, top_k)), reason)
        request = reading.request
        if reading.compared is not None and reading.within and (found := self.retriever.search(reading.compared, 1)):
            # "was that due before the community radio commitment?": its deadline beside the best action for the words
            # (beside its goal's, for "the disasters goal"), in the order asked
            best = self.plan.action(found[0].action)
            beside = self.plan.select(goal=best.goal) if reading.compared_goal else [best]
            described = [a.number for a in beside]
            numbers = dict.fromkeys([*described, *reading.within] if reading.compared_first
                                    else [*reading.within, *described])
            compared = request is not None and request.kind == "compare"  # "was it due before the radio one?"
            return Route("table", request=Structured("compare" if compared else "list",
                                                     tuple(self.plan.action(n) for n in numbers), of_list=True))
        if reading.within and request is not None and request.kind in (
                "list", "count_actions", "earliest", "latest", "compare"):
            # "which of these were due in 2006?", "which of them was due first?": over the previous answer's actions
            return Route("table", request=restrict(self.plan, request, tuple(
                n for n in reading.within if n not in reading.left_out)))  # "which of those outside area A ...?"
        if reading.within or (request is not None and request.kind == "filtered"):
            # the previous answer's actions ("which of these deal with training?"), within the filters if any
            allowed = set(reading.within or (a.number for a in request.actions))  # type: ignore[union-attr]
            if reading.within and request is not None and request.kind == "filtered":
                allowed &= {a.number for a in request.actions}
            allowed -= set(reading.left_out)
            hits = [h for h in self._search(reading, len(self.plan.actions)) if h.action in allowed]
            if reading.asks_of and (word := self._not_held(reading)):
                # "Alguma delas cita a Amazônia?" after 2.4 and 20: none of them holds it
                return self._lacks(reading, hits[:top_k], word)
            return self._searched(reading, hits[:top_k])
        if request is not None:
            return Route("table", request=request)
        depth = top_k + len(reading.avoid) + len(reading.left_out)
        # "the second one": searched within its goal, so that its goal's other actions come with it
        goal = self.plan.action(reading.focus).goal if reading.focus else None
        self.retriever.prime([reading.search])  # scored once: the ranking and the "none of the plan" gate share it
        hits = [h for h in self._search(reading, depth, goal=goal) if h.action not in reading.left_out]
        if reading.asks_of and (word := self._not_held(reading)):
            # "does it say anything about distance learning?" after 16.2: that action, on a subject it does not hold
            return self._lacks(reading, hits[:top_k], word)
        # a question whether the plan names something is checked even when about a named action ("does 6.5 name the
        # Andes?")
        if (reading.mention or reading.asks_of or not (reading.search.refs or reading.focus)) and (
                word := self._lacking(reading, hits[:top_k])):
            return Route("not_covered", tuple(hits[:top_k]), not_mentioned(word, reading.lang))
        if reading.avoid:
            hits = [h for h in hits if h.action not in reading.avoid] + [h for h in hits if h.action in reading.avoid]
        return self._searched(reading, hits[:top_k])

    def _lacking(self, reading: Reading, hits: list[Hit]) -> str | None:
        """A concept of the question the plan does not have, when the evidence is weak too: "It does not mention ...";
        a word or phrase it quotes as its subject the plan must have whatever else it finds ("is 'telework' in it?");
        and what a question asks whether the plan names, as written: a name ("Does eLAC mention the World Bank?") or a
        word ("does it name earthquakes specifically?"; :attr:`Reading.mention`)."""
        if reading.unnamed:
            return reading.unnamed[0]
        if not reading.concepts:
            return None
        literal = reading.mention
        evidence = 0.0 if reading.quoted_subject or literal else max((h.similarity for h in hits), default=0.0)
        lexical = 0.0 if reading.quoted_subject or literal else max((h.bm25 for h in hits), default=0.0)
        return self.concepts.missing(reading.concepts, evidence, lexical, self.concept_rule,
                                     about=reading.search.english, literal=literal)

    def _not_held(self, reading: Reading) -> str | None:
        """A word a yes-or-no question about actions (:attr:`Reading.asks_of`) rests on that none of them, their goals'
        titles included, has."""
        held = [w for number in reading.asks_of for w in action_words(self.plan, number)]
        return self.concepts.missing_from(reading.concepts, held, self.concept_rule, about=reading.search.english)

    def _lacks(self, reading: Reading, hits: list[Hit], word: str) -> Route:
        """The refusal of a yes-or-no question about actions that do not hold ``word``: the actions asked of shown
        first, and named in the plan's order."""
        asked = sorted(hits, key=lambda h: h.action not in reading.asks_of)
        named = sorted(reading.asks_of, key=lambda n: self.plan.action(n).sort_key)
        return Route("not_covered", tuple(asked), action_lacks(named, word, reading.lang))

    def _searched(self, reading: Reading, hits: list[Hit]) -> Route:
        """A search route, each candidate judged: does it address the question?"""
        # a question about a named action or the previous answer's is not judged by the "none of the plan" gate
        named = bool(reading.within or reading.search.refs or reading.focus)
        outside = not named and self.retriever.outside(reading.search)
        judgement = self.evidence.judge(dict(reading.weighted_terms), hits, reading.wants_all, reading.lang == "en",
                                        of_list=bool(reading.within), outside=outside)
        return Route("search", tuple(hits), judgement=judgement)

    def _search(self, reading: Reading, top_k: int, goal: int | None = None) -> list[Hit]:
        return self.retriever.search(reading.search, top_k=top_k, goal=goal)

    # -- retrieval ---------------------------------------------------------
    def find(
        self,
        query: str,
        top_k: int = 10,
        area: str | None = None,
        goal: int | str | None = None,
        due_by: str | None = None,
        retriever: RetrieverName = "hybrid",
    ) -> Found:
        """:meth:`search`, each result with its match level (strong, partial, weak) from the evidence that
        answers use: where the relevant actions stop. The best ``JUDGED`` actions of the hybrid ranking
        (within the filters) are judged, whatever ``retriever`` orders the results."""
        reading = read(self.plan, query)
        check_top_k(top_k)  # before max(top_k, JUDGED) would hide a bad one
        self.retriever.prime([reading.search])  # scored once: the judged ranking and the results share it
        judged = self.retriever.search(reading.search, top_k=max(top_k, JUDGED), area=area, goal=goal,
                                       due_by=due_by)
        hits = judged[:top_k] if retriever == "hybrid" else self.retriever.search(
            reading.search, top_k=top_k, area=area, goal=goal, due_by=due_by, retriever=retriever)
        # a staff search wants every action on its topic, as a "which actions ...?" question does
        judgement = self.evidence.judge(dict(reading.weighted_terms), judged[:JUDGED], True, reading.lang == "en")
        return Found(reading.question, matches(hits, levels(judgement)), judgement.covered, reading.lang)

    def prime(self, queries: Sequence[str]) -> None:
        """Score many queries at once, each model encoding them in batches: their later searches and
        answers reuse the scores (what an evaluation does first; results are those of one by one)."""
        self.retriever.prime([read_search(self.plan, q) for q in queries])

    def search(
        self,
        query: str,
        top_k: int = 10,
        area: str | None = None,
        goal: int | str | None = None,
        due_by: str | None = None,
        retriever: RetrieverName = "hybrid",
        lang: Lang | None = None,
    ) -> list[Hit]:
        """The best ``top_k`` actions for ``query`` (text, an action number, a question); ``lang`` is its
        language when the caller knows it better, else it is read from the query."""
        return self.retriever.search(
            read_search(self.plan, query, lang), top_k=top_k, area=area, goal=goal, due_by=due_by,
            retriever=retriever,
        )
