"""Search with the real models and the real FAISS index (the path users take)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_every_action_number_ranks_first(real_assistant, plan):
    for action in plan.actions:
        hits = real_assistant.search(action.number, top_k=3)
        assert hits[0].action == action.number, action.number


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("How will rural schools get online?", "3.1"),
        ("electronic signatures for citizens", "15.4"),
        ("Will hospitals be connected to the internet?", "4.1"),
        ("helth centers conected to internet", "4.1"),
        ("¿Cómo se conectarán las escuelas rurales a Internet?", "3.1"),
        ("Quem vai representar a região no grupo da ONU sobre governança da Internet?", "14.2"),
    ],
)
def test_plain_questions(real_assistant, query, expected_first):
    hits = real_assistant.search(query, top_k=5)
    assert hits[0].action == expected_first, [h.action for h in hits]


def test_spanish_and_english_find_the_same_actions(real_assistant):
    english = [h.action for h in real_assistant.search("training teachers to use computers", top_k=3)]
    spanish = [h.action for h in real_assistant.search("capacitar a los docentes en el uso de las TIC", top_k=3)]
    assert english[0] == spanish[0] == "3.3"


def test_hits_carry_both_similarities(real_assistant):
    hit = real_assistant.search("open source software", top_k=1)[0]
    assert hit.action == "8.1"
    assert 0.3 < hit.similarity <= 1.0 and hit.multilingual_similarity is not None
    assert set(hit.retrievers) == {"bm25", "dense", "multilingual"}


def test_index_manifests(real_assistant):
    manifests = real_assistant.manifests
    assert manifests["dense"].model_id == "sentence-transformers/all-MiniLM-L6-v2"
    assert manifests["dense"].dim == 384 and manifests["dense"].chunk_count == 314
    assert manifests["multilingual"].embedder == "e5"


@pytest.mark.parametrize("text", ["😀" * 2000, "中文" * 1000, "How will rural schools get online? " * 80])
def test_e5_reads_at_most_its_token_limit(real_assistant, text):
    """multilingual-e5 does not cut a long input itself (2,000 emoji were 2,005 tokens, 25 times the time of a
    question): the embedder cuts it to the longest prefix of at most 512 tokens, and embeds that prefix."""
    import numpy as np

    e5 = real_assistant.retriever.channels["multilingual"].embedder
    fitted = e5.fit(text)
    assert text.startswith(fitted) and len(fitted) < len(text)
    assert e5.model.token_count(fitted, True) <= e5.max_tokens < e5.model.token_count(text[: len(fitted) + 1], True)
    assert np.allclose(e5.embed([text], kind="query"), e5.embed([fitted], kind="query"))


@pytest.mark.parametrize(
    ("question", "word"),
    [("Should ministries put their records on a blockchain?", "blockchain"),
     ("What does the plan say about cryptocurrencies for remittances?", "cryptocurrencies")],
)
def test_a_concept_the_plan_lacks_is_named(real_assistant, question, word):
    answer = real_assistant.ask(question)
    assert answer.abstained and f"It does not mention “{word}”." in answer.text and answer.cited == []


@pytest.mark.parametrize(
    ("question", "filler"),
    [("Does the plan bother with spam at all, or is that a different kettle of fish?", "kettle"),
     ("Put simply, where is software piracy handled?", "simply"),
     ("Is cybercrime tackled anywhere, or did they skip it?", "tackled")],
)
def test_a_rare_word_the_question_does_not_rest_on_is_not_named_as_missing(real_assistant, question, filler):
    """The concept check names only a word the question rests on (its MiniLM cosine to the question)."""
    assert filler not in real_assistant.ask(question).text


def test_a_question_is_not_refused_for_a_word_around_its_subject(real_assistant):
    answer = real_assistant.ask("I keep hearing about telework. Where does it crop up?")
    assert not answer.abstained and answer.cited[0] == "5.1"


@pytest.mark.parametrize(
    ("question", "said"),
    [("¿Los ministerios deberían guardar sus registros en una blockchain?", "No menciona «blockchain»."),
     ("O plano fala de bitcoin para remessas?", "Não menciona «bitcoin».")],
)
def test_an_english_word_the_plan_lacks_is_named_in_spanish_and_portuguese(real_assistant, question, said):
    answer = real_assistant.ask(question)
    assert answer.abstained and said in answer.text and answer.cited == []


def test_a_country_question_gets_the_regional_actions(real_assistant):
    answer = real_assistant.ask("How will Brazil connect its rural schools?")
    assert not answer.abstained and answer.cited[0] == "3.1"
    assert answer.text.endswith("The plan names no country: its actions are regional and apply to every country of "
                                "the region.")


@pytest.mark.parametrize(
    ("question", "history", "named"),
    [("Is Greenpeace cited anywhere in eLAC?", None, "Greenpeace"),
     ("Does the plan single out tsunamis?", None, "tsunamis"),
     ("does it spell out volcanic eruptions?", [("What is action 18?", "18")], "eruptions"),
     ("A Embrapa é citada no plano?", None, "Embrapa")],
)
def test_a_question_whether_the_plan_names_something_it_lacks_is_refused_with_the_word(
        real_assistant, question, history, named):
    """New wordings of a yes-or-no question whether the plan names something (reading/mention.py): the plan must
    have it as written, however near an action comes to its subject (18 is on disasters; none names a tsunami)."""
    turns = [{"question": q, "citations": [n]} for q, n in history or []]
    answer = real_assistant.ask(question, turns)
    assert answer.abstained and named in answer.text and answer.cited == []


@pytest.mark.parametrize("question", ["Does eLAC mention the ITU?", "¿El plan menciona a la UIT?",
                                      "Is the Pan American Health Organization named in the plan?"])
def test_a_question_whether_the_plan_names_something_it_has_is_answered(real_assistant, question):
    answer = real_assistant.ask(question)
    assert not answer.abstained and answer.cited


@pytest.mark.parametrize(
    ("question", "shown", "said"),
    [("does it go into holograms at all?", "16.2", "Action 16.2 does not mention “holograms”."),
     ("¿Incluye a los hospitales rurales?", "10.1", "La acción 10.1 no menciona «hospitals»."),
     ("does it say anything about school buses?", "3.1", "Action 3.1 does not mention “buses”."),
     # an embedded question asked yes or no; a word no glossary row reads
     ("does it say which software licences to prefer?", "8.1", "Action 8.1 does not mention “licences”."),
     ("E fala em drones?", "3.1", "A ação 3.1 não menciona «drones».")],
)
def test_a_yes_or_no_follow_up_on_a_subject_the_action_shown_lacks_says_so(real_assistant, question, shown, said):
    """New wordings of a yes-or-no question about the one action just shown, on a subject of its own: that action must
    hold its words (reading/mention.py: asks_of_one)."""
    answer = real_assistant.ask(question, [{"question": f"What is action {shown}?", "citations": [shown]}])
    assert answer.abstained and said in answer.text and answer.cited == []


def test_a_yes_or_no_follow_up_about_a_list_is_answered_by_the_actions_that_hold_it(real_assistant):
    """After several actions, "any of them" must hold the subject: those that do answer, and when none does, the
    answer says so, naming them."""
    listed = [{"question": "Which actions mention indicators?", "citations": ["26.1", "26.2"]}]
    some = real_assistant.ask("Do any of them name the Millennium Development Goals?", listed)
    assert not some.abstained and some.cited[0] == "26.2"
    none = real_assistant.ask("¿Alguna de ellas menciona las escuelas?", listed)
    assert none.abstained and none.cited == [] and "Las acciones 26.1, 26.2 no mencionan «schools»." in none.text


def test_after_a_refused_yes_or_no_follow_up_the_conversation_keeps_its_action(real_assistant):
    """The refusal shows the action asked of first, and "the one right after it" is next to that action."""
    history = []
    for question in ("Explain 17.1.", "Does it mention vaccines?"):
        answer = real_assistant.ask(question, history)
        history.append(answer.turn())
    assert answer.abstained and "Action 17.1 does not mention “vaccines”." in answer.text
    assert history[-1].shown[0] == "17.1"
    assert real_assistant.ask("and the one right after it?", history).cited[0] == "17.2"


def test_a_yes_or_no_follow_up_on_a_subject_the_action_holds_is_answered_with_it(real_assistant):
    answer = real_assistant.ask("does it mention teachers?", [{"question": "What is 3.3?", "citations": ["3.3"]}])
    assert not answer.abstained and answer.cited[0] == "3.3"


@pytest.mark.parametrize(
    ("question", "shown", "cited", "head"),
    [("was it due before taking part in the UN's Internet governance working group?", "14.1", {"14.1", "14.2"},
      "Actions 14.1, 14.2 do not share one deadline: the earliest is End of 2005 (14.2), the latest Mid-2007 (14.1)."),
     ("Right - and were the other two e-government-adjacent software actions due on the same day?", "8.3",
      {"8.1", "8.2", "8.3"}, "Actions 8.1, 8.2, 8.3 do not share one deadline"),
     ("¿Y vencía en la misma fecha que la 5.1?", "5.3", {"5.1", "5.3"},
      "Las acciones 5.3, 5.1 comparten un mismo plazo: mediados de 2007.")],
)
def test_a_yes_or_no_deadline_comparison_answers_with_the_actions_it_compares(real_assistant, question, shown, cited,
                                                                           head):
    """New wordings: the deadlines of what it compares, side by side, and whether they share one; never every action
    of the plan due then (the end-to-end path: reading, the described side searched, the table answer)."""
    answer = real_assistant.ask(question, [{"question": f"What is action {shown}?", "citations": [shown]}])
    assert set(answer.cited) == cited and answer.text.startswith(head) and not answer.abstained


@pytest.mark.parametrize(
    ("question", "cited"),
    [("Give me the opening action of every goal in the transparency and efficiency area.",
      ["15.1", "16.1", "17.1", "18", "19.1", "20", "21.1"]),
     ("For goals 8 to 11, what is the first action of each, and when was it due?", ["8.1", "9.1", "10.1", "11.1"]),
     ("Which goals include a fourth action? What do those say?", ["2.4", "6.4", "15.4"]),
     ("Quero a última ação de cada meta da área de instrumentos de política.", ["22.2", "23.2", "24.2", "25", "26.3"]),
     ("What's the third action under the e-government goal?", ["15.3"]),
     ("Area D ends on which action?", ["26.3"]),
     ("List every action numbered x.3 in area B.", ["8.3", "11.3", "13.3"]),
     ("¿Qué acciones llevan el número .5 o más dentro de su meta?", ["6.5", "15.5", "15.6", "15.7", "15.8"])],
)
def test_a_place_in_a_titled_scope_or_in_each_goal_is_answered_with_those_actions(real_assistant, question, cited):
    """New wordings: a place in each goal (of an area named by its title, of goals listed, of those that have it), or
    in a scope the question names in its own clause, is answered with the actions there, in the plan's order, and
    with no others of the scope."""
    answer = real_assistant.ask(question)
    assert answer.cited == cited and not answer.abstained


def test_a_quote_framed_by_a_preamble_and_a_deadline_request_is_looked_up(real_assistant, plan):
    """New wording: who asks and why ("For our newsletter:") and what to show with each action ("and when were they
    due?") leave the quote the subject: the answer cites actions that hold the phrase, not a refusal."""
    answer = real_assistant.ask(
        "For our newsletter: which actions contain the phrase 'civil society', and when were they due?")
    holding = {a.number for a in plan.actions if "civil society" in a.text.lower()}
    assert not answer.abstained and set(answer.cited) <= holding and len(answer.cited) >= len(holding) - 1
