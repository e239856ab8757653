"""Answer metrics per kind on the tuning set and the blind set, side by side.

    python scripts/measure_answers.py -o FILE     # every set, JSON (eval/answers.json keeps each round's before/after)
    python scripts/measure_answers.py --only tuning                   # the tuning set only
    python scripts/measure_answers.py --turns AFTER.json --compare BEFORE.json  # turns fixed and lost since a run

eval/blind/ to blind41/ are spent; eval/blind42/ (written during the thirty-fourth round) is blind: measured unread
before the next change (its "before"), to be read only when that change is done.
A blind set is not to be tuned on: run it once before a change (writing to a file you do not read) and once after;
compare the two only when the work is done.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "tuning": [ROOT / "eval" / "questions.jsonl"],
    "dev": sorted((ROOT / "eval" / "dev").glob("*.jsonl")),  # wordings the tuning set lacks; may be tuned on
    "blind": sorted((ROOT / "eval" / "blind").glob("*.jsonl")),
    "blind2": sorted((ROOT / "eval" / "blind2").glob("*.jsonl")),  # written 2026-11-30, before that day's changes
    "blind3": sorted((ROOT / "eval" / "blind3").glob("*.jsonl")),  # written 2026-11-30, with the dev set
    # blind4: written 2026-12-03; measured once before and after that day's changes
    "blind4": sorted((ROOT / "eval" / "blind4").glob("*.jsonl")),
    "blind5": sorted((ROOT / "eval" / "blind5").glob("*.jsonl")),  # written 2026-12-03; spent on 2026-12-05
    "blind6": sorted((ROOT / "eval" / "blind6").glob("*.jsonl")),  # written and spent on 2026-12-05
    # blind7: written 2026-12-05; measured at e1b039a (unread) and after the clause features; spent
    "blind7": sorted((ROOT / "eval" / "blind7").glob("*.jsonl")),
    # blind8: written 2026-12-05; measured at c9f598b (unread), read once at 3c5c8ef, then read for classes; spent
    "blind8": sorted((ROOT / "eval" / "blind8").glob("*.jsonl")),
    # blind9: written 2026-12-06; measured at the end of that day's round only (c9f598b, 9b6131a, ba3df7b); spent
    "blind9": sorted((ROOT / "eval" / "blind9").glob("*.jsonl")),
    # blind10: written 2026-12-06; measured at 30cc33e (unread) and at the end of that day's second round; spent
    "blind10": sorted((ROOT / "eval" / "blind10").glob("*.jsonl")),
    # blind11: written 2026-12-06; measured at afba1db (unread) and at the end of 2026-12-06's third round; spent
    "blind11": sorted((ROOT / "eval" / "blind11").glob("*.jsonl")),
    # blind12: written 2026-12-06; measured at ccd32c6 (unread) and at the end of that day's fourth round; spent
    "blind12": sorted((ROOT / "eval" / "blind12").glob("*.jsonl")),
    # blind13: written 2026-12-06; measured at 7988fff (unread) and at the end of that day's fifth round; spent
    "blind13": sorted((ROOT / "eval" / "blind13").glob("*.jsonl")),
    # blind14: written 2026-12-06; measured at 3ca9308 (unread) and at the end of that day's sixth round; spent
    "blind14": sorted((ROOT / "eval" / "blind14").glob("*.jsonl")),
    # blind15: written 2026-12-06; measured at c51bac2 (unread) and at 0f2d3dd (sentence-by-sentence retrieval,
    # reverted at ac04598); spent
    "blind15": sorted((ROOT / "eval" / "blind15").glob("*.jsonl")),
    # blind16: written 2026-12-06; measured at 8fdbe44 (unread) and at the end of that day's eighth round; spent
    "blind16": sorted((ROOT / "eval" / "blind16").glob("*.jsonl")),
    # blind17: written 2026-12-06; measured at bd5de5a (unread) and at the end of the ninth round (64c521b); spent
    "blind17": sorted((ROOT / "eval" / "blind17").glob("*.jsonl")),
    # blind18: written 2026-12-06; measured at e4b9e64 (unread) and at the end of the tenth round (a180f63); spent
    "blind18": sorted((ROOT / "eval" / "blind18").glob("*.jsonl")),
    # blind19: written 2026-12-06; measured at a180f63 (unread) and at the end of the eleventh round (9f7ae31); spent
    "blind19": sorted((ROOT / "eval" / "blind19").glob("*.jsonl")),
    # blind20: written 2026-12-07; measured at 90dc275 (unread) and at the end of the twelfth round (bfe60a3); spent
    "blind20": sorted((ROOT / "eval" / "blind20").glob("*.jsonl")),
    # blind21: written 2026-12-07; measured at d35e959 (unread) and at 94d293a (the thirteenth round, reverted); spent
    "blind21": sorted((ROOT / "eval" / "blind21").glob("*.jsonl")),
    # blind22: written 2026-12-07; measured at 9b04c51 (unread) and at the end of the fourteenth round (0dd729e); spent
    "blind22": sorted((ROOT / "eval" / "blind22").glob("*.jsonl")),
    # blind23: written 2026-12-07; measured at e257540 (unread) and at the end of the fifteenth round (9a93bce); spent
    "blind23": sorted((ROOT / "eval" / "blind23").glob("*.jsonl")),
    # blind24: written 2026-12-07; measured at c55aea3 (unread) and at the end of the sixteenth round (b18a5e5); spent
    "blind24": sorted((ROOT / "eval" / "blind24").glob("*.jsonl")),
    # blind25: written 2026-12-07; measured at 8e8356b (unread) and at the end of the seventeenth round (c2f23ba); spent
    "blind25": sorted((ROOT / "eval" / "blind25").glob("*.jsonl")),
    # blind26: written 2026-12-07; measured at 6aa3ede (unread) and at the end of the eighteenth round (ac8a9fe); spent
    "blind26": sorted((ROOT / "eval" / "blind26").glob("*.jsonl")),
    # blind27: written 2026-12-07; measured at 3183aec (unread) and at the end of the nineteenth round (a07388f); spent
    "blind27": sorted((ROOT / "eval" / "blind27").glob("*.jsonl")),
    # blind28: written 2026-12-07; measured at a07388f (unread) and at the end of the twentieth round (6804a3e); spent
    "blind28": sorted((ROOT / "eval" / "blind28").glob("*.jsonl")),
    # blind29: written 2026-12-07; measured at 6804a3e (unread), at the end of the twenty-first round (9b097f7) and at
    # be857c8 (its refit dropped); spent
    "blind29": sorted((ROOT / "eval" / "blind29").glob("*.jsonl")),
    # blind30: written 2026-12-07 (80 single questions, 16 conversations); measured at d94f540 (unread) and at the end
    # of the twenty-second round (3f96e70); spent
    "blind30": sorted((ROOT / "eval" / "blind30").glob("*.jsonl")),
    # blind31: written 2026-12-07 (80 single questions, 16 conversations); measured at 1cae695 (unread) and at the end
    # of the twenty-third round (58695b2); spent
    "blind31": sorted((ROOT / "eval" / "blind31").glob("*.jsonl")),
    # blind32: written 2026-12-07 (80 singles, 16 conversations); measured at 64e5cd7 (unread) and at the end of the
    # twenty-fifth round (the precedents); spent
    "blind32": sorted((ROOT / "eval" / "blind32").glob("*.jsonl")),
    # blind33: written 2026-12-07 (80 singles, 16 conversations); measured at f6667a7 and c003c2a (unread) and at the
    # end of the twenty-sixth round (questions whether the plan names something); spent
    "blind33": sorted((ROOT / "eval" / "blind33").glob("*.jsonl")),
    # blind34: written 2026-12-07 (80 singles, 16 conversations); measured at ae38449, the end of the twenty-sixth round
    # (unread), and at the end of the twenty-seventh (a yes-or-no follow-up asked of the action just shown); spent
    "blind34": sorted((ROOT / "eval" / "blind34").glob("*.jsonl")),
    # blind35: written 2026-12-07 (80 singles, 16 conversations); measured at 5301deb (unread) and at the end of the
    # twenty-eighth round (a place in each goal of an area); spent
    "blind35": sorted((ROOT / "eval" / "blind35").glob("*.jsonl")),
    # blind36: written 2026-12-07 (80 singles, 16 conversations); measured at 1743f48 (unread) and at the end of the
    # twenty-ninth round (yes-or-no deadline comparisons, 960e4dd); spent
    "blind36": sorted((ROOT / "eval" / "blind36").glob("*.jsonl")),
    # blind37: written 2026-12-07 (80 singles, 16 conversations); measured at 8868447 and 26b9068 (unread) and at the
    # end of the thirtieth round (yes-or-no questions asked of the actions just shown); spent
    "blind37": sorted((ROOT / "eval" / "blind37").glob("*.jsonl")),
    # blind38: written 2026-12-07 (80 singles, 16 conversations); measured at 474e95f (unread) and at the end of the
    # thirty-first round (places in a titled scope or in each goal, quotes framed by clauses of their own); spent
    "blind38": sorted((ROOT / "eval" / "blind38").glob("*.jsonl")),
    # blind39: written 2026-12-07 (80 singles, 16 conversations); measured at 50e2f3c (unread) and at the end of the
    # thirty-second round (a place with no noun in "each", goals named before a table request); spent
    "blind39": sorted((ROOT / "eval" / "blind39").glob("*.jsonl")),
    # blind40: written 2026-12-08 (80 singles, 16 conversations); measured at 636e89e (unread) and at the end of the
    # thirty-third round (words that only say when, "strictly"); spent
    "blind40": sorted((ROOT / "eval" / "blind40").glob("*.jsonl")),
    # blind41: written 2026-12-08 (80 singles, 16 conversations); measured at c210eed (unread) and at the end of the
    # thirty-fourth round (a goal searched for a topic); spent
    "blind41": sorted((ROOT / "eval" / "blind41").glob("*.jsonl")),
    # blind42: written 2026-12-08 (80 singles, 16 conversations); measured at 12076ee (unread) as its before
    "blind42": sorted((ROOT / "eval" / "blind42").glob("*.jsonl")),
}


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant
    from assistant.answer_eval import load_cases, paired, run, score, side_by_side, turn_outcomes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=list(SETS))
    parser.add_argument("-o", "--output", type=Path, help="write all metrics as JSON here (and print nothing)")
    parser.add_argument("--turns", type=Path, help="write whether each turn was right, per set, as JSON here")
    parser.add_argument("--compare", type=Path, help="a --turns file of an earlier run: print the turns fixed and lost")
    args = parser.parse_args(argv)
    assistant = Assistant.load()
    named, outcomes = {}, {}
    for name, files in SETS.items():
        if args.only and name != args.only:
            continue
        cases = [case for path in files for case in load_cases(path)]
        if not cases:
            continue
        results = run(assistant, cases)
        named[name], outcomes[name] = score(cases, results), turn_outcomes(cases, results)
    if args.turns:
        args.turns.write_text(json.dumps(outcomes, indent=1) + "\n", encoding="utf-8")
    if args.compare:
        earlier = json.loads(args.compare.read_text(encoding="utf-8"))
        print("| set | turns | right before | right after (± sampling error) | fixed | lost | sign test p |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name in (n for n in outcomes if n in earlier):
            c = paired(earlier[name], outcomes[name])
            print(f"| {name} | {c.turns} | {c.right_before:.3f} | {c.right_after:.3f} ± {c.sampling_error:.3f} "
                  f"| {c.fixed} | {c.lost} | {c.p_value:.3f} |")
    if args.output:
        args.output.write_text(json.dumps(named, indent=1) + "\n", encoding="utf-8")
        print(f"written to {args.output}", file=sys.stderr)
        return 0
    kinds = sorted({k for metrics in named.values() for k in metrics})
    for kind in kinds:
        print(f"\n### {kind}\n\n" + side_by_side(named, kind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
