"""PDF -> plan table text via pypdf, so that ``parse.py`` reads PDFs and text alike.

The PDF holds the plan as a table (Goal | No. | Action | Deadline) whose cells
wrap over several lines and whose header repeats on every page. Each text line
pypdf reports is placed in a column by its x position (the header's columns),
lines are grouped into table rows (a row starts where the No. column has a
number or the Goal column starts with one), and each row is written as one
tab-separated line, the format of the plan's text file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError

HEADER = ("Goal", "No.", "Action", "Deadline")
_AREA = re.compile(r"^[A-Z]\.\s+\S")
_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})?\.?$")
_GOAL_START = re.compile(r"^\d{1,2}\b")


@dataclass(frozen=True)
class _Frag:
    page: int
    x: float
    y: float
    text: str


def _fragments(path: Path) -> list[_Frag]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise CorpusError(path, "the PDF is encrypted; give an unencrypted copy of the plan")
        pages = list(reader.pages)
    except CorpusError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise CorpusError(path, f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    if not pages:
        raise CorpusError(path, "the PDF has no pages")

    frags: list[_Frag] = []
    for number, page in enumerate(pages):
        try:
            frags.extend(_page_fragments(number, page))
        except Exception as exc:
            raise CorpusError(path, f"page {number + 1} cannot be read ({exc})") from exc
    return frags


def _page_fragments(number: int, page: object) -> list[_Frag]:
    """Each non-empty text line of a page with its position (text matrix x page matrix)."""
    seen: list[_Frag] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        for i, line in enumerate(lines):
            seen.append(_Frag(number, round(x, 1), round(y - i * 0.01, 2), line))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return seen


def _columns(frags: list[_Frag]) -> dict[int, list[float]]:
    """x position of each header column, per page (pages without a header reuse the last)."""
    found: dict[int, list[float]] = {}
    for page in sorted({f.page for f in frags}):
        xs = {f.text: f.x for f in frags if f.page == page and f.text in HEADER}
        if len(xs) == len(HEADER):
            found[page] = [xs[h] for h in HEADER]
    return found


def pdf_to_table_text(path: str | Path) -> str:
    """The plan table of a PDF, one row a line, cells separated by tabs."""
    path = Path(path)
    frags = _fragments(path)
    if not frags:
        raise CorpusError(path, "the PDF has no text (a scan?); the plan's text is needed")
    columns = _columns(frags)
    if not columns:
        raise CorpusError(
            path, "no 'Goal | No. | Action | Deadline' table found: this does not look like the plan"
        )
    title: list[str] = []
    rows: list[list[list[str]]] = []  # row -> 4 columns -> lines
    out: list[str] = []
    cols = columns[min(columns)]
    frags.sort(key=lambda f: (f.page, -f.y, f.x))
    i = 0
    while i < len(frags):
        line = [frags[i]]
        while i + 1 < len(frags) and frags[i + 1].page == line[0].page and abs(frags[i + 1].y - line[0].y) < 1.5:
            i += 1
            line.append(frags[i])
        i += 1
        cols = columns.get(line[0].page, cols)
        cells: list[list[str]] = [[], [], [], []]
        outside: list[str] = []
        for frag in line:
            if frag.x < cols[0] - 3:
                outside.append(frag.text)
                continue
            index = max(k for k in range(4) if frag.x >= cols[k] - 3)
            cells[index].append(frag.text)
        flat = [" ".join(c) for c in cells]
        text = " ".join(outside + [c for c in flat if c])
        if outside or (not rows and flat[0] != HEADER[0]):
            if _AREA.match(text):
                rows.append([[], [], [text], []])
                rows.append([])  # close the heading
            elif not rows:
                title.append(text)  # lines above the first table
            continue
        starts = (
            not rows
            or not rows[-1]
            or flat[0] == HEADER[0]
            or bool(_NUMBER.match(flat[1]))
            or bool(_GOAL_START.match(flat[0]))
        )
        if starts:
            if rows and not rows[-1]:
                rows.pop()
            rows.append([[c] if c else [] for c in flat])
        else:
            for k in range(4):
                if flat[k]:
                    rows[-1][k].append(flat[k])
    out.append(" ".join(title))
    for row in rows:
        if row:
            out.append("\t".join(" ".join(parts) for parts in row))
    return "\n".join(out) + "\n"
