"""A search's results as files staff take into a briefing: CSV and Markdown named after the search, with
the query, filters, retriever and date in them, and a citation list to paste. Pure: text in, text out."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from .lang import Lang, action_frame
from .plan import Plan
from .reading.text import fold
from .relevance import Found
from .render import escape_md
from .uiwords import said, ui_words

CSV_COLUMNS = ["action", "match", "goal", "area", "deadline", "text", "score", "dense", "multilingual", "bm25",
               "found by"]


@dataclass(frozen=True)
class SearchFilters:
    """What a search was restricted to, and how it ranked."""

    area: str | None = None
    goal: str | None = None
    due_by: str | None = None
    retriever: str = "hybrid"

    def described(self, lang: Lang = "en") -> str:
        """'area A, goal 15, due by Mid-2006', or 'the whole plan' (in ``lang``)."""
        parts = [said(lang, "filter_area", area=self.area)] * bool(self.area)
        parts += [said(lang, "filter_goal", goal=self.goal)] * bool(self.goal)
        parts += [said(lang, "filter_due", due=self.due_by)] * bool(self.due_by)
        return ", ".join(parts) or said(lang, "whole_plan")

    @property
    def narrowed(self) -> bool:
        return bool(self.area or self.goal or self.due_by)

    def slug(self) -> str:
        parts = [f"area{self.area}"] * bool(self.area) + [f"goal{self.goal}"] * bool(self.goal)
        parts += [f"due-{slug(self.due_by or '')}"] * bool(self.due_by)
        return "-".join(parts)


def slug(text: str, limit: int = 40) -> str:
    """Text as a file name's part: lower case, accents dropped ("¿Cómo?" -> "como"), words joined by '-'."""
    kept = "".join(c if c.isascii() and c.isalnum() else " " for c in fold(text))
    return "-".join(kept.split())[:limit].strip("-")


def file_name(query: str, filters: SearchFilters, day: date, ext: str) -> str:
    """``elac-training-areaA-2026-11-30.csv``: the query, the filters and the day."""
    parts = ["elac", slug(query) or "search", filters.slug(), day.isoformat()]
    return "-".join(p for p in parts if p) + f".{ext}"


def _meta(found: Found, filters: SearchFilters, day: date) -> list[tuple[str, str]]:
    return [("query", found.query), ("filters", filters.described()), ("retriever", filters.retriever),
            ("date", day.isoformat()), ("source", "eLAC 2007 Plan of Action (via eLAC Plan Assistant)")]


def found_csv(found: Found, filters: SearchFilters, day: date) -> str:
    """The query, filters, retriever and date as the first rows, a blank row, then one row per result."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(_meta(found, filters, day))
    writer.writerow([])
    writer.writerow(CSV_COLUMNS)
    for m in found.matches:
        h = m.hit
        writer.writerow([h.action, m.level, h.goal_label, h.area, h.deadline, h.text, round(h.score, 4),
                         round(h.similarity, 4),
                         "" if h.multilingual_similarity is None else round(h.multilingual_similarity, 4),
                         round(h.bm25, 4), ", ".join(h.retrievers)])
    return out.getvalue()


def found_markdown(found: Found, filters: SearchFilters, day: date) -> str:
    """A briefing-ready list: what was searched, then each result with its match level, goal, deadline and
    the plan's exact words."""
    lines = [f"# eLAC 2007 actions: {escape_md(found.query)}", ""]
    lines += [f"- **{key}**: {escape_md(value)}" for key, value in _meta(found, filters, day)]
    lines += ["", summary(found, filters), ""]
    for m in found.matches:
        h = m.hit
        lines += [f"## {h.action} ({m.level} match)", "",
                  f"{escape_md(h.goal_label)}; area {h.area}. {escape_md(h.area_title)}; due {h.deadline}", "",
                  f"> {escape_md(h.text)}", ""]
    return "\n".join(lines)


def citation_list(found: Found, lang: Lang = "en", plan: Plan | None = None) -> str:
    """One line per strong match, to paste into a briefing (empty when nothing matches strongly); framed in
    ``lang`` (goal titles and deadlines, which needs the ``plan``), each action's text the plan's words."""
    action = ui_words(lang, "card")["action"].lower()
    lines = []
    for m in (m for m in found.matches if m.level == "strong"):
        goal, due = m.hit.goal_label, m.hit.deadline
        if plan is not None and lang != "en":
            goal, _, due = action_frame(plan, m.hit.action, lang)
        lines.append(f"eLAC 2007, {action} {m.hit.action} ({goal}; {said(lang, 'due')} {due}): {m.hit.text}")
    return "\n".join(lines)


def summary(found: Found, filters: SearchFilters, *, listed: bool = True, lang: Lang = "en") -> str:
    """Where the relevant actions stop, in one sentence in ``lang``: '4 actions match "training" in area A;
    weaker matches below.' (``listed``: the weaker matches are listed too). Plain text: callers escape it."""
    where = said(lang, "in_filters", filters=filters.described(lang)) if filters.narrowed else ""
    query = f'"{" ".join(found.query.split())[:80]}"'
    if not found.matches:
        return said(lang, "none_passes", where=where)
    if not found.covered:
        return said(lang, "not_covered_listed" if listed else "not_covered", query=query, where=where)
    strong = found.strong
    if strong == 0:
        return said(lang, "no_strong_listed" if listed else "no_strong", query=query, where=where)
    line = said(lang, "strong_one" if strong == 1 else "strong_many", count=strong, query=query, where=where)
    rest = len(found.matches) - strong
    return line[:-1] + said(lang, "weaker_below") if rest and listed else line
