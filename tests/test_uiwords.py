"""The assistant's own words in each language: the data files agree, the interface's language is chosen
from the page and the browser, and the errors a user meets are said in it."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from assistant.errors import ElacError
from assistant.export import SearchFilters, citation_list, summary
from assistant.lang import LANGS
from assistant.plan import Deadline
from assistant.reading import subject
from assistant.reading.followup import Turn, resolve
from assistant.reading.numbers import check_query
from assistant.relevance import Found, Match
from assistant.render import deadline_choices, escape_md, found_rows, goal_card, goal_choices
from assistant.uiwords import error_words, interface_lang, number, said, ui_words

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
SECTIONS = ("briefing", "app", "card", "said")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("section", SECTIONS)
def test_every_language_has_the_same_words_with_the_same_blanks(section):
    english = ui_words("en", section)
    for lang in LANGS:
        words = ui_words(lang, section)
        assert set(words) == set(english), (lang, section, set(words) ^ set(english))
        for key, text in words.items():
            assert _fields(text) == _fields(english[key]), (lang, section, key)


def test_every_error_code_raised_is_translated_with_its_blanks():
    """Each ``code=`` in the package has a translation in every other language, whose blanks are the
    error's params (so a translation never fails to fill)."""
    raised: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            named = {k.arg: k.value for k in node.keywords}
            code = named.get("code")
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                raised[code.value] = set(named) - {"code"}
    assert {"query_empty", "unknown_action", "unknown_goal", "ordinal_out_of_range"} <= set(raised)
    for lang in LANGS[1:]:
        errors = ui_words(lang, "errors")
        assert set(raised) <= set(errors), (lang, set(raised) - set(errors))
        for code, params in raised.items():
            assert _fields(errors[code]) <= params, (lang, code)
    assert ui_words("en", "errors") == {}  # English: the error's own message


@pytest.mark.parametrize(("page", "header", "expected"), [
    ("es", "en-US,en;q=0.9", "es"),  # the page's language (its switch) wins over the browser's
    ("pt-BR", None, "pt"),
    (None, "pt-BR,pt;q=0.9,en;q=0.8", "pt"),
    ("", "fr-FR, es;q=0.7, en;q=0.8", "en"),  # the first one we speak, by weight
    (None, "fr, de;q=0.5", "en"),  # none we speak: English
    (None, "es;q=0, pt;q=0.2", "pt"),  # q=0: not wanted
    ("de", "es", "es"),  # a page language we do not speak: the browser's next
    (None, None, "en"),  # an API client
    (None, "es;q=abc", "en"),  # a broken weight counts as not wanted
])
def test_the_interface_language(page, header, expected):
    assert interface_lang(page, header) == expected


def test_numbers_and_sentences_follow_the_language():
    assert number(2000, "en") == "2,000" and number(2000, "es") == "2.000" and number(12, "pt") == "12"
    spanish = said("es", "progress", retriever="hybrid", done=1200, total=2000)
    assert spanish == "hybrid, preguntas hechas: 1.200 de 2.000"
    assert said("en", "progress", retriever="hybrid", done=3, total=9) == "hybrid, questions done: 3 of 9"


def _error(call) -> ElacError:
    with pytest.raises(ElacError) as caught:
        call()
    return caught.value


def test_the_errors_a_user_meets_are_said_in_their_language(plan):
    empty = _error(lambda: check_query("  "))
    assert error_words(empty, "en") == str(empty)
    assert error_words(empty, "es").startswith("la consulta está vacía")
    assert error_words(empty, "pt").startswith("a consulta está vazia")
    long = _error(lambda: check_query("x" * 2500))
    assert "2.500 caracteres" in error_words(long, "es") and "2.000" in error_words(long, "es")
    unknown = _error(lambda: plan.action("31.9"))
    assert error_words(unknown, "pt").startswith("ação desconhecida '31.9'") and "mais próximas" in error_words(
        unknown, "pt")
    assert "1 a 30" in error_words(_error(lambda: plan.goal(31)), "es")
    assert error_words(_error(lambda: plan.area("Z")), "es").startswith("área desconocida 'Z'")
    assert "no es un plazo" in error_words(_error(lambda: Deadline.parse("someday")), "es")


def test_an_ordinal_past_the_list_is_said_in_the_language(plan):
    history = [Turn("health", ("4.1", "17.1"))]
    error = _error(lambda: resolve("tell me more about the fifth one", history, subject(plan, "en")))
    assert error_words(error, "es").startswith("la respuesta anterior mostró 2 acción(es): 4.1, 17.1")


def test_an_error_without_a_translation_stays_english():
    error = ElacError("something only the CLI meets")
    assert error_words(error, "es") == "something only the CLI meets"


def _found(plan, levels: dict[str, str]) -> Found:
    from assistant.retrieve import Hit

    matches = [Match(Hit(plan.info(n), 1.0, 0.5, None, 1.0, ("bm25",)), level, 0.5) for n, level in levels.items()]
    return Found("formación", tuple(matches), True, "es")


def test_the_search_status_and_rows_in_spanish(plan):
    found = _found(plan, {"9.1": "strong", "9.2": "strong", "6.3": "weak"})
    line = summary(found, SearchFilters(area="B", due_by="Mid-2007"), lang="es")
    assert line == ('2 acciones corresponden a "formación" en área B, con plazo hasta Mid-2007; '
                    "abajo, coincidencias más débiles.")
    assert summary(found, SearchFilters(), lang="en") == '2 actions match "formación"; weaker matches below.'
    assert citation_list(found, "es", plan).splitlines()[0] == (
        f"eLAC 2007, acción 9.1 (Meta 9: Capacitación; plazo mediados de 2007): {plan.action('9.1').text}")
    assert citation_list(found).splitlines()[1].startswith("eLAC 2007, action 9.2 (Goal 9: Training; due Mid-2007): ")
    rows = found_rows(found, "es", plan)
    assert rows[0][:3] == ["9.1", "fuerte", "Meta 9: Capacitación"] and rows[2][1] == "débil"
    assert rows[0][4] == "mediados de 2007" and rows[0][5] == plan.action("9.1").text  # the plan's words


def test_filters_and_goal_cards_in_portuguese(plan):
    assert ("15 Governo eletrônico", "15") in goal_choices(plan, "C", "pt")
    assert deadline_choices(plan, "pt")[0] == ("novembro de 2005", "November 2005")
    card = goal_card(plan, 15, "pt")
    assert card.startswith("### Meta 15: Governo eletrônico") and "Área C." in card
    assert all(f"**{a.number}** (prazo " in card and escape_md(a.text) in card for a in plan.select(goal=15))
