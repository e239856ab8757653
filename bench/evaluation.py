"""Evaluation time: ``run_evaluation`` of eval/questions.jsonl for hybrid and for "all", one question at a
time against batched (each model encodes 64 questions at once, scores reused across retrievers), in one run.

Each timing starts from no primed scores; the batched and one-by-one results are compared whole.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    which: str  # "hybrid" or "all"
    one_by_one_s: float
    batched_s: float
    speedup: float
    identical: bool  # the batched reports equal the one-by-one reports (metrics and per-question results)


@dataclass(frozen=True)
class EvaluationTime:
    questions: int
    timings: list[Timing]


def run(quick: bool = False) -> EvaluationTime:
    from assistant import Assistant
    from assistant.evaluate import load_dataset
    from assistant.service import run_evaluation

    assistant = Assistant.load()
    assistant.ask("warm up")
    assistant.concepts.prepare()
    questions = load_dataset()[: 60 if quick else None]
    timings = []
    for which in ("hybrid", "all"):
        reports, seconds = {}, {}
        for batched in (False, True):
            assistant.retriever.forget_primed()
            started = time.perf_counter()
            reports[batched] = run_evaluation(assistant, questions, which, batched=batched)
            seconds[batched] = time.perf_counter() - started
        timings.append(Timing(which, round(seconds[False], 1), round(seconds[True], 1),
                              round(seconds[False] / seconds[True], 2), reports[False] == reports[True]))
    return EvaluationTime(len(questions), timings)


def summary(r: EvaluationTime) -> str:
    lines = [f"evaluation of {r.questions} questions (run_evaluation)"]
    lines += [f"  {t.which:6}: one by one {t.one_by_one_s:6.1f} s   batched {t.batched_s:6.1f} s   "
              f"{t.speedup:.2f}x   identical results: {'yes' if t.identical else 'NO'}" for t in r.timings]
    return "\n".join(lines)
