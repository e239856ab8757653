"""Where the relevant actions of a search stop: a match level per result, from the evidence decision that
answers use (:mod:`assistant.evidence`). Pure.

- **strong**: the candidate model says the action addresses the query (what an answer would cite);
- **partial**: some evidence (probability at least ``PARTIAL``), below the citing threshold;
- **weak**: the rest: nearest by the ranking, not by evidence.

The cut falls after the strong matches. When the question model finds the plan does not cover the
query at all, no result is strong: "nothing in the plan matches".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .evidence import Judgement
    from .lang import Lang
    from .retrieve import Hit

Level = Literal["strong", "partial", "weak"]
LEVELS: tuple[Level, ...] = ("strong", "partial", "weak")
PARTIAL = 0.15  # a candidate's probability from which it is a partial match
JUDGED = 20  # the best actions of the hybrid ranking that are judged; later ones are weak


@dataclass(frozen=True)
class Match:
    """One search result with its match level and the probability behind it (None: not judged)."""

    hit: Hit
    level: Level
    probability: float | None


@dataclass(frozen=True)
class Found:
    """A search, with where its relevant actions stop."""

    query: str
    matches: tuple[Match, ...]
    covered: bool  # the plan has something on the query (the question model, or an action naming it all)
    lang: Lang = "en"  # the query's language, as the reading layer read it

    @property
    def strong(self) -> int:
        return sum(m.level == "strong" for m in self.matches)

    @property
    def hits(self) -> list[Hit]:
        return [m.hit for m in self.matches]


def levels(judgement: Judgement) -> dict[str, tuple[Level, float]]:
    """Each judged action's level and probability."""
    out: dict[str, tuple[Level, float]] = {}
    for support in judgement.supports:
        if not judgement.covered:
            level: Level = "weak"  # nothing in the plan matches: every result is only the nearest
        elif support.cited:
            level = "strong"
        elif support.probability >= PARTIAL:
            level = "partial"
        else:
            level = "weak"
        out[support.action] = (level, support.probability)
    return out


def matches(hits: Sequence[Hit], judged: dict[str, tuple[Level, float]]) -> tuple[Match, ...]:
    """The hits with their levels, stable-sorted strong, then partial, then weak: the cut is one line.
    An action named by number in the query is always strong (the user asked for it)."""
    out = []
    for hit in hits:
        level, probability = judged.get(hit.action, ("weak", None))
        if "number" in hit.retrievers:
            level = "strong"
        out.append(Match(hit, level, probability))
    return tuple(sorted(out, key=lambda m: LEVELS.index(m.level)))
