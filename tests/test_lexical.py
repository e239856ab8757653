"""lexical.py: folding, word lists, BM25 over a tiny real corpus and typo repair."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.lexical import Lexical
from assistant.reading.text import STOPWORDS, fold, words

# four action texts from the plan (4.1, 3.3, 8.1, 18), shortened
DOCS = [
    "Double the number of health centres and hospitals in the region that are connected to the Internet.",
    "Train at least one third of teachers in the use of ICTs.",
    "Establish a regional working group on the use of open-source software and free software.",
    "Strengthen the interconnection of digital information networks for disaster prevention.",
]


@pytest.fixture(scope="module")
def lexical() -> Lexical:
    return Lexical(DOCS)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Educación", "educacion"),
        ("ÁREA C", "area c"),
        ("Ações até São Paulo", "acoes ate sao paulo"),
        ("Cuántas METAS", "cuantas metas"),
        ("Bávaro", "bavaro"),
        ("plain ascii", "plain ascii"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What does the plan say about health?", ["health"]),
        ("The 3 actions of goal 15 due in 2006", ["due"]),  # stopwords and bare numbers go
        ("Educación y Salud", ["educacion", "y", "salud"]),  # folded, Spanish words are no stopwords
        ("open-source software", ["open", "source", "software"]),
        ("ICT2 and e-government", ["ict2", "e", "government"]),  # a word with a digit is no number
        ("the of and to in", []),
        ("2005 2006 2007", []),
        ("", []),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


def test_plan_words_are_stopwords():
    """The frame words every question has carry no topic."""
    assert {"plan", "action", "actions", "goal", "goals", "elac"} <= STOPWORDS
    assert words("Plan actions goals eLAC") == []


def test_size(lexical):
    assert lexical.size == 4
    assert lexical.scores("health").shape == (4,)


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("health hospitals", 0),
        ("Which actions connect hospitals?", 0),
        ("teachers", 1),
        ("training of teachers", 1),  # "training" and "train" share a stem
        ("free software", 2),
        ("softwares", 2),
        ("disasters", 3),  # "disasters" and "disaster" share a stem
        ("preventing disaster", 3),
    ],
)
def test_best_document(lexical, query, best):
    scores = lexical.scores(query)
    assert int(np.argmax(scores)) == best
    assert scores[best] > 0
    # the other documents share none of these words
    assert sorted(scores)[-2] < scores[best]


def test_documents_without_the_word_score_zero(lexical):
    scores = lexical.scores("software")
    assert scores[2] > 0
    assert list(scores[[0, 1, 3]]) == [0.0, 0.0, 0.0]


def test_more_occurrences_score_higher():
    """BM25 term frequency: the text with 'software' twice beats the one with it once."""
    lex = Lexical(["software for schools", "software and more software for schools"])
    scores = lex.scores("software")
    assert scores[1] > scores[0] > 0


@pytest.mark.parametrize("query", ["the of and", "What does the plan say?", "actions goals", "2006", "", "?!"])
def test_query_without_content_words_scores_zero(lexical, query):
    scores = lexical.scores(query)
    assert scores.dtype == np.float32
    assert scores.shape == (4,)
    assert not scores.any()


def test_unknown_word_scores_zero(lexical):
    assert not lexical.scores("zebra").any()


@pytest.mark.parametrize(
    ("tokens", "repaired"),
    [
        (["helth"], ["health"]),
        (["hospitls"], ["hospitals"]),
        (["sofware"], ["software"]),
        (["teachrs", "disastr"], ["teachers", "disaster"]),
        (["health"], ["health"]),  # a known word stays
        (["ict"], ["ict"]),  # unknown and close to "icts", but shorter than 4 letters: untouched
        (["fre"], ["fre"]),  # close to "free", short
        (["helt"], ["health"]),  # 4 letters is long enough
        (["zebra"], ["zebra"]),  # no close word: kept
        (["elephant"], ["elephant"]),
        ([], []),
    ],
)
def test_repair(lexical, tokens, repaired):
    assert lexical.repair(tokens) == repaired


def test_repair_only_maps_to_the_vocabulary():
    """'helth' is repaired only when 'health' is a word of the corpus."""
    assert Lexical(["Train teachers in schools."]).repair(["helth"]) == ["helth"]


def test_typo_finds_the_document(lexical):
    scores = lexical.scores("helth hospitls")
    assert int(np.argmax(scores)) == 0
    assert scores[0] == pytest.approx(lexical.scores("health hospitals")[0])


def test_folded_query_matches(lexical):
    """Accents and case in the query do not matter."""
    assert lexical.scores("SÓFTWARE")[2] == pytest.approx(lexical.scores("software")[2])
    assert lexical.scores("SÓFTWARE")[2] > 0
