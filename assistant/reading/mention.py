"""Yes-or-no questions about what the plan, or the one action just shown, names; and the names a question types that
the plan does not have. Pure.

"does it say anything about distance learning?" after 16.2, "¿Habla de satélites?": a yes-or-no question that opens
on a pronoun for the action just shown, or on its verb (:func:`asks_of_one`), asks that action (reading/followup.py
points it there, and at an answer's several actions when it points at them: "Alguma delas cita a Amazônia?"), which
must hold the words the subject rests on (:func:`asked_of_words`).

"Does eLAC mention UNESCO?", "Is the Inter-American Development Bank named anywhere?", "¿Aparece la CEPAL en el
plan?", "does it name earthquakes or hurricanes specifically?": a yes-or-no question with a verb that asks whether
something is named (:func:`asks_mention`). What it asks is whether the plan uses that word or name, not whether an
action is near its subject: an action on remote areas does not name the Andes, one on disasters names no hurricane.
So the plan must have it as written (its stem, a typo repaired), not a word close to it in meaning.

A name is what the question writes with capitals (:func:`typed_names`): "UNESCO", "Organization of American States",
"Marco Civil da Internet". It is in the plan when the plan has it as written, or when it is a common word of the
question's language ("Internet", "Estado"), or when its gloss is one of the plan's own names ("UIT" is the ITU, "OPAS"
the Pan American Health Organization): the glossary may join a name to a subject near it ("Mercosur" to subregional
action), which is not the plan naming it. Countries are left to reading/places.py: the plan
names none, and a question about one is answered with the regional actions that apply.
"""

from __future__ import annotations

import re

from ..lang import Lang
from ..plan import Plan
from .gloss import gloss, glossed, unread
from .kept import per_plan
from .lexicon import lexicon
from .lexicon import words as lexicon_words
from .text import FUNCTION_WORDS, fold, tokens, words

COMMON_ABOVE = {"en": 5.0, "es": 4.5, "pt": 4.5}  # Zipf in the question's language: a common word, no name ("Internet")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.?!¿¡:;]\s*$")


Listed = tuple[frozenset[str], frozenset[tuple[str, str]]]  # a list's words, and its two-word phrases


def _split(found: frozenset[str]) -> Listed:
    """Words, and two-word phrases (written with '_': "single_out")."""
    return (frozenset(w for w in found if "_" not in w),
            frozenset(tuple(w.split("_", 1)) for w in found if "_" in w))  # type: ignore[misc]


def _listed(name: str) -> Listed:
    """A lexicon list of every language, folded."""
    return _split(frozenset(fold(w) for w in lexicon_words(name)))


PHRASE_GAP = 2  # words a phrase's two parts may hold between them: "single them out", "bring it up"


def _has(listed: Listed, found: list[str]) -> bool:
    single, pairs = listed
    return not single.isdisjoint(found) or any(
        (first, second) in pairs for i, first in enumerate(found) for second in found[i + 1:i + 2 + PHRASE_GAP])


_MENTION = _listed("mention_verbs")
MENTION_WORDS = _MENTION[0] | {w for pair in _MENTION[1] for w in pair}  # no concept of the question ("named", "out")
_JOINS = frozenset(fold(w) for w in lexicon_words("name_joins"))
_YES_NO = frozenset(fold(w) for w in lexicon_words("yes_no_openers"))
_ASKS_OF = _listed("asks_of_openers")
_JOINS_OPENING = frozenset(fold(w) for w in lexicon_words("joins"))  # "and does it ...?", "¿y habla de ...?"


def _open(lang: Lang) -> Listed:
    """The interrogatives of ``lang`` as written: Spanish marks its own with accents ("qué", not "que")."""
    return _split(lexicon(lang).get("open_questions", frozenset()))


def yes_or_no(question: str, lang: Lang) -> bool:
    """Whether ``question`` is asked yes or no: asked (a question mark, or a word that opens a yes-or-no question:
    "does the plan mention unesco"; not "every action that mentions rural areas, with its deadline."), and no
    interrogative that opens another question ("which actions mention UNESCO?" asks for a list)."""
    found = tokens(question)
    if not ("?" in question or (found and found[0] in _YES_NO)):
        return False
    written = [w.lower() for w in _WORD.findall(question)]
    return not _has(_open(lang), written) and not _has(_open("en"), written)


def asks_mention(question: str, lang: Lang) -> bool:
    """Whether ``question`` asks, yes or no, whether the plan names something: a verb that asks it ("mention",
    "named", "single out", "aparece", "cita") in a yes-or-no question (:func:`yes_or_no`)."""
    return _has(_MENTION, tokens(question)) and yes_or_no(question, lang)


def asks_of_one(question: str, lang: Lang) -> bool:
    """Whether ``question`` asks, yes or no, something of the one action just shown: it opens (after "and", "y", "e")
    on a pronoun for it after an auxiliary ("does it say anything about distance learning?") or on its verb ("¿Habla
    de la nube?", "ela fala de mulheres negras?")."""
    # an auxiliary and a pronoun open a yes-or-no question whatever it embeds ("does it say how fast the connections
    # have to be?"); a verb that opens one is asked yes or no when no interrogative follows it
    opening, auxiliary = _opening(question)
    return auxiliary or (opening > 0 and yes_or_no(question, lang))


def _opening(question: str) -> tuple[int, bool]:
    """How many tokens of ``question`` open it as asked of the action just shown ("and does it", "¿y habla"; 0 when it
    opens otherwise), and whether an auxiliary and a pronoun do."""
    found = tokens(question)
    joined = 0
    while joined < len(found) and found[joined] in _JOINS_OPENING:
        joined += 1
    single, pairs = _ASKS_OF
    if tuple(found[joined:joined + 2]) in pairs:
        return joined + 2, True
    return (joined + 1 if found[joined:joined + 1] and found[joined] in single else 0), False


def asked_of_words(question: str) -> str:
    """What a question asked of the action just shown asks about: its words after those that open it ("¿Incluye
    también los contratos electrónicos?": "tambien los contratos electronicos"; the verb that asks is no subject)."""
    return " ".join(tokens(question)[_opening(question)[0]:])


def unread_subject(question: str, lang: Lang) -> frozenset[str]:
    """The words of a Spanish or Portuguese question asked of an action that the glossary reads no concept from and
    that neither ask nor join ("¿Nombra a los artesanos?": "artesanos"): a subject only a search of the question can
    find the plan lacks."""
    return frozenset(w for w in unread(asked_of_words(question), lang) if w not in FUNCTION_WORDS
                     and w not in MENTION_WORDS and w not in _ASKS_OF[0])


def typed_names(question: str) -> tuple[str, ...]:
    """The names ``question`` writes with capitals, in order: a run of capitalised words (joined by "of", "de", "da",
    ...) or an acronym. A sentence's first word starts a name only when it is an acronym, or when the next word is
    capitalised too and it is no function word ("World Bank - any reference?", not "Is Latin America ...?", "A OPAS
    ..."); "eLAC" is the plan itself."""
    found: list[str] = []
    run: list[str] = []
    matches = list(_WORD.finditer(question))
    for i, m in enumerate(matches):
        word = m[0]
        first = i == 0 or bool(_SENTENCE_END.search(question[: m.start()]))
        acronym = len(word) >= 2 and word.isupper()
        capital = word[0].isupper() and fold(word) != "elac"
        following = i + 1 < len(matches) and matches[i + 1][0][0].isupper() and fold(word) not in FUNCTION_WORDS
        if first and run:  # a sentence ends a name: "Busco la OCDE. ¿El plan la cita?"
            found.append(" ".join(run))
            run = []
        if capital and (acronym or not first or following or run):
            run.append(word)
            continue
        if run and fold(word) in _JOINS and i + 1 < len(matches) and matches[i + 1][0][0].isupper():
            run.append(word)
            continue
        if run:
            found.append(" ".join(run))
        run = []
    if run:
        found.append(" ".join(run))
    return tuple(dict.fromkeys(found))


@per_plan
def _plan_text(plan: Plan) -> tuple[str, frozenset[str], tuple[tuple[str, ...], ...]]:
    """The plan's words in order (one string, spaced), its word set, and its own names: each run of capitalised words
    in its text, as words without the joins ("pan american health organization", "itu", "world summit")."""
    texts = ([a.title for a in plan.areas] + [f"{g.title or ''}. {g.preamble or ''}" for g in plan.goals]
             + [a.text for a in plan.actions])
    every = [tokens(t) for t in texts]
    names = {tuple(w for w in tokens(name) if w not in _JOINS) for t in texts for name in typed_names(t)}
    spaced = " " + " | ".join(" ".join(w) for w in every) + " "
    return spaced, frozenset(w for ws in every for w in ws), tuple(sorted(n for n in names if n))


def _in_plan(plan: Plan, name: str, lang: Lang) -> bool:
    from wordfreq import zipf_frequency

    spaced, known, names = _plan_text(plan)
    said = tokens(name)
    if f" {' '.join(said)} " in spaced:
        return True
    if len(said) == 1 and said[0] in known:
        return True
    typed = [w.lower() for w in _WORD.findall(name)]  # as written: "electrónico" is a word, "electronico" rarer
    common = all(fold(w) in _JOINS or zipf_frequency(w, lang) >= COMMON_ABOVE[lang] for w in typed)
    if lang == "en":
        return len(said) == 1 and common  # "the Internet", "Government": words of the language, capitalised
    # the glossary's English for it: one of the plan's names ("UIT": itu; "OPAS": pan american health organization;
    # its words in any order: "Objetivos de Desenvolvimento do Milênio" is glossed "development goals millennium"), or
    # words of the language, capitalised ("Estado", "Gobierno Electrónico"), that it translates
    english = frozenset(tokens(gloss(name, lang))) - _JOINS
    return any(set(own) <= english for own in names) or (common and all(known for _, known, _ in glossed(name, lang)))


def names_lacking(plan: Plan, question: str, lang: Lang, places: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The names ``question`` writes that the plan does not have (countries, in ``places`` folded, left out)."""
    return tuple(name for name in typed_names(question)
                 if not set(tokens(name)) <= places and not _in_plan(plan, name, lang))


@per_plan
def _held(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Each action's content words, its goal's title's with them."""
    titles = {g.number: g.title or "" for g in plan.goals}
    return {a.number: tuple(dict.fromkeys(words(f"{a.text} {titles.get(a.goal, '')}"))) for a in plan.actions}


def action_words(plan: Plan, number: str) -> tuple[str, ...]:
    """The content words of action ``number`` and of its goal's title (folded): what a yes-or-no question about that
    action can find in it."""
    return _held(plan)[number]
