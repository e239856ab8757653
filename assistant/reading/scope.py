"""Questions the plan cannot answer whatever retrieval finds, and questions that want every action. Pure.

Subjects the plan does not have are found by the concept check (``assistant/coverage.py``), not by
lists of subjects here.

Returns reason codes; the answer floor words them in the user's language (``lang.PHRASES``).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Literal

from .lexicon import words as lexicon_words
from .text import FUNCTION_WORDS, cut, fold, terms, tokens, words

Reason = Literal["other_plan"]

# a later (or earlier) eLAC plan: this assistant has eLAC 2007 only
_OUT_OF_SCOPE: tuple[tuple[re.Pattern[str], Reason], ...] = (
    (re.compile(r"\belac ?(?!2007\b)((?:19|20)\d\d)\b"), "other_plan"),
)


def out_of_scope(question: str) -> Reason | None:
    """Why the plan cannot answer ``question``, or None when it may."""
    text = fold(question)
    for pattern, reason in _OUT_OF_SCOPE:
        if pattern.search(text):
            return reason
    return None


_TOPIC = re.compile(
    r"^\s*(which|what|list|show|name|all|each|every|cuales|que|quais|cada)\b.*\b(?:actions?|accion|acao)\b"
    r"|\bacciones\b|\bacoes\b"
    # "is there anything about gender?", "what does the plan say / commit to on e-government?"
    r"|\b(?:anything|something|everything)\s+(?:about|on|regarding|related to)\b"
    r"|\bwhat does the plan (?:say|do|commit|propose|plan|include)\b"
    r"|\b(?:hay algo|algo)\s+(?:sobre|acerca de|respecto a)\b|\bque (?:dice|propone|hace) el plan\b"
    r"|\b(?:ha|existe) algo\s+(?:sobre|a respeito de)\b|\bo que o plano (?:diz|propoe|faz)\b"
)


# where a request may start after what frames it: "For our newsletter: which actions ...", "Noted. List ..."
_REQUEST_STARTS = re.compile(r"[:;.?!]\s+")


def is_topic_question(question: str) -> bool:
    """'Which actions deal with health?', 'Is there anything about gender?', 'For a briefing: each action that uses
    ...': every relevant action."""
    return any(_TOPIC.search(part) for part in _REQUEST_STARTS.split(fold(question)))


_PLACES_ASKED = frozenset(fold(w) for w in lexicon_words("places_asked"))
_ASKING = frozenset(fold(w) for w in lexicon_words("asking"))
_PLURAL = tuple(lexicon_words("plural_endings"))
_SINGULAR = tuple(lexicon_words("singular_endings"))
_FUNCTION = FUNCTION_WORDS | lexicon_words("verbs_asked")


def _plural(word: str) -> bool:
    return len(word) >= 4 and word.endswith(_PLURAL) and not word.endswith(_SINGULAR)


def asks_for_set(question: str) -> bool:
    """Whether the question's grammar asks for a set, whatever its subject: an interrogative of place ("where
    does the plan deal with trade?") or an interrogative before a plural noun ("which commitments ...?", "¿qué
    metas ...?"). Such a question wants every action that answers it, as a list-worded one does."""
    said = tokens(question)
    return (not _PLACES_ASKED.isdisjoint(said)
            or any(word in _ASKING and after not in _FUNCTION and _plural(after)
                   for word, after in pairwise(said)))


_RESULTS = frozenset(w for w in lexicon_words("results") if "_" not in w)
# phrases ("ended_up", "de_fato"): matched as words in the folded question
_RESULT_PHRASES = re.compile(
    r"\b(?:" + "|".join(re.escape(w.replace("_", " ")) for w in sorted(lexicon_words("results")) if "_" in w) + r")\b")


def asks_results(question: str) -> bool:
    """'How many schools were actually connected?': what was achieved, which the plan does not report
    (it gives the commitment instead)."""
    return not _RESULTS.isdisjoint(words(question)) or bool(_RESULT_PHRASES.search(" ".join(fold(question).split())))


# "not museums or archives, but natural heritage", "not capacity-building - I mean network capacity", "rather than
# the region as a whole": what the user sets aside is no part of what they ask about (up to the next clause)
_SET_ASIDE = {
    "en": r"\b(?:not|rather than|instead of|other than)\s+",
    "es": r"\b(?:no|en lugar de|en vez de)\s+",
    "pt": r"\b(?:nao|em vez de|ao inves de)\s+",
}
_CLAUSE_END = r"(?=\s*(?:[,;:.!?()]|\s-|—|\bbut\b|\bi mean\b|\bsino\b|\bpero\b|\bmas\b|\bsenao\b|$))"


def set_aside(question: str, lang: str) -> str:
    """``question`` without the words it sets aside ("not X, but Y" keeps "but Y"), as typed otherwise."""
    text = " ".join(question.split())
    pattern = re.compile(_SET_ASIDE.get(lang, _SET_ASIDE["en"]) + r"(?:just\s+|only\s+|solo\s+|apenas\s+)?"
                         r"[^,;:.!?()]{1,60}?" + _CLAUSE_END)
    return cut(text, [m.span() for m in pattern.finditer(fold(text))])


_SELF_OPENERS = lexicon_words("self_openers")
_SELF_NOUNS = lexicon_words("self_openers_nouns")  # "Trabajo infantil." is a subject, "Trabajo desde casa." a person
_ABOUT = lexicon_words("about")  # words that introduce a subject: "I am curious about ..."
_SENTENCE_END = re.compile(r"[.!?;:]\s+|,\s+")


_SENTENCES = re.compile(r"(?<=[.!?:])\s+")


def told_first(question: str) -> tuple[str, str]:
    """What the asker tells before a last sentence that asks, and that sentence ("Our labour ministry is designing a
    push on digital skills. Brief me on eLAC's training goal."): ("", the question) when it is one sentence, or an
    earlier sentence asks something too."""
    sentences = _SENTENCES.split(question.strip())
    if len(sentences) < 2 or any(part.rstrip()[-1:] not in ".!:" for part in sentences[:-1]):
        return "", question
    return " ".join(sentences[:-1]), sentences[-1]


def self_described(question: str) -> str:
    """The opening sentence in which the asker says who they are ("I run a small local TV channel.", "As rector
    of a public university, ...", "Sou professor de escola pública."), when a question follows it; else "".
    What they are is no subject the plan must name: the plan names no rectors, yet has actions for universities."""
    text = question.strip()
    end = _SENTENCE_END.search(text)
    if end is None or not text[end.end():].strip():
        return ""
    first = tokens(text[: end.start()])
    if not first or (first[0] not in _SELF_OPENERS and "_".join(first[:2]) not in _SELF_OPENERS):
        return ""
    if first[0] in _SELF_NOUNS and len(first) <= 2:
        return ""  # a noun and its adjective: a subject ("Trabajo infantil.", "Trabalho remoto?"), not who asks
    # "as" opens a self-description only before a comma and a role ("As rector of a university, ...", "As a
    # mayor, ..."), not "As for ...", "As of mid-2006, ...", "As well as training, ..."
    role = len(first) > 1 and (first[1] in ("a", "an", "the") or first[1] not in FUNCTION_WORDS | {"well"})
    if first[0] == "as" and (end[0].strip() != "," or not role):
        return ""
    # a sentence about a subject, not about the asker: "I am curious about blockchain", "Tengo una pregunta sobre ..."
    if _ABOUT & set(first):
        return ""
    return text[: end.start()]


_DETERMINERS = lexicon_words("set_determiners")  # "all", "every", "todas": before the set a command asks for
_SET_NOUNS = (lexicon_words("action_plurals") | lexicon_words("action_nouns") | lexicon_words("goal_nouns")
              | {f"{w}s" for w in lexicon_words("goal_nouns")} | {w[:-1] for w in lexicon_words("action_plurals")})
_NOT_COMMANDS = lexicon_words("markers") | lexicon_words("asking") | lexicon_words("places_asked")
_WORD = re.compile(r"[^\W\d_][\w'-]*|\d+(?:\.\d+)*|[.!?;:](?=\s|$)")  # a word, a number ("4.1"), a sentence's end


def command_words(question: str, plan_stems: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of the words that open a command before the set it asks for ("Pull up all the actions that
    mention software", "Dig out every commitment on ..."): a request's frame, no subject, whatever verb it uses;
    not a question ("Does training cover all the actions?") and not a word the plan uses ("Connect all ...")."""
    found = list(_WORD.finditer(fold(question)))
    spans, opens = [], 0  # the index of the word that opens the sentence
    for i, m in enumerate(found):
        if m[0] in ".!?;:":
            opens = i + 1
            continue
        said = [w[0] for w in found[opens:i]]
        if (0 < len(said) <= 3 and m[0] in _DETERMINERS and said[0] not in _NOT_COMMANDS
                and all(w[0].isalpha() for w in said)
                and any(w[0] in _SET_NOUNS for w in found[i + 1:i + 4])
                and not any(stem in plan_stems for w in said for stem in terms(w))):
            spans.append((found[opens].start(), found[i - 1].end()))
            opens = len(found)  # one per sentence
    return spans
