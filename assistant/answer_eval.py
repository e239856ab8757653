"""Answer-level evaluation: what a user sees, per kind of request, on any labelled set.

A case is one question or a short conversation. Each turn is labelled with the actions that
address it (``relevant``), those a good answer may cite first (``lead``) and, optionally, what
it expects (``"none"``: an empty list is the right answer). Two formats are read:

- the answer sets (``eval/blind/*.jsonl``): ``{"id", "kind", "lang", "question", "relevant", "lead"}``
  or ``{"id", "kind", "lang", "turns": [{"question", "relevant", "lead", "expect"?}, ...]}``;
- the retrieval set (``eval/questions.jsonl``): its ``category`` gives the kind, and any relevant
  action counts as a correct lead.

Metrics, overall and per kind (:func:`score`):
- ``lead_correct``: answerable turns whose first citation is one of ``lead`` (an abstention is wrong);
- ``cited_recall`` / ``cited_precision``: topic and overview turns, the cited actions against ``relevant``;
- ``abstention``: out-of-scope turns that abstain; ``false_abstention``: answerable turns that abstain;
- ``followup_success``: conversations whose every later turn is right (its lead, or "none" citing nothing);
- ``lang_correct``: turns answered in the question's language;
- ``recall@5`` / ``mrr@10``: the hybrid ranking of answerable single questions (pytrec_eval). A question with more than
  five relevant actions cannot reach recall@5 1.0 (a perfect ranking gives 0.946 on the tuning set); ``capped_recall@5``
  counts out of what five results can hold.

Two runs of one set are compared turn by turn (:func:`paired`): how many turns the change made right and how many
it made wrong, with an exact sign test on those, and the sampling error of the share right. A set of about 80
answerable turns has a lead that moves by one turn per 1.2 points and a sampling error near 5 points: a move of a
few turns on one set is no finding.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DatasetError, QueryError

if TYPE_CHECKING:
    from .core import Assistant

KIND_OF_CATEGORY = {
    "paraphrase": "lookup", "exact": "lookup", "typos": "lookup", "spanish": "lookup", "portuguese": "lookup",
    "topic": "topic", "structured": "structured", "unanswerable": "out_of_scope",
}
LIST_KINDS = frozenset({"topic", "overview"})


@dataclass(frozen=True)
class Turn:
    question: str
    relevant: tuple[str, ...]
    lead: tuple[str, ...]
    expect: str | None = None

    @property
    def answerable(self) -> bool:
        return bool(self.relevant) and self.expect != "none"


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    lang: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Seen:
    """What the assistant did on one turn."""

    cited: tuple[str, ...]
    abstained: bool
    lang: str
    ranked: tuple[str, ...]  # hybrid search, top 10 (first turns only)


def _turn(row: dict) -> Turn:
    relevant = tuple(str(r) for r in row.get("relevant", []))
    lead = tuple(str(r) for r in row.get("lead") or relevant)
    return Turn(row["question"], relevant, lead, row.get("expect"))


def load_cases(path: str | Path) -> list[Case]:
    """The cases of one file, in either format."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            turns = tuple(_turn(t) for t in row["turns"]) if "turns" in row else (_turn(row),)
            kind = row.get("kind") or KIND_OF_CATEGORY.get(row.get("category", ""), "lookup")
            lang = row.get("lang") or {"spanish": "es", "portuguese": "pt"}.get(row.get("category", ""), "en")
            cases.append(Case(str(row.get("id") or number), kind, lang, turns))
        except (ValueError, KeyError, TypeError) as exc:
            raise DatasetError(f"{path}, line {number}: not an answer case ({exc})") from None
    return cases


def run(assistant: Assistant, cases: Sequence[Case], progress: Callable[[int, int], None] | None = None,
        ) -> list[list[Seen]]:
    """Ask every case's turns in order, each conversation with its own history."""
    out = []
    for i, case in enumerate(cases, start=1):
        history: list = []
        seen = []
        for position, turn in enumerate(case.turns):
            ranked = (tuple(h.action for h in assistant.search(turn.question, top_k=10)) if position == 0 else ())
            try:
                answer = assistant.ask(turn.question, history)
            except QueryError:  # the user is asked to say which action they mean: a turn not answered
                seen.append(Seen((), False, case.lang, ranked))
                continue
            history.append(answer.turn())
            seen.append(Seen(tuple(answer.cited), answer.abstained, answer.lang, ranked))
        out.append(seen)
        if progress:
            progress(i, len(cases))
    return out


def _turn_right(turn: Turn, seen: Seen) -> bool:
    if turn.expect == "none":
        return not seen.cited
    if not turn.relevant:
        return seen.abstained
    return bool(seen.cited) and not seen.abstained and seen.cited[0] in turn.lead


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def score(cases: Sequence[Case], results: Sequence[Sequence[Seen]]) -> dict[str, dict[str, float | None]]:
    """Metrics overall (key ``"all"``) and per kind; a metric with no turn to count is None."""
    from .evaluate import ranking_metrics

    kinds = sorted({c.kind for c in cases})
    out: dict[str, dict[str, float | None]] = {}
    ranked = {c.id: list(r[0].ranked) for c, r in zip(cases, results, strict=True)
              if len(c.turns) == 1 and c.turns[0].relevant}
    per_q = ranking_metrics({c.id: c.turns[0].relevant for c in cases if c.id in ranked}, ranked)
    for kind in ["all", *kinds]:
        chosen = [(c, r) for c, r in zip(cases, results, strict=True) if kind in ("all", c.kind)]
        pairs = [(c, t, s) for c, r in chosen for t, s in zip(c.turns, r, strict=True)]
        answerable = [(t, s) for _, t, s in pairs if t.answerable]
        listing = [(t, s) for c, t, s in pairs if c.kind in LIST_KINDS and t.answerable]
        conversations = [(c, r) for c, r in chosen if len(c.turns) > 1]
        out[kind] = {
            "cases": float(len(chosen)),
            "lead_correct": _mean([float(_turn_right(t, s)) for t, s in answerable]),
            "cited_recall": _mean([len(set(s.cited) & set(t.relevant)) / len(set(t.relevant)) for t, s in listing]),
            "cited_precision": _mean([len(set(s.cited) & set(t.relevant)) / len(set(s.cited))
                                      for t, s in listing if s.cited]),
            "abstention": _mean([float(s.abstained) for _, t, s in pairs if not t.relevant and t.expect != "none"]),
            "false_abstention": _mean([float(s.abstained) for t, s in answerable]),
            "followup_success": _mean([float(all(_turn_right(t, s) for t, s in zip(c.turns[1:], r[1:], strict=True)))
                                       for c, r in conversations]),
            "lang_correct": _mean([float(s.lang == c.lang) for c, t, s in pairs]),
            "recall@5": _mean([per_q[c.id]["recall@5"] for c, _ in chosen if c.id in per_q]),
            "capped_recall@5": _mean([per_q[c.id]["capped_recall@5"] for c, _ in chosen if c.id in per_q]),
            "mrr@10": _mean([per_q[c.id]["mrr@10"] for c, _ in chosen if c.id in per_q]),
        }
    return out


METRICS = ("lead_correct", "cited_recall", "cited_precision", "abstention", "false_abstention",
           "followup_success", "lang_correct", "recall@5", "capped_recall@5", "mrr@10")


def side_by_side(named: dict[str, dict[str, dict[str, float | None]]], kind: str = "all") -> str:
    """A Markdown table: one column per set (e.g. tuning, blind), one row per metric, for ``kind``."""
    names = list(named)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for key in ("cases", *METRICS):
        cells = []
        for name in names:
            value = named[name].get(kind, {}).get(key)
            cells.append("–" if value is None else (f"{int(value)}" if key == "cases" else f"{value:.3f}"))
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def turn_outcomes(cases: Sequence[Case], results: Sequence[Sequence[Seen]]) -> dict[str, list[bool]]:
    """Whether each turn was right (its lead cited first; an empty turn citing nothing, an out-of-scope one
    abstaining), by case id: what :func:`paired` compares between two runs."""
    return {c.id: [_turn_right(t, s) for t, s in zip(c.turns, r, strict=True)]
            for c, r in zip(cases, results, strict=True)}


@dataclass(frozen=True)
class Paired:
    """Two runs of one set, turn by turn."""

    turns: int  # turns in both runs
    fixed: int  # wrong before, right after
    lost: int  # right before, wrong after
    right_before: float  # share of turns right
    right_after: float
    sampling_error: float  # binomial standard error of ``right_after``
    p_value: float  # exact two-sided sign test on the changed turns (1.0 when none changed)


def paired(before: Mapping[str, Sequence[bool]], after: Mapping[str, Sequence[bool]]) -> Paired:
    """Compare two runs' :func:`turn_outcomes` on the cases both have (a case's turns in order)."""
    from scipy.stats import binomtest

    pairs = [(b, a) for case in before.keys() & after.keys()
             for b, a in zip(before[case], after[case], strict=True)]
    if not pairs:
        return Paired(0, 0, 0, 0.0, 0.0, 0.0, 1.0)
    n = len(pairs)
    fixed = sum(a and not b for b, a in pairs)
    lost = sum(b and not a for b, a in pairs)
    share_before, share = sum(b for b, _ in pairs) / n, sum(a for _, a in pairs) / n
    p_value = float(binomtest(fixed, fixed + lost, 0.5).pvalue) if fixed + lost else 1.0
    return Paired(n, fixed, lost, round(share_before, 4), round(share, 4), round((share * (1 - share) / n) ** 0.5, 4),
                  round(p_value, 4))
