"""Benchmark: warm search latency against the bare models' encode time, in one run.

Usage: .venv/bin/python scripts/bench_search.py [--retriever hybrid] [--repeat 1]

Queries are the questions of eval/questions.jsonl (245). For each query the script
times (a) the bare encode of the query by each dense model the retriever uses and
(b) the whole ``Assistant.search`` call; it prints p50/p95 of each and their ratio.
A benchmark prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from assistant import Assistant
from assistant.evaluate import load_dataset


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--retriever", default="hybrid", choices=("hybrid", "dense", "bm25", "multilingual"))
    parser.add_argument("--repeat", type=int, default=1, help="passes over the queries")
    args = parser.parse_args()

    t0 = time.perf_counter()
    assistant = Assistant.load()
    channels = assistant.retriever.channels
    queries = [q.question for q in load_dataset()] * args.repeat
    for q in queries[:10]:  # warm up: models loaded, caches filled
        assistant.search(q, retriever=args.retriever)
    load_s = time.perf_counter() - t0
    used = list(channels) if args.retriever in ("hybrid", "bm25") else [args.retriever]

    encode: list[float] = []
    search: list[float] = []
    for q in queries:
        start = time.perf_counter()
        for name in used:
            channels[name].embedder.embed([q], kind="query")
        encode.append(time.perf_counter() - start)
        start = time.perf_counter()
        assistant.search(q, top_k=10, retriever=args.retriever)
        search.append(time.perf_counter() - start)

    ms = 1000.0
    print(f"retriever: {args.retriever}   queries: {len(queries)}   load + warm-up: {load_s:.1f} s")
    print(f"bare encode ({' + '.join(used)}): p50 {pct(encode, 50) * ms:7.2f} ms   p95 {pct(encode, 95) * ms:7.2f} ms")
    print(f"search (whole call)       : p50 {pct(search, 50) * ms:7.2f} ms   p95 {pct(search, 95) * ms:7.2f} ms")
    print(f"ratio search / encode     : p50 {pct(search, 50) / pct(encode, 50):5.2f}x   "
          f"p95 {pct(search, 95) / pct(encode, 95):5.2f}x   mean {sum(search) / sum(encode):5.2f}x")


if __name__ == "__main__":
    main()
