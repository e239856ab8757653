"""Fit the evidence models (assistant/evidence.py): which retrieved actions address a question, and does
the plan answer it at all?

    python scripts/fit_evidence.py                  # check on two halves, fit on all, write the models
    python scripts/fit_evidence.py --check-only     # the halves only

The labelled examples are what :meth:`Assistant.route` returns for the single questions of
``eval/questions.jsonl`` and ``eval/dev/questions.jsonl`` that go to search: each candidate is
positive when it is one of the question's relevant actions (the candidate model); each question is
positive when it has relevant actions at all (the question model, fitted with balanced class
weights: unanswerable questions are few). The questions are split in two halves by a hash of their
id: models fitted on one half answer the other half's questions (through :meth:`Assistant.ask`,
nothing copied) at each threshold, so that the thresholds are chosen on questions the models did not
see. The blind sets (eval/blind*/) are never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the tuning set, and the development set of wordings the tuning set lacks (overviews, countries, results)
DATASETS = (ROOT / "eval" / "questions.jsonl", ROOT / "eval" / "dev" / "questions.jsonl")
QUESTION_THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
METRICS = ("lead_correct", "cited_recall", "cited_precision", "abstention", "false_abstention")


@dataclass
class Example:
    terms: tuple[str, ...]
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
        rows.append(evidence.question_features(e.terms, e.hits, best, e.wants_all, e.english))
    question = logistic(rows, [e.answerable for e in examples], QUESTION_FEATURES, question_threshold, balanced=True)
    return EvidenceModel(candidate, question, provenance)


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant
    from assistant.answer_eval import load_cases, run, score
    from assistant.evidence import FEATURES, MODEL_FILE, QUESTION_FEATURES, EvidenceModel, Logistic
    from assistant.reading import read

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidate-threshold", type=float, default=0.4, help="cite a candidate at this probability")
    parser.add_argument("--question-threshold", type=float, default=0.3, help="answer a question at this probability")
    parser.add_argument("--check-only", action="store_true")
    args = parser.parse_args(argv)

    assistant = Assistant.load()

    def neutral(names):
        return Logistic(names, (0.0,) * len(names), (1.0,) * len(names), (0.0,) * len(names), 0.0, 0.5)

    assistant.evidence.model = EvidenceModel(neutral(FEATURES), neutral(QUESTION_FEATURES), {})  # routes need one
    cases = [c for path in DATASETS for c in load_cases(path) if len(c.turns) == 1]
    examples: dict[str, Example] = {}
    for case in cases:
        turn = case.turns[0]
        reading = read(assistant.plan, turn.question)
        route = assistant.route(reading)
        if route.way != "search" or not route.hits:
            continue
        hits = list(route.hits)
        english = reading.lang == "en"
        rows = assistant.evidence.features(reading.terms, hits, reading.wants_all, english)
        examples[case.id] = Example(reading.terms, hits, reading.wants_all, english, rows,
                                    [h.action in turn.relevant for h in hits], bool(turn.relevant))

    def half(case_id: str) -> int:
        return zlib.crc32(case_id.encode()) % 2

    checks = {}
    for held in (0, 1):
        model = fit(assistant.evidence, [e for i, e in examples.items() if half(i) != held],
                    args.candidate_threshold, args.question_threshold, {})
        tested = [c for c in cases if half(c.id) == held]
        for threshold in QUESTION_THRESHOLDS:
            assistant.evidence.model = replace(model, question=replace(model.question, threshold=threshold))
            metrics = score(tested, run(assistant, tested))["all"]
            key = f"half {held} held out, question threshold {threshold}"
            checks[key] = {k: metrics[k] for k in METRICS}
            print(f"{key}: " + ", ".join(f"{k} {checks[key][k]}" for k in METRICS), flush=True)
    if args.check_only:
        return 0
    provenance = {
        "datasets": {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in DATASETS},
        "questions": len(examples), "unanswerable": sum(not e.answerable for e in examples.values()),
        "candidates": sum(len(e.labels) for e in examples.values()),
        "positives": sum(sum(e.labels) for e in examples.values()), "held_out_halves": checks,
        "fitted_by": "scripts/fit_evidence.py (sklearn LogisticRegression on standardised features)",
    }
    model = fit(assistant.evidence, list(examples.values()), args.candidate_threshold, args.question_threshold,
                provenance)
    MODEL_FILE.write_text(model.to_json(), encoding="utf-8")
    print(f"written {MODEL_FILE.relative_to(ROOT)}: {provenance['questions']} questions, "
          f"{provenance['candidates']} candidates", file=sys.stderr)
    for part in (model.candidate, model.question):
        print(", ".join(f"{n} {c:+.2f}" for n, c in zip(part.features, part.coef, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
