"""Read a plan file (.txt or .pdf) into a :class:`Plan`: the I/O edge of the plan floor."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import CorpusError
from .parse import parse_plan
from .plan import Plan

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "elac2007.txt"


def read_plan_text(path: str | Path) -> str:
    """The plan's table text from a .txt (UTF-8) or .pdf file."""
    path = Path(path)
    try:
        if not path.exists():
            raise CorpusError(path, "no such file")
        if path.is_dir():
            raise CorpusError(path, "is a folder; give a .txt or .pdf plan file")
        if path.suffix.lower() == ".pdf":
            from .pdf import pdf_to_table_text

            return pdf_to_table_text(path)
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if data.startswith(b"%PDF"):
        raise CorpusError(path, "is a PDF; name it with a .pdf extension")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            path, f"is not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "save it as UTF-8"
        ) from exc


def load_plan(path: str | Path = DEFAULT_CORPUS) -> Plan:
    """Read and parse a plan file; raises :class:`CorpusError` naming the file."""
    return parse_plan(read_plan_text(path), source=str(path))


def file_sha256(path: str | Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from exc
