"""Where the assistant finds its plan, its index and its evaluation set: one rule for each.

- **Plan**: ``corpus/elac2007.txt`` when run from a checkout of the repository, else the copy shipped
  inside the package (``assistant/data/elac2007.txt``; the two are the same bytes, a test checks it).
- **Index**: ``$ELAC_INDEX`` when set, else the checkout's ``index/`` when run from a checkout, else
  the platform's user cache folder (``~/.cache/elac-assistant/index`` on Linux, via platformdirs).
- **Evaluation set**: the checkout's ``eval/questions.jsonl``; an installed package has none
  (give one with ``--dataset``).

A checkout is recognised by the repository's ``pyproject.toml`` beside the package folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PACKAGED_PLAN = PACKAGE / "data" / "elac2007.txt"
QUESTIONS_TEMPLATE = PACKAGE / "data" / "questions-template.jsonl"  # an evaluation file to start from
APP_NAME = "elac-assistant"


def checkout() -> Path | None:
    """The repository folder when the package runs from a checkout, else None (an installed package)."""
    root = PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() and (root / "corpus").is_dir() else None


def default_corpus() -> Path:
    root = checkout()
    return root / "corpus" / "elac2007.txt" if root else PACKAGED_PLAN


def index_root(given: str | Path | None = None) -> Path:
    """``given`` (``--index``), else ``$ELAC_INDEX``, else the checkout's ``index/``, else the user cache."""
    if given:
        return Path(given)
    if os.environ.get("ELAC_INDEX"):
        return Path(os.environ["ELAC_INDEX"])
    root = checkout()
    if root:
        return root / "index"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "index"


def default_dataset() -> Path | None:
    root = checkout()
    return root / "eval" / "questions.jsonl" if root else None
