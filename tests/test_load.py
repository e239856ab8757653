"""Load: 200 questions from 20 concurrent gradio_client workers against the app on loopback.

Every request must succeed and cite exactly what the same Assistant cites in-process for that
question (answers are deterministic). Latency is reported (tests/artifacts/load.json and the
"elac figures" section at the end of the run), not asserted: the machine is shared.
"""

from __future__ import annotations

import json
import random
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

import pytest

from .conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.slow
REQUESTS = 200
WORKERS = 20
PER_CATEGORY = 5
TIME_BOUND = 600  # seconds for all 200: generous, the machine is shared; a hang fails, slowness does not


def question_mix() -> list[str]:
    """The first PER_CATEGORY questions of every category of eval/questions.jsonl."""
    by_category: dict[str, list[str]] = defaultdict(list)
    for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_category[row.get("category", "")].append(row["question"])
    return [q for category in sorted(by_category) for q in by_category[category][:PER_CATEGORY]]


@dataclass(frozen=True)
class Result:
    question: str
    cited: tuple[str, ...] | None
    seconds: float
    error: str | None = None


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]  # nearest rank


def test_200_requests_from_20_workers(live_app, real_assistant, figures):
    from gradio_client import Client

    assert live_app.url.startswith("http://127.0.0.1:"), "loopback only"
    questions = question_mix()
    assert len(questions) >= 30 and len(set(questions)) == len(questions)
    expected = {q: tuple(real_assistant.ask(q).cited) for q in questions}
    jobs = [questions[i % len(questions)] for i in range(REQUESTS)]
    random.Random(2007).shuffle(jobs)

    def worker(first: int) -> list[Result]:
        client = Client(live_app.url, verbose=False)
        results = []
        for question in jobs[first::WORKERS]:
            started = time.perf_counter()
            try:
                cited = client.predict(question=question, history=[], api_name="/ask")["citations"]
                results.append(Result(question, tuple(cited), time.perf_counter() - started))
            except Exception as exc:  # counted, and the test fails on any
                results.append(Result(question, None, time.perf_counter() - started, f"{type(exc).__name__}: {exc}"))
        return results

    started = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = [pool.submit(worker, w) for w in range(WORKERS)]
        done, pending = wait(futures, timeout=TIME_BOUND)
        for future in pending:
            future.cancel()
    wall = time.perf_counter() - started
    results = [r for f in done for r in f.result()]
    errors = [r for r in results if r.error]
    wrong = [r for r in results if not r.error and r.cited != expected[r.question]]
    latencies = [r.seconds for r in results if not r.error]
    report = {
        "requests": REQUESTS, "workers": WORKERS, "served": len(results) - len(errors), "errors": len(errors),
        "wrong_citations": len(wrong), "distinct_questions": len(questions), "wall_seconds": round(wall, 2),
        "throughput_per_second": round(len(results) / wall, 2) if wall else None,
        "p50_seconds": round(_percentile(latencies, 0.50), 3) if latencies else None,
        "p95_seconds": round(_percentile(latencies, 0.95), 3) if latencies else None,
        "max_seconds": round(max(latencies), 3) if latencies else None,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(report, indent=2) + "\n")
    figures.append(
        f"load: {report['served']} of {REQUESTS} requests served from {WORKERS} concurrent workers in "
        f"{report['wall_seconds']} s, {report['errors']} errors, {report['wrong_citations']} wrong citations; "
        f"latency p50 {report['p50_seconds']} s, p95 {report['p95_seconds']} s, max {report['max_seconds']} s"
    )
    assert not pending, f"not finished within {TIME_BOUND} s"
    assert len(results) == REQUESTS
    assert not errors, errors[:3]
    assert not wrong, [(r.question, r.cited, expected[r.question]) for r in wrong[:3]]
    assert live_app.crashes() == []
