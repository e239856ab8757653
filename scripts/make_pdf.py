"""Render the plan text as a PDF table like the original: Goal | No. | Action | Deadline.

Usage: python scripts/make_pdf.py [corpus/elac2007.txt] [corpus/elac2007.pdf]

Goal titles and actions wrap inside their cells, each area has its own table with
its header, and goal 15 is split over a page break, as in the printed plan.
Needs reportlab (in the ``test`` extra). The PDF is committed; this script is how
it was made.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from assistant.parse import parse_plan

BREAK_AFTER = "15.5"  # the printed plan turns the page inside goal 15 here
COLUMNS = (32 * mm, 12 * mm, 105 * mm, 24 * mm)


def build(src: Path, dst: Path) -> None:
    plan = parse_plan(src.read_text(encoding="utf-8"), str(src))
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8.5, leading=10.5)
    head = styles["BodyText"].clone("head", fontName="Helvetica-Bold", fontSize=9)
    story: list = [Paragraph(escape(plan.title), styles["Title"])]

    def table(rows: list[list]) -> Table:
        header = [Paragraph(h, head) for h in ("Goal", "No.", "Action", "Deadline")]
        t = Table([header, *rows], colWidths=COLUMNS, repeatRows=1)
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ]))
        return t

    for area in plan.areas:
        story += [Spacer(1, 4 * mm), Paragraph(escape(f"{area.letter}. {area.title}"), styles["Heading2"])]
        rows: list[list] = []
        for goal in (g for g in plan.goals if g.area == area.letter):
            label = f"{goal.number} {goal.title}" if goal.title else str(goal.number)
            first = True
            if goal.preamble:
                rows.append([Paragraph(escape(label), cell), "", Paragraph(escape(goal.preamble), cell), ""])
                first = False
            for action in plan.select(goal=goal.number):
                rows.append([
                    Paragraph(escape(label), cell) if first else "",
                    Paragraph(action.number, cell),
                    Paragraph(escape(action.text), cell),
                    Paragraph(escape(action.deadline.text), cell),
                ])
                first = False
                if action.number == BREAK_AFTER:
                    story += [table(rows), PageBreak()]
                    rows = []
        story.append(table(rows))
    SimpleDocTemplate(
        str(dst), pagesize=A4, title=plan.title, author="ECLAC (rendition)",
        leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
        invariant=1,
    ).build(story)


if __name__ == "__main__":
    args = sys.argv[1:]
    build(Path(args[0] if args else "corpus/elac2007.txt"), Path(args[1] if len(args) > 1 else "corpus/elac2007.pdf"))
