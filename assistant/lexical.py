"""BM25 over the chunks (bm25s), with English stemming and typo repair against the plan's words."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .reading.text import repair, words


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


class Lexical:
    """BM25 scores of every chunk for a query; unknown query words are mapped to close plan words."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        docs = [words(t) for t in texts]
        self.vocabulary = self._vocabulary = tuple(sorted({w for doc in docs for w in doc}))
        self._known = set(self._vocabulary)
        self._bm25 = bm25s.BM25()
        self._bm25.index([_stemmer().stemWords(doc) for doc in docs], show_progress=False)
        self.size = len(texts)

    def repair(self, tokens: list[str]) -> list[str]:
        """Replace a word the plan never uses by the closest one it does ('helth' -> 'health')."""
        return repair(tokens, self._vocabulary, self._known)

    def scores(self, query: str):
        import numpy as np

        tokens = _stemmer().stemWords(self.repair(words(query)))
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
