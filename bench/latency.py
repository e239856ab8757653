"""Latency: warm ``search`` and ``ask`` against the bare encode time of the same queries, in one run.

Queries are the questions of eval/questions.jsonl. For each query the part times, in turn,
(a) the bare encode of the query by every embedder the search runs (MiniLM and e5),
(b) the whole ``Assistant.search`` call (hybrid, top 10), (c) ``Assistant.find`` (the Search tab's
call: the same search with each result's match level) and (d) the whole ``Assistant.ask``.
The ratios are search p50 / encode p50, find p50 / search p50 and ask p50 / encode p50.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .common import Spread


@dataclass(frozen=True)
class Latency:
    queries: int
    embedders: list[str]  # what the bare encode runs: the search's dense channels
    load_seconds: float  # Assistant.load and ten warm-up searches
    encode: Spread
    search: Spread
    find: Spread
    ask: Spread
    search_ratio: float  # search p50 / encode p50
    ask_ratio: float  # ask p50 / encode p50
    search_ratio_p95: float
    ask_ratio_p95: float
    find_ratio: float  # find p50 / search p50: what the match levels cost


def questions(limit: int | None = None) -> list[str]:
    from assistant.evaluate import load_dataset

    return [q.question for q in load_dataset()][:limit]


def run(quick: bool = False) -> Latency:
    from assistant import Assistant

    started = time.perf_counter()
    assistant = Assistant.load()
    queries = questions(60 if quick else None)
    for query in queries[:10]:  # warm up: models loaded, first-call allocations done
        assistant.search(query)
        assistant.ask(query)
    load_seconds = time.perf_counter() - started
    embedders = [channel.embedder for channel in assistant.retriever.channels.values()]

    encode: list[float] = []
    search: list[float] = []
    find: list[float] = []
    ask: list[float] = []
    for query in queries:
        start = time.perf_counter()
        for embedder in embedders:
            embedder.embed([query], kind="query")
        encode.append(time.perf_counter() - start)
        start = time.perf_counter()
        assistant.search(query, top_k=10)
        search.append(time.perf_counter() - start)
        assistant.retriever.forget_primed()  # find primes its query: timed from nothing, as search was
        start = time.perf_counter()
        assistant.find(query, top_k=10)
        find.append(time.perf_counter() - start)
        assistant.retriever.forget_primed()
        start = time.perf_counter()
        assistant.ask(query)
        ask.append(time.perf_counter() - start)

    e, s, f, a = Spread.of(encode), Spread.of(search), Spread.of(find), Spread.of(ask)
    return Latency(
        queries=len(queries), embedders=[m.model_id for m in embedders], load_seconds=round(load_seconds, 2),
        encode=e, search=s, find=f, ask=a, find_ratio=round(f.p50 / s.p50, 3),
        search_ratio=round(s.p50 / e.p50, 3), ask_ratio=round(a.p50 / e.p50, 3),
        search_ratio_p95=round(s.p95 / e.p95, 3), ask_ratio_p95=round(a.p95 / e.p95, 3),
    )


def summary(r: Latency) -> str:
    return "\n".join([
        f"latency over {r.queries} questions (load + warm-up {r.load_seconds:.1f} s)",
        f"  bare encode ({' + '.join(r.embedders)}): p50 {r.encode.p50:7.2f} ms   p95 {r.encode.p95:7.2f} ms",
        f"  search (hybrid, top 10): p50 {r.search.p50:7.2f} ms   p95 {r.search.p95:7.2f} ms",
        f"  find (search + levels) : p50 {r.find.p50:7.2f} ms   p95 {r.find.p95:7.2f} ms  ({r.find_ratio:.2f}x search)",
        f"  ask                    : p50 {r.ask.p50:7.2f} ms   p95 {r.ask.p95:7.2f} ms",
        f"  overhead ratio: search/encode p50 {r.search_ratio:.2f}x (p95 {r.search_ratio_p95:.2f}x), "
        f"ask/encode p50 {r.ask_ratio:.2f}x (p95 {r.ask_ratio_p95:.2f}x)",
    ])
