"""Memory: RSS and peak RSS (VmHWM) of the served app after start and after 1,000 API queries."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

from .latency import questions
from .serve import children, memory_mb, serve


@dataclass(frozen=True)
class Memory:
    after_start: dict[str, float]  # VmRSS, VmHWM in MB, once the app serves (warm-up answer included)
    after_queries: dict[str, float]
    queries: int  # half through /ask, half through /search
    query_seconds: float
    child_processes: int  # the app's own children (0: the figures are the whole app)


def run(quick: bool = False) -> Memory:
    from gradio_client import Client

    count = 100 if quick else 1000
    asked = questions()
    with serve([sys.executable, "app.py"]) as served:
        served.wait_http_ok()
        client = Client(served.url, verbose=False)
        pid = served.process.pid
        start = memory_mb(pid)
        began = time.perf_counter()
        for i in range(count):
            question = asked[(i // 2) % len(asked)]
            if i % 2 == 0:
                client.predict(question=question, history=[], api_name="/ask")
            else:
                client.predict(query=question, top_k=10, api_name="/search")
        took = time.perf_counter() - began
        after = memory_mb(pid)
        kids = len(children(pid))
    return Memory(start, after, count, round(took, 1), kids)


def summary(r: Memory) -> str:
    return (
        f"memory: after start RSS {r.after_start['VmRSS']:.0f} MB (peak {r.after_start['VmHWM']:.0f} MB); "
        f"after {r.queries} queries RSS {r.after_queries['VmRSS']:.0f} MB (peak {r.after_queries['VmHWM']:.0f} MB) "
        f"in {r.query_seconds:.0f} s"
    )
