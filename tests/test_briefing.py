"""Briefing notes: Markdown whose citations are real actions quoted exactly, and a Word file read back with
python-docx holding every cited action's full text, goal and deadline; `elac brief`. Fast (fake embedder)."""

from __future__ import annotations

from datetime import date

import pytest

from assistant import briefing as brief
from assistant.cli import main

DAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def answer(fake_assistant):
    result = fake_assistant.ask("What is goal 15 about?")  # an overview: every action of the goal
    assert len(result.cited) >= 2
    return result


def test_the_markdown_cites_real_actions_with_exact_quotes(fake_assistant, answer):
    from assistant.answer import CITATION_MARKER

    plan = fake_assistant.plan
    note = brief.from_answer(answer, DAY)
    text = brief.markdown(plan, note)
    assert text.startswith("# Briefing note: What is goal 15 about?")
    assert "**Prepared:** 2026-11-30" in text and plan.title in text
    for number in answer.cited:
        action = plan.action(number)
        assert f"### Action {number}" in text
        assert f"> {brief.escape_md(action.text)}" in text  # the plan's words, whole and exact
        assert f"| {number} | " in text  # in the deadline table
    cited = set(CITATION_MARKER.findall(answer.text))
    assert cited and all(plan.has_action(n) for n in cited) and cited <= set(answer.cited) | {
        h.action for h in answer.hits}


def test_the_word_file_holds_every_cited_action_in_full(fake_assistant, answer, tmp_path):
    import docx

    plan = fake_assistant.plan
    note = brief.from_answer(answer, DAY)
    path = brief.docx(plan, note, tmp_path / brief.file_name(note, "docx"))
    assert path.name == "elac-briefing-what-is-goal-15-about-2026-11-30.docx"
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    for number in answer.cited:
        action = plan.action(number)
        goal = plan.goal(action.goal)
        assert action.text in paragraphs  # in full, as its own quote
        assert f"Goal: {goal.label(plan.area(goal.area))}" in paragraphs
        assert f"Deadline: {action.deadline.text}" in paragraphs
        assert number in cells and action.deadline.text in cells
    assert len(document.inline_shapes) == 1  # the timeline of the cited actions
    assert any(plan.title in p for p in paragraphs)


def test_a_spanish_briefing_is_framed_in_spanish_and_quotes_english(fake_assistant, tmp_path):
    import docx

    plan = fake_assistant.plan
    answer = fake_assistant.ask("¿De qué trata la meta 17?")
    note = brief.from_answer(answer, DAY)
    text = brief.markdown(plan, note)
    assert text.startswith("# Nota informativa:") and "## Respuesta" in text and "traducciones" in text
    first = plan.action(answer.cited[0])
    assert f"> {brief.escape_md(first.text)}" in text  # never translated
    paragraphs = [p.text for p in docx.Document(str(brief.docx(plan, note, tmp_path / "b.docx"))).paragraphs]
    assert any(p.startswith("Plazo: ") for p in paragraphs) and first.text in paragraphs


def test_a_briefing_with_nothing_cited_says_so(fake_assistant, tmp_path):
    import docx

    note = brief.Briefing("xyzzy", False, "en", "Nothing in the plan matches.", (), DAY)
    assert "The plan has no action on this." in brief.markdown(fake_assistant.plan, note)
    path = brief.docx(fake_assistant.plan, note, tmp_path / "n.docx")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "The plan has no action on this." in paragraphs


def test_elac_brief_writes_markdown_and_word(fake_assistant, monkeypatch, tmp_path, capsys):
    import docx

    monkeypatch.setattr("assistant.cli._assistant", lambda args: fake_assistant)
    out = tmp_path / "health.md"
    assert main(["brief", "Which actions deal with health?", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Briefing note: Which actions deal with health?")
    word = tmp_path / "training.docx"
    assert main(["brief", "training", "--area", "A", "--format", "docx", "-o", str(word)]) == 0
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert paragraphs[0] == "Briefing note: training" and "Topic: training" in paragraphs[1]
    assert any("in area A" in p for p in paragraphs)
    assert "briefing written to" in capsys.readouterr().err
    assert main(["brief", "health", "-o", str(tmp_path / "missing" / "x.md")]) == 2
    assert "cannot write the briefing" in capsys.readouterr().err
