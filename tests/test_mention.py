"""Questions that ask whether the plan names something (assistant/reading/mention.py), and the literal concept check
they get (assistant/coverage.py). Wordings here are new: none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from assistant.coverage import Closeness, ConceptRule
from assistant.reading import read
from assistant.reading.mention import (
    action_words,
    asked_of_words,
    asks_mention,
    asks_of_one,
    names_lacking,
    typed_names,
    unread_subject,
)


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


@pytest.mark.parametrize(
    ("question", "lang"),
    [("does it go into holograms at all?", "en"),
     ("And does that cover night schools?", "en"),
     ("¿Incluye a los bomberos voluntarios?", "es"),
     ("¿Y trata de los puertos?", "es"),
     ("ela menciona os correios?", "pt"),
     ("Diz algo sobre cooperativas?", "pt")],
)
def test_a_yes_or_no_question_about_the_action_just_shown(question, lang):
    assert asks_of_one(question, lang)


@pytest.mark.parametrize(
    "question",
    ["does it spell out which agencies should lead?", "Did it say how many sites were planned?",
     "and is that where it asks for what kind of software?"],
)
def test_an_auxiliary_and_a_pronoun_ask_yes_or_no_whatever_they_embed(question):
    assert asks_of_one(question, "en")
    assert not asks_of_one("what does it say about which agencies lead?", "en")  # opens on "what"


def test_what_a_question_asked_of_an_action_asks_about_is_after_its_opening_words():
    assert asked_of_words("And does it spell out the fees?") == "spell out the fees"
    assert asked_of_words("¿Y contempla también a los museos?") == "tambien a los museos"
    assert asked_of_words("Which actions name museums?") == "which actions name museums"  # no opening: all of it


def test_words_the_glossary_reads_nothing_from_are_a_subject_only_a_search_can_check():
    assert "zapatos" in unread_subject("¿Menciona los zapatos?", "es")  # no gloss: the search of the question decides
    assert not unread_subject("¿Habla de las escuelas rurales?", "es")  # each word read: the concepts decide
    assert not unread_subject("does it mention shoelaces?", "en")  # English words are concepts as written


@pytest.mark.parametrize(
    ("question", "lang"),
    [("what does it say about night schools?", "en"),  # asks what, not whether
     ("does the plan go into holograms?", "en"),  # about the plan, not the action just shown
     ("is there anything on ports?", "en"),
     ("¿Qué dice sobre los puertos?", "es"),
     ("Fala de cooperativas, e com que prazo", "pt")],  # not asked
)
def test_other_questions_are_not_asked_of_the_action_just_shown(question, lang):
    assert not asks_of_one(question, lang)


def test_a_yes_or_no_follow_up_with_a_subject_of_its_own_is_asked_of_the_one_action_shown(plan):
    one = [{"question": "What is action 16.2?", "citations": ["16.2"]}]
    reading = read(plan, "does it go into holograms at all?", one)
    assert reading.asks_of == ("16.2",) and reading.focus == "16.2" and "holograms" in reading.concepts
    # after a list, "it" points at no one action
    assert read(plan, "does it go into holograms at all?",
                [{"question": "e-learning?", "citations": ["16.1", "16.2"]}]).asks_of == ()
    # a subject the answer holds is asked of the action too (found there, the action answers)
    held = read(plan, "does it mention teachers?", [{"question": "What is 3.3?", "citations": ["3.3"]}])
    assert held.asks_of == ("3.3",) and held.focus == "3.3"
    # an auxiliary and a pronoun ask whether, whatever question they embed
    embeds = read(plan, "does it say how fast the connections have to be?",
                  [{"question": "3.3?", "citations": ["3.3"]}])
    assert embeds.asks_of == ("3.3",) and "fast" in embeds.concepts
    # with no subject of its own it is asked of that action too, read as that action; the verb that opens it is no
    # concept ("include" is not what 25 must hold)
    no_own = read(plan, "Does it give an amount for the financing needed?",
                  [{"question": "23.1?", "citations": ["23.1"]}])
    assert no_own.asks_of == ("23.1",) and no_own.asked == "action 23.1" and "amount" in no_own.concepts
    opened = read(plan, "¿Incluye también las firmas digitales?", [{"question": "¿La 25?", "citations": ["25"]}])
    assert opened.asks_of == ("25",) and "include" not in opened.concepts
    # a word the glossary reads nothing from is searched with the question, not read as the action again
    unread_word = read(plan, "¿Habla de zapatos?", [{"question": "¿La 2.2?", "citations": ["2.2"]}])
    assert unread_word.asks_of == ("2.2",) and unread_word.asked == "¿Habla de zapatos?"


@pytest.mark.parametrize(
    ("question", "lang"),
    [("Do either of those name the Andes?", "en"), ("Does that action mention seaports?", "en"),
     ("¿Alguna de ellas menciona los puertos?", "es"), ("Essa cita os correios?", "pt")],
)
def test_a_yes_or_no_follow_up_pointing_at_a_list_is_asked_of_all_its_actions(plan, question, lang):
    """After an answer that cited several actions, a pointer at them (or at one of them) asks them all: one of them
    must hold its subject; a bare "it" does not point at the list (above)."""
    listed = [{"question": "Which actions are about health networks?", "citations": ["17.1", "17.2"]}]
    reading = read(plan, question, listed)
    assert reading.asks_of == ("17.1", "17.2") and reading.within == ("17.1", "17.2"), question
    assert not {"either", "those", "that", "action", "ellas", "essa"} & set(reading.concepts)
    # an ordinal picks one of them: not asked of the list
    assert read(plan, "does the second one name any hospitals?", listed).asks_of == ()


def test_after_a_refusal_the_next_action_is_next_to_the_conversations_subject(plan):
    """A refusal cites nothing ("Action 11.2 does not mention incentives"): "the action right after it" is next to
    the action the conversation was about, the latest that an answer cited."""
    turns = [{"question": "Explain 17.1.", "citations": ["17.1"]},
             {"question": "Does it mention vaccines?", "citations": [], "shown": ["17.1", "17.2"]}]
    assert "17.2" in read(plan, "and the one right after it?", turns).asked


def test_an_action_holds_its_own_words_and_its_goal_title(plan):
    held = action_words(plan, "16.2")
    assert "education" in held  # goal 16, "Electronic education"
    assert set(action_words(plan, "3.3")) >= {"train", "teachers"}


def test_a_question_about_the_action_shown_on_a_word_it_lacks_abstains_and_names_both(fake_assistant):
    answer = fake_assistant.ask("does it go into holograms at all?",
                                [{"question": "What is action 16.2?", "citations": ["16.2"]}])
    assert answer.abstained and not answer.cited and "Action 16.2 does not mention “holograms”." in answer.text


def test_a_refusal_leaves_the_conversation_s_subject_where_it_was(plan):
    """"and when was it due?" after a refused question about the action shown points at that action."""
    history = [{"question": "What is action 16.2?", "citations": ["16.2"]},
               {"question": "does it go into holograms at all?", "citations": [], "shown": ["16.2", "16.1"]}]
    reading = read(plan, "and when was it due?", history)
    assert reading.focus == "16.2" and reading.request is not None and reading.request.kind == "deadline_of"
    # ... but a question for another action asks past it
    other = read(plan, "is there any other action that looks after rural schools?", history)
    assert other.focus is None and other.asked.startswith("is there any other action")
