"""PDF ingestion: the committed PDF rendition parses to the same plan as the text; bad files fail clearly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from assistant.corpus import load_plan, read_plan_text
from assistant.errors import CorpusError
from assistant.pdf import pdf_to_table_text

from .conftest import CORPUS_PDF, ROOT


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_pdf_gives_the_same_plan_as_the_text(plan):
    from_pdf = load_plan(CORPUS_PDF)
    assert len(from_pdf.actions) == 70 and len(from_pdf.goals) == 30 and len(from_pdf.areas) == 5
    for a, b in zip(plan.actions, from_pdf.actions, strict=True):
        assert (a.number, a.deadline, a.goal, a.area) == (b.number, b.deadline, b.goal, b.area)
        assert _norm(a.text) == _norm(b.text)
    assert [(g.number, g.title, g.preamble) for g in plan.goals] == [
        (g.number, g.title, g.preamble) for g in from_pdf.goals
    ]


def test_pdf_is_laid_out_like_the_printed_table():
    reader = PdfReader(CORPUS_PDF)
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 3
    assert all("Goal" in p and "Deadline" in p for p in pages[1:]), "header repeats on each page"
    before = next(i for i, p in enumerate(pages) if "15.5" in p)
    after = next(i for i, p in enumerate(pages) if "15.6" in p)
    assert after == before + 1, "goal 15 is split by a page break"
    wrapped = pages[0].split("\n")
    assert not any("traffic exchange points" in line and "Promote the development" in line for line in wrapped)


def test_script_rebuilds_an_equivalent_pdf(tmp_path, plan):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_pdf
    finally:
        sys.path.pop(0)
    out = tmp_path / "again.pdf"
    make_pdf.build(ROOT / "corpus" / "elac2007.txt", out)
    assert [a.number for a in load_plan(out).actions] == [a.number for a in plan.actions]


def _text_pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 14 * i, line)
    c.save()
    return path


def test_pdf_that_is_not_a_plan(tmp_path):
    pdf = _text_pdf(tmp_path / "letter.pdf", ["Dear reader,", "this is a letter, not a plan."])
    with pytest.raises(CorpusError, match="letter.pdf: no 'Goal | No. | Action | Deadline' table"):
        load_plan(pdf)


def test_pdf_with_a_table_header_but_no_actions(tmp_path):
    pdf = _text_pdf(tmp_path / "hollow.pdf", ["Title"])
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(pdf))
    for x, word in zip((60, 150, 190, 480), ("Goal", "No.", "Action", "Deadline")):
        c.drawString(x, 700, word)
    c.save()
    with pytest.raises(CorpusError, match="hollow.pdf: no numbered actions"):
        load_plan(pdf)


def test_encrypted_pdf(tmp_path):
    writer = PdfWriter(clone_from=CORPUS_PDF)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(CorpusError, match="locked.pdf: the PDF is encrypted"):
        load_plan(path)


def test_pdf_without_text(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(CorpusError, match="blank.pdf: the PDF has no text"):
        pdf_to_table_text(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.pdf", b""),
        ("garbage.pdf", b"this is not a pdf at all\x00\x01"),
        ("truncated.pdf", CORPUS_PDF.read_bytes()[:900]),
    ],
)
def test_broken_pdf(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CorpusError) as info:
        load_plan(path)
    assert str(info.value).startswith(str(path))


def test_text_files_that_cannot_be_read(tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Conferencia de Bávaro".encode("latin-1"))
    with pytest.raises(CorpusError, match="latin1.txt: is not UTF-8 text"):
        read_plan_text(latin1)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(CorpusError, match="empty.txt: the file is empty"):
        load_plan(empty)
    with pytest.raises(CorpusError, match="missing.txt: no such file"):
        load_plan(tmp_path / "missing.txt")
