"""Hybrid retrieval: exact numbers first, then BM25 and dense (FAISS) channels fused by weighted RRF.

The unit is the action. Each channel scores every chunk; an action's score in a channel
is the better of its own chunk's and (times ``goal_lift``) its goal chunk's. Actions are
ranked per channel and fused with reciprocal rank fusion. Filters restrict candidates
exactly, since every action is scored.

Channels: ``bm25`` (lexical), ``dense`` (all-MiniLM-L6-v2, English) and, when loaded,
``multilingual`` (multilingual-e5-small, for Spanish and Portuguese questions). A Spanish or
Portuguese question reaches the English channels glossed into the plan's words (glossary.py),
weighted by ``Fusion.foreign``. A dense channel with a query adapter (adapter.py) ranks with the
adapted question vector; its hits' similarities stay the pretrained model's cosines.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .embed import Embedder
from .errors import QueryError
from .lexical import Lexical
from .plan import ActionInfo, Plan
from .precedent import FAR
from .reading import SearchQuery
from .store import LoadedIndex

if TYPE_CHECKING:
    from .adapter import QueryAdapter
    from .precedent import Precedents, Votes

RetrieverName = Literal["hybrid", "dense", "bm25", "multilingual"]
RETRIEVERS: tuple[str, ...] = ("hybrid", "dense", "bm25", "multilingual")
ENGLISH_CHANNELS = frozenset({"bm25", "dense"})  # these read a Spanish/Portuguese question glossed
PRIMED = 8192  # chunk scores kept from :meth:`Retriever.prime` (channel, text); the oldest go first
PRIME_BATCH = 64  # texts a model encodes at once when priming


def check_top_k(top_k: object) -> None:
    """A result count must be a positive whole number (one clear error otherwise)."""
    if not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 1:
        raise QueryError(f"top_k must be a positive whole number, not {top_k!r}")


@dataclass(frozen=True)
class Fusion:
    """Weights of the hybrid ranking, chosen on eval/questions.jsonl by scripts/tune_fusion.py."""

    dense: float = 1.0
    bm25: float = 1.0
    multilingual: float = 1.0
    rrf_k: float = 5.0
    foreign: float = 1.0  # bm25 and dense weights are multiplied by this for glossed es/pt questions
    goal_lift: float = 0.8  # a goal chunk's score counts this much for each of its actions
    found_depth: int = 10  # a channel "found" an action it ranks within this depth

    def weight(self, channel: str, english: bool = True) -> float:
        base = float(getattr(self, channel))
        return base if english or channel == "multilingual" else base * self.foreign


@dataclass(frozen=True)
class Hit:
    """One action found for a query: the action with its context (``info``) and how it was found."""

    info: ActionInfo
    score: float
    similarity: float  # cosine of query and action (or its goal), English model ("dense")
    multilingual_similarity: float | None  # the same with the multilingual model, when loaded
    bm25: float  # BM25 score of the action (or its goal) for the query, after typo repair
    retrievers: tuple[str, ...]  # which of "number", "bm25", "dense", "multilingual" (or "table") found it
    clause_similarity: float = 0.0  # cosine of query and the action's closest clause, English model
    clause_multilingual: float | None = None  # the same with the multilingual model, when loaded
    precedent: float = 0.0  # the English model's precedents' vote for the action (assistant/precedent.py)
    precedent_nearest: float = FAR  # ... how much less close the nearest precedent citing it is
    precedent_multilingual: float = 0.0  # the same with the multilingual model's precedents
    precedent_multilingual_nearest: float = FAR

    @property
    def action(self) -> str:
        return self.info.action

    @property
    def goal(self) -> int:
        return self.info.goal

    @property
    def goal_title(self) -> str | None:
        return self.info.goal_title

    @property
    def goal_label(self) -> str:
        return self.info.goal_label

    @property
    def area(self) -> str:
        return self.info.area

    @property
    def area_title(self) -> str:
        return self.info.area_title

    @property
    def deadline(self) -> str:
        return self.info.deadline

    @property
    def text(self) -> str:
        return self.info.text


@dataclass(frozen=True)
class Ranking:
    """What :meth:`Retriever.rank` finds: the order, and each channel's order and action scores."""

    order: list[str]  # allowed actions, best first
    scores: dict[str, float]  # the score each action is ranked by (fused for "hybrid")
    channel_orders: dict[str, list[str]]  # each channel's order of the allowed actions
    channel_scores: dict[str, dict[str, float]]  # each channel's ranking score of every action (adapted: no closeness)


@dataclass(frozen=True)
class Channel:
    """A dense channel: an embedder and the index it built."""

    name: str  # "dense" or "multilingual"
    embedder: Embedder
    index: LoadedIndex
    adapter: QueryAdapter | None = None  # moves the question's vector before ranking (None: the model's own)
    precedents: Precedents | None = None  # labelled questions asked before (None: no votes)


@dataclass(frozen=True)
class Scored:
    """One text's score of every chunk in one channel: what ranks (adapted), and how close it is (the model's
    own cosine; the same array when the channel has no adapter)."""

    ranking: object  # numpy array, one score per chunk
    closeness: object
    outside: float | None = None  # the adapter's probability that no action answers (None: no such adapter)
    votes: Votes | None = None  # what the channel's precedents say of each action (None: no precedents)


class Retriever:
    def __init__(self, plan: Plan, channels: list[Channel], fusion: Fusion | None = None):
        if not channels:
            raise ValueError("at least one dense channel is needed")
        self.plan = plan
        self.channels = {c.name: c for c in channels}
        self.fusion = fusion or Fusion()
        self.chunks = channels[0].index.chunks
        for channel in channels[1:]:
            if [c.id for c in channel.index.chunks] != [c.id for c in self.chunks]:
                raise ValueError(f"channel {channel.name} indexes other chunks")
        # clause chunks come last and only tell how close an action's best clause is: BM25 reads the others
        self._ranked = sum(c.kind != "clause" for c in self.chunks)
        if any(c.kind == "clause" for c in self.chunks[: self._ranked]):
            raise ValueError("clause chunks must come after the action and goal chunks")
        self.lexical = Lexical([c.text for c in self.chunks[: self._ranked]])
        # each action's clauses are consecutive: where each action's run begins, and whose it is
        owners = [c.actions[0] for c in self.chunks[self._ranked:]]
        starts = [i for i, owner in enumerate(owners) if i == 0 or owner != owners[i - 1]]
        self._clause_starts, self._clause_actions = starts, [owners[i] for i in starts]
        if len(set(self._clause_actions)) != len(self._clause_actions):
            raise ValueError("an action's clause chunks must be consecutive")
        self._position = {a.number: i for i, a in enumerate(plan.actions)}
        self._action_chunk = {c.actions[0]: i for i, c in enumerate(self.chunks) if c.kind == "action"}
        self._goal_chunk = {c.goal: i for i, c in enumerate(self.chunks) if c.kind == "goal"}
        self._primed: OrderedDict[tuple[str, str], Scored] = OrderedDict()  # (channel, text) -> chunk scores
        self._lock = threading.Lock()

    @property
    def names(self) -> tuple[str, ...]:
        """The retrievers this instance can run."""
        dense = [c for c in self.channels if c == "dense"]
        return ("hybrid", *dense, "bm25", *(c for c in self.channels if c != "dense"))

    def prime(self, queries: Sequence[SearchQuery], channels: tuple[str, ...] | None = None) -> None:
        """Score many queries at once, each model encoding their texts in batches: a later search for the
        same text in the same channel reuses the scores (an evaluation's search and answer, every retriever
        of "all"). Only primed texts are kept, at most ``PRIMED``; scores are those of one-by-one search."""
        for name in channels or ("bm25", *self.channels):
            texts = list(dict.fromkeys(self._channel_text(q, name) for q in queries))
            texts = [t for t in texts if (name, t) not in self._primed]
            for start in range(0, len(texts), PRIME_BATCH):
                block = texts[start:start + PRIME_BATCH]
                scored = self._score(name, block)
                with self._lock:
                    for text, scores in zip(block, scored, strict=True):
                        self._primed[(name, text)] = scores
                    while len(self._primed) > PRIMED:
                        self._primed.popitem(last=False)

    def forget_primed(self) -> None:
        """Drop the primed scores (a benchmark times priming from nothing)."""
        with self._lock:
            self._primed.clear()

    @staticmethod
    def _channel_text(query: SearchQuery, channel: str) -> str:
        """What a channel reads: the English channels the English gloss, the multilingual one the text typed."""
        return query.english if channel in ENGLISH_CHANNELS else query.text

    def _score(self, channel: str, texts: list[str]) -> list[Scored]:
        """One score per chunk for each text, in one channel (the expensive part: one encoding per text)."""
        if channel == "bm25":
            return [Scored(s, s) for s in (self.lexical.scores(t) for t in texts)]
        dense = self.channels[channel]
        vectors = dense.embedder.embed(texts, kind="query")
        closeness = self._cosines(dense, vectors)
        numbers = list(self._position)
        votes = dense.precedents.votes(vectors, numbers) if dense.precedents is not None else [None] * len(texts)
        if dense.adapter is None:
            return [Scored(c, c, votes=v) for c, v in zip(closeness, votes, strict=True)]
        moved = dense.adapter.apply(vectors)
        out = []
        for vector, ranking, close, vote in zip(moved, self._cosines(dense, moved), closeness, votes, strict=True):
            actions = list(self.action_scores(ranking, self.fusion).values())  # every action, as ranked
            out.append(Scored(ranking, close, dense.adapter.outside(vector, actions), vote))
        return out

    def _cosines(self, dense: Channel, vectors) -> list:
        import numpy as np

        sims, ids = dense.index.search(vectors, len(self.chunks))
        out = []
        for row in range(len(vectors)):
            scores = np.zeros(len(self.chunks), dtype=np.float32)
            scores[ids[row]] = sims[row]
            out.append(scores)
        return out

    def scored(self, query: SearchQuery, channels: tuple[str, ...] | None = None) -> dict[str, Scored]:
        """Each channel's scores of every chunk for ``query``: primed scores when there are, else computed."""
        out = {}
        for name in channels or ("bm25", *self.channels):
            text = self._channel_text(query, name)
            primed = self._primed.get((name, text))
            out[name] = primed if primed is not None else self._score(name, [text])[0]
        return out

    def outside(self, query: SearchQuery) -> bool:
        """Whether the dense channels' adapters say no action of the plan answers ``query``: the mean of their
        "none of the plan" probabilities reaches their gate (False when no adapter has one)."""
        gated = [c for c in self.channels.values() if c.adapter is not None and c.adapter.gate is not None]
        if not gated:
            return False
        scored = self.scored(query, tuple(c.name for c in gated))
        probabilities = [scored[c.name].outside for c in gated]
        if any(p is None for p in probabilities):
            return False
        return sum(probabilities) / len(probabilities) >= sum(c.adapter.gate for c in gated) / len(gated)

    def chunk_scores(self, query: SearchQuery, channels: tuple[str, ...] | None = None) -> dict:
        """Each channel's ranking score of every chunk for ``query`` (what :meth:`rank` reads)."""
        return {name: s.ranking for name, s in self.scored(query, channels).items()}

    def action_scores(self, chunk_scores, fusion: Fusion) -> dict[str, float]:
        """An action's score: its own chunk's, or its goal chunk's times ``goal_lift``, the better."""
        return {
            a.number: max(
                float(chunk_scores[self._action_chunk[a.number]]),
                fusion.goal_lift * float(chunk_scores[self._goal_chunk[a.goal]]),
            )
            for a in self.plan.actions
        }

    def clause_scores(self, chunk_scores) -> dict[str, float]:
        """Each action's best clause score in a dense channel (none for an index without clause chunks)."""
        import numpy as np

        if not self._clause_starts:
            return {}
        best = np.maximum.reduceat(np.asarray(chunk_scores[self._ranked:]), self._clause_starts)
        return dict(zip(self._clause_actions, best.tolist(), strict=True))

    def _rank(self, scores: dict[str, float], allowed: set[str]) -> list[str]:
        """Allowed actions by score, best first; ties keep plan order."""
        return sorted((n for n in scores if n in allowed), key=lambda n: (-scores[n], self._position[n]))

    def rank(
        self, chunk_scores: dict, allowed: set[str], retriever: str, fusion: Fusion, english: bool = True
    ) -> Ranking:
        """The allowed actions ranked by ``retriever`` (fused by weighted RRF for "hybrid")."""
        per_channel = {name: self.action_scores(s, fusion) for name, s in chunk_scores.items()}
        ranked = {
            name: [n for n in self._rank(scores, allowed) if name != "bm25" or scores[n] > 0]
            for name, scores in per_channel.items()
        }
        if retriever != "hybrid":
            return Ranking(ranked[retriever], per_channel[retriever], ranked, per_channel)
        fused = dict.fromkeys(allowed, 0.0)
        for name, order in ranked.items():
            for position, number in enumerate(order, start=1):
                fused[number] += fusion.weight(name, english) / (fusion.rrf_k + position)
        return Ranking(self._rank(fused, allowed), fused, ranked, per_channel)

    def search(
        self,
        query: SearchQuery,
        top_k: int = 10,
        area: str | None = None,
        goal: int | str | None = None,
        due_by: str | None = None,
        retriever: RetrieverName = "hybrid",
    ) -> list[Hit]:
        """The best ``top_k`` actions for a query the reading layer has read: the actions it names by number
        first, then the ranking of ``retriever``."""
        if retriever not in self.names:
            raise QueryError(f"unknown retriever {retriever!r}; choose one of: {', '.join(self.names)}")
        check_top_k(top_k)
        allowed = {a.number for a in self.plan.select(area=area, goal=goal, due_by=due_by)}
        wanted = None if retriever == "hybrid" else tuple(dict.fromkeys([retriever, "bm25", *self.channels]))
        scored = self.scored(query, wanted)
        ranking = self.rank({n: s.ranking for n, s in scored.items()}, allowed, retriever, self.fusion,
                            query.lang == "en")
        score, ranked = ranking.scores, ranking.channel_orders
        # how close each action is: the models' own cosines (an adapter only ranks)
        similarity = {n: self.action_scores(s.closeness, self.fusion) for n, s in scored.items()}
        order = ranking.order
        # (a goal searched for a topic names no action: its actions are ranked, each judged on its own scores)
        exact = [] if query.scoped else [n for n in query.refs if n in allowed]
        order = exact + [n for n in order if n not in exact]  # numbers named in the query first
        shown = (retriever,) if retriever != "hybrid" else tuple(ranked)
        clause = {name: self.clause_scores(scored[name].closeness) for name in ("dense", "multilingual")
                  if name in scored}
        tops = {name: set(ranked[name][: self.fusion.found_depth]) for name in shown}
        votes = {name: scored[name].votes for name in ("dense", "multilingual") if name in scored}
        english, multilingual = votes.get("dense"), votes.get("multilingual")
        hits = []
        for number in order[:top_k]:
            found = ["number"] * (number in exact) + [n for n in tops if number in tops[n]]
            hits.append(
                Hit(
                    self.plan.info(number),
                    score=round(float(score.get(number, 0.0)) + (1.0 if number in exact else 0.0), 6),
                    similarity=round(similarity["dense"][number], 6),
                    multilingual_similarity=(
                        round(similarity["multilingual"][number], 6) if "multilingual" in similarity else None
                    ),
                    bm25=round(similarity["bm25"][number], 6),
                    retrievers=tuple(found),
                    clause_similarity=round(clause["dense"].get(number, 0.0), 6),
                    clause_multilingual=(
                        round(clause["multilingual"].get(number, 0.0), 6) if "multilingual" in clause else None
                    ),
                    precedent=english.vote[number] if english else 0.0,
                    precedent_nearest=english.nearest[number] if english else FAR,
                    precedent_multilingual=multilingual.vote[number] if multilingual else 0.0,
                    precedent_multilingual_nearest=multilingual.nearest[number] if multilingual else FAR,
                )
            )
        return hits
