"""How far two writers' labels of the same questions agree: the second's labels scored as if they were cited answers.

    python scripts/measure_agreement.py                       # eval/agreement/second_writer.jsonl against the sets
    python scripts/measure_agreement.py SECOND.jsonl          # another relabelling (rows: id, relevant, lead)

Per kind, by the answer metrics (:func:`assistant.answer_eval.score`): the second writer's relevant actions against
the first's (``cited_recall``, ``cited_precision``) and whether its first lead action is one of the first's lead
actions (``lead_correct``). What a careful
reading of the plan reaches: an answer metric far below it is the system's gap, not the labels' noise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from measure_answers import SETS  # scripts/, beside this file: the labelled sets

    from assistant.answer_eval import Seen, load_cases, score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", nargs="?", default=str(ROOT / "eval" / "agreement" / "second_writer.jsonl"))
    args = parser.parse_args(argv)
    second = {row["id"]: row for row in map(json.loads, Path(args.second).read_text(encoding="utf-8").splitlines())}
    cases = [c for paths in SETS.values() for path in paths for c in load_cases(path)
             if c.id in second and len(c.turns) == 1]
    missing = sorted(set(second) - {c.id for c in cases})
    if missing:
        raise SystemExit(f"no labelled single question for: {', '.join(missing)}")
    # the second writer's labels as an answer: its lead first, then the rest of what it found relevant
    cited = {c.id: tuple(dict.fromkeys([*second[c.id]["lead"], *second[c.id]["relevant"]])) for c in cases}
    metrics = score(cases, [[Seen(cited[c.id], not cited[c.id], c.lang, cited[c.id])] for c in cases])
    print("| kind | questions | recall | precision | first lead agrees |\n|---|---:|---:|---:|---:|")
    for kind, m in metrics.items():
        print(f"| {kind} | {int(m['cases'] or 0)} | {m['cited_recall']:.3f} | {m['cited_precision']:.3f} "
              f"| {m['lead_correct']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
