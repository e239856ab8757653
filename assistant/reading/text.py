"""Text normalising shared by the reading layer and the BM25 analyzer: accent folding and content words. Pure."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import words as lexicon_words

STOPWORDS = lexicon_words("stopwords")
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Educación' -> 'educacion'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [w for w in _TOKEN.findall(fold(text)) if w not in STOPWORDS and not w.isdigit()]


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """The stemmed content words of English text: what a question asks about, and what an action says."""
    return _stemmer().stemWords(words(text))
