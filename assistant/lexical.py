"""BM25 over the chunks (bm25s), with English stemming and typo repair against the plan's words."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

STOPWORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their then
    there these they this to was will with what which who whom whose how when where why does do did
    done can could should would may might must shall about any all each every its it's i we you
    our us me my your from up out over under than too very so s t just also get gets getting got
    plan plans action actions goal goals elac say says said tell anything something there's""".split()
)
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Educación' -> 'educacion'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    return [w for w in _TOKEN.findall(fold(text)) if w not in STOPWORDS and not w.isdigit()]


class Lexical:
    """BM25 scores of every chunk for a query; unknown query words are mapped to close plan words."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        docs = [words(t) for t in texts]
        self._vocabulary = sorted({w for doc in docs for w in doc})
        self._known = set(self._vocabulary)
        self._bm25 = bm25s.BM25()
        self._bm25.index([_stemmer().stemWords(doc) for doc in docs], show_progress=False)
        self.size = len(texts)

    def repair(self, tokens: list[str]) -> list[str]:
        """Replace a word the plan never uses by the closest one it does ('helth' -> 'health')."""
        out = []
        for token in tokens:
            if token in self._known or len(token) < 4:
                out.append(token)
                continue
            close = difflib.get_close_matches(token, self._vocabulary, n=1, cutoff=0.8)
            out.append(close[0] if close else token)
        return out

    def scores(self, query: str):
        import numpy as np

        tokens = _stemmer().stemWords(self.repair(words(query)))
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
