"""Questions that ask whether the plan names something (assistant/reading/mention.py), and the literal concept check
they get (assistant/coverage.py). Wordings here are new: none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from assistant.coverage import Closeness, ConceptRule
from assistant.reading import read
from assistant.reading.mention import asks_mention, names_lacking, typed_names


@pytest.mark.parametrize(
    ("question", "lang"),
    [("Is Greenpeace cited anywhere in eLAC?", "en"),
     ("does the plan refer to volcanic eruptions", "en"),
     ("Tsunamis - does eLAC single them out?", "en"),
     ("Are there actions that mention Interpol?", "en"),
     ("¿Figura la Unión Africana en el plan?", "es"),
     ("¿El texto alude a los bomberos?", "es"),
     ("A Embrapa é citada no plano?", "pt")],
)
def test_a_yes_or_no_question_on_what_the_plan_names(question, lang):
    assert asks_mention(question, lang)


@pytest.mark.parametrize(
    ("question", "lang"),
    [("Which actions cite the ITU?", "en"),  # a list
     ("Where is Geneva mentioned?", "en"),
     ("List every commitment that mentions libraries.", "en"),  # a command, not asked
     ("Give me all the actions that name a deadline in 2005", "en"),
     ("How does the plan treat e-government?", "en"),  # no verb that asks whether it names
     ("¿Qué acciones mencionan las bibliotecas?", "es"),
     ("¿Dónde aparece la palabra municipio?", "es"),
     ("Quais ações citam a UIT?", "pt"),
     ("Em que meta aparece a Embrapa?", "pt"),
     ("O que o plano menciona sobre bibliotecas?", "pt")],
)
def test_a_list_or_a_question_of_another_kind_is_no_mention_question(question, lang):
    assert not asks_mention(question, lang)


def test_names_are_runs_of_capitals_and_acronyms():
    assert typed_names("Does eLAC mention the African Union or NATO?") == ("African Union", "NATO")
    named = typed_names("Is the Organization of Ibero-American States named?")
    assert named == ("Organization of Ibero-American States",)
    # a sentence's first word starts a name only with a capitalised word after it, and no function word does
    assert typed_names("Gates Foundation - any reference?") == ("Gates Foundation",)
    assert typed_names("Is Latin America named?") == ("Latin America",)
    assert typed_names("Greenpeace: cited or not?") == ()
    assert typed_names("¿El plan nombra al BID?") == ("BID",)
    assert typed_names("Busco la OIT. ¿El plan la nombra?") == ("OIT",)  # a sentence ends a name


def test_a_name_is_in_the_plan_as_written_as_a_common_word_or_by_its_translation(plan):
    assert names_lacking(plan, "Is the African Union cited?", "en") == ("African Union",)
    assert names_lacking(plan, "Is the Pan American Health Organization cited?", "en") == ()  # the plan's own name
    assert names_lacking(plan, "Does the plan name the ITU or NATO?", "en") == ("NATO",)
    assert names_lacking(plan, "Is the Internet named?", "en") == ()  # the plan's word
    # Spanish and Portuguese names: the glossary's English is one of the plan's names ("UIT" is the ITU), or the name
    # is words of the language ("Gobierno Electrónico")
    assert names_lacking(plan, "¿El plan nombra a la UIT?", "es") == ()
    assert names_lacking(plan, "¿Aparece el Gobierno Electrónico?", "es") == ()
    assert names_lacking(plan, "A Embrapa é citada no plano?", "pt") == ("Embrapa",)
    # a country is no name the plan lacks: the plan's regional actions apply to it
    assert names_lacking(plan, "Is Uruguay mentioned?", "en", frozenset({"uruguay"})) == ()


def test_a_mention_question_is_read_as_one(plan):
    reading = read(plan, "Is Greenpeace cited anywhere in eLAC?")
    assert reading.mention and reading.unnamed == ("Greenpeace",)
    assert "cited" not in reading.concepts  # the verb asks; it is no concept of the question
    listed = read(plan, "Which actions cite Greenpeace?")
    assert not listed.mention and listed.unnamed == ()
    # a follow-up about the action just shown is one too, its words checked as the plan writes them
    after = read(plan, "does it spell out tsunamis?", [{"question": "What is action 18?", "citations": ["18"]}])
    assert after.mention and "tsunamis" in after.concepts


def _seen(word, *, in_plan=False, zipf=3.0, similarity=0.0, salience=0.5):
    return Closeness(word, in_plan, zipf, "disasters", similarity, salience)


def test_the_literal_rule_takes_no_word_near_in_meaning_and_no_plan_words_as_cover():
    rule = ConceptRule()
    near = [_seen("tsunamis", similarity=0.62)]  # close to "disasters", which the plan has
    assert rule.missing(near) is None
    assert rule.missing(near, literal=True) == "tsunamis"
    # "does it single out a remote region, the Andes say?": two specific words of the plan's own cover it, unless the
    # question asks whether the plan names them
    mixed = [_seen("remote", in_plan=True), _seen("region", in_plan=True), _seen("andes", zipf=3.1)]
    assert rule.missing(mixed) is None
    assert rule.missing(mixed, literal=True) == "andes"
    # a word the plan has, or an everyday word, is never missing
    assert rule.missing([_seen("remote", in_plan=True), _seen("people", zipf=6.0)], literal=True) is None


def test_a_mention_question_on_a_word_the_plan_lacks_abstains_and_names_it(fake_assistant):
    answer = fake_assistant.ask("Is Greenpeace cited anywhere in eLAC?")
    assert answer.abstained and not answer.cited and "Greenpeace" in answer.text
