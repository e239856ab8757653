"""Choose the abstention thresholds on eval/questions.jsonl (which actions to cite: scripts/fit_evidence.py).

Usage: .venv/bin/python scripts/calibrate_abstention.py

Each question is read and routed once, by the product's own ``read`` and ``Assistant.route`` (what
``Assistant.ask`` runs); each grid point re-composes the answers from those routes.
Printed per setting: abstention accuracy (unanswerable), false-abstention rate
(answerable), citation precision and recall, on two alternate halves of the set.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from assistant import Assistant
from assistant.answer import Abstention, abstain, compose, compose_structured
from assistant.evaluate import answer_metrics, load_dataset
from assistant.reading import read


def main() -> None:
    assistant = Assistant.load()
    plan = assistant.plan
    questions = load_dataset()
    routed = {}
    for q in questions:
        reading = read(plan, q.question)
        routed[q.id] = (reading, assistant.route(reading))

    def run(rule: Abstention, subset) -> dict[str, float]:
        answers = {}
        for q in subset:
            reading, route = routed[q.id]
            if route.way == "not_covered":
                a = abstain(plan, list(route.hits), reading, route.reason)
            elif route.way == "table":
                a = compose_structured(plan, route.request, reading)
            else:
                a = compose(plan, reading, list(route.hits), route.support, rule)
            answers[q.id] = (a.cited, a.abstained)
        return answer_metrics(subset, answers)

    halves = (questions[0::2], questions[1::2])
    rows = []
    for dense, multi, bm25 in itertools.product((0.25, 0.30, 0.35), (0.79, 0.80, 0.81), (0.0, 0.5, 1.0, 1.5, 2.0)):
        rule = replace(Abstention(), dense_min=dense, multilingual_min=multi, bm25_min=bm25)
        a, b = run(rule, halves[0]), run(rule, halves[1])
        # balanced: abstain right, answer right, cite precisely
        score = (a["abstention_accuracy"] + (1 - a["false_abstention_rate"])
                 + a["citation_precision"] + a["citation_recall"])
        rows.append((score, rule, a, b))
    rows.sort(key=lambda r: -r[0])
    keys = ("abstention_accuracy", "false_abstention_rate", "citation_precision", "citation_recall")
    print("dense  multi  bm25 |  A: abst  f-abst  c-prec  c-rec |  B: abst  f-abst  c-prec  c-rec")
    for _, rule, a, b in rows[:12]:
        print(f"{rule.dense_min:5.2f} {rule.multilingual_min:5.2f} {rule.bm25_min:5.2f} |"
              + "".join(f" {a[k]:7.3f}" for k in keys) + " |" + "".join(f" {b[k]:7.3f}" for k in keys))
    current = Abstention()
    print("current:", current)
    print("  all:", run(current, questions))


if __name__ == "__main__":
    main()
