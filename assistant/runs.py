"""Evaluation runs kept as files, and two runs (or two retrievers) compared question by question.

A run file holds what an evaluation measured and what it measured with: each retriever's report
(metrics and per-question results, the ``report_json`` shape), the dataset's name and sha256, the
index manifests, the retrieval and answer settings, and when it ran. :func:`compare` pairs two
reports' questions by id and counts wins, losses and ties on recall@5 and reciprocal rank, with a
paired Wilcoxon signed-rank test (scipy) on each; :func:`regressions` lists headline metrics that
fell by more than a tolerance (the CI check against a committed baseline).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import DatasetError
from .render import literal

FORMAT = "elac-run/1"
PAIRED = ("recall@5", "reciprocal_rank")  # per-question values compared
# headline metrics a regression is checked on: higher is better for all but the false-abstention rate
CHECKED = ("recall@5", "mrr@10", "ndcg@10", "citation_precision", "citation_recall", "abstention_accuracy")
LOWER_IS_BETTER = ("false_abstention_rate",)
MAX_RUN_BYTES = 50_000_000


def make_run(reports: Sequence[dict[str, Any]], *, dataset: str, dataset_sha256: str, index: dict[str, Any],
             settings: dict[str, Any]) -> dict[str, Any]:
    """A run: the reports and what they were measured with."""
    return {
        "format": FORMAT, "created": datetime.now(UTC).isoformat(timespec="seconds"), "dataset": dataset,
        "dataset_sha256": dataset_sha256, "index": index, "settings": settings, "reports": list(reports),
    }


def save_run(run: dict[str, Any], path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def load_run(path: str | Path, *, label: str | None = None) -> dict[str, Any]:
    """A run file, checked; ``label`` names it in errors (the file a user chose, not a server path)."""
    name = label or str(path)
    try:
        path = Path(path)
        if path.stat().st_size > MAX_RUN_BYTES:
            raise DatasetError(f"{name}: a run file is at most {MAX_RUN_BYTES // 1_000_000} MB")
        run = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{name}: cannot read the run file ({exc.__class__.__name__})") from None
    except (ValueError, RecursionError):
        raise DatasetError(f"{name}: not a JSON run file") from None
    if not isinstance(run, dict) or run.get("format") != FORMAT or not isinstance(run.get("reports"), list):
        raise DatasetError(f"{name}: not an evaluation run (saved by 'elac eval --save' or the app)")
    for report in run["reports"]:
        if not (isinstance(report, dict) and isinstance(report.get("retriever"), str)
                and isinstance(report.get("metrics"), dict) and isinstance(report.get("questions"), list)):
            raise DatasetError(f"{name}: a report of the run is malformed")
    return run


def report_of(run: dict[str, Any], retriever: str) -> dict[str, Any] | None:
    return next((r for r in run["reports"] if r["retriever"] == retriever), None)


@dataclass(frozen=True)
class Paired:
    """Two reports compared on one per-question value."""

    metric: str
    pairs: int  # questions in both with a value in both
    wins: int  # the new report better
    losses: int
    ties: int
    base_mean: float
    new_mean: float
    p_value: float | None  # Wilcoxon signed-rank, two-sided; None when every pair ties


@dataclass(frozen=True)
class Comparison:
    base: str  # what is compared: "hybrid in base.json", "dense"
    new: str
    paired: tuple[Paired, ...]
    changed: tuple[dict[str, Any], ...]  # the questions whose verdict or recall@5 changed
    metric_deltas: dict[str, tuple[float, float]]  # headline metric: (base, new)


def _paired(metric: str, base: dict[str, dict], new: dict[str, dict]) -> Paired:
    from scipy.stats import wilcoxon

    ids = [i for i in base if i in new and base[i].get(metric) is not None and new[i].get(metric) is not None]
    a = [float(base[i][metric]) for i in ids]
    b = [float(new[i][metric]) for i in ids]
    wins = sum(y > x for x, y in zip(a, b, strict=True))
    losses = sum(y < x for x, y in zip(a, b, strict=True))
    p_value = None
    if wins + losses:
        p_value = round(float(wilcoxon(b, a, zero_method="wilcox", alternative="two-sided").pvalue), 6)
    return Paired(metric, len(ids), wins, losses, len(ids) - wins - losses,
                  round(sum(a) / len(a), 4) if a else 0.0, round(sum(b) / len(b), 4) if b else 0.0, p_value)


def compare(base: dict[str, Any], new: dict[str, Any], *, base_name: str = "base", new_name: str = "new",
            ) -> Comparison:
    """Two reports (``report_json`` shape) question by question: the questions are paired by id."""
    old = {q["id"]: q for q in base["questions"]}
    now = {q["id"]: q for q in new["questions"]}
    def differs(a: dict[str, Any], b: dict[str, Any]) -> bool:
        """recall@5 changed, or the verdict, when both reports scored answers (a retriever that does not
        answer has its own verdicts: comparing them with an answer's says nothing)."""
        answered = a.get("abstained") is not None and b.get("abstained") is not None
        return a.get("recall@5") != b.get("recall@5") or (answered and a.get("verdict") != b.get("verdict"))

    changed = tuple(
        {"id": i, "question": now[i].get("question", ""), "base_verdict": old[i].get("verdict"),
         "new_verdict": now[i].get("verdict"), "base_recall@5": old[i].get("recall@5"),
         "new_recall@5": now[i].get("recall@5")}
        for i in now if i in old and differs(old[i], now[i])
    )
    deltas = {
        k: (float(base["metrics"][k]), float(new["metrics"][k]))
        for k in (*CHECKED, *LOWER_IS_BETTER) if k in base["metrics"] and k in new["metrics"]
    }
    return Comparison(base_name, new_name, tuple(_paired(m, old, now) for m in PAIRED), changed, deltas)


def against_baseline(base: dict[str, Any], reports: Sequence[dict[str, Any]], *, base_label: str,
                     dataset_sha256: str) -> tuple[list[Comparison], list[str]]:
    """Each report compared with the same retriever's report in a baseline run, and notes on what could
    not be compared as asked (a retriever the baseline lacks, another question set)."""
    comparisons, notes = [], []
    for report in reports:
        old = report_of(base, report["retriever"])
        if old is None:
            notes.append(f"{base_label} has no {report['retriever']} run to compare with")
            continue
        comparisons.append(compare(old, report, base_name=f"{report['retriever']} in {base_label}",
                                   new_name=f"{report['retriever']} now"))
    if base.get("dataset_sha256") != dataset_sha256:
        notes.append(f"{base_label} was measured on other questions; only shared ids are paired")
    return comparisons, notes


def regressions(comparison: Comparison, tolerance: float) -> list[str]:
    """Headline metrics worse in the new report by more than ``tolerance``, worded."""
    worse = []
    for key, (before, after) in comparison.metric_deltas.items():
        drop = (after - before) if key in LOWER_IS_BETTER else (before - after)
        if drop > tolerance:
            worse.append(f"{key} {before:.4f} -> {after:.4f}")
    return worse


def _value(value: object) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def comparison_markdown(c: Comparison) -> str:
    """The comparison as Markdown: paired tests, metric changes, the questions that changed."""
    lines = [f"### {c.new} against {c.base}", "",
             "| per question | pairs | wins | losses | ties | base mean | new mean | Wilcoxon p |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for p in c.paired:
        shown = "–" if p.p_value is None else f"{p.p_value:.4f}"
        lines.append(f"| {p.metric} | {p.pairs} | {p.wins} | {p.losses} | {p.ties} | {p.base_mean:.4f} | "
                     f"{p.new_mean:.4f} | {shown} |")
    if c.metric_deltas:
        lines += ["", "| metric | base | new | change |", "|---|---:|---:|---:|"]
        lines += [f"| {k} | {a:.4f} | {b:.4f} | {b - a:+.4f} |" for k, (a, b) in c.metric_deltas.items()]
    if c.changed:
        lines += ["", f"{len(c.changed)} question(s) changed:", "",
                  "| id | question | verdict | recall@5 |", "|---|---|---|---|"]
        for q in c.changed:
            text = literal(str(q["question"])[:80])
            lines.append(f"| {literal(str(q['id']))} | {text} | {q['base_verdict']} -> {q['new_verdict']} | "
                         f"{_value(q['base_recall@5'])} -> {_value(q['new_recall@5'])} |")
    return "\n".join(lines)


def regression_report(base: dict[str, Any], run: dict[str, Any], *, base_label: str, tolerance: float) -> str:
    """A run against a baseline run, as Markdown: whether a headline metric fell by more than ``tolerance``
    (and which), notes on what could not be compared, then each retriever's comparison."""
    comparisons, notes = against_baseline(base, run["reports"], base_label=base_label,
                                          dataset_sha256=run["dataset_sha256"])
    worse = [f"{c.new}: {w}" for c in comparisons for w in regressions(c, tolerance)]
    verdict = (f"⚠️ **Regression beyond {tolerance:g}:** " + "; ".join(worse) if worse
               else f"✅ **No headline metric fell by more than {tolerance:g}.**")
    parts = [f"### Regression report against {base_label}", verdict]
    parts += [f"*Note: {n}.*" for n in notes]
    parts += [comparison_markdown(c) for c in comparisons]
    return "\n\n".join(parts)
