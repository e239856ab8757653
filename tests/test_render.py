"""Markdown for the faces: escaping and cards (pure)."""

from __future__ import annotations

from assistant.answer import Answer
from assistant.render import action_card, answer_markdown, citation_choices, escape_md, plan_markdown


def test_escape_md_neutralises_markup():
    raw = "<script>x</script> ![i](http://e/x.png) **b** [l](u) # h"
    escaped = escape_md(raw)
    assert "<" not in escaped.replace("\\<", "") and "![" not in escaped
    assert escaped.replace("\\", "") == raw


def test_answer_markdown_keeps_bullets_and_bolds_citations():
    answer = Answer("Top:\n- A “x” [3.1]\n- B [12]\nRelated actions: 4.1.", (), False, (), "search", "q")
    md = answer_markdown(answer)
    assert md.splitlines() == ["Top:", "- A “x” **\\[3.1\\]**", "- B **\\[12\\]**", "", "Related actions: 4.1."]


def test_action_card_and_choices(plan, fake_assistant):
    card = action_card(plan.info("27"))
    assert "### Action 27" in card and "untitled in the plan" in card and "Mid\\-2006" not in card
    answer = fake_assistant.ask("electronic signatures")
    choices = citation_choices(answer)
    assert choices[0] == (f"{answer.cited[0]} · Electronic government (cited)", answer.cited[0])
    assert len({v for _, v in choices}) == len(choices)


def test_plan_markdown_lists_every_action(plan):
    md = plan_markdown(plan)
    assert all(f"**{a.number}**" in md for a in plan.actions)
    assert md.count("### ") == 5
