"""What an evaluator sees of a run, question by question: rows to sort and filter, one question's ranked
list with the action texts, the reports a run offers for comparison. Pure functions over ``report_json``
dicts (the shape of ``elac eval --json`` and of saved runs), shared by the Evaluate tab and the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .evaluate import RANK_DEPTH, VERDICTS
from .plan import Plan
from .render import escape_md, literal

if TYPE_CHECKING:
    from .evaluate import Skipped

FAILURES = "failures"
ALL = "all"
SHOW = (FAILURES, ALL, *VERDICTS)  # which questions a table shows: failures, all, or one verdict
COLUMNS = ["id", "verdict", "category", "lang", "first rank", "recall@5", "RR", "expected", "cited / top 3",
           "question"]
DATATYPES = ["str", "str", "str", "str", "number", "number", "number", "str", "str", "str"]
BASELINE = "baseline: "  # the prefix of a baseline run's reports among the choices to compare


def failed(q: dict[str, Any]) -> bool:
    """A question whose verdict is not ``ok`` (an unanswerable one scored without answers is no failure)."""
    return q.get("verdict") not in ("ok", "no answer")


def shown(q: dict[str, Any]) -> list[str]:
    """What an answer cited (or that it abstained), or the top 3 found, for a retriever that does not answer."""
    if q.get("abstained"):
        return ["(abstained)"]
    return list(q["citations"]) if q.get("abstained") is not None else list(q["ranked"][:3])


def selected(report: dict[str, Any], show: str = FAILURES) -> list[dict[str, Any]]:
    """The questions of a report that ``show`` picks: failures, all, or those of one verdict."""
    if show == ALL:
        return list(report["questions"])
    if show == FAILURES:
        return [q for q in report["questions"] if failed(q)]
    return [q for q in report["questions"] if q.get("verdict") == show]


def question_row(q: dict[str, Any]) -> list[object]:
    """One question as a table row (``COLUMNS``): numbers stay numbers, so that columns sort by value."""
    def number(value: object) -> float | None:
        return None if value is None else round(float(value), 3)  # type: ignore[arg-type]

    return [q["id"], q["verdict"], q["category"], q["lang"], q["first_relevant_rank"], number(q["recall@5"]),
            number(q["reciprocal_rank"]), ", ".join(q["expected"]) or "–", ", ".join(shown(q)) or "–",
            " ".join(str(q["question"]).split())]


def question_rows(report: dict[str, Any], show: str = FAILURES) -> list[list[object]]:
    return [question_row(q) for q in selected(report, show)]


def verdict_counts(report: dict[str, Any]) -> dict[str, int]:
    return {v: sum(q.get("verdict") == v for q in report["questions"]) for v in VERDICTS}


def ranked_markdown(q: dict[str, Any], plan: Plan, retriever: str = "") -> str:
    """One question in full: what was asked and expected, the verdict, what the answer cited, and the ranked
    list (top 10) with each action's goal and text; expected actions are marked, and those outside the top 10
    listed."""
    expected = set(q["expected"])
    head = f"#### {literal(str(q['id']))}: {literal(str(q['question']))}"
    facts = [
        f"**Verdict:** {q['verdict']}" + (f" ({retriever})" if retriever else ""),
        f"**Expected:** {', '.join(q['expected']) or 'nothing (the plan does not cover it)'}",
    ]
    if q.get("abstained") is not None:
        facts.append("**Answer:** abstained" if q["abstained"] else
                     f"**Answer cited:** {', '.join(q['citations']) or 'nothing'}")
    lines = [head, "", "  \n".join(facts), "", f"**Ranked list (top {RANK_DEPTH}):**", ""]
    for rank, number in enumerate(q["ranked"][:RANK_DEPTH], start=1):
        mark = "✓ *expected* · " if number in expected else ""
        if plan.has_action(number):
            info = plan.info(number)
            text = info.text if len(info.text) <= 220 else info.text[:219] + "…"
            lines.append(f"{rank}. {mark}**{escape_md(number)}** ({escape_md(info.goal_label)}; due "
                         f"{escape_md(info.deadline)}): {escape_md(text)}")
        else:  # a run from another version of the plan
            lines.append(f"{rank}. {mark}**{escape_md(number)}** (not an action of this plan)")
    missing = [n for n in q["expected"] if n not in q["ranked"][:RANK_DEPTH]]
    if missing:
        lines += ["", f"Expected but not in the top {RANK_DEPTH}: {', '.join(escape_md(n) for n in missing)}"]
    return "\n".join(lines)


def report_names(reports: Sequence[dict[str, Any]], baseline: Sequence[dict[str, Any]] = ()) -> list[str]:
    """The reports one can compare: this run's retrievers, then the baseline run's, prefixed."""
    return [r["retriever"] for r in reports] + [BASELINE + r["retriever"] for r in baseline]


def report_named(name: str, reports: Sequence[dict[str, Any]], baseline: Sequence[dict[str, Any]] = (),
                 ) -> dict[str, Any] | None:
    pool, wanted = (baseline, name.removeprefix(BASELINE)) if name.startswith(BASELINE) else (reports, name)
    return next((r for r in pool if r["retriever"] == wanted), None)


MAX_SKIPPED_SHOWN = 20


def summary_markdown(reports: Sequence[dict[str, Any]], dataset: str, skipped: Sequence[Skipped] = ()) -> str:
    """What a run measured, for the Evaluate tab: the lines left out, the headline and answer metrics per
    retriever, the verdicts, and one row per category of the first report (unanswerable ones too)."""
    from .report import ANSWER_KEYS, TABLE_KEYS, category_summary, markdown_table, verdict_table

    first = reports[0]
    parts = [f"**{literal(dataset)}**: {first['n']} questions, {int(first['metrics'].get('answerable', 0))} "
             "answerable (ranking metrics are over these; all count in the answer metrics)"]
    if skipped:
        lines = [f"- line {s.line}: {literal(s.reason)}" for s in skipped[:MAX_SKIPPED_SHOWN]]
        more = len(skipped) - MAX_SKIPPED_SHOWN
        parts.append(f"⚠️ **{len(skipped)} line(s) skipped**, the rest evaluated:\n\n" + "\n".join(lines)
                     + (f"\n- … and {more} more" if more > 0 else ""))
    parts += [markdown_table(list(reports), TABLE_KEYS)]
    if any(k in r["metrics"] for r in reports for k in ANSWER_KEYS):
        parts += ["**Answers**", markdown_table(list(reports), ANSWER_KEYS)]
    parts += ["**Verdicts**", verdict_table(list(reports)),
              f"**By category ({first['retriever']})**", category_summary(_shown_categories(first))]
    return "\n\n".join(parts)


def _shown_categories(report: dict[str, Any]) -> dict[str, Any]:
    """The report with its category names as typed (they come from the user's file)."""
    return {**report, "by_category": {literal(c): m for c, m in report["by_category"].items()},
            "questions": [{**q, "category": literal(q["category"])} for q in report["questions"]]}


def run_file_name(dataset: str, which: str, when: datetime | None = None) -> str:
    """A run file's name that says what it holds: ``elac-run-questions-hybrid-2026-11-30-0612.json``."""
    stem = dataset.rsplit("/", 1)[-1].removesuffix(".jsonl")
    kept = "".join(c if c.isascii() and (c.isalnum() or c == "-") else " " for c in stem)
    stem = "-".join(kept.replace("-", " ").split())[:40] or "questions"
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%d-%H%M")
    return f"elac-run-{stem}-{which}-{stamp}.json"
