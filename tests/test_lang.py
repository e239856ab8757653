"""Spanish and Portuguese: language detection, the glossary, answers framed in the user's language."""

from __future__ import annotations

import re

import pytest

from assistant.answer import check_grounding
from assistant.evaluate import load_dataset
from assistant.lang import deadline_text
from assistant.plan import Deadline
from assistant.reading.gloss import gloss
from assistant.reading.language import detect


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("How will rural schools get online?", "en"),
        ("¿Cómo se conectarán las escuelas rurales a Internet?", "es"),
        ("Como as escolas rurais serão conectadas à internet?", "pt"),
        ("¿y la segunda?", "es"),
        ("E quanto aos hospitais?", "pt"),
        ("Qué dice la 3.1", "es"),
        ("3.1", None),
        ("software", None),  # as common in each language: nothing tells
        # words alone, as a search is typed: how common each word is in each language tells
        ("firma digital", "es"),
        ("pagamento eletronico", "pt"),  # typed without its accent
        # as many Spanish markers as Portuguese ones: how common the words are in each tells
        ("até quando era preciso concluí-la?", "pt"),
        ("¿hasta cuándo era preciso hacerlo?", "es"),
        ("zonas rurais", "pt"),
        ("justicia electronica", "es"),
        ("hospitals", "en"),
        ("science parks", "en"),
        # a lone letter that is no word: a prefix, an area's letter
        ("e-signature", "en"),
        ("Summarize area E", "en"),
        ("O plano estabelece metas de cobertura", "pt"),  # a first "O" is a word
    ],
)
def test_detect(text, lang):
    assert detect(text) == lang


def test_every_question_of_the_eval_set_is_read_in_its_language():
    wrong = []
    for q in load_dataset():
        if re.fullmatch(r"(meta|acci[oó]n|a[cç][aã]o) [\d.]+", q.question):  # "meta 15" is both es and pt
            continue
        if (detect(q.question) or "en") != q.lang:
            wrong.append((q.id, q.question))
    assert not wrong


def test_gloss_maps_spanish_and_portuguese_to_the_plans_words(plan_text):
    es = gloss("¿Qué acciones abordan la seguridad y la confianza?", "es").split()
    pt = gloss("Quais ações tratam de segurança e confiança?", "pt").split()
    assert {"security", "trust"} <= set(es) and {"security", "trust"} <= set(pt)
    assert "la" not in es and "de" not in pt  # function words dropped
    assert gloss("seguranca e confianca", "pt") == gloss("segurança e confiança", "pt")  # accents optional
    assert gloss("software libre", "es").startswith("free software")  # phrases first
    assert gloss("How will rural schools get online?", "en") == "How will rural schools get online?"
    words = set(re.findall(r"[a-z]+", plan_text.lower()))
    glossed = gloss("teletrabajo firma digital pymes banda ancha alcaldías", "es").split()
    assert all(any(w.startswith(g) for w in words) for g in glossed)  # every English word is the plan's


def test_deadline_wording():
    assert deadline_text(Deadline(2006, 12, "End of 2006"), "en") == "End of 2006"
    assert deadline_text(Deadline(2006, 12, "End of 2006"), "es") == "fines de 2006"
    assert deadline_text(Deadline(2007, 6, "Mid-2007"), "pt") == "meados de 2007"


def _quotes_are_exact(plan, answer):
    for citation in answer.citations:
        assert citation.quote in plan.action(citation.action).text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "lead", "label"),
    [
        ("¿Cómo se conectarán las escuelas rurales a Internet?", "El plan aborda este tema", "Acción 3.1"),
        ("Como as escolas rurais serão conectadas à internet?", "O plano trata deste tema", "Ação 3.1"),
    ],
)
def test_answers_are_framed_in_the_question_language(real_assistant, question, lead, label):
    answer = real_assistant.ask(question)
    assert not answer.abstained and "3.1" in answer.cited
    assert answer.text.startswith(lead) and label in answer.text
    assert answer.lang == ("es" if lead.startswith("El") else "pt")
    assert "The plan addresses" not in answer.text and "due " not in answer.text
    _quotes_are_exact(real_assistant.plan, answer)
    check_grounding(real_assistant.plan, answer)


@pytest.mark.slow
def test_english_answers_stay_english(real_assistant):
    answer = real_assistant.ask("How will rural schools get online?")
    assert answer.lang == "en" and answer.text.startswith("The plan addresses this") and "Action 3.1" in answer.text


@pytest.mark.slow
def test_spanish_structured_answer(real_assistant):
    answer = real_assistant.ask("¿Qué acciones vencían a fines de 2006?")
    assert answer.kind == "structured" and answer.lang == "es"
    assert answer.cited == ["8.1", "8.2", "10.1", "10.2"]
    assert answer.text.startswith("4 acciones con plazo fines de 2006:")
    _quotes_are_exact(real_assistant.plan, answer)


@pytest.mark.slow
def test_portuguese_lookup_and_abstention(real_assistant):
    lookup = real_assistant.ask("O que diz a ação 15.4?")
    assert lookup.cited[0] == "15.4" and "Ação 15.4" in lookup.text and lookup.lang == "pt"
    off = real_assistant.ask("¿Quién ganó el mundial de fútbol de 2006?")
    assert off.abstained and off.text.startswith("El plan no aborda esta pregunta.")


@pytest.mark.slow
def test_spanish_follow_ups_keep_the_language(real_assistant):
    first = real_assistant.ask("¿Cómo se conectarán las escuelas rurales a Internet?")
    history = [{"question": first.question, "citations": first.cited, "shown": [h.action for h in first.hits]}]
    follow = real_assistant.ask("¿Y qué pasa con los hospitales?", history)
    assert "4.1" in follow.cited and follow.lang == "es" and follow.text.startswith("El plan aborda")
    second = real_assistant.ask("¿y la segunda?", history)
    listed = list(dict.fromkeys(first.cited + [h.action for h in first.hits]))  # cited first, then the rest shown
    assert second.lang == "es" and second.cited[0] == listed[1]
    assert f"Acción {second.cited[0]}" in second.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("english", "spanish", "portuguese"),
    [
        ("Which actions deal with security and trust?", "¿Qué acciones abordan la seguridad y la confianza?",
         "Quais ações tratam de segurança e confiança?"),
        ("How will maps and location data be used to support government decisions?",
         "¿Cómo se usarán los mapas y los datos de ubicación para apoyar las decisiones del gobierno?",
         "Como mapas e dados de localização vão ser usados para apoiar as decisões do governo?"),
    ],
)
def test_translations_find_what_the_english_finds(real_assistant, english, spanish, portuguese):
    top = [h.action for h in real_assistant.search(english, top_k=5)]
    for question in (spanish, portuguese):
        found = [h.action for h in real_assistant.search(question, top_k=5)]
        # the first found among the English top 3, and the top 5 shared in part: the query adapters lift English
        # questions more than their translations (recall@5 gap -0.032 / -0.042 over 71 pairs, was -0.010 / -0.022)
        assert found[0] in top[:3] and len(set(found) & set(top)) >= 2, (question, found, top)


@pytest.mark.parametrize(("question", "lang"), [
    ("el plan habla de redes de mujeres?", "es"),  # "plan" is an English marker too: the words tell
    ("el plan menciona bibliotecas rurales?", "es"),
    ("o plano fala de mulheres?", "pt"),
    ("What is the plan for el Salvador?", "en"),
    ("Is there a plan for software libre?", "en"),
])
def test_a_tie_of_markers_is_decided_by_the_words(question, lang):
    assert detect(question) == lang


@pytest.mark.parametrize(("question", "terms"), [
    ("What role does OSILAC play in the plan?", ("osilac",)),
    ("Our association wants to know where libraries are mentioned", ("associ", "librari")),
    ("¿Qué dice el plan sobre las bibliotecas?", ("librari",)),
])
def test_words_that_ask_what_the_plan_says_are_no_topic(plan, question, terms):
    from assistant.reading import read

    assert read(plan, question).terms == terms
