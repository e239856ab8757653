"""The plan's deadlines at a glance: every action (or a chosen few) placed on its deadline, in a band per
area, coloured by area, each mark labelled with its number and linked to it (``#action-3.1``).

:func:`layout` places the marks (pure, tested); :func:`figure` draws them with matplotlib; :func:`svg`
gives the drawing as inline SVG with the links (the app), :func:`png` as an image (the DOCX briefing).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .lang import Lang, area_title, deadline_text
from .plan import Plan

PER_ROW = 7  # marks side by side in one deadline column before a new row starts
STEP = 0.14  # horizontal distance between marks, in deadline columns
ROW = 0.55  # vertical distance between rows of marks
COLOURS = {"A": "#1f77b4", "B": "#2ca02c", "C": "#d62728", "D": "#9467bd", "E": "#ff7f0e"}


@dataclass(frozen=True)
class Mark:
    action: str
    area: str
    deadline: str  # the plan's words: "Mid-2007"
    column: int  # the deadline's place among the plan's deadlines, earliest first
    x: float
    y: float


@dataclass(frozen=True)
class Layout:
    marks: tuple[Mark, ...]
    deadlines: tuple[str, ...]  # the columns, earliest first
    bands: tuple[tuple[str, float, float], ...]  # (area, top y, bottom y)


def layout(plan: Plan, numbers: Iterable[str] | None = None) -> Layout:
    """Where each action's mark goes: its column is its deadline, its band its area; marks sharing a cell
    stand in rows of ``PER_ROW``, in plan order."""
    chosen = None if numbers is None else set(numbers)
    deadlines = [d for d in plan.deadlines()]
    column = {d.text: i for i, d in enumerate(deadlines)}
    marks: list[Mark] = []
    bands: list[tuple[str, float, float]] = []
    top = 0.0
    for area in plan.areas:
        cells: dict[str, list[str]] = {}
        for action in plan.actions:
            if plan.goal(action.goal).area == area.letter and (chosen is None or action.number in chosen):
                cells.setdefault(action.deadline.text, []).append(action.number)
        if not cells:
            continue
        rows = max((len(v) - 1) // PER_ROW + 1 for v in cells.values())
        for deadline, numbers_here in cells.items():
            width = min(len(numbers_here), PER_ROW)
            for i, number in enumerate(numbers_here):
                row, col = divmod(i, PER_ROW)
                x = column[deadline] + (col - (width - 1) / 2) * STEP
                marks.append(Mark(number, area.letter, deadline, column[deadline], x, top - (row + 0.5) * ROW))
        bottom = top - rows * ROW
        bands.append((area.letter, top, bottom))
        top = bottom - 0.25
    return Layout(tuple(marks), tuple(d.text for d in deadlines), tuple(bands))


def figure(plan: Plan, numbers: Iterable[str] | None = None, lang: Lang = "en"):
    """The timeline as a matplotlib figure (1,400 pixels wide at 100 dpi)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    placed = layout(plan, numbers)
    height = max(2.2, 1.2 + sum(top - bottom + 0.25 for _, top, bottom in placed.bands) * 0.9)
    fig, ax = plt.subplots(figsize=(14, height), dpi=100)
    with matplotlib.rc_context({"text.parse_math": False}):
        for letter, top, bottom in placed.bands:
            ax.axhspan(bottom, top, color=COLOURS[letter], alpha=0.07, lw=0)
            label = textwrap.fill(f"{letter}. {area_title(plan.area(letter), lang)}", 22)
            ax.text(-0.55, (top + bottom) / 2, label, ha="right", va="center", fontsize=9, color=COLOURS[letter],
                    fontweight="bold")
        for mark in placed.marks:
            ax.text(mark.x, mark.y, mark.action, ha="center", va="center", fontsize=8, color="white",
                    url=f"#action-{mark.action}",
                    bbox={"boxstyle": "round,pad=0.25", "fc": COLOURS[mark.area], "ec": "none"})
    ax.set_xlim(-0.5, len(placed.deadlines) - 0.5)
    lowest = min((bottom for _, _, bottom in placed.bands), default=-1.0)
    ax.set_ylim(lowest - 0.1, 0.1)
    deadlines = {d.text: d for d in plan.deadlines()}
    ax.set_xticks(range(len(placed.deadlines)), [deadline_text(deadlines[d], lang) for d in placed.deadlines])
    ax.xaxis.tick_top()
    ax.set_yticks([])
    for side in ("left", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", alpha=0.3)
    fig.subplots_adjust(left=0.15, right=0.98, top=1 - 0.45 / height, bottom=0.02)
    return fig


def svg(plan: Plan, numbers: Iterable[str] | None = None, lang: Lang = "en") -> str:
    """The timeline as inline SVG: each mark a link to its action."""
    import matplotlib
    import matplotlib.pyplot as plt

    fig = figure(plan, numbers, lang)
    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text as text: small, selectable, searchable
        fig.savefig(out, format="svg")
    plt.close(fig)
    text = out.getvalue()
    text = text[text.index("<svg"):]  # no XML prolog or doctype: it goes inside a page
    head, rest = text.split(">", 1)
    # as wide as the page allows, its height following (the viewBox keeps the proportions)
    head = " ".join(part for part in head.split(" ") if not part.startswith(("width=", "height=")))
    return f'{head} width="100%" style="height: auto; max-width: 1400px">{rest}'


def png(plan: Plan, path: str | Path, numbers: Iterable[str] | None = None, lang: Lang = "en") -> Path:
    import matplotlib.pyplot as plt

    fig = figure(plan, numbers, lang)
    fig.savefig(path, format="png")
    plt.close(fig)
    return Path(path)
