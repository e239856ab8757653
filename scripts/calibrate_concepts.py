"""Choose the concept check's thresholds (``coverage.ConceptRule``) on eval/questions.jsonl.

Usage: .venv/bin/python scripts/calibrate_concepts.py

Each question is read, routed and answered by the product's own functions with the concept check
off; the words it would check are measured once (in the plan? how frequent in English? how close
to the plan's nearest word?). Each grid point then adds the abstentions it would cause. Printed:
abstention on unanswerable questions and false abstention on answerable ones, on two alternate
halves of the set. The blind set (eval/blind/) is never read here.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from assistant import Assistant
from assistant.coverage import ConceptRule
from assistant.evaluate import load_dataset
from assistant.reading import read


def main() -> None:
    assistant = Assistant.load()
    assistant.concept_rule = ConceptRule(specific_below=0.0)  # off: the answers as they are without it
    questions = load_dataset()
    seen = {}
    for q in questions:
        reading = read(assistant.plan, q.question)
        answer = assistant.ask(q.question)
        checked = reading.request is None and not reading.search.refs
        words = assistant.concepts.seen(reading.concepts, reading.search.english)  # as Concepts.missing sees them
        hits = assistant.search(q.question, top_k=6)
        dense = max((h.similarity for h in hits), default=0.0)
        lexical = max((h.bm25 for h in hits), default=0.0)
        seen[q.id] = (answer.abstained, words if checked else [], dense, lexical)

    def rates(rule: ConceptRule, subset) -> tuple[float, float]:
        def abstains(q) -> bool:
            abstained, words, dense, lexical = seen[q.id]
            return abstained or (dense < rule.evidence_below and lexical < rule.lexical_below  # as Concepts.missing
                                 and rule.missing(words) is not None)
        unanswerable = [q for q in subset if not q.relevant]
        answerable = [q for q in subset if q.relevant]
        return (sum(map(abstains, unanswerable)) / len(unanswerable), sum(map(abstains, answerable)) / len(answerable))

    halves = (questions[0::2], questions[1::2])
    print(" specific  near  dense    own |  A: abst  f-abst |  B: abst  f-abst")
    rows = []
    for specific, near, dense, own in itertools.product((5.0, 5.5), (0.45, 0.5, 0.55), (0.4, 0.45, 0.5), (1, 2, 3, 99)):
        rule = replace(ConceptRule(), specific_below=specific, near=near, evidence_below=dense, plan_words_below=own)
        (a1, a2), (b1, b2) = rates(rule, halves[0]), rates(rule, halves[1])
        rows.append((a1 - 2 * a2, -own, specific, near, dense, a1, a2, b1, b2))
    base = rates(replace(ConceptRule(), specific_below=0.0), halves[0]), rates(
        replace(ConceptRule(), specific_below=0.0), halves[1])
    print(f"      off                     | {base[0][0]:7.3f} {base[0][1]:7.3f} | {base[1][0]:7.3f} {base[1][1]:7.3f}")
    for _, own, specific, near, dense, a1, a2, b1, b2 in sorted(rows, reverse=True)[:15]:
        print(f"{specific:9.1f} {near:5.2f} {dense:6.2f} {-own:6d} | {a1:7.3f} {a2:7.3f} | {b1:7.3f} {b2:7.3f}")
    current = ConceptRule()
    (a1, a2), (b1, b2) = rates(current, halves[0]), rates(current, halves[1])
    print(f"  current: {current}\n    A {a1:.3f} {a2:.3f} | B {b1:.3f} {b2:.3f}")
    for q in questions:  # what the current rule would refuse among answerable questions, and why
        rule = ConceptRule()
        hits = [c for c in seen[q.id][1] if rule.lacks(c)]
        if q.relevant and seen[q.id][2] < rule.evidence_below and rule.missing(seen[q.id][1]):
            print("false:", q.id, q.question[:70], [(c.word, round(c.zipf, 2), c.nearest, round(c.similarity, 2))
                                                   for c in hits])


if __name__ == "__main__":
    main()
