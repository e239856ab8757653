"""Spanish and Portuguese questions glossed into the plan's English words (dictionary CLIR).

``gloss("¿Cómo se conectarán las escuelas rurales?", "es")`` gives
"connect connected schools school rural": the English channels (BM25, MiniLM) can then
score the question against the plan's English text. Terms are matched longest first
(up to four words), with or without accents; words the glossary lacks are kept (names,
acronyms, numbers). The table is ``assistant/data/glossary.tsv``, built from the plan's
vocabulary by ``scripts/glossary/build.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..lang import Lang
from .lexicon import words
from .text import STOPWORDS, fold, tokens

GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "glossary.tsv"
MAX_PHRASE = 4
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*|\d+(?:\.\d+)?")
# function words dropped when no entry covers them: they would only add noise to BM25
_STOP = words("stop")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """lang -> term -> English words; each term also under its accent-free spelling."""
    table: dict[str, dict[str, str]] = {"es": {}, "pt": {}}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        lang, term, english = line.split("\t")
        table[lang].setdefault(term, english)
        table[lang].setdefault(fold(term), english)
    return table


def gloss(text: str, lang: Lang) -> str:
    """The plan's English words for a Spanish or Portuguese text; English text is returned as it is."""
    return text if lang == "en" else " ".join(term for term, _, _ in glossed(text, lang))


@lru_cache(maxsize=256)  # a question's search text and its concepts read the same gloss
def glossed(text: str, lang: Lang) -> tuple[tuple[str, bool, str], ...]:
    """A Spanish or Portuguese text term by term, each with whether the glossary has it and the term as typed: the
    plan's English words for a term it has ("connect connected"), a word it lacks as typed ("voto", "blockchain");
    function words dropped."""
    terms = _table()[lang]
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    out: list[tuple[str, bool, str]] = []
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + size])
            english = terms.get(phrase) or terms.get(fold(phrase))
            if english:
                out.append((english, True, phrase))
                i += size
                break
        else:
            if tokens[i] not in _STOP and fold(tokens[i]) not in _STOP:
                out.append((tokens[i], False, tokens[i]))
            i += 1
    return tuple(out)


@lru_cache(maxsize=4096)
def _english(word: str, lang: Lang) -> bool:
    """Whether a word a Spanish or Portuguese glossary lacks is English ("blockchain", "roaming"): commoner in
    English than in ``lang``."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") > max(zipf_frequency(word, lang), 0.5)


def _sorted(text: str, lang: Lang) -> tuple[list[str], list[str]]:
    """A Spanish or Portuguese text's terms, sorted: the English words whose concepts can be checked (the plan's word
    for each term the glossary has, each word it lacks that is English), and the words as typed that carry no concept
    (the glossary's other gaps). Numbers and the function words a gloss gives ("elac") are neither."""
    concepts, none = [], []
    for term, known, typed in glossed(text, lang):
        word = term.split()[0]
        if any(c.isdigit() for c in typed) or fold(word) in STOPWORDS:  # "2" is glossed "working age population"
            continue
        if known or _english(word, lang):
            concepts.append(word)
        else:
            none.append(typed)
    return concepts, none


def english_concepts(text: str, lang: Lang) -> list[str]:
    """The words of a Spanish or Portuguese text whose concepts can be checked as an English question's are: the
    plan's English word for each term the glossary has ("promueve" -> "promote"), and each word it lacks that is
    English, commoner in English than in ``lang`` ("blockchain", "roaming"). The glossary's other gaps ("voto",
    "tratan", "directamente") are left out: nothing here tells a question's verb from a subject the plan lacks; so are
    numbers and the function words a gloss gives ("elac")."""
    return _sorted(text, lang)[0]


def unread(text: str, lang: Lang) -> frozenset[str]:
    """The words of a Spanish or Portuguese text (folded) that carry no concept :func:`english_concepts` could check:
    the glossary lacks them and they are no English word ("eran", "nómbralas", "voto"). What a question asks of the
    plan's table is read without them, as its concepts are."""
    if lang == "en":
        return frozenset()
    return frozenset(word for typed in _sorted(text, lang)[1] for word in tokens(typed))  # "relaciona-as": both
