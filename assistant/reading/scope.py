"""Questions the plan cannot answer whatever retrieval finds, and questions that want every action. Pure.

Returns reason codes; the answer floor words them in the user's language (``lang.PHRASES``).
"""

from __future__ import annotations

import re
from typing import Literal

from .text import fold

Reason = Literal["no_money", "no_countries", "other_plan"]

_OUT_OF_SCOPE: tuple[tuple[re.Pattern[str], Reason], ...] = (
    (re.compile(r"(\bhow much money\b|\bbudgets?\b|\bus ?dollars\b|\$\s?\d|\bsalar(y|ies)\b|"
                r"\bhow much (does|did|will)\b|\bprice caps?\b|\bmonthly (price|fee|cost)s?\b|"
                r"\bpresupuestos?\b|\borcamentos?\b|\bcuanto dinero\b|\bquanto dinheiro\b|\bdolares\b|"
                r"\bsalarios?\b|\bcuanto (cuesta|costara|costo)\b|\bquanto (custa|custara|custou)\b)"),
     "no_money"),
    (re.compile(r"\b(argentina|bolivia|brazil|brasil|chile|colombia|costa rica|cuba|ecuador|el salvador|"
                r"guatemala|haiti|honduras|jamaica|mexico|nicaragua|panama|paraguay|peru|uruguay|venezuela|"
                r"dominican republic|republica dominicana|trinidad)\b"),
     "no_countries"),
    (re.compile(r"\belac ?(2010|2015|2018|2020|2022|2024|2026)\b"),
     "other_plan"),
)


def out_of_scope(question: str) -> Reason | None:
    """Why the plan cannot answer ``question``, or None when it may."""
    text = fold(question)
    for pattern, reason in _OUT_OF_SCOPE:
        if pattern.search(text):
            return reason
    return None


_TOPIC = re.compile(
    r"^\s*(which|what|list|show|name|all|cuales|que|quais)\b.*\bactions?\b|\bacciones\b|\bacoes\b"
)


def is_topic_question(question: str) -> bool:
    """'Which actions deal with health?': the user wants every relevant action."""
    return bool(_TOPIC.search(fold(question)))
