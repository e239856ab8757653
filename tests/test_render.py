"""Markdown for the faces: escaping and cards (pure)."""

from __future__ import annotations

from assistant.answer import Answer
from assistant.render import action_card, answer_markdown, citation_choices, escape_md, goal_card, plan_html


def test_escape_md_neutralises_markup():
    raw = "<script>x</script> ![i](http://e/x.png) **b** [l](u) # h"
    escaped = escape_md(raw)
    assert "<" not in escaped.replace("\\<", "") and "![" not in escaped
    assert escaped.replace("\\", "") == raw


def test_answer_markdown_keeps_bullets_and_bolds_citations():
    answer = Answer("Top:\n- A “x” [3.1]\n- B [12]\nRelated actions: 4.1.", (), False, (), "search", "q")
    md = answer_markdown(answer)
    assert md.splitlines() == ["Top:", "- A “x” [**\\[3.1\\]**](#action-3.1)", "- B [**\\[12\\]**](#action-12)", "",
                               "Related actions: 4.1."]


def test_action_card_and_choices(plan, fake_assistant):
    card = action_card(plan.info("27"))
    assert "### Action 27" in card and "untitled in the plan" in card and "Mid\\-2006" not in card
    answer = fake_assistant.ask("electronic signatures")
    choices = citation_choices(answer)
    assert choices[0] == (f"{answer.cited[0]} · Electronic government (cited)", answer.cited[0])
    assert len({v for _, v in choices}) == len(choices)


def test_the_plan_page_gives_every_goal_and_action_a_stable_id(plan):
    html = plan_html(plan)
    assert all(f'id="action-{a.number}"' in html and f'href="#action-{a.number}"' in html for a in plan.actions)
    assert all(f'id="goal-{g.number}"' in html for g in plan.goals) and html.count("<h3 ") == 5
    from html import escape

    assert all(escape(a.text) in html for a in plan.actions)  # the plan's words, escaped


def test_a_goal_card_lists_its_actions(plan):
    card = goal_card(plan, 15)
    assert card.startswith("### Goal 15: Electronic government")
    assert all(f"**{a.number}**" in card for a in plan.select(goal=15)) and "Area C" in card


def test_the_card_and_the_citations_speak_the_answers_language(plan, fake_assistant):
    answer = fake_assistant.ask("¿De qué trata la meta 3?")
    assert answer.lang == "es"
    choices = citation_choices(answer, plan)
    assert choices[0] == ("3.1 · Escuelas y bibliotecas en línea (citada)", "3.1")
    card = action_card(plan.info("3.1"), "es", plan)
    assert card.startswith("### Acción 3.1\n**Meta 3: Escuelas y bibliotecas en línea**")
    assert "Área A. Acceso e inclusión digital" in card and "Plazo: **mediados de 2007**" in card
    assert escape_md(plan.action("3.1").text) in card  # the plan's words, not translated
    assert action_card(plan.info("3.1")) == action_card(plan.info("3.1"), "en", plan)  # English: the plan's own
