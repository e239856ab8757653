"""Evaluation report: a Markdown file and PNG charts from ``report_json`` dicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import OutputError

TABLE_KEYS = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "capped_recall@5")
ANSWER_KEYS = ("citation_precision", "citation_recall", "abstention_accuracy", "false_abstention_rate")
# what each metric counts and what good looks like, for people who do not read trec_eval
LEGEND: dict[str, str] = {
    "recall@k": "share of a question's expected actions found in the top k (1.0: all of them)",
    "mrr@10": "1 / the rank of the first expected action, 0 if not in the top 10 (1.0: always first)",
    "ndcg@10": "how near the top the expected actions are, 0 to 1 (1.0: all of them first)",
    "capped_recall@5": "recall@5 out of what five results can hold, for questions with more than 5 expected actions",
    "citation_precision": "share of an answer's citations that are expected actions (higher: fewer wrong citations)",
    "citation_recall": "share of the expected actions an answer cites (a refusal counts 0)",
    "abstention_accuracy": "share of the questions the plan does not cover that the assistant refuses (1.0: all)",
    "false_abstention_rate": "share of the questions the plan covers that the assistant refuses (lower is better)",
    "verdict": "ok; missed (no expected action in the top 5); wrong lead (the first citation is not expected); "
               "false abstention; answered out-of-scope",
}


def per_question_table(report: dict[str, Any]) -> str:
    """Every question of a report (trec_eval ``-q`` style): verdict, first expected rank, recall@5, reciprocal
    rank, expected and cited (or the top 3 found, for a retriever that does not answer)."""
    lines = ["| id | category | lang | verdict | first rank | recall@5 | RR | expected | cited / top 3 |",
             "|---|---|---|---|---:|---:|---:|---|---|"]

    def cell(value: object) -> str:
        return "–" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))

    from .evalview import shown as cited_or_found

    for q in report["questions"]:
        shown = cited_or_found(q)
        lines.append(
            f"| {q['id']} | {q['category']} | {q['lang']} | {q['verdict']} | {cell(q['first_relevant_rank'])} | "
            f"{cell(q['recall@5'])} | {cell(q['reciprocal_rank'])} | {', '.join(q['expected']) or '–'} | "
            f"{', '.join(shown) or '–'} |"
        )
    return "\n".join(lines)


def category_summary(report: dict[str, Any]) -> str:
    """One row per category of a report, unanswerable ones too: questions, how many are ``ok``, recall@5 and
    MRR@10 (answerable questions), and for answers citation recall and abstention accuracy."""
    keys = [k for k in ("recall@5", "mrr@10", "citation_recall", "abstention_accuracy")
            if any(k in m for m in report["by_category"].values())]
    lines = ["| category | questions | ok | " + " | ".join(keys) + " |", "|---|---:|---:|" + "---:|" * len(keys)]
    for category in sorted({q["category"] for q in report["questions"]}):
        questions = [q for q in report["questions"] if q["category"] == category]
        ok = sum(q.get("verdict") == "ok" for q in questions)
        metrics = report["by_category"].get(category, {})
        cells = [f"{metrics[k]:.3f}" if k in metrics else "–" for k in keys]
        lines.append(f"| {category} | {len(questions)} | {ok} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict_table(reports: list[dict[str, Any]]) -> str:
    """How many questions got each verdict, per retriever."""
    from .evaluate import VERDICTS

    lines = ["| retriever | " + " | ".join(VERDICTS) + " |", "|---|" + "---:|" * len(VERDICTS)]
    for r in reports:
        counts = [sum(q.get("verdict") == v for q in r["questions"]) for v in VERDICTS]
        lines.append(f"| {r['retriever']} | " + " | ".join(map(str, counts)) + " |")
    return "\n".join(lines)


def markdown_table(reports: list[dict[str, Any]], keys: tuple[str, ...] = TABLE_KEYS) -> str:
    present = [k for k in keys if any(k in r["metrics"] for r in reports)]
    reports = [r for r in reports if any(k in r["metrics"] for k in present)]
    lines = ["| retriever | " + " | ".join(present) + " |", "|---|" + "---:|" * len(present)]
    for r in reports:
        cells = [f"{r['metrics'][k]:.3f}" if k in r["metrics"] else "" for k in present]
        lines.append(f"| {r['retriever']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _categories(reports: list[dict[str, Any]], key: str) -> list[str]:
    return sorted({c for r in reports for c, m in r["by_category"].items() if key in m})


def category_table(reports: list[dict[str, Any]], key: str) -> str:
    categories = _categories(reports, key)
    reports = [r for r in reports if any(key in m for m in r["by_category"].values())]
    lines = ["| category | " + " | ".join(r["retriever"] for r in reports) + " |",
             "|---|" + "---:|" * len(reports)]
    for c in categories:
        cells = [f"{r['by_category'][c][key]:.3f}" if key in r["by_category"].get(c, {}) else "–" for r in reports]
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese"}


def language_table(reports: list[dict[str, Any]], key: str = "recall@5") -> str:
    """``key`` by question language, one column per retriever."""
    reports = [r for r in reports if r.get("by_language")]
    langs = [lang for lang in LANGUAGE_NAMES if any(key in r["by_language"].get(lang, {}) for r in reports)]
    lines = ["| language | questions | " + " | ".join(r["retriever"] for r in reports) + " |",
             "|---|---:|" + "---:|" * len(reports)]
    for lang in langs:
        n = int(reports[0]["by_language"][lang].get("questions", 0))
        cells = [f"{r['by_language'][lang][key]:.3f}" if key in r["by_language"].get(lang, {}) else "–"
                 for r in reports]
        lines.append(f"| {LANGUAGE_NAMES[lang]} | {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def translation_table(reports: list[dict[str, Any]]) -> str:
    """Translated questions against their English originals, same pairs: the issue's bar is gap >= -0.05."""
    lines = ["| retriever | language | pairs | recall@5 | English recall@5 | gap | MRR@10 | English MRR@10 |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in reports:
        for lang, m in r.get("translations", {}).items():
            lines.append(
                f"| {r['retriever']} | {LANGUAGE_NAMES.get(lang, lang)} | {int(m['pairs'])} | {m['recall@5']:.3f} | "
                f"{m['english_recall@5']:.3f} | {m['gap_recall@5']:+.3f} | {m['mrr@10']:.3f} | "
                f"{m['english_mrr@10']:.3f} |"
            )
    return "\n".join(lines)


CHART_LABEL_CHARS = 40  # a category's name on a chart axis (the tables show it whole)


def _axis_label(text: str) -> str:
    return text if len(text) <= CHART_LABEL_CHARS else text[: CHART_LABEL_CHARS - 1] + "…"


def _charts(reports: list[dict[str, Any]], folder: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    # labels come from the user's file: literal text, never TeX ("$\foo$" broke the mathtext parser)
    with matplotlib.rc_context({"text.parse_math": False, "text.usetex": False}):
        return _draw(reports, folder)


def _draw(reports: list[dict[str, Any]], folder: Path) -> list[str]:
    import matplotlib.pyplot as plt
    import numpy as np

    names = [r["retriever"] for r in reports]
    files = []

    # 1. recall@5 and MRR@10 per category, one bar per retriever
    categories = _categories(reports, "recall@5")
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.8), sharey=True)
    width = 0.8 / max(1, len(reports))
    x = np.arange(len(categories))
    for ax, key in zip(axes, ("recall@5", "mrr@10"), strict=True):
        for i, r in enumerate(reports):
            values = [r["by_category"].get(c, {}).get(key, 0.0) for c in categories]
            bars = ax.bar(x + i * width - 0.4 + width / 2, values, width, label=r["retriever"])
            # a zero is a result, not a gap: it is written where its bar would be
            ax.bar_label(bars, labels=["0" if v == 0 else "" for v in values], fontsize=7, padding=1)
        ax.set_xticks(x, [_axis_label(c) for c in categories], rotation=30, ha="right")
        ax.set_ylim(0, 1.05)
        ax.set_title(f"{key} by category")
        ax.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("score")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=len(reports), fontsize=9)
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    fig.savefig(folder / "by_category.png", dpi=110)
    plt.close(fig)
    files.append("by_category.png")

    # 2. recall@k, k = 1..10
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for r in reports:
        curve = r["recall_curve"]
        ks = sorted(int(k) for k in curve)
        ax.plot(ks, [curve[str(k)] if str(k) in curve else curve[k] for k in ks], marker="o", label=r["retriever"])
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k (answerable questions)")
    ax.set_xticks(range(1, 11))
    ax.set_ylim(0, 1.0)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.set_title("recall@k by retriever")
    fig.tight_layout()
    fig.savefig(folder / "recall_at_k.png", dpi=110)
    plt.close(fig)
    files.append("recall_at_k.png")

    # 3. headline metrics per retriever
    keys = [k for k in TABLE_KEYS if k in reports[0]["metrics"]]
    fig, ax = plt.subplots(figsize=(8, 4.2))
    x = np.arange(len(keys))
    for i, r in enumerate(reports):
        ax.bar(x + i * width - 0.4 + width / 2, [r["metrics"][k] for k in keys], width, label=r["retriever"])
    ax.set_xticks(x, keys, rotation=15)
    ax.set_ylim(0, 1.05)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title("overall metrics by retriever (" + ", ".join(names) + ")")
    fig.tight_layout()
    fig.savefig(folder / "overall.png", dpi=110)
    plt.close(fig)
    files.append("overall.png")
    return files


def prepare_folder(folder: str | Path) -> Path:
    """Create the report folder (or check it); raises :class:`OutputError` when it cannot be written."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the report there ({exc.strerror or exc})") from exc
    return folder


def write_report(reports: list[dict[str, Any]], folder: str | Path) -> Path:
    """Write ``report.md`` and charts into ``folder``; returns the Markdown file's path."""
    folder = prepare_folder(folder)
    try:
        return _write(reports, folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write the report there ({exc.strerror or exc})") from exc


def _write(reports: list[dict[str, Any]], folder: Path) -> Path:
    charts = _charts(reports, folder)
    first = reports[0]
    n_answerable = int(first["metrics"].get("answerable", 0))
    parts = [
        "# Retrieval evaluation",
        "",
        f"Dataset: `{first['dataset']}`, {first['n']} questions, {n_answerable} answerable "
        "(ranking metrics are over answerable questions; unanswerable ones count in the answer metrics).",
        "Metrics by pytrec_eval (trec_eval). `capped_recall@5` is recall@5 out of what five results "
        "can hold (P@5 x 5 / min(5, |relevant|)).",
        "",
        "## Overall",
        "",
        markdown_table(reports),
        "",
    ]
    if any(k in first["metrics"] for k in ANSWER_KEYS):
        parts += ["## Answers (`Assistant.ask`)", "", markdown_table(reports, ANSWER_KEYS), ""]
    if any(r.get("translations") for r in reports):
        parts += [
            "## Spanish and Portuguese against English",
            "",
            "Each translated question is paired with the English question it translates; both sides are "
            "averaged over the same pairs (answerable ones).",
            "",
            translation_table(reports),
            "",
            "### recall@5 by language (all questions)",
            "",
            language_table(reports),
            "",
        ]
    for key in ("recall@5", "mrr@10", "capped_recall@5"):
        parts += [f"## {key} by category", "", category_table(reports, key), ""]
    for key in ANSWER_KEYS:
        if any(key in m for r in reports for m in r["by_category"].values()):
            parts += [f"## {key} by category (answers)", "", category_table(reports, key), ""]
    parts += ["## Verdicts", "", verdict_table(reports), ""]
    failing = [q for q in first["questions"] if q.get("verdict") not in ("ok", "no answer")]
    if failing:
        parts += [f"## Questions that failed ({first['retriever']})", "",
                  per_question_table({**first, "questions": failing}), ""]
    parts += ["## What the metrics mean", ""] + [f"- **{k}**: {v}" for k, v in LEGEND.items()] + [""]
    parts += ["## Charts", ""] + [f"![{c}]({c})" for c in charts] + [""]
    path = folder / "report.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
