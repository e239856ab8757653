"""The service layer: what both faces (``elac`` and the Gradio app) do, written once.

- locating and loading the index (:func:`load_assistant`, :func:`build`), with one clear error when
  its folder cannot be used;
- running an evaluation (:func:`read_questions`, :func:`run_evaluation`);
- the JSON shapes of an answer and a hit (:func:`answer_json`, :func:`hit_json`): the same for
  ``elac ask --json``/``elac search --json`` and the HTTP endpoints ``/ask`` and ``/search``;
- the chat-turn record a conversation keeps (:func:`turn_record`);
- quieting third-party logs (:func:`quiet_logs`).

The faces only parse input, call these and render. Nothing here prints or imports a face's library.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OutputError
from .paths import default_corpus, index_root

if TYPE_CHECKING:
    from .answer import Answer
    from .briefing import Briefing
    from .core import Assistant
    from .evaluate import Question, Skipped
    from .plan import Plan
    from .retrieve import Hit
    from .store import Manifest

Progress = Callable[[str, int, int], None]

__all__ = [
    "QuestionSet",
    "answer_json",
    "build",
    "hit_json",
    "index_root",
    "keep_newest",
    "load_assistant",
    "quiet_logs",
    "read_questions",
    "run_evaluation",
    "turn_record",
]


def quiet_logs() -> None:
    """Third-party notes that are not for our users: pypdf's repairs, bm25s's progress."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("bm25s").setLevel(logging.WARNING)


# -- the index -------------------------------------------------------------------
@contextmanager
def index_access(root: Path) -> Iterator[None]:
    """An index folder that cannot be read or written (read-only, no permission, disk full) is one
    clear error, not a traceback: the library reports its own problems, the OS's come through here."""
    try:
        yield
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        raise OutputError(
            f"the index folder {root} cannot be used ({exc.strerror or exc}{where}); "
            "check its permissions, or use another folder with --index DIR"
        ) from exc


def check_writable(root: Path) -> None:
    """Raise :class:`OutputError` now, before the models load, if an index cannot be written in ``root``."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root):
            pass
    except OSError as exc:
        raise OutputError(
            f"the index folder {root} is not writable ({exc.strerror or exc}); "
            "make it writable, or build the index elsewhere with --index DIR"
        ) from exc


def load_assistant(
    corpus: str | Path | None = None, root: str | Path | None = None, progress: Progress | None = None,
    *, adapters: bool = True,
) -> Assistant:
    """The Assistant over ``corpus`` (default: the plan) and the index folder ``root`` (default: the
    :func:`index_root` rule). An index that must be built in a folder that cannot be written fails at
    once, before the models load, with one clear error. ``adapters=False`` ranks with the models' own
    query vectors (no query adapters), for comparison."""
    from .core import Assistant

    corpus, folder = corpus or default_corpus(), index_root(root)
    with index_access(folder):
        if Assistant.index_status(corpus, folder):
            check_writable(folder)
        return Assistant.load(corpus, folder, progress=progress, adapters=adapters)


@dataclass(frozen=True)
class BuildResult:
    problems: list[str]  # why the index was not current (empty after a forced build)
    manifests: dict[str, Manifest]  # each channel's new manifest; empty when nothing was built


def build(
    corpus: str | Path | None = None, root: str | Path | None = None, *, if_needed: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build every channel's index (only the stale ones' reasons are reported with ``if_needed``)."""
    from .core import Assistant

    corpus, folder = corpus or default_corpus(), index_root(root)
    with index_access(folder):
        problems = Assistant.index_status(corpus, folder) if if_needed else []
        if if_needed and not problems:
            return BuildResult([], {})
        check_writable(folder)
        return BuildResult(problems, Assistant.build(corpus, folder, progress=progress))


# -- evaluation --------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionSet:
    """An evaluation file read: its questions, the name it is reported under, the lines left out."""

    questions: list[Question]
    name: str
    skipped: list[Skipped]


def read_questions(path: str | Path | None, plan: Plan, *, label: str | None = None, lenient: bool = False,
                   ) -> QuestionSet:
    """The questions of an evaluation file (default: the checkout's ``eval/questions.jsonl``), checked
    against the plan, reported under ``label`` (else its path). Strict: the first bad line is an error;
    ``lenient`` (uploads): bad lines are skipped and listed, and the rest is evaluated."""
    from .evaluate import check_dataset, keep_valid, read_dataset_file

    name = label or (str(path) if path else "eval/questions.jsonl")  # the default, as the checkout names it
    questions, skipped = read_dataset_file(path, label=name, lenient=lenient)
    if not lenient:
        check_dataset(questions, plan, name)
        return QuestionSet(questions, name, [])
    questions, unusable = keep_valid(questions, plan, name)
    return QuestionSet(questions, name, sorted(skipped + unusable, key=lambda s: s.line))


def run_evaluation(
    assistant: Assistant, questions: list[Question], which: str = "hybrid", *, dataset: str = "",
    progress: Callable[[str, int, int], None] | None = None, batched: bool = True,
) -> list[dict[str, Any]]:
    """Each retriever's report (``report_json`` shape); ``which`` is one retriever or "all".
    Answers (``ask``) are scored for hybrid, the retriever they use. ``batched``: questions are encoded
    in batches and their scores reused across retrievers (the same results as one by one, faster)."""
    from .evaluate import evaluate, report_json

    names = list(assistant.retriever.names) if which == "all" else [which]
    reports = []
    for name in names:
        step = (lambda done, total, name=name: progress(name, done, total)) if progress else None
        report = evaluate(assistant, questions, name, dataset=dataset, answers=name == "hybrid", progress=step,
                          batched=batched)
        reports.append(report_json(report))
    return reports


def evaluation_run(assistant: Assistant, questions: list[Question], reports: list[dict[str, Any]], *,
                   dataset: str) -> dict[str, Any]:
    """A run to keep (``assistant/runs.py``): the reports, the dataset's digest, the index manifests and
    the settings they were measured with."""
    from .evaluate import dataset_digest
    from .runs import make_run

    evidence = assistant.evidence.model
    settings = {
        "fusion": asdict(assistant.retriever.fusion), "citing": asdict(assistant.citing),
        "candidate_threshold": evidence.candidate.threshold, "question_threshold": evidence.question.threshold,
        "concept_rule": asdict(assistant.concept_rule),
        # which dense channels ranked with a query adapter, and what it was fitted on
        "query_adapters": {
            name: None if c.adapter is None else {"fitted_on": c.adapter.provenance.get("fitted_on"),
                                                  "examples_sha256": c.adapter.provenance.get("examples_sha256")}
            for name, c in assistant.retriever.channels.items()
        },
        # which dense channels' precedents voted, and which labelled questions they are
        "precedents": {
            name: None if c.precedents is None else {"built_from": c.precedents.provenance.get("built_from"),
                                                     "examples_sha256": c.precedents.provenance.get("examples_sha256")}
            for name, c in assistant.retriever.channels.items()
        },
    }
    index = {name: asdict(m) for name, m in assistant.manifests.items()}
    return make_run(reports, dataset=dataset, dataset_sha256=dataset_digest(questions), index=index,
                    settings=settings)


def topic_briefing(assistant: Assistant, topic: str, *, area: str | None = None, goal: str | None = None,
                   due_by: str | None = None) -> Briefing:
    """A briefing on ``topic``: without filters, the answer to it; with filters, the strong matches of a
    search within them (every one: where the relevant actions stop)."""
    from .briefing import from_answer, from_found
    from .export import SearchFilters, summary

    if not (area or goal or due_by):
        return from_answer(assistant.ask(topic))
    found = assistant.find(topic, top_k=len(assistant.plan.actions), area=area, goal=goal, due_by=due_by)
    return from_found(found, summary(found, SearchFilters(area=area, goal=goal, due_by=due_by), listed=False))


def keep_newest(folder: str | Path, keep: int) -> None:
    """Remove all but the ``keep`` newest entries (files or folders) of ``folder``: the files a face
    offers for download (CSV, evaluation results) do not pile up while it runs."""
    import shutil

    try:
        entries = sorted(Path(folder).iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in entries[keep:]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


# -- JSON shapes (CLI and HTTP alike) -----------------------------------------------
def hit_json(hit: Hit) -> dict[str, Any]:
    """One search result: the action with its context, then how it was found."""
    data = asdict(hit)
    return {**data.pop("info"), **data}


def answer_json(answer: Answer) -> dict[str, Any]:
    """An answer: its text, the cited actions with their exact quotes, and the evidence shown."""
    return {
        "answer": answer.text,
        "citations": answer.cited,
        "quotes": {c.action: c.quote for c in answer.citations},
        "abstained": answer.abstained,
        "kind": answer.kind,
        "lang": answer.lang,
        "question": answer.question,
        "hits": [hit_json(h) for h in answer.hits],
    }


def turn_record(answer: Answer) -> dict[str, Any]:
    """What a conversation keeps of one answer, for the next question's ``history``: the question as
    answered, the actions it cited, and the actions it showed."""
    turn = answer.turn()
    return {"question": turn.question, "citations": list(turn.citations), "shown": list(turn.shown)}
