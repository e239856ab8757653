"""How far two writers' labels of the same questions agree: the second's labels scored as if they were cited answers.

    python scripts/measure_agreement.py                       # eval/agreement/second_writer.jsonl against the sets
    python scripts/measure_agreement.py SECOND.jsonl          # another relabelling (rows: id, relevant, lead)

Per kind: the second writer's relevant actions against the first's (recall, precision, as ``cited_recall`` and
``cited_precision`` count them) and whether its first lead action is one of the first's lead actions. What a careful
reading of the plan reaches: an answer metric far below it is the system's gap, not the labels' noise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answer_eval import load_cases  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", nargs="?", default=str(ROOT / "eval" / "agreement" / "second_writer.jsonl"))
    args = parser.parse_args(argv)
    second = {row["id"]: row for row in map(json.loads, Path(args.second).read_text(encoding="utf-8").splitlines())}
    blind = (p for p in sorted((ROOT / "eval").glob("blind*/*.jsonl")) if not p.parent.name.startswith("blind_search"))
    sets = [ROOT / "eval" / "questions.jsonl", *sorted((ROOT / "eval").glob("dev/*.jsonl")), *blind]
    first = {c.id: c for path in sets for c in load_cases(path) if c.id in second and len(c.turns) == 1}
    missing = sorted(set(second) - set(first))
    if missing:
        raise SystemExit(f"no labelled single question for: {', '.join(missing)}")
    per_kind: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for case_id, case in first.items():
        turn, row = case.turns[0], second[case_id]
        relevant, labelled = set(turn.relevant), set(row["relevant"])
        shared = len(relevant & labelled)
        scores = (shared / len(relevant) if relevant else float(not labelled),
                  shared / len(labelled) if labelled else float(not relevant),
                  float(bool(row["lead"]) and row["lead"][0] in turn.lead) if turn.lead else float(not row["lead"]))
        per_kind["all"].append(scores)
        per_kind[case.kind].append(scores)
    print("| kind | questions | recall | precision | first lead agrees |\n|---|---:|---:|---:|---:|")
    for kind, rows in per_kind.items():
        n = len(rows)
        print(f"| {kind} | {n} | " + " | ".join(f"{sum(r[i] for r in rows) / n:.3f}" for i in range(3)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
