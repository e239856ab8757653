"""Text normalising shared by the reading layer and the BM25 analyzer: accent folding and content words. Pure."""

from __future__ import annotations

import re
import unicodedata

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


def words(text: str) -> list[str]:
    return [w for w in _TOKEN.findall(fold(text)) if w not in STOPWORDS and not w.isdigit()]
