"""Evaluation: run labelled questions through the Assistant; metrics from pytrec_eval.

Ranking metrics (recall@k, MRR@10, nDCG@10) cover answerable questions only;
unanswerable ones (``"relevant": []``) count in the answer metrics.
"""

from __future__ import annotations

import json
import stat
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import DatasetError, QueryError
from .lang import LANGS
from .paths import default_dataset
from .plan import Plan
from .reading import check_query
from .retrieve import PRIME_BATCH

if TYPE_CHECKING:
    from .core import Assistant

RANK_DEPTH = 10
CUTOFFS = tuple(range(1, RANK_DEPTH + 1))
HEADLINE = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "capped_recall@5")


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    relevant: tuple[str, ...]
    category: str = "uncategorised"
    line: int = 0  # where it stands in its file
    lang: str = "en"  # "es", "pt": given, or read from the category "spanish"/"portuguese"
    translation_of: str | None = None  # the id of the English question this one translates


Verdict = Literal["ok", "missed", "wrong lead", "false abstention", "answered out-of-scope", "no answer"]
VERDICTS: tuple[str, ...] = ("ok", "missed", "wrong lead", "false abstention", "answered out-of-scope", "no answer")


@dataclass(frozen=True)
class QuestionResult:
    id: str
    category: str
    lang: str
    ranked: list[str]
    citations: list[str] = field(default_factory=list)
    abstained: bool | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    question: str = ""
    relevant: tuple[str, ...] = ()

    @property
    def first_relevant_rank(self) -> int | None:
        """The rank (from 1) of the first expected action in the top 10, or None."""
        return next((i for i, a in enumerate(self.ranked[:RANK_DEPTH], start=1) if a in self.relevant), None)

    @property
    def lead_correct(self) -> bool | None:
        """Whether the answer's first citation is an expected action (None: no answer was asked for, or
        nothing is expected)."""
        if self.abstained is None or not self.relevant:
            return None
        return bool(self.citations) and not self.abstained and self.citations[0] in self.relevant

    @property
    def verdict(self) -> Verdict:
        """What happened, in one phrase: ``ok``, ``missed`` (no expected action in the top 5), ``wrong lead``,
        ``false abstention``, ``answered out-of-scope``, or ``no answer`` (an unanswerable question scored
        without answers)."""
        if not self.relevant:
            if self.abstained is None:
                return "no answer"
            return "ok" if self.abstained else "answered out-of-scope"
        if self.abstained:
            return "false abstention"
        if self.abstained is not None and not self.lead_correct:
            return "wrong lead"
        if self.lead_correct:
            return "ok"
        rank = self.first_relevant_rank
        return "ok" if rank is not None and rank <= 5 else "missed"


@dataclass(frozen=True)
class RetrieverReport:
    retriever: str
    dataset: str
    n: int
    metrics: dict[str, float]
    by_category: dict[str, dict[str, float]]
    questions: list[QuestionResult]
    by_language: dict[str, dict[str, float]] = field(default_factory=dict)
    # per language: the translated questions' metrics next to their English originals'
    translations: dict[str, dict[str, float]] = field(default_factory=dict)


_CATEGORY_LANG = {"spanish": "es", "portuguese": "pt"}
MAX_DATASET_BYTES = 10_000_000  # an evaluation file, as the app's upload limit
MAX_QUESTIONS = 2_000  # questions in one file: an evaluation of 2,000 takes minutes already
MAX_LABEL_CHARS = 100  # an id, a category or a relevant label
_UNCLEAN = frozenset({"Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp"})  # controls, surrogates, invisible format chars


def _number(value: str | int | float) -> str | int:
    """An action number written as a JSON number (``3.1``, ``12``) as the plan writes it ("3.1", "12")."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e6:
            return str(int(value))  # 12.0 -> "12"
        return repr(value)  # 3.1 -> "3.1" (nan, inf and the like are then no action of the plan)
    return value


def _label(where: str, name: str, value: object) -> str:
    """An id or category: short, clean text (it names a row in reports and charts, and never reaches a
    C extension: see :func:`ranking_metrics`)."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not text.strip():
        raise DatasetError(f"{where}: '{name}' must be non-empty text")
    if len(text) > MAX_LABEL_CHARS:
        raise DatasetError(f"{where}: '{name}' is {len(text):,} characters long; the limit is {MAX_LABEL_CHARS}")
    bad = sorted({c for c in text if unicodedata.category(c) in _UNCLEAN})
    if bad:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad[:3])
        raise DatasetError(f"{where}: '{name}' contains control or invisible characters ({codes}); remove them")
    return text


@dataclass(frozen=True)
class Skipped:
    """A line of a question file left out of a lenient reading, and why."""

    line: int
    reason: str


def parse_dataset(lines: Iterable[str], source: str) -> list[Question]:
    """Questions from JSONL lines; errors name the file and the line."""
    return read_dataset(lines, source)[0]


def read_dataset(lines: Iterable[str], source: str, *, lenient: bool = False) -> tuple[list[Question], list[Skipped]]:
    """Questions from JSONL lines. Strict: the first bad line is an error naming the file and the line;
    ``lenient``: bad lines are skipped and listed, and only a file with no good line is an error."""
    questions: list[Question] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(questions) >= MAX_QUESTIONS:
            raise DatasetError(f"{source}, line {lineno}: more than {MAX_QUESTIONS:,} questions; split the file")
        try:
            question = _question(line, lineno, f"{source}, line {lineno}", seen)
        except DatasetError as exc:
            if not lenient:
                raise
            skipped.append(Skipped(lineno, str(exc).removeprefix(f"{source}, line {lineno}: ")))
            continue
        seen.add(question.id)
        questions.append(question)
    if not questions:
        found = f" ({len(skipped)} line(s) skipped: the first, line {skipped[0].line}: {skipped[0].reason})" \
            if skipped else ""
        raise DatasetError(f"{source}: no questions found{found}")
    return questions, skipped


def _question(line: str, lineno: int, where: str, seen: set[str]) -> Question:
    """One JSONL line as a question; ``seen``: the ids of the lines before it."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{where}: not valid JSON ({exc.msg})") from exc
    except (ValueError, RecursionError) as exc:  # a number over 4,300 digits, arrays nested too deep
        raise DatasetError(f"{where}: not valid JSON ({type(exc).__name__}: {str(exc)[:80]})") from None
    if not isinstance(row, dict):
        raise DatasetError(f"{where}: expected a JSON object with 'question' and 'relevant'")
    question, relevant = row.get("question"), row.get("relevant")
    if not isinstance(question, str) or not question.strip():
        raise DatasetError(f"{where}: 'question' must be non-empty text")
    if not isinstance(relevant, list) or not all(isinstance(r, str | int | float) and not isinstance(r, bool)
                                                 for r in relevant):
        raise DatasetError(f"{where}: 'relevant' must be a list of action numbers, e.g. [\"3.1\"] or [3.1]")
    labels = tuple(_label(where, "relevant", _number(r)) for r in relevant)
    qid = _label(where, "id", row.get("id") or f"q{lineno}")
    if qid in seen:
        raise DatasetError(f"{where}: id {qid!r} appears twice")
    category = _label(where, "category", row.get("category") or "uncategorised")
    lang = row.get("lang") or _CATEGORY_LANG.get(category, "en")
    if lang not in LANGS:
        raise DatasetError(f"{where}: 'lang' must be one of {', '.join(LANGS)}")
    source_id = row.get("translation_of")
    if source_id is not None and (not isinstance(source_id, str) or source_id not in seen):
        raise DatasetError(f"{where}: 'translation_of' must be the id of an earlier question")
    return Question(qid, question, labels, category, lineno, lang, source_id)


def check_dataset(questions: Sequence[Question], plan: Plan, source: str) -> None:
    """Every question can be asked and every label is an action of the plan; errors name the question."""
    for q in questions:
        _check(q, plan, source)


def keep_valid(questions: Sequence[Question], plan: Plan, source: str) -> tuple[list[Question], list[Skipped]]:
    """The questions :func:`check_dataset` accepts, and the others as skipped lines (with a translation of
    a skipped question)."""
    kept: list[Question] = []
    skipped: list[Skipped] = []
    for q in questions:
        try:
            _check(q, plan, source)
            if q.translation_of is not None and q.translation_of not in {k.id for k in kept}:
                raise DatasetError(f"{source}, line {q.line}: it translates a question that was skipped")
        except DatasetError as exc:
            skipped.append(Skipped(q.line, str(exc).removeprefix(f"{source}, line {q.line}: ")))
            continue
        kept.append(q)
    if not kept:
        raise DatasetError(f"{source}: no question can be evaluated (the first problem, line {skipped[0].line}: "
                           f"{skipped[0].reason})")
    return kept, skipped


def _check(q: Question, plan: Plan, source: str) -> None:
    try:
        check_query(q.question)
    except QueryError as exc:
        raise DatasetError(f"{source}, line {q.line}: {exc}") from None
    unknown = [n for n in q.relevant if not plan.has_action(n)]
    if unknown:
        raise DatasetError(f"{source}, line {q.line}: {', '.join(unknown)} is not an action of the plan")


def load_dataset(path: str | Path | None = None, *, label: str | None = None) -> list[Question]:
    """The questions of a JSONL file, strictly (see :func:`read_dataset_file`)."""
    return read_dataset_file(path, label=label)[0]


def read_dataset_file(path: str | Path | None = None, *, label: str | None = None, lenient: bool = False,
                      ) -> tuple[list[Question], list[Skipped]]:
    """The questions of a JSONL file (a regular file of at most MAX_DATASET_BYTES; default: the
    checkout's ``eval/questions.jsonl``); errors name it as ``label`` (default: its path), so that an
    upload's temporary path is never shown."""
    if path is None:
        path = default_dataset()
        if path is None:
            raise DatasetError("this installed package has no evaluation set; give one with --dataset FILE")
    path = Path(path)
    name = label or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DatasetError(f"{name}: is a folder; give a .jsonl file")
        if not stat.S_ISREG(info.st_mode):
            raise DatasetError(f"{name}: is not a regular file; give a .jsonl file")
        if info.st_size > MAX_DATASET_BYTES:
            raise DatasetError(
                f"{name}: is {info.st_size:,} bytes; an evaluation file is at most {MAX_DATASET_BYTES:,}"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_DATASET_BYTES + 1)  # the file may grow after the check
        text = data[:MAX_DATASET_BYTES].decode("utf-8")
    except FileNotFoundError:
        raise DatasetError(f"{name}: no such file") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{name}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise DatasetError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    return read_dataset(text.splitlines(), name, lenient=lenient)


def ranking_metrics(qrels: dict[str, Sequence[str]], runs: dict[str, Sequence[str]]) -> dict[str, dict[str, float]]:
    """Per-question recall@1..10, MRR@10 and nDCG@10, computed by pytrec_eval (trec_eval).

    pytrec_eval is a C extension that crashes on some strings (a lone surrogate, text after a NUL):
    it is handed internal keys only (``q0``, ``d0`` ...), never the file's ids or labels."""
    import pytrec_eval

    qkey = {q: f"q{i}" for i, q in enumerate(qrels)}
    docs: dict[str, str] = {}

    def dkey(doc: str) -> str:
        return docs.setdefault(doc, f"d{len(docs)}")

    judged = {qkey[q]: {dkey(d): 1 for d in rel} for q, rel in qrels.items() if rel}
    run = {
        qkey[q]: {dkey(d): float(RANK_DEPTH - i) for i, d in enumerate(list(ranked)[:RANK_DEPTH])} or {"none": 0.0}
        for q, ranked in runs.items() if q in qkey and qkey[q] in judged
    }
    measures = {"recall." + ",".join(map(str, CUTOFFS)), "P.5", "recip_rank", "ndcg_cut.10"}
    raw = pytrec_eval.RelevanceEvaluator(judged, measures).evaluate(run)
    out: dict[str, dict[str, float]] = {}
    for qid, key in qkey.items():
        values = raw.get(key)
        if values is None:
            continue
        row = {f"recall@{k}": values[f"recall_{k}"] for k in CUTOFFS}
        row["mrr@10"] = values["recip_rank"]
        row["ndcg@10"] = values["ndcg_cut_10"]
        # recall@5 out of what 5 results can hold: P@5 * 5 / min(5, |relevant|)
        row["capped_recall@5"] = min(1.0, values["P_5"] * 5 / min(5, len(judged[key])))
        out[qid] = row
    return out


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {}
    return {key: round(sum(r[key] for r in rows) / len(rows), 4) for key in rows[0]}


def answer_metrics(questions: Sequence[Question], answers: dict[str, tuple[list[str], bool]]) -> dict[str, float]:
    """Citation precision and recall (answerable questions), abstention accuracy (unanswerable ones),
    false-abstention rate (answerable ones). Precision counts answers that cite something."""
    answerable = [q for q in questions if q.relevant]
    unanswerable = [q for q in questions if not q.relevant]
    precision, recall = [], []
    for q in answerable:
        cited, abstained = answers[q.id]
        hits = len(set(cited) & set(q.relevant))
        recall.append(0.0 if abstained else hits / len(q.relevant))
        if cited:
            precision.append(hits / len(set(cited)))
    out: dict[str, float] = {}
    if answerable:
        out["citation_precision"] = round(sum(precision) / len(precision), 4) if precision else 0.0
        out["citation_recall"] = round(sum(recall) / len(recall), 4)
        out["false_abstention_rate"] = round(sum(answers[q.id][1] for q in answerable) / len(answerable), 4)
    if unanswerable:
        out["abstention_accuracy"] = round(sum(answers[q.id][1] for q in unanswerable) / len(unanswerable), 4)
    return out


def evaluate(
    assistant: Assistant,
    questions: Sequence[Question],
    retriever: str = "hybrid",
    *,
    dataset: str = "",
    answers: bool = False,
    progress: Callable[[int, int], None] | None = None,
    batched: bool = True,
) -> RetrieverReport:
    """Run every question through ``assistant.search`` (and ``ask``) and score the results. ``batched``:
    the questions are encoded PRIME_BATCH at a time (:meth:`Assistant.prime`), with the same results."""
    ranked: dict[str, list[str]] = {}
    asked: dict[str, tuple[list[str], bool]] = {}
    for i, q in enumerate(questions, start=1):
        if batched and (i - 1) % PRIME_BATCH == 0:
            if progress:
                progress(i - 1, len(questions))  # before a batch is encoded (seconds): progress, and a chance to stop
            assistant.prime([later.question for later in questions[i - 1:i - 1 + PRIME_BATCH]])
        hits = assistant.search(q.question, top_k=max(RANK_DEPTH, 20), retriever=retriever)  # type: ignore[arg-type]
        ranked[q.id] = [h.action for h in hits]
        if answers:
            answer = assistant.ask(q.question)
            asked[q.id] = (answer.cited, answer.abstained)
        if progress:
            progress(i, len(questions))
    per_q = ranking_metrics({q.id: q.relevant for q in questions}, ranked)
    results = [
        QuestionResult(
            q.id, q.category, q.lang, ranked[q.id],
            citations=asked.get(q.id, ([], None))[0], abstained=asked.get(q.id, ([], None))[1],
            metrics=per_q.get(q.id, {}), question=q.question, relevant=q.relevant,
        )
        for q in questions
    ]
    def summary(subset: list[Question]) -> dict[str, float]:
        """Mean ranking metrics of the subset's answerable questions, and its answer metrics."""
        ranking = _mean([per_q[q.id] for q in subset if q.id in per_q])
        return {**ranking, **answer_metrics(subset, asked)} if answers else ranking

    categories = sorted({q.category for q in questions})
    by_category = {c: summary([q for q in questions if q.category == c]) for c in categories}
    overall = {**summary(list(questions)), "answerable": float(len(per_q))}
    by_language = {
        lang: {**summary(subset), "questions": float(len(subset))}
        for lang in LANGS if (subset := [q for q in questions if q.lang == lang])
    }
    return RetrieverReport(
        retriever=retriever,
        dataset=dataset,
        n=len(questions),
        metrics=overall,
        by_category={c: m for c, m in by_category.items() if m},
        questions=results,
        by_language=by_language,
        translations=translation_gaps(questions, per_q),
    )


def translation_gaps(questions: Sequence[Question], per_q: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """For each language, its translated answerable questions against their English originals:
    recall@5 and MRR@10 of both, over the same pairs, and the gap (translation minus English)."""
    out: dict[str, dict[str, float]] = {}
    for lang in LANGS:
        pairs = [(q.id, q.translation_of) for q in questions
                 if q.lang == lang and q.translation_of and q.id in per_q and q.translation_of in per_q]
        if not pairs:
            continue
        row: dict[str, float] = {"pairs": float(len(pairs))}
        for key in ("recall@5", "mrr@10"):
            ours = sum(per_q[a][key] for a, _ in pairs) / len(pairs)
            english = sum(per_q[b][key] for _, b in pairs) / len(pairs)
            row |= {key: round(ours, 4), f"english_{key}": round(english, 4), f"gap_{key}": round(ours - english, 4)}
        out[lang] = row
    return out


def report_json(report: RetrieverReport) -> dict[str, Any]:
    """The ``--json`` shape: headline metrics, recall@k curve kept under ``recall_curve``."""
    def headline(m: dict[str, float]) -> dict[str, float]:
        extra = {k: v for k, v in m.items() if k not in HEADLINE and "@" not in k}
        return {k: m[k] for k in HEADLINE if k in m} | extra

    return {
        "retriever": report.retriever,
        "dataset": report.dataset,
        "n": report.n,
        "metrics": headline(report.metrics),
        "recall_curve": {k: report.metrics.get(f"recall@{k}") for k in CUTOFFS},
        "by_category": {c: headline(m) for c, m in report.by_category.items()},
        "by_language": {c: headline(m) for c, m in report.by_language.items()},
        "translations": report.translations,
        "questions": [question_json(r) for r in report.questions],
    }


def question_json(r: QuestionResult) -> dict[str, Any]:
    """One question's result (trec_eval ``-q`` style): what was expected, the ranking with the rank of each
    expected action, its per-question metrics, and for answers the citations and a verdict."""
    top = r.ranked[:RANK_DEPTH]
    return {
        "id": r.id, "question": r.question, "category": r.category, "lang": r.lang, "expected": list(r.relevant),
        "ranked": r.ranked,
        "expected_ranks": {a: (top.index(a) + 1 if a in top else None) for a in r.relevant},
        "first_relevant_rank": r.first_relevant_rank,
        "recall@5": r.metrics.get("recall@5"), "reciprocal_rank": r.metrics.get("mrr@10"),
        "citations": r.citations, "abstained": r.abstained, "lead_correct": r.lead_correct, "verdict": r.verdict,
    }


def dataset_digest(questions: Sequence[Question]) -> str:
    """The sha256 of a question set's content (ids, questions, labels, categories, languages): the same
    questions give the same digest whatever file or upload they came from."""
    import hashlib

    rows = [[q.id, q.question, list(q.relevant), q.category, q.lang] for q in questions]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()
