"""The key-concept check's rule (assistant/coverage.py), on words whose closeness is given: no model."""

from __future__ import annotations

from assistant.coverage import Closeness, ConceptRule


def lacking(word: str, zipf: float, salience: float) -> Closeness:
    """A word the plan does not use, far from its words, ``salience`` close to the question it is in."""
    return Closeness(word, False, zipf, "nearest", 0.2, salience)


def test_a_word_the_question_rests_on_is_named():
    assert ConceptRule().missing([lacking("blockchain", 2.9, 0.62)]) == "blockchain"


def test_a_word_the_question_does_not_rest_on_is_not_a_missing_concept():
    """"Does the plan bother with spam, or is that a different kettle of fish?": a rare word, not what is asked."""
    rule = ConceptRule()
    spam = Closeness("spam", True, 3.6, "spam", 1.0, 0.6)
    assert rule.missing([spam, lacking("kettle", 3.3, rule.salient_above - 0.05)]) is None
    assert rule.missing([spam, lacking("kettle", 3.3, rule.salient_above)]) == "kettle"


def test_the_most_central_word_of_a_question_is_what_it_rests_on_however_close():
    """A Spanish or Portuguese question's English text is a gloss ("plan plans action bitcoin remessas"): its words
    are less close to it, and its most central word still counts."""
    rule = ConceptRule()
    assert rule.missing([lacking("bitcoin", 2.5, rule.salient_above - 0.02)]) == "bitcoin"
    assert rule.missing([lacking("bitcoin", 2.5, 0.28), lacking("remessas", 1.0, 0.20)]) == "bitcoin"


def test_the_most_specific_salient_word_is_named():
    seen = [lacking("hearing", 4.6, 0.10), lacking("drones", 3.6, 0.55), lacking("spraying", 3.2, 0.45)]
    assert ConceptRule().missing(seen) == "spraying"
    assert ConceptRule().missing(seen[:2]) == "drones"


def test_words_the_plan_has_or_everyday_words_are_never_missing():
    rule = ConceptRule()
    assert rule.missing([Closeness("training", True, 4.7, "training", 1.0, 0.9)]) is None
    assert rule.missing([lacking("thing", rule.specific_below + 0.5, 0.9)]) is None
    assert rule.missing([Closeness("clinics", False, 3.5, "hospitals", rule.near + 0.1, 0.8)]) is None


def test_enough_of_the_plans_own_specific_words_outweigh_a_lacking_one():
    """"<img src=x> digital signatures" is about digital signatures, whatever "img" is."""
    own = [Closeness("digital", True, 4.9, "digital", 1.0, 0.7), Closeness("signatures", True, 4.0, "signatures", 1.0,
                                                                            0.7)]
    assert ConceptRule().missing([*own, lacking("img", 3.0, 0.5)]) is None
    assert ConceptRule().missing([own[0], lacking("img", 3.0, 0.5)]) == "img"
