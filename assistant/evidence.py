"""Does the plan answer the question, and which retrieved actions address it? Two fitted decisions.

**Per candidate.** Each action the hybrid retriever returns is described by a few numbers
(:data:`FEATURES`): how it was ranked (its fused score against the best, its rank, how many
channels found it), how close it is (MiniLM and multilingual-e5 cosines, each also against the best
candidate's; the same for its closest clause, which tells a subject the action names in passing; its
BM25), and how much of the question's terms (stemmed content words in the plan's English:
``Reading.weighted_terms``, each weighted by how rare it is in general English) the
action's own words, its goal's title and preamble, and only its area's title hold. The last tells a
word sense apart: "environment" in "Enabling environment" (area E's title) is not "Environmental
protection" (action 20's own words). And what labelled questions asked before say of it: the share of the
nearest ones that cite it, and how near the nearest one citing it comes, in each dense channel
(:mod:`assistant.precedent`): questions on one subject resemble each other more than the plan's wording.

**Per question.** Whether the plan answers at all (:data:`QUESTION_FEATURES`): the best candidate's
probability, how many of the question's terms the best actions hold, how many the plan never uses,
and the best closeness in each channel. A question the plan does not answer is refused and the
nearest actions are shown. How the question is worded ("which actions ...?") is not among them: whether the
plan covers a subject does not depend on how it is asked (the candidate model alone reads whether the
question asks for a set, which says how many actions it wants).

Both are logistic regressions fitted by ``scripts/fit_evidence.py`` on ``eval/questions.jsonl``, the
development set and the first six blind sets (their labelled actions; their unanswerable questions; each
routed with query adapters and precedents that did not see it) and stored as coefficients in
``assistant/data/evidence.json``: the runtime needs no fitting library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .reading.text import terms as plan_terms

if TYPE_CHECKING:
    from .plan import Plan
    from .retrieve import Hit

MODEL_FILE = Path(__file__).resolve().parent / "data" / "evidence.json"
FEATURES: tuple[str, ...] = (
    "fused_ratio",  # fused score / the best candidate's
    "inverse_rank",  # 1 / rank
    "dense",  # MiniLM cosine (the action or its goal)
    "dense_gap",  # ... minus the best candidate's
    "multilingual",  # multilingual-e5 cosine (0 when not loaded)
    "multilingual_gap",
    "log_bm25",  # log(1 + BM25)
    "bm25_ratio",  # BM25 / the best candidate's
    "own_terms",  # share of the question's terms in the action's own words
    "goal_terms",  # ... only in its goal's title and preamble
    "area_terms",  # ... only in its area's title (a word sense apart: "enabling environment")
    "channels",  # share of the three channels that found it (in their top 10)
    "wants_all",  # the question asks for a set ("which actions ...?", "where does the plan ...?"): every relevant one
    "english",  # the question is English (the English channels read it as typed)
    "best_dense",  # the best candidate's MiniLM cosine: how well the plan covers the question at all
    "best_multilingual",
    "clause_dense",  # MiniLM cosine of the action's closest clause: a subject named in passing ("computers")
    "clause_dense_gap",  # ... minus the best candidate's
    "clause_multilingual",  # the same with multilingual-e5 (0 when not loaded)
    "clause_multilingual_gap",
    "precedent",  # the share of the nearest labelled questions asked before that cite it (assistant/precedent.py)
    "precedent_nearest",  # how much less close the nearest one citing it is than the nearest of all (<= 0)
    "precedent_multilingual",  # the same with the multilingual model's precedents (0 and -1 when none)
    "precedent_multilingual_nearest",
)
QUESTION_FEATURES: tuple[str, ...] = (
    "best_support",  # the best candidate's probability (the candidate model)
    "held_terms",  # the largest share of the question's terms one of the top 3 actions (with its goal) holds
    "absent_terms",  # share of the question's terms the plan never uses ("budget", "salary", "5g")
    "terms",  # how many terms the question has
    "best_dense",
    "best_multilingual",
    "log_best_bm25",
    "english",
)
PREFIX = 6  # stems this long that begin alike are one word ("environ", "environment")
OWN, GOAL, AREA = (FEATURES.index(f) for f in ("own_terms", "goal_terms", "area_terms"))


@dataclass(frozen=True)
class Support:
    """How well one candidate addresses the question."""

    action: str
    probability: float  # that the action answers the question (the candidate model)
    cited: bool  # the probability reaches the model's threshold, and no word-sense rule holds it back
    names_all: bool  # its own words hold every term of the question ("gender" in 9.1)


@dataclass(frozen=True)
class Judgement:
    """The evidence for one question: each candidate's support, and whether the plan answers it."""

    supports: tuple[Support, ...]
    answerable: float  # the probability that the plan answers the question (the question model)
    covered: bool  # answer it (else refuse and show the nearest actions)


@dataclass(frozen=True)
class Logistic:
    """A fitted logistic regression over named, standardised features, and the threshold to decide at."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict, features: tuple[str, ...]) -> Logistic:
        model = cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]),
                    float(data["intercept"]), float(data["threshold"]))
        if model.features != features or not len(model.mean) == len(model.scale) == len(model.coef) == len(features):
            raise ValueError("the evidence model was fitted on other features; run scripts/fit_evidence.py")
        return model

    def to_dict(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold}

    def probability(self, row: Sequence[float]) -> float:
        z = self.intercept + sum(
            c * (x - m) / (s or 1.0) for c, x, m, s in zip(self.coef, row, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@dataclass(frozen=True)
class EvidenceModel:
    """The two fitted decisions, and where they come from."""

    candidate: Logistic
    question: Logistic
    provenance: dict

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> EvidenceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Logistic.from_dict(data["candidate"], FEATURES),
                   Logistic.from_dict(data["question"], QUESTION_FEATURES), data.get("provenance", {}))

    def to_json(self) -> str:
        return json.dumps({"candidate": self.candidate.to_dict(), "question": self.question.to_dict(),
                           "provenance": self.provenance}, indent=1) + "\n"


def stems(text: str) -> frozenset[str]:
    """The stemmed content words of the plan's text (the analysis of the question's terms)."""
    return frozenset(plan_terms(text))


def _same(term: str, stem: str) -> bool:
    """One word in two forms: equal stems, or one a prefix of the other when both are long enough
    (the stemmer gives "environ" for "environment" but "environment" for "environmental")."""
    return term == stem or (min(len(term), len(stem)) >= PREFIX and (stem.startswith(term) or term.startswith(stem)))


# the question's stemmed terms, each with its weight (``Reading.weighted_terms``), or each counting 1
Terms = Mapping[str, float] | Sequence[str]


def _weighed(terms: Terms) -> tuple[dict[str, float], float]:
    """The question's terms with their weights, and the weights' sum (1 when there are none)."""
    asked = dict(terms) if isinstance(terms, Mapping) else dict.fromkeys(terms, 1.0)
    return asked, sum(asked.values()) or 1.0


def _held(terms: Mapping[str, float], stems: frozenset[str]) -> float:
    """How much of the question's ``terms`` (each with its weight) the text with these ``stems`` holds."""
    return sum(w for t, w in terms.items() if t in stems or any(_same(t, s) for s in stems))


class Evidence:
    """The plan's words per action (own, goal, area) and the fitted models: judges a question's candidates."""

    def __init__(self, plan: Plan, model: EvidenceModel | None = None) -> None:
        self._model = model
        self._own: dict[str, frozenset[str]] = {}
        self._goal: dict[str, frozenset[str]] = {}
        self._area: dict[str, frozenset[str]] = {}
        for action in plan.actions:
            info = plan.info(action.number)
            own = stems(info.text)
            goal = stems(f"{info.goal_title or ''} {info.preamble or ''}") - own
            self._own[action.number], self._goal[action.number] = own, goal
            self._area[action.number] = stems(info.area_title) - own - goal
        self._vocabulary = frozenset().union(*self._own.values(), *self._goal.values(), *self._area.values())

    @property
    def model(self) -> EvidenceModel:
        if self._model is None:
            self._model = EvidenceModel.load()
        return self._model

    @model.setter
    def model(self, model: EvidenceModel) -> None:
        self._model = model

    def features(self, terms: Terms, hits: Sequence[Hit], wants_all: bool, english: bool) -> list[list[float]]:
        """One row of :data:`FEATURES` per candidate (``hits`` best first; ``terms`` stemmed, with their weights
        or each counting 1)."""
        if not hits:
            return []
        asked, n = _weighed(terms)
        best_dense = max(h.similarity for h in hits)
        best_multi = max((h.multilingual_similarity or 0.0) for h in hits)
        best_bm25 = max(h.bm25 for h in hits) or 1.0
        best_score = hits[0].score or 1.0
        best_clause = max(h.clause_similarity for h in hits)
        best_clause_multi = max((h.clause_multilingual or 0.0) for h in hits)
        rows = []
        for rank, hit in enumerate(hits, start=1):
            multi = hit.multilingual_similarity or 0.0
            found = sum(r in ("dense", "bm25", "multilingual") for r in hit.retrievers)
            rows.append([
                hit.score / best_score, 1.0 / rank, hit.similarity, hit.similarity - best_dense, multi,
                multi - best_multi, math.log1p(max(0.0, hit.bm25)), hit.bm25 / best_bm25,
                _held(asked, self._own[hit.action]) / n, _held(asked, self._goal[hit.action]) / n,
                _held(asked, self._area[hit.action]) / n, found / 3, float(wants_all), float(english),
                best_dense, best_multi,
                hit.clause_similarity, hit.clause_similarity - best_clause,
                hit.clause_multilingual or 0.0, (hit.clause_multilingual or 0.0) - best_clause_multi,
                hit.precedent, hit.precedent_nearest, hit.precedent_multilingual, hit.precedent_multilingual_nearest,
            ])
        return rows

    def question_features(self, terms: Terms, hits: Sequence[Hit], best_support: float, english: bool,
                          ) -> list[float]:
        """The row of :data:`QUESTION_FEATURES` for a question and its candidates."""
        asked, n = _weighed(terms)
        held = max((_held(asked, self._own[h.action] | self._goal[h.action]) / n for h in hits[:3]), default=0.0)
        absent = (n - _held(asked, self._vocabulary)) / n
        return [
            best_support, held, absent, float(len(asked)),
            max((h.similarity for h in hits), default=0.0),
            max(((h.multilingual_similarity or 0.0) for h in hits), default=0.0),
            math.log1p(max((max(0.0, h.bm25) for h in hits), default=0.0)), float(english),
        ]

    def judge(self, terms: Terms, hits: Sequence[Hit], wants_all: bool, english: bool, *, of_list: bool = False,
              outside: bool = False) -> Judgement:
        """How well each candidate addresses the question (in the order of ``hits``), and whether the plan
        answers it at all. Candidates ``of_list`` are the previous answer's actions ("filtra solo las de salud"):
        that answer settled that the plan covers its subject, and which of them this question asks for is each
        candidate's own decision, not the question model's (a word none holds, "which of these mention blockchain?",
        leaves every one uncited; a concept check here lost "which ones come with an actual number as a target?" to
        "actual" and caught nothing). ``outside``: the query adapters say no action answers (assistant/adapter.py):
        the plan does not, unless an action's own words hold every term of the question."""
        model = self.model
        rows = self.features(terms, hits, wants_all, english)
        names_all = [bool(terms) and row[OWN] >= 0.999999 for row in rows]  # its own words hold every term
        probabilities = [model.candidate.probability(row) for row in rows]
        supports = []
        for hit, row, whole, p in zip(hits, rows, names_all, probabilities, strict=True):
            # another sense: the question's words only in this action's area title ("Enabling environment")
            # while another candidate says them itself ("environmental protection")
            other_sense = any(names_all) and row[AREA] > 0 and row[OWN] == 0 and row[GOAL] == 0
            supports.append(Support(hit.action, round(p, 6), p >= model.candidate.threshold and not other_sense, whole))
        best = max(probabilities, default=0.0)  # unrounded, as scripts/fit_evidence.py fits it
        answerable = model.question.probability(self.question_features(terms, hits, best, english))
        # a top action whose own words hold every term of the question, and which the candidate model
        # supports, answers it whatever the question model says ("Is there anything about gender?")
        named = any(s.names_all and s.cited for s in supports[:3])
        covered = any(s.cited for s in supports) if of_list else (
            bool(hits) and ((answerable >= model.question.threshold and not outside) or named))
        return Judgement(tuple(supports), round(answerable, 6), covered)
