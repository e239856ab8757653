"""Choose the hybrid fusion weights on eval/questions.jsonl (a grid search, printed as a table).

Usage: .venv/bin/python scripts/tune_fusion.py [--dataset eval/questions.jsonl]

Chunk scores are computed once per question; each grid point only re-fuses them.
The set is split in two halves (alternate questions) so that a choice made on one
half can be checked on the other. Categories scored: paraphrase, topic, exact,
typos, spanish, portuguese (structured questions are answered from the table).
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace

from assistant import Assistant
from assistant.evaluate import load_dataset, ranking_metrics
from assistant.paths import default_dataset
from assistant.reading import read_search
from assistant.retrieve import Fusion

CATEGORIES = {"paraphrase", "topic", "exact", "typos", "spanish", "portuguese"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default=str(default_dataset()))
    args = parser.parse_args()
    assistant = Assistant.load()
    retriever = assistant.retriever
    questions = [q for q in load_dataset(args.dataset) if q.relevant and q.category in CATEGORIES]
    read = {q.id: read_search(assistant.plan, q.question) for q in questions}  # as Assistant.search reads them
    cached = {q.id: retriever.chunk_scores(read[q.id]) for q in questions}
    exact = {q.id: list(read[q.id].refs) for q in questions}
    english = {q.id: read[q.id].lang == "en" for q in questions}
    allowed = {a.number for a in assistant.plan.actions}
    halves = {"A": questions[0::2], "B": questions[1::2]}

    def score(fusion: Fusion, subset) -> tuple[float, float]:
        runs = {}
        for q in subset:
            order = retriever.rank(cached[q.id], allowed, "hybrid", fusion, english[q.id]).order
            runs[q.id] = exact[q.id] + [n for n in order if n not in exact[q.id]]
        per_q = ranking_metrics({q.id: q.relevant for q in subset}, runs)
        n = len(per_q)
        return (sum(m["recall@5"] for m in per_q.values()) / n, sum(m["mrr@10"] for m in per_q.values()) / n)

    grid = itertools.product(
        (0.5, 1.0, 1.5), (1.0,), (0.5, 1.0, 1.5, 2.0), (0.0, 0.25, 0.5, 1.0), (5.0, 20.0, 60.0), (0.0, 0.5, 0.8)
    )
    rows = []
    for dense, bm25, multi, foreign, k, lift in grid:
        fusion = replace(
            Fusion(), dense=dense, bm25=bm25, multilingual=multi, foreign=foreign, rrf_k=k, goal_lift=lift
        )
        a, b = score(fusion, halves["A"]), score(fusion, halves["B"])
        rows.append((a[0] + a[1], fusion, a, b))
    rows.sort(key=lambda r: -r[0])
    print(f"{'dense':>5} {'bm25':>4} {'multi':>5} {'forgn':>5} {'rrf_k':>5} {'lift':>4} |"
          f" {'A r@5':>6} {'A mrr':>6} | {'B r@5':>6} {'B mrr':>6}")
    for _, f, a, b in rows[:15]:
        print(f"{f.dense:5.1f} {f.bm25:4.1f} {f.multilingual:5.1f} {f.foreign:5.2f} {f.rrf_k:5.0f} {f.goal_lift:4.1f} |"
              f" {a[0]:6.3f} {a[1]:6.3f} | {b[0]:6.3f} {b[1]:6.3f}")
    current = Fusion()
    print("current default:", current, "A", score(current, halves["A"]), "B", score(current, halves["B"]))


if __name__ == "__main__":
    main()
