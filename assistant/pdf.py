"""PDF -> plan table text via pypdf, so that ``parse.py`` reads PDFs and text alike.

The PDF holds the plan as a table (Goal | No. | Action | Deadline) whose cells
wrap over several lines and whose header repeats on every page. Each text line
pypdf reports is placed in a column by its x position (the header's columns),
lines are grouped into table rows (a row starts where the No. column has a
number or the Goal column starts with one), and each row is written as one
tab-separated line, the format of the plan's text file.

Only text a reader can see is read: text drawn invisible (render mode 3 or 7), in
white or fully transparent paint (the page is taken to be white), smaller than
``MIN_FONT_PT`` on the page, or outside the page's visible box is skipped, so that
no hidden sentence is quoted as the plan's words. Any failure of pypdf on the file
is a :class:`CorpusError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from io import BytesIO
from math import hypot
from pathlib import Path
from typing import Any

from .errors import CorpusError

HEADER = ("Goal", "No.", "Action", "Deadline")
_AREA = re.compile(r"^[A-Z]\.\s+\S")
_GOAL_START = re.compile(r"^\d{1,2}\b")
MIN_FONT_PT = 1.0  # text smaller than this on the page is not read: nobody can
WHITE = 0.95  # a paint at least this light (each of gray, R, G, B; 1 - each of C, M, Y, K) does not show
MIN_ALPHA = 0.05  # a paint at most this opaque does not show


@dataclass(frozen=True)
class _Frag:
    page: int
    x: float
    y: float
    text: str


def _fragments(path: Path, data: bytes | None = None) -> list[_Frag]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path if data is None else BytesIO(data))
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
    except Exception as exc:  # pypdf's own errors (a limit reached, a broken xref) and any other it lets out
        raise CorpusError(path, f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    if not pages:
        raise CorpusError(path, "the PDF has no pages")

    frags: list[_Frag] = []
    for number, page in enumerate(pages):
        try:
            frags.extend(_page_fragments(number, page))
        except Exception as exc:
            raise CorpusError(
                path, f"page {number + 1} cannot be read ({exc.__class__.__name__}: {exc})"
            ) from exc
    return frags


def _page_fragments(number: int, page: Any) -> list[_Frag]:
    """Each non-empty visible text line of a page with its position (text matrix x page matrix)."""
    seen: list[_Frag] = []
    hider = _Hider(page)

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        lines = [line.replace("\t", " ").strip() for line in text.split("\n") if line.strip()]
        for i, line in enumerate(lines):
            seen.append(_Frag(number, round(x, 1), round(y - i * 0.01, 2), line))

    page.extract_text(visitor_operand_before=hider.before, visitor_operand_after=hider.after, visitor_text=visit)
    return seen


# -- what a reader cannot see -------------------------------------------------------
_SHOW = {b"Tj": 0, b"'": 0, b'"': 2, b"TJ": 0}  # text-showing operators: index of their text operand
_KIND = {"/DeviceGray": "gray", "/CalGray": "gray", "/G": "gray", "/DeviceRGB": "rgb", "/CalRGB": "rgb",
         "/RGB": "rgb", "/DeviceCMYK": "cmyk", "/CMYK": "cmyk"}
_ICC_KIND = {1: "gray", 3: "rgb", 4: "cmyk"}


@dataclass(frozen=True)
class _Paint:
    """The part of the graphics state that decides whether text shows."""

    fill: tuple[str, tuple[float, ...]] = ("gray", (0.0,))  # colour space kind and components
    stroke: tuple[str, tuple[float, ...]] = ("gray", (0.0,))
    fill_space: str = "gray"  # the kind sc/scn components are read in ("other": never white)
    stroke_space: str = "gray"
    fill_alpha: float = 1.0
    stroke_alpha: float = 1.0
    mode: int = 0  # text render mode (Tr)
    size: float = 12.0  # font size (Tf)
    hscale: float = 1.0  # horizontal scaling (Tz / 100)


def _white(colour: tuple[str, tuple[float, ...]]) -> bool:
    kind, values = colour
    if kind in ("gray", "rgb"):
        return bool(values) and all(v >= WHITE for v in values)
    if kind == "cmyk":
        return bool(values) and all(v <= 1 - WHITE for v in values)
    return False


def _numbers(operands: list[Any]) -> tuple[float, ...] | None:
    if operands and all(isinstance(v, int | float) and not isinstance(v, bool) for v in operands):
        return tuple(float(v) for v in operands)
    return None  # a pattern name (scn /P1) or a broken operand: not a colour we can judge


@dataclass
class _Hider:
    """Follows a page's graphics state through pypdf's operator visitors and empties the operand
    of each text-showing operator whose text cannot be seen, before pypdf reads it (so hidden words
    never join the visible ones pypdf buffers with them)."""

    page: Any
    paint: _Paint = field(default_factory=_Paint)
    saved: list[_Paint] = field(default_factory=list)

    def __post_init__(self) -> None:
        box = self.page.cropbox  # what a viewer shows; defaults to the media box
        xs, ys = sorted((float(box.left), float(box.right))), sorted((float(box.bottom), float(box.top)))
        self.box = (xs[0], ys[0], xs[1], ys[1])
        try:
            self.resources = self.page["/Resources"].get_object()
        except (KeyError, AttributeError):
            self.resources = {}

    def before(self, op: bytes, operands: list[Any], cm: list[float], tm: list[float]) -> None:
        if op in _SHOW:
            if not self._visible(cm, tm):
                from pypdf.generic import ArrayObject

                i = _SHOW[op]
                if len(operands) > i:
                    operands[i] = ArrayObject() if op == b"TJ" else ""
            return
        if op in (b"q", b"Do"):  # a form XObject runs in a saved state; after() restores it
            self.saved.append(self.paint)
        elif op == b"Q":
            if self.saved:
                self.paint = self.saved.pop()
        else:
            self._set(op, operands)

    def after(self, op: bytes, _operands: list[Any], _cm: list[float], _tm: list[float]) -> None:
        if op == b"Do" and self.saved:
            self.paint = self.saved.pop()

    def _set(self, op: bytes, operands: list[Any]) -> None:
        paint, values = self.paint, _numbers(operands)
        if op == b"Tr" and values:
            self.paint = replace(paint, mode=int(values[0]) if 0 <= values[0] <= 7 else 0)  # 0: fill
        elif op == b"Tf" and len(operands) >= 2 and (size := _numbers(operands[1:2])):
            self.paint = replace(paint, size=size[0])
        elif op == b"Tz" and values:
            self.paint = replace(paint, hscale=values[0] / 100)
        elif op in (b"g", b"rg", b"k", b"G", b"RG", b"K"):
            kind = {b"g": "gray", b"rg": "rgb", b"k": "cmyk"}[op.lower()]
            colour = (kind, values or ())
            self.paint = (replace(paint, fill=colour, fill_space=kind) if op.islower()
                          else replace(paint, stroke=colour, stroke_space=kind))
        elif op in (b"cs", b"CS") and operands:
            kind = self._space_kind(operands[0])
            black = ("gray", (0.0,))  # the initial colour of every space is black or none
            self.paint = (replace(paint, fill=black, fill_space=kind) if op == b"cs"
                          else replace(paint, stroke=black, stroke_space=kind))
        elif op in (b"sc", b"scn"):
            self.paint = replace(paint, fill=(paint.fill_space if values else "other", values or ()))
        elif op in (b"SC", b"SCN"):
            self.paint = replace(paint, stroke=(paint.stroke_space if values else "other", values or ()))
        elif op == b"gs" and operands:
            state = self._resource("/ExtGState", operands[0])
            if hasattr(state, "get"):
                fill_alpha = _numbers([state.get("/ca", paint.fill_alpha)]) or (paint.fill_alpha,)
                stroke_alpha = _numbers([state.get("/CA", paint.stroke_alpha)]) or (paint.stroke_alpha,)
                self.paint = replace(paint, fill_alpha=fill_alpha[0], stroke_alpha=stroke_alpha[0])

    def _resource(self, kind: str, name: object) -> Any:
        try:
            return self.resources[kind].get_object()[name].get_object()
        except (KeyError, AttributeError, TypeError):
            return None

    def _space_kind(self, name: object) -> str:
        """gray, rgb or cmyk for a colour space whose components we can judge, else other."""
        if name in _KIND:
            return _KIND[str(name)]
        space = self._resource("/ColorSpace", name)
        try:
            if str(space) in _KIND:
                return _KIND[str(space)]
            family = str(space[0])
            if family in _KIND:
                return _KIND[family]
            if family == "/ICCBased":
                return _ICC_KIND.get(int(space[1].get_object()["/N"]), "other")
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            pass
        return "other"

    def _visible(self, cm: list[float], tm: list[float]) -> bool:
        paint = self.paint
        fills, strokes = paint.mode in (0, 2, 4, 6), paint.mode in (1, 2, 5, 6)  # 3 and 7 paint nothing
        shows = (fills and paint.fill_alpha > MIN_ALPHA and not _white(paint.fill)) or (
            strokes and paint.stroke_alpha > MIN_ALPHA and not _white(paint.stroke)
        )
        if not shows:
            return False
        # the text matrix times the page matrix: the size of one text unit on the page, and the origin
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        height = abs(paint.size) * hypot(c, d)
        if height < MIN_FONT_PT or abs(paint.size * paint.hscale) * hypot(a, b) < MIN_FONT_PT:
            return False
        x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        left, bottom, right, top = self.box
        return left - height <= x <= right + height and bottom - height <= y <= top + height


def _columns(frags: list[_Frag]) -> dict[int, list[float]]:
    """x position of each header column, per page (pages without a header reuse the last)."""
    found: dict[int, list[float]] = {}
    for page in sorted({f.page for f in frags}):
        xs = {f.text: f.x for f in frags if f.page == page and f.text in HEADER}
        if len(xs) == len(HEADER):
            found[page] = [xs[h] for h in HEADER]
    return found


def pdf_to_table_text(path: str | Path, data: bytes | None = None) -> str:
    """The plan table of a PDF, one row a line, cells separated by tabs.

    ``data`` is the file's content when the caller has read it already (``path`` then names it in errors).
    """
    from .reading.numbers import is_action_number  # the one number grammar

    path = Path(path)
    frags = _fragments(path, data)
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
            or is_action_number(flat[1])
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
