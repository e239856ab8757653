"""The one exception hierarchy of the assistant.

    ElacError                 base: every error the library raises on purpose
    ├── CorpusError           a plan file cannot be read, or is not the plan
    ├── NotFoundError         an action or goal number that the plan does not have
    ├── QueryError            a query or filter the assistant cannot take
    ├── IndexStateError       the index on disk is corrupt (truncated, garbage, inconsistent)
    │   └── StaleIndexError   missing, or built from another plan, model or format: rebuild it
    ├── ModelError            the embedding model cannot be loaded
    ├── DatasetError          an evaluation file cannot be read
    └── OutputError           a report or index folder cannot be written

    InternalError             a bug in the assistant, never the user's doing (not an ElacError)
    └── GroundingError        an answer cited what it may not: refused before it is shown

Messages say what happened and what to do next. The faces (CLI, app) show
``str(error)`` to the user; they never show a traceback for these. An error a user of the app
meets (an empty query, an unknown action) also carries a ``code`` and its ``params``: the app says
it in the interface's language from ``assistant/data/ui-<lang>.toml`` (``uiwords.error_words``),
and ``str(error)``, the English, is the fallback. An
:class:`InternalError` is reported as an internal error (the CLI exits 3, the app
logs the traceback and tells the user it failed), never as the user's mistake.
"""

from __future__ import annotations


class ElacError(Exception):
    """Base class of all errors raised on purpose by the assistant: its English message, and for the
    errors the app translates, a ``code`` naming its message and the ``params`` that fill it."""

    def __init__(self, message: str, *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class CorpusError(ElacError):
    """A plan file (text or PDF) cannot be read or does not hold the plan."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NotFoundError(ElacError):
    """An action or goal number that the plan does not have."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = (), *, code: str | None = None,
                 **params: object) -> None:
        self.suggestions = suggestions
        if suggestions:
            message = f"{message}; nearest: {', '.join(suggestions)}"
        super().__init__(message, code=code, **params)


class QueryError(ElacError):
    """A query or a filter value the assistant cannot take."""


class IndexStateError(ElacError):
    """The index on disk is missing, stale or corrupt."""


class StaleIndexError(IndexStateError):
    """The index is missing or was built from another plan, model or format: rebuild it."""


class ModelError(ElacError):
    """The embedding model cannot be loaded."""


class DatasetError(ElacError):
    """An evaluation dataset cannot be read."""


class OutputError(ElacError):
    """A file or folder the assistant must write (a report, the index) cannot be written."""


class InternalError(Exception):
    """A bug: the assistant broke one of its own rules. Not an :class:`ElacError`: not the user's doing."""


class GroundingError(InternalError):
    """An answer cited something it may not (an action that does not exist or was not retrieved, or a
    quote that is not the plan's words): a bug, never shown as an answer."""
