"""Hybrid retrieval: exact numbers first, then BM25 and dense (FAISS) fused by weighted RRF.

The unit is the action. Each retriever scores every chunk; an action's score is the
better of its own chunk's and (discounted by ``goal_lift``) its goal chunk's. Actions
are ranked per retriever and fused with reciprocal rank fusion. Filters restrict the
candidates exactly, since every action is scored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from .embed import Embedder
from .errors import QueryError
from .lexical import Lexical
from .plan import Plan
from .store import LoadedIndex

MAX_QUERY_CHARS = 2000
RetrieverName = Literal["hybrid", "dense", "bm25"]
RETRIEVERS: tuple[str, ...] = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class Fusion:
    """Weights of the hybrid ranking, chosen on eval/questions.jsonl (see eval/README.md)."""

    dense: float = 1.0
    bm25: float = 1.0
    rrf_k: float = 60.0
    goal_lift: float = 0.9  # a goal chunk's score counts this much for each of its actions
    found_depth: int = 10  # a retriever "found" an action it ranks within this depth


@dataclass(frozen=True)
class Hit:
    action: str
    goal: int
    goal_title: str | None
    goal_label: str
    area: str
    area_title: str
    deadline: str
    text: str
    score: float
    similarity: float  # cosine between the query and the action (or its goal), dense model
    retrievers: tuple[str, ...]  # which of "number", "bm25", "dense" found it


def check_query(query: object) -> str:
    """The query, whitespace-normalised; raises :class:`QueryError` if it cannot be searched."""
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(query):,} characters long; the limit is {MAX_QUERY_CHARS:,}. "
            "Ask about one topic at a time."
        )
    bad = sorted({c for c in query if unicodedata.category(c) == "Cc" and c not in "\t\n\r"})
    if bad:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad[:3])
        raise QueryError(f"the query contains control characters ({codes}); remove them")
    cleaned = " ".join(query.split())
    if not cleaned:
        raise QueryError("the query is empty; type a question or an action number such as 3.1")
    return cleaned


_ACTION_REF = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})(?![\d%])(?!\.\d)")
_NAMED_REF = re.compile(
    r"\b(action|acci[oó]n|a[cç][aã]o|goal|meta|objetivo|objective)\s*(?:no\.?|n[º°o]\.?|#)?\s*(\d{1,2})\b(?!\.\d)",
    re.IGNORECASE,
)
_BARE = re.compile(r"^\s*#?(\d{1,2})\.?\s*$")


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
    if m := _BARE.match(query):
        number = int(m[1])
        found.extend([str(number)] if plan.has_action(str(number)) else goal_actions(number))
    return list(dict.fromkeys(found))


class Retriever:
    def __init__(self, plan: Plan, index: LoadedIndex, embedder: Embedder, fusion: Fusion | None = None):
        self.plan = plan
        self.index = index
        self.embedder = embedder
        self.fusion = fusion or Fusion()
        self.chunks = index.chunks
        self.lexical = Lexical([c.text for c in self.chunks])
        self._order = [a.number for a in plan.actions]
        self._action_chunk = {c.actions[0]: i for i, c in enumerate(self.chunks) if c.kind == "action"}
        self._goal_chunk = {c.goal: i for i, c in enumerate(self.chunks) if c.kind == "goal"}

    # -- per-retriever action scores ---------------------------------------
    def _action_scores(self, chunk_scores) -> dict[str, float]:  # noqa: ANN001 - ndarray
        lift = self.fusion.goal_lift
        scores: dict[str, float] = {}
        for action in self.plan.actions:
            own = float(chunk_scores[self._action_chunk[action.number]])
            via_goal = lift * float(chunk_scores[self._goal_chunk[action.goal]])
            scores[action.number] = max(own, via_goal)
        return scores

    def dense_scores(self, query: str) -> dict[str, float]:
        import numpy as np

        vector = self.embedder.embed([query])
        sims, ids = self.index.search(vector, len(self.chunks))
        chunk_scores = np.zeros(len(self.chunks), dtype=np.float32)
        chunk_scores[ids[0]] = sims[0]
        return self._action_scores(chunk_scores)

    def bm25_scores(self, query: str) -> dict[str, float]:
        return self._action_scores(self.lexical.scores(query))

    # -- search ------------------------------------------------------------
    def search(
        self,
        query: str,
        top_k: int = 10,
        area: str | None = None,
        goal: int | str | None = None,
        due_by: str | None = None,
        retriever: RetrieverName = "hybrid",
    ) -> list[Hit]:
        query = check_query(query)
        if retriever not in RETRIEVERS:
            raise QueryError(f"unknown retriever {retriever!r}; choose one of: {', '.join(RETRIEVERS)}")
        if not isinstance(top_k, int) or top_k < 1:
            raise QueryError(f"top_k must be a positive whole number, not {top_k!r}")
        allowed = {a.number for a in self.plan.select(area=area, goal=goal, due_by=due_by)}

        dense = self.dense_scores(query)
        ranked: dict[str, list[str]] = {"dense": self._rank(dense, allowed)}
        lexical: dict[str, float] = {}
        if retriever in ("hybrid", "bm25"):
            lexical = self.bm25_scores(query)
            ranked["bm25"] = [n for n in self._rank(lexical, allowed) if lexical[n] > 0]
        exact = [n for n in number_matches(self.plan, query) if n in allowed]

        if retriever == "hybrid":
            weights = {"dense": self.fusion.dense, "bm25": self.fusion.bm25}
            fused: dict[str, float] = {n: 0.0 for n in allowed}
            for name, order in ranked.items():
                for rank, number in enumerate(order, start=1):
                    fused[number] += weights[name] / (self.fusion.rrf_k + rank)
            order = self._rank(fused, allowed)
            score = fused
        else:
            order = ranked[retriever]
            score = dense if retriever == "dense" else lexical
        # exact numbers first, in the order the query names them
        order = exact + [n for n in order if n not in exact]
        top = order[:top_k]
        depth = self.fusion.found_depth
        tops = {name: set(o[:depth]) for name, o in ranked.items() if retriever in ("hybrid", name)}
        hits = []
        for number in top:
            found = tuple(
                ["number"] * (number in exact) + [name for name in ("bm25", "dense") if number in tops.get(name, ())]
            )
            info = self.plan.info(number)
            hits.append(
                Hit(
                    action=info.action, goal=info.goal, goal_title=info.goal_title, goal_label=info.goal_label,
                    area=info.area, area_title=info.area_title, deadline=info.deadline, text=info.text,
                    score=round(float(score.get(number, 0.0)) + (1.0 if number in exact else 0.0), 6),
                    similarity=round(dense[number], 6), retrievers=found,
                )
            )
        return hits

    def _rank(self, scores: dict[str, float], allowed: set[str]) -> list[str]:
        """Allowed actions by score, best first; ties keep plan order."""
        position = {n: i for i, n in enumerate(self._order)}
        return sorted((n for n in scores if n in allowed), key=lambda n: (-scores[n], position[n]))
