"""Briefing notes: what an adviser hands a minister. From a chat answer or a search's strong matches: a
title, the question or topic, the answer, each cited action in full with its goal, area and deadline, a
deadline table, the timeline (DOCX) and a line citing the plan; framed in the user's language, the plan's
words quoted exactly (English). Markdown (:func:`markdown`) and DOCX (:func:`docx`, python-docx).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .export import slug
from .lang import Lang, action_frame
from .plan import Plan
from .render import escape_md, text_markdown
from .uiwords import ui_words

if TYPE_CHECKING:
    from .answer import Answer
    from .relevance import Found

def words(lang: Lang) -> dict[str, str]:
    """The briefing's own words in ``lang`` (assistant/data/ui-<lang>.toml)."""
    return ui_words(lang, "briefing")


@dataclass(frozen=True)
class Briefing:
    subject: str  # the question asked, or the topic searched
    asked: bool  # a question (else a topic)
    lang: Lang
    answer: str  # the answer's text, or one line on what was found
    actions: tuple[str, ...]  # the cited actions, in the answer's order
    day: date


def from_answer(answer: Answer, day: date | None = None) -> Briefing:
    """A chat answer's briefing: its text and the actions it cites."""
    return Briefing(answer.question, True, answer.lang, answer.text, tuple(answer.cited), day or date.today())


def from_found(found: Found, line: str, day: date | None = None, lang: Lang | None = None) -> Briefing:
    """A search's briefing: the strong matches (where the relevant actions stop), with ``line`` saying so;
    framed in ``lang`` (by default the query's)."""
    strong = tuple(m.hit.action for m in found.matches if m.level == "strong")
    return Briefing(found.query, False, lang or found.lang, line, strong, day or date.today())


@dataclass(frozen=True)
class Row:
    """One cited action, framed in the briefing's language; ``text`` is the plan's own words."""

    number: str
    goal: str
    area: str
    deadline: str
    text: str


def rows(plan: Plan, briefing: Briefing) -> list[Row]:
    return [Row(n, *action_frame(plan, n, briefing.lang), plan.action(n).text) for n in briefing.actions]


def file_name(briefing: Briefing, ext: str) -> str:
    return f"elac-briefing-{slug(briefing.subject) or 'note'}-{briefing.day.isoformat()}.{ext}"


def markdown(plan: Plan, briefing: Briefing) -> str:
    w = words(briefing.lang)
    found = rows(plan, briefing)
    lines = [f"# {w['title']}: {escape_md(briefing.subject)}", "",
             f"**{w['asked'] if briefing.asked else w['topic']}:** {escape_md(briefing.subject)}  ",
             f"**{w['prepared']}:** {briefing.day.isoformat()}", "",
             f"## {w['answer']}", "", text_markdown(briefing.answer, links=False), "", f"## {w['actions']}", ""]
    if not found:
        lines += [w["none"], ""]
    for row in found:
        lines += [f"### {w['action']} {row.number}", "",
                  f"- **{w['goal']}:** {escape_md(row.goal)}", f"- **{w['area']}:** {escape_md(row.area)}",
                  f"- **{w['deadline']}:** {escape_md(row.deadline)}", "", f"> {escape_md(row.text)}", ""]
    if found:
        lines += [f"## {w['deadlines']}", "", f"| {w['action']} | {w['goal']} | {w['deadline']} |", "|---|---|---|"]
        lines += [f"| {row.number} | {escape_md(row.goal)} | {escape_md(row.deadline)} |" for row in found]
        lines.append("")
    lines += ["---", "", escape_md(w["source"].format(plan=plan.title))]
    if w["translated"]:
        lines += ["", f"*{escape_md(w['translated'])}*"]
    return "\n".join(lines) + "\n"


def docx(plan: Plan, briefing: Briefing, path: str | Path) -> Path:
    """The briefing as a Word document, with the timeline of its actions as an image."""
    import tempfile

    from docx import Document
    from docx.shared import Cm

    from . import timeline

    w = words(briefing.lang)
    found = rows(plan, briefing)
    doc = Document()
    doc.add_heading(f"{w['title']}: {briefing.subject}", level=1)
    facts = doc.add_paragraph()
    facts.add_run(f"{w['asked'] if briefing.asked else w['topic']}: ").bold = True
    facts.add_run(briefing.subject)
    facts.add_run(f"\n{w['prepared']}: ").bold = True
    facts.add_run(briefing.day.isoformat())
    doc.add_heading(w["answer"], level=2)
    for paragraph in briefing.answer.split("\n"):
        if paragraph.strip():
            doc.add_paragraph(paragraph[2:], style="List Bullet") if paragraph.startswith("- ") else \
                doc.add_paragraph(paragraph)
    doc.add_heading(w["actions"], level=2)
    if not found:
        doc.add_paragraph(w["none"])
    for row in found:
        doc.add_heading(f"{w['action']} {row.number}", level=3)
        for label, value in ((w["goal"], row.goal), (w["area"], row.area), (w["deadline"], row.deadline)):
            line = doc.add_paragraph(style="List Bullet")
            line.add_run(f"{label}: ").bold = True
            line.add_run(value)
        doc.add_paragraph(row.text, style="Quote")
    if found:
        doc.add_heading(w["deadlines"], level=2)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Light Grid Accent 1"
        for cell, text in zip(table.rows[0].cells, (w["action"], w["goal"], w["deadline"]), strict=True):
            cell.text = text
        for row in found:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = row.number, row.goal, row.deadline
        with tempfile.TemporaryDirectory() as folder:
            image = timeline.png(plan, Path(folder) / "timeline.png", briefing.actions, briefing.lang)
            doc.add_paragraph(w["timeline"])
            doc.add_picture(str(image), width=Cm(16))
    doc.add_paragraph(w["source"].format(plan=plan.title)).italic = True
    if w["translated"]:
        doc.add_paragraph(w["translated"])
    path = Path(path)
    doc.save(str(path))
    return path
