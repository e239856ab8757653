"""Fit the evidence models (assistant/evidence.py): which retrieved actions address a question, and does
the plan answer it at all?

    python scripts/fit_evidence.py                  # check each group held out, fit on all, write the models
    python scripts/fit_evidence.py --check-only     # the held-out checks only

The labelled examples are what :meth:`Assistant.route` returns for the single questions that go to search
of the tuning set, the development set and the spent blind sets (:data:`GROUPS`): each candidate is
positive when it is one of the question's relevant actions (the candidate model); each question is
positive when it has relevant actions at all (the question model, fitted with balanced class weights:
unanswerable questions are few). Each group but the tuning set is held out in turn: models fitted on
the other groups answer its questions (through :meth:`Assistant.ask`, nothing copied), beside the shipped
model, so that a refit is judged on questions it did not see. The current round's blind set is never read.

The dense channels rank with query adapters (scripts/fit_adapter.py) fitted on the development and spent blind
sets, and their precedents (scripts/build_precedents.py) are those sets' questions: a question an adapter was
fitted on ranks better than a new one would, and a question among the precedents finds itself. So each group's
examples are routed with adapters and precedents that did not see it (stacking): the tuning set with the shipped
ones, the odd-numbered blind sets with those of the even-numbered ones, the even-numbered and the development set
with those of the odd-numbered ones.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the tuning set, the development set of wordings the tuning set lacks (overviews, countries, results), and
# the blind sets already spent (measured before and after their rounds; their single questions only): each a
# group that the check leaves out in turn. blind7 and later are not fitted on (refitting with blind7 to blind9
# added answered more out-of-scope questions of the development set: abstention 0.69 -> 0.58); they are no longer
# unseen questions, though: the query adapters are fitted on every spent blind set (measure them with
# `elac eval --pretrained`, or see scripts/fit_adapter.py's odd/even check). A round's blind set is never read here.
# Tried again with the gate in place (--later, blind7 to blind22, 2026-12-07): held out, dev abstention 0.69 -> 0.58,
# blind7-22 false abstention the same or lower on 7 of 16 groups and higher on 3, cited recall lower on 12: not kept.
GROUPS = {
    "tuning": (ROOT / "eval" / "questions.jsonl",),
    "dev": (ROOT / "eval" / "dev" / "questions.jsonl",),
    **{name: tuple(sorted((ROOT / "eval" / name).glob("*.jsonl")))
       for name in ("blind", "blind2", "blind3", "blind4", "blind5", "blind6")},
}


def later_groups() -> dict[str, tuple[Path, ...]]:
    """The spent blind sets after blind6 (fitted on with --later): each read after the refit that last used them."""
    import fit_adapter  # scripts/, beside this file

    return {name: tuple(sorted((ROOT / "eval" / name).glob("*.jsonl")))
            for name in fit_adapter.SPENT if name not in GROUPS}


METRICS = ("lead_correct", "cited_recall", "cited_precision", "abstention", "false_abstention")


@dataclass
class Example:
    terms: dict[str, float]  # with their weights
    hits: list
    wants_all: bool
    english: bool
    rows: list[list[float]]  # candidate features
    labels: list[bool]  # candidate is relevant
    answerable: bool


def logistic(rows, labels, names, threshold, balanced=False):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from assistant.evidence import Logistic

    x = np.asarray(rows, dtype=float)
    scaler = StandardScaler().fit(x)
    fitted = LogisticRegression(max_iter=2000, class_weight="balanced" if balanced else None).fit(
        scaler.transform(x), np.asarray(labels))
    def rounded(values) -> tuple[float, ...]:
        return tuple(round(float(v), 6) for v in values)

    return Logistic(names, rounded(scaler.mean_), rounded(scaler.scale_), rounded(fitted.coef_[0]),
                    round(float(fitted.intercept_[0]), 6), threshold)


def fit(evidence, examples: list[Example], candidate_threshold: float, question_threshold: float, provenance: dict):
    from assistant.evidence import FEATURES, QUESTION_FEATURES, EvidenceModel

    candidate = logistic([r for e in examples for r in e.rows], [y for e in examples for y in e.labels], FEATURES,
                         candidate_threshold)
    rows = []
    for e in examples:
        best = max((candidate.probability(r) for r in e.rows), default=0.0)
        rows.append(evidence.question_features(e.terms, e.hits, best, e.english))
    question = logistic(rows, [e.answerable for e in examples], QUESTION_FEATURES, question_threshold, balanced=True)
    return EvidenceModel(candidate, question, provenance)


def unseen_retrievers(assistant) -> dict:
    """For each group, a retriever whose query adapters were not fitted on its questions (see the module doc)."""
    from dataclasses import replace

    import build_precedents  # scripts/, beside this file
    import fit_adapter

    from assistant.retrieve import Retriever

    base = assistant.retriever
    missing = [name for name, c in base.channels.items() if c.adapter is None or c.precedents is None]
    if missing:  # the tuning set would be ranked without them and every other group with them
        raise SystemExit(f"no fitted query adapter or precedents for {', '.join(missing)}: run "
                         "scripts/fit_adapter.py and scripts/build_precedents.py first")
    pretrained = fit_adapter.with_adapters(base, None)
    halves = fit_adapter.HALVES
    rows = {half: [r for name in names for r in fit_adapter.examples(fit_adapter.GROUPS[name])]
            for half, names in halves.items()}
    # for each half's groups, adapters fitted and precedents built on the other half
    for_half = {half: Retriever(base.plan, [replace(c, adapter=fit_adapter.fit(c, pretrained, rows[other]),
                                                    precedents=build_precedents.build(c, base, rows[other]))
                                            for c in base.channels.values()], base.fusion)
                for half, other in (("odd", "even"), ("even", "odd"))}
    out = {"tuning": base, "dev": for_half["even"]}
    out |= {name: for_half[half] for half, names in halves.items() for name in names}
    return out


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant
    from assistant.answer_eval import load_cases, run, score
    from assistant.evidence import FEATURES, MODEL_FILE, QUESTION_FEATURES, EvidenceModel, Logistic
    from assistant.reading import read

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidate-threshold", type=float, default=0.4, help="cite a candidate at this probability")
    parser.add_argument("--question-threshold", type=float, default=0.3, help="answer a question at this probability")
    parser.add_argument("--check-only", action="store_true")
    parser.add_argument("--later", action="store_true", help="fit on the spent blind sets after blind6 too")
    args = parser.parse_args(argv)
    groups = GROUPS | (later_groups() if args.later else {})
    datasets = tuple(path for paths in groups.values() for path in paths)

    assistant = Assistant.load()
    try:  # the model in assistant/data/evidence.json, for comparison
        shipped = assistant.evidence.model
    except ValueError:  # fitted on other features: there is nothing to compare with
        shipped = None

    def neutral(names):
        return Logistic(names, (0.0,) * len(names), (1.0,) * len(names), (0.0,) * len(names), 0.0, 0.5)

    assistant.evidence.model = EvidenceModel(neutral(FEATURES), neutral(QUESTION_FEATURES), {})  # routes need one
    cases = {name: [c for path in paths for c in load_cases(path) if len(c.turns) == 1]
             for name, paths in groups.items()}
    retrievers = unseen_retrievers(assistant)
    examples: dict[str, dict[str, Example]] = {name: {} for name in groups}
    for name, group in cases.items():
        assistant.retriever = retrievers[name]
        for case in group:
            turn = case.turns[0]
            reading = read(assistant.plan, turn.question)
            route = assistant.route(reading)
            if route.way != "search" or not route.hits:
                continue
            hits = list(route.hits)
            english = reading.lang == "en"
            terms = dict(reading.weighted_terms)
            rows = assistant.evidence.features(terms, hits, reading.wants_all, english)
            examples[name][case.id] = Example(terms, hits, reading.wants_all, english, rows,
                                              [h.action in turn.relevant for h in hits], bool(turn.relevant))

    checks = {}
    for held in groups:  # fitted on every other group, the held-out group's questions answered (nothing copied)
        if held == "tuning":
            continue
        others = [e for name, group in examples.items() if name != held for e in group.values()]
        model = fit(assistant.evidence, others, args.candidate_threshold, args.question_threshold, {})
        tested = cases[held]
        assistant.retriever = retrievers[held]
        for label, used in [("shipped", shipped), ("refitted", model)][shipped is None:]:
            assistant.evidence.model = used
            metrics = score(tested, run(assistant, tested))["all"]
            key = f"{held} held out, {label} model"
            checks[key] = {k: metrics[k] for k in METRICS}
            print(f"{key}: " + ", ".join(f"{k} {checks[key][k]}" for k in METRICS), flush=True)
    if args.check_only:
        return 0
    every = [e for group in examples.values() for e in group.values()]
    provenance = {
        "datasets": {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in datasets},
        "questions": len(every), "unanswerable": sum(not e.answerable for e in every),
        "candidates": sum(len(e.labels) for e in every),
        "positives": sum(sum(e.labels) for e in every), "held_out_groups": checks,
        "fitted_by": "scripts/fit_evidence.py (sklearn LogisticRegression on standardised features)",
    }
    model = fit(assistant.evidence, every, args.candidate_threshold, args.question_threshold, provenance)
    MODEL_FILE.write_text(model.to_json(), encoding="utf-8")
    print(f"written {MODEL_FILE.relative_to(ROOT)}: {provenance['questions']} questions, "
          f"{provenance['candidates']} candidates", file=sys.stderr)
    for part in (model.candidate, model.question):
        print(", ".join(f"{n} {c:+.2f}" for n, c in zip(part.features, part.coef, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
