"""Does a retrieved action address the question? One decision per candidate, from a fitted model.

Each candidate the hybrid retriever returns is described by a few numbers (:data:`FEATURES`): how
it was ranked (its fused score against the best, its rank, how many channels found it), how close
it is (MiniLM and multilingual-e5 cosines, each also against the best candidate's; its BM25), and
which of the question's terms (stemmed content words, in the plan's English: ``Reading.terms``)
the action's own words, its goal's title and preamble, and only its area's title hold. The last
tells a word sense apart: "environment" in "Enabling environment" (area E's title) is not
"Environmental protection" (action 20's own words).

A logistic regression over these numbers, fitted by ``scripts/fit_evidence.py`` on the labelled
candidates of ``eval/questions.jsonl`` and stored in ``assistant/data/evidence.json``, gives the
probability that the action is one a person labelled as answering the question. An answer cites
the candidates at or above the stored threshold, most probable first. The runtime needs only
numpy: the model is its coefficients.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
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
    "wants_all",  # "which actions ...?": every relevant one is wanted
    "english",  # the question is English (the English channels read it as typed)
    "best_dense",  # the best candidate's MiniLM cosine: how well the plan covers the question at all
    "best_multilingual",
)

PREFIX = 6  # stems this long that begin alike are one word ("environ", "environment")
OWN, GOAL, AREA = (FEATURES.index(f) for f in ("own_terms", "goal_terms", "area_terms"))


@dataclass(frozen=True)
class Support:
    """How well one candidate addresses the question."""

    action: str
    probability: float  # that the action answers the question (the fitted model)
    cited: bool  # the probability reaches the model's threshold: an answer cites it
    names_all: bool  # its own words hold every term of the question ("gender" in 9.1)


@dataclass(frozen=True)
class EvidenceModel:
    """A fitted logistic regression over :data:`FEATURES` (standardised), and the threshold to cite at."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    provenance: dict

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> EvidenceModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]),
                    float(data["intercept"]), float(data["threshold"]), data.get("provenance", {}))
        if model.features != FEATURES or not len(model.mean) == len(model.scale) == len(model.coef) == len(FEATURES):
            raise ValueError(f"{path} was fitted on other features; run scripts/fit_evidence.py")
        return model

    def to_json(self) -> str:
        return json.dumps({
            "features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
            "coef": list(self.coef), "intercept": self.intercept, "threshold": self.threshold,
            "provenance": self.provenance,
        }, indent=1) + "\n"

    def probability(self, row: Sequence[float]) -> float:
        z = self.intercept + sum(
            c * (x - m) / (s or 1.0) for c, x, m, s in zip(self.coef, row, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def stems(text: str) -> frozenset[str]:
    """The stemmed content words of the plan's text (the analysis of the question's terms)."""
    return frozenset(plan_terms(text))


def _same(term: str, stem: str) -> bool:
    """One word in two forms: equal stems, or one a prefix of the other when both are long enough
    (the stemmer gives "environ" for "environment" but "environment" for "environmental")."""
    return term == stem or (min(len(term), len(stem)) >= PREFIX and (stem.startswith(term) or term.startswith(stem)))


def _held(terms: set[str], stems: frozenset[str]) -> int:
    """How many of the question's ``terms`` the text with these ``stems`` holds."""
    return sum(t in stems or any(_same(t, s) for s in stems) for t in terms)


class Evidence:
    """The plan's words per action (own, goal, area) and the fitted model: judges candidates."""

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

    @property
    def model(self) -> EvidenceModel:
        if self._model is None:
            self._model = EvidenceModel.load()
        return self._model

    @model.setter
    def model(self, model: EvidenceModel) -> None:
        self._model = model

    def features(self, terms: Sequence[str], hits: Sequence[Hit], wants_all: bool, english: bool) -> list[list[float]]:
        """One row of :data:`FEATURES` per candidate (``hits`` best first; ``terms`` stemmed)."""
        if not hits:
            return []
        asked = set(terms)
        n = max(1, len(asked))
        best_dense = max(h.similarity for h in hits)
        best_multi = max((h.multilingual_similarity or 0.0) for h in hits)
        best_bm25 = max(h.bm25 for h in hits) or 1.0
        best_score = hits[0].score or 1.0
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
            ])
        return rows

    def judge(self, terms: Sequence[str], hits: Sequence[Hit], wants_all: bool, english: bool) -> tuple[Support, ...]:
        """How well each candidate addresses the question, in the order of ``hits``."""
        asked = set(terms)
        model = self.model
        rows = self.features(terms, hits, wants_all, english)
        names_all = [bool(asked) and _held(asked, self._own[h.action]) == len(asked) for h in hits]
        out = []
        for hit, row, whole in zip(hits, rows, names_all, strict=True):
            p = model.probability(row)
            # another sense: the question's words only in this action's area title ("Enabling environment")
            # while another candidate says them itself ("environmental protection")
            other_sense = any(names_all) and row[AREA] > 0 and row[OWN] == 0 and row[GOAL] == 0
            out.append(Support(hit.action, round(p, 6), p >= model.threshold and not other_sense, whole))
        return tuple(out)
