"""Whether a question wants every action that answers it, read from its grammar rather than its phrasing (pure)."""

from __future__ import annotations

import pytest

from assistant.reading import Turn, read
from assistant.reading.scope import asks_for_set, is_topic_question


@pytest.mark.parametrize(
    "question",
    [
        "Where does eLAC say anything about museums?",  # an interrogative of place: every place
        "Where in the plan do universities come up?",
        "Which obligations fall on national governments?",  # an interrogative before a plural noun
        "What kinds of networks does the plan want built?",
        "¿Dónde aparecen las bibliotecas en el plan?",
        "¿Qué compromisos tocan a los municipios?",
        "Onde o plano trata de bibliotecas?",
        "Que tarefas ficam com os governos locais?",
        "Quais instituições devem participar?",
    ],
)
def test_a_question_that_asks_for_a_set(question):
    assert asks_for_set(question)


@pytest.mark.parametrize(
    "question",
    [
        "Which process should select the telecentre sites?",  # singular: "process" ends as a singular does
        "What is the status of the regional observatory?",
        "What does the plan say about libraries?",  # "does": a function word, not a plural noun
        "Who runs the regional observatory?",
        "¿Qué dice el plan de las bibliotecas?",
        "O que o plano diz sobre bibliotecas?",
        "Which analysis comes first?",
        "What happens after the deadline?",  # a verb that ends as a plural noun does
        "What needs to be done first?",
        "What counts as training?",
    ],
)
def test_a_question_that_asks_for_one(question):
    assert not asks_for_set(question)


def test_read_wants_every_action_for_a_set_unless_it_is_about_one_action(plan):
    assert read(plan, "Where does the plan deal with libraries?").wants_all
    assert read(plan, "Which obligations fall on local governments?").wants_all
    assert not read(plan, "Who should run the observatory?").wants_all
    # a follow-up about the one action of the previous answer: its place, not a set
    previous = Turn("What is action 3.1?", ("3.1",), ("3.1",))
    reading = read(plan, "where does it say that?", [previous])
    assert reading.focus == "3.1" and not reading.wants_all


@pytest.mark.parametrize(("question", "asker"), [
    ("I coordinate a network of rural schools. What should I know about eLAC?",
     "I coordinate a network of rural schools"),
    ("As mayor of a small town, where does the plan help me?", "As mayor of a small town"),
    ("Soy bibliotecaria en un pueblo. ¿Qué hay para nosotros?", "Soy bibliotecaria en un pueblo"),
    ("Trabalho numa cooperativa de artesãos. O eLAC ajuda?", "Trabalho numa cooperativa de artesãos"),
    ("Trabajo como enfermera en el campo, ¿qué hay para mí?", "Trabajo como enfermera en el campo"),
    ("Trabajo desde casa. ¿Qué hay para mí?", "Trabajo desde casa"),
    ("Vivo lejos de la capital, ¿qué hay para mí?", "Vivo lejos de la capital"),
    # not a self-description: an opinion, a wish, "as for", a question alone
    ("I think the plan is vague. What does goal 3 say?", ""),
    ("We want more local content. What does eLAC do?", ""),
    ("As for health, what does the plan say?", ""),
    ("I'm wondering what goal 3 says", ""),
])
def test_the_sentence_that_says_who_asks(question, asker):
    from assistant.reading.scope import self_described

    assert self_described(question) == asker


def test_who_asks_is_no_term_the_plan_must_have_and_asks_for_every_action(plan):
    from assistant.reading import read

    reading = read(plan, "I'm a beekeeper in a rural village. What does eLAC offer people like me?")
    terms = dict(reading.weighted_terms)
    assert "beekeep" not in terms and "rural" in terms  # a word the plan lacks goes; one it has stays
    assert reading.wants_all
    # the same words asked as the subject stay a term the plan lacks
    assert "beekeep" in dict(read(plan, "Does eLAC say anything about beekeepers?").weighted_terms)


@pytest.mark.slow
@pytest.mark.parametrize(("question", "goal"), [
    ("Soy alcaldesa de un municipio pequeño. ¿Qué me ofrece el eLAC?", 6),  # local government
])
def test_who_asks_gets_the_actions_for_their_kind_of_work(real_assistant, question, goal):
    answer = real_assistant.ask(question)
    assert not answer.abstained and real_assistant.plan.action(answer.cited[0]).goal == goal


@pytest.mark.slow
@pytest.mark.parametrize("question", [
    "I'm a farmer. Does eLAC regulate genetically modified seeds?",
    "As a bank manager, does eLAC say anything about cryptocurrencies?",
])
def test_who_asks_does_not_bring_in_a_subject_the_plan_lacks(real_assistant, question):
    assert real_assistant.ask(question).abstained


@pytest.mark.parametrize(("typed", "restored"), [
    ("whats goal 3 about", "what's goal 3 about"),
    ("Im lost, wheres the money from? doesnt it say?", "I'm lost, where's the money from? doesn't it say?"),
    # words of their own stay: as common as (or commoner than) the contraction
    ("its goals were well set; the ill and the shell", "its goals were well set; the ill and the shell"),
])
def test_contractions_typed_without_apostrophes(typed, restored):
    from assistant.reading.text import with_apostrophes

    assert with_apostrophes(typed) == restored


def test_a_contraction_without_its_apostrophe_is_no_concept(plan):
    from assistant.reading import read

    reading = read(plan, "whats the plan say about telecentres and whos in charge?")
    assert not {"whats", "whos"} & set(reading.concepts) and "what" not in dict(reading.weighted_terms)


@pytest.mark.parametrize("question", [
    "¿Cómo apoya el plan a los apicultores, por ejemplo con internet?",  # "cómo", "como": how
    "Como o plano apoia os apicultores, por exemplo com internet?",
    "I am curious about blockchain, does the plan mention it?",  # a subject, not who asks
    "Tengo una pregunta sobre criptomonedas, ¿el plan las menciona?",
    "As of mid-2006, what was due?", "As well as training, what else is there?",
    # a verb that is also a noun, with no complement after it: a subject ("child labour"), not who asks
    "Trabajo infantil. ¿El plan dice algo?", "Trabalho infantil: o plano fala disso? E das escolas?",
])
def test_sentences_that_do_not_say_who_asks(question):
    from assistant.reading.scope import self_described

    assert self_described(question) == ""


def test_who_asks_is_a_term_when_the_question_asks_about_it(plan):
    from assistant.reading import read

    reading = read(plan, "Soy apicultor. ¿El plan dice algo sobre apicultores?")
    assert "apicultor" in dict(reading.weighted_terms)
    english = read(plan, "As rector of a public university, what should be on my radar?")
    assert "rector" not in english.concepts and "university" in english.concepts


@pytest.mark.parametrize(("question", "concepts"), [
    # the plan's words the glossary gives, and the English words it has no entry for
    ("¿Los ministerios deberían guardar sus registros en una blockchain?", {"blockchain"}),
    ("O plano fala de bitcoin para as escolas?", {"bitcoin", "schools"}),
])
def test_the_concepts_of_a_spanish_or_portuguese_question(plan, question, concepts):
    reading = read(plan, question)
    assert concepts <= set(reading.concepts)
    # a word the glossary lacks that is no English word is left out: a verb ("deberían", "guardar") could not be
    # told from a subject; nor are the words that only ask what the plan says ("fala") or name it ("plano")
    assert not {"deberian", "deberían", "guardar", "fala", "plano", "elac"} & set(reading.concepts)


def test_a_word_that_frames_a_request_is_no_concept_unless_the_plan_has_it(plan):
    # every action has a deadline: "It does not mention deadline" would be wrong; the plan's own frame words
    # ("commitments") stay, so that they count as its words
    reading = read(plan, "Which deadline did the connectivity commitments of the plan have?")
    assert "deadline" not in reading.concepts and "commitments" in reading.concepts
    assert "blockchain" in read(plan, "What's the deadline for blockchain pilots?").concepts


def test_a_verb_that_gives_an_action_its_deadline_frames_a_count(plan):
    reading = read(plan, "How many actions carried a mid-2006 deadline? Name them all.")
    assert reading.request is not None and reading.request.kind == "count_actions"
    assert len(reading.request.actions) == sum(a.deadline.key == (2006, 6) for a in plan.actions)


@pytest.mark.parametrize(("question", "kind", "first"), [
    # sentences that tell the asker's situation, then a request the table reads alone
    ("Our tourism board is rebuilding its website. Summarise the goal on e-government.", "overview", "15.1"),
    ("Mi ministerio prepara un informe. ¿Qué acciones tiene la meta 17?", "list", "17.1"),
    ("New to this job and the plan is long: give me an overview of area B.", "overview", "8.1"),
])
def test_a_request_after_a_story_is_read_alone(plan, question, kind, first):
    request = read(plan, question).request
    assert request is not None and request.kind == kind and request.actions[0].number == first


@pytest.mark.parametrize("question", [
    "Area C mostly ran to mid-2007. Which of its actions had an earlier deadline?",  # "its": the story's area
    "Our fibre network wants to reach the research backbone. What does the plan say?",  # the story is the subject
    "We teach farmers online. What does the plan say about that?",
])
def test_a_request_that_leans_on_the_story_is_not_read_alone(plan, question):
    request = read(plan, question).request
    assert request is None or request.kind == "filtered"


@pytest.mark.parametrize(("question", "framed"), [
    ("Fish out all the actions that mention broadband.", "fish out"),
    ("Our unit is small. Round up every commitment about schools.", "round up"),
    ("Rastrea todas las acciones sobre salud.", "rastrea"),
    ("Which actions mention broadband?", None),  # a question, no command
    ("Does training cover all the actions?", None),
    ("Connect all the schools", None),  # no set of actions or goals after it
    ("4.1 - what's the commitment there?", None),  # a number opens it
])
def test_the_verb_of_a_command_frames_the_request(plan, question, framed):
    """Whatever verb opens a command before the set it asks for, it is no subject ("The plan does not mention
    fish" would be wrong)."""
    from assistant.reading.scope import command_words
    from assistant.reading.text import fold

    spans = command_words(question, frozenset())
    assert [fold(question)[a:b] for a, b in spans] == ([framed] if framed else [])
    if framed:
        assert framed.split()[0] not in read(plan, question).concepts


@pytest.mark.parametrize(("question", "topic"), [
    ("For our newsletter: which actions deal with libraries?", True),  # the request after what frames it
    ("Quick favour for the minister. List the actions on spam, please.", True),
    ("Each action that mentions museums, with its date.", True),
    ("Para el informe: cada acción sobre bibliotecas.", True),
    ("Our newsletter covers libraries: what is 3.1 about?", False),  # one action asked about
])
def test_a_list_request_after_a_preamble_wants_every_action(question, topic):
    """"Which actions ...", "list ...", "each action ..." ask for every action that answers, wherever the request
    starts: after a preamble that ends in a colon or a sentence as well."""
    assert is_topic_question(question) is topic


@pytest.mark.parametrize(("question", "actions"), [
    ("My unit covers goals 8 and 9. What was due at the end of 2006?", ("8.1", "8.2")),
    ("We follow goals 22 to 24 closely. Which actions were due in November 2005?", ("22.1", "23.1")),
])
def test_goals_named_before_a_table_request_bound_it(plan, question, actions):
    """The goals a sentence before the request names are its scope: the request read alone would list the whole
    plan's actions due then."""
    request = read(plan, question).request
    assert request is not None and tuple(a.number for a in request.actions) == actions
