"""Read a plan file (.txt or .pdf) into a :class:`Plan`: the I/O edge of the plan floor."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .errors import CorpusError
from .parse import parse_plan
from .paths import default_corpus
from .plan import Plan

DEFAULT_CORPUS = default_corpus()  # the checkout's corpus/, else the copy shipped in the package


MAX_CORPUS_BYTES = 20_000_000  # a plan's text file (the eLAC plan's is 20 KB)
MAX_PDF_BYTES = 50_000_000  # a plan's PDF (the eLAC plan's is 20 KB; a PDF may hold fonts and images)


def _read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (a symlink to one is fine).

    A device, pipe or socket is refused before it is opened (reading /dev/zero never ends, a pipe
    nobody writes to never answers) and checked again once opened, in case it was swapped meanwhile.
    """
    if not path.exists():
        raise CorpusError(path, "no such file")
    if path.is_dir():
        raise CorpusError(path, "is a folder; give a .txt or .pdf plan file")

    def check(mode: int, size: int) -> None:
        if not stat.S_ISREG(mode):
            raise CorpusError(
                path, "is not a regular file (a device, pipe or socket); give the plan's .txt or .pdf file"
            )
        if size > limit:
            raise CorpusError(
                path, f"is {size:,} bytes, more than a plan file has ({limit:,} at most): "
                "give the plan's .txt or .pdf file"
            )

    info = path.stat()
    check(info.st_mode, info.st_size)
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)), "rb") as fh:
        info = os.fstat(fh.fileno())
        check(info.st_mode, info.st_size)
        data = fh.read(limit + 1)
    check(stat.S_IFREG, len(data))  # it grew since
    return data


def read_plan_text(path: str | Path) -> str:
    """The plan's table text from a .txt (UTF-8) or .pdf file (a regular file of a plan's size)."""
    path = Path(path)
    pdf = path.suffix.lower() == ".pdf"
    try:
        data = _read_regular_file(path, MAX_PDF_BYTES if pdf else MAX_CORPUS_BYTES)
    except OSError as exc:
        raise CorpusError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if pdf:
        from .pdf import pdf_to_table_text

        return pdf_to_table_text(path, data)
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
