"""Fit the evidence model (assistant/evidence.py): does a retrieved action address the question?

    python scripts/fit_evidence.py                  # check on two halves, fit on all, write the model
    python scripts/fit_evidence.py --check-only     # the halves only

The labelled candidates are those :meth:`Assistant.route` returns for the single questions of
``eval/questions.jsonl`` that go to search (a candidate is positive when it is one of the question's
relevant actions). The questions are split in two halves by a hash of their id: a model fitted on
one half answers the other half's questions (through :meth:`Assistant.ask`, nothing copied), at
each threshold, so that the threshold is chosen on questions the model did not see. The blind
sets (eval/blind*/) are never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "eval" / "questions.jsonl"
THRESHOLDS = (0.3, 0.4, 0.5)


def fit(rows: list[list[float]], labels: list[bool], threshold: float, provenance: dict):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from assistant.evidence import FEATURES, EvidenceModel

    x = np.asarray(rows, dtype=float)
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(x), np.asarray(labels))
    return EvidenceModel(
        FEATURES, tuple(round(float(v), 6) for v in scaler.mean_), tuple(round(float(v), 6) for v in scaler.scale_),
        tuple(round(float(v), 6) for v in model.coef_[0]), round(float(model.intercept_[0]), 6), threshold, provenance,
    )


def main(argv: list[str] | None = None) -> int:
    from dataclasses import replace

    from assistant import Assistant
    from assistant.answer_eval import load_cases, run, score
    from assistant.reading import read

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.4, help="cite a candidate at this probability or more")
    parser.add_argument("--check-only", action="store_true")
    args = parser.parse_args(argv)

    from assistant.evidence import FEATURES, EvidenceModel

    assistant = Assistant.load()
    zeros = (0.0,) * len(FEATURES)
    assistant.evidence.model = EvidenceModel(FEATURES, zeros, (1.0,) * len(FEATURES), zeros, 0.0, 0.5, {})  # features only
    cases = [c for c in load_cases(DATASET) if len(c.turns) == 1]
    samples: dict[str, tuple[list[list[float]], list[bool]]] = {}
    for case in cases:
        turn = case.turns[0]
        reading = read(assistant.plan, turn.question)
        route = assistant.route(reading)
        if route.way != "search":
            continue
        hits = list(route.hits)
        rows = assistant.evidence.features(reading.terms, hits, reading.wants_all, reading.lang == "en")
        samples[case.id] = (rows, [h.action in turn.relevant for h in hits])

    def half(case_id: str) -> int:
        return zlib.crc32(case_id.encode()) % 2

    def pooled(ids) -> tuple[list[list[float]], list[bool]]:
        return [r for i in ids for r in samples[i][0]], [y for i in ids for y in samples[i][1]]

    checks = {}
    for held in (0, 1):
        train = [i for i in samples if half(i) != held]
        model = fit(*pooled(train), args.threshold, {})
        tested = [c for c in cases if half(c.id) == held]
        for threshold in THRESHOLDS:
            assistant.evidence.model = replace(model, threshold=threshold)
            metrics = score(tested, run(assistant, tested))["all"]
            checks[f"half {held}, threshold {threshold}"] = {
                k: metrics[k] for k in ("lead_correct", "cited_recall", "cited_precision", "abstention", "false_abstention")
            }
            print(f"half {held} held out, threshold {threshold}: {checks[f'half {held}, threshold {threshold}']}")
    if args.check_only:
        return 0
    provenance = {
        "dataset": DATASET.name, "sha256": hashlib.sha256(DATASET.read_bytes()).hexdigest(),
        "questions": len(samples), "candidates": sum(len(y) for _, y in samples.values()),
        "positives": sum(sum(y) for _, y in samples.values()), "held_out_halves": checks,
        "fitted_by": "scripts/fit_evidence.py (sklearn LogisticRegression on standardised features)",
    }
    model = fit(*pooled(list(samples)), args.threshold, provenance)
    from assistant.evidence import MODEL_FILE

    MODEL_FILE.write_text(model.to_json(), encoding="utf-8")
    print(f"written {MODEL_FILE.relative_to(ROOT)}: {provenance['questions']} questions, "
          f"{provenance['candidates']} candidates", file=sys.stderr)
    print(json.dumps(dict(zip(model.features, model.coef, strict=True)), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
