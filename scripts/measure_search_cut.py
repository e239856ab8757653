"""Where the relevant actions of a search stop: precision and recall of the actions above the cut
(``Assistant.find``'s strong matches) against labelled topics, on the tuning set's topic questions (and
their translations), the development set's, and the blind staff-search set, side by side.

    python scripts/measure_search_cut.py              # every set, a table
    python scripts/measure_search_cut.py --json       # the same figures as JSON

eval/blind_search4/ (2026-12-05) and eval/blind_search5/ (2026-12-06) are blind: measured before and after the
2026-12-06 rounds; never tuned on.
eval/blind_search/ (2026-11-30), eval/blind_search2/ (2026-12-03) and eval/blind_search3/ were measured and are
spent: since then they are read as development sets.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from statistics import fmean

ROOT = Path(__file__).resolve().parent.parent


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cases() -> dict[str, list[dict]]:
    """{set: [{"query", "relevant", "area", "goal", "lang", "kind"}]}."""
    tuning = _lines(ROOT / "eval" / "questions.jsonl")
    topics = {q["id"] for q in tuning if q["category"] == "topic"}
    dev = _lines(ROOT / "eval" / "dev" / "questions.jsonl")
    return {
        "tuning": [{"query": q["question"], "relevant": q["relevant"], "lang": q.get("lang", "en"), "kind": "question"}
                   for q in tuning if q["id"] in topics or q.get("translation_of") in topics],
        "dev": [{"query": q["question"], "relevant": q["relevant"], "lang": q.get("lang", "en"), "kind": "question"}
                for q in dev if q.get("kind") == "topic"],
        "blind_search (spent)": _lines(ROOT / "eval" / "blind_search" / "queries.jsonl"),
        "blind_search2 (spent)": _lines(ROOT / "eval" / "blind_search2" / "queries.jsonl"),
        "blind_search3 (spent)": _lines(ROOT / "eval" / "blind_search3" / "queries.jsonl"),
        "blind_search4": _lines(ROOT / "eval" / "blind_search4" / "queries.jsonl"),
        "blind_search5": _lines(ROOT / "eval" / "blind_search5" / "queries.jsonl"),
    }


def measure(assistant, rows: list[dict]) -> dict[str, float]:
    precision, recall, silent, quiet = [], [], [], []
    for row in rows:
        found = assistant.find(row["query"], top_k=20, area=row.get("area"),
                               goal=None if row.get("goal") is None else str(row["goal"]))
        strong = {m.hit.action for m in found.matches if m.level == "strong"}
        relevant = set(row["relevant"])
        if not relevant:
            quiet.append(not strong)  # nothing above the cut: "nothing in the plan matches" or no strong match
            continue
        if strong:
            precision.append(len(strong & relevant) / len(strong))
        recall.append(len(strong & relevant) / len(relevant))
        silent.append(not strong)
    out = {"queries": float(len(rows))}
    if recall:
        out |= {"precision": round(fmean(precision), 3) if precision else 0.0, "recall": round(fmean(recall), 3),
                "no_strong_match": round(fmean(silent), 3)}
    if quiet:
        out["uncovered_with_no_strong_match"] = round(fmean(quiet), 3)
    return out


def main(argv: list[str] | None = None) -> None:
    from assistant import Assistant

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    assistant = Assistant.load()
    figures: dict[str, dict[str, float]] = {}
    for name, rows in cases().items():
        figures[name] = measure(assistant, rows)
        if name.startswith("blind_search"):
            for kind in sorted({r["kind"] for r in rows}):
                figures[f"{name}/{kind}"] = measure(assistant, [r for r in rows if r["kind"] == kind])
            for lang in ("en", "es", "pt"):
                figures[f"{name}/{lang}"] = measure(assistant, [r for r in rows if r["lang"] == lang])
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    keys = ["queries", "precision", "recall", "no_strong_match", "uncovered_with_no_strong_match"]
    print("| set | " + " | ".join(keys) + " |\n|---|" + "---:|" * len(keys))
    for name, row in figures.items():
        print(f"| {name} | " + " | ".join(f"{row[k]:g}" if k in row else "–" for k in keys) + " |")


if __name__ == "__main__":
    main()
