"""Start-up: ``elac ask`` from process start to answer; ``make run`` to the first served request;
the plan's index build time (into a temporary folder, in a fresh process)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from .common import ROOT
from .serve import serve

QUESTION = "How will rural schools get online?"
BIN = ROOT / ".venv" / "bin"
_BUILD = """
import json, sys, time
started = time.perf_counter()
from assistant import Assistant
manifests = Assistant.build(index_root=sys.argv[1])
print(json.dumps({"wall": time.perf_counter() - started,
                  "models": {m.model_id: m.build_seconds for m in manifests.values()},
                  "chunks": next(iter(manifests.values())).chunk_count}))
"""


@dataclass(frozen=True)
class Startup:
    cli_ask_seconds: list[float]  # each run of: elac ask "<QUESTION>", process start to exit with the answer
    cli_ask_median: float
    env_current: bool  # make would not reinstall anything (.venv/.installed-run is up to date)
    make_run_http_seconds: float  # make run until the first HTTP 200 on the app's page
    make_run_answer_seconds: float  # make run until the first /ask answered through gradio_client
    build_seconds: float  # fresh process: import, load both models, embed and write the plan's index
    build_model_seconds: dict[str, float]  # per model, as its manifest records (embed + write)
    build_chunks: int


def _index_current() -> None:
    """Build the index first if it is not current: the timed runs must find it current."""
    subprocess.run([str(BIN / "elac"), "build", "--if-needed"], cwd=ROOT, check=True, capture_output=True)


def time_cli_ask(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([str(BIN / "elac"), "ask", QUESTION], cwd=ROOT, capture_output=True, text=True)
        times.append(round(time.perf_counter() - started, 3))
        if done.returncode != 0 or "3.1" not in done.stdout:
            raise RuntimeError(f"elac ask failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    return times


def time_make_run() -> tuple[float, float, bool]:
    from gradio_client import Client

    current = subprocess.run(["make", "-q", ".venv/.installed-run"], cwd=ROOT).returncode == 0
    with serve(["make", "run"]) as served:
        http = served.wait_http_ok()
        result = Client(served.url, verbose=False).predict(question=QUESTION, history=[], api_name="/ask")
        text, cited = result["answer"], result["citations"]  # /ask answers as `elac ask --json` does
        answered = time.perf_counter() - served.started
        if "3.1" not in cited:
            raise RuntimeError(f"the served app answered without citing 3.1: {text[:200]}")
    return round(http, 3), round(answered, 3), current


def time_build() -> dict:
    with tempfile.TemporaryDirectory(prefix="elac-bench-index-") as folder:
        done = subprocess.run([sys.executable, "-c", _BUILD, folder], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"index build failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(quick: bool = False) -> Startup:
    _index_current()
    asks = time_cli_ask(1 if quick else 3)
    http, answered, current = time_make_run()
    build = time_build()
    return Startup(
        cli_ask_seconds=asks, cli_ask_median=statistics.median(asks), env_current=current,
        make_run_http_seconds=http, make_run_answer_seconds=answered,
        build_seconds=round(build["wall"], 2), build_model_seconds=build["models"], build_chunks=build["chunks"],
    )


def summary(r: Startup) -> str:
    runs = ", ".join(f"{s:.1f}" for s in r.cli_ask_seconds)
    models = ", ".join(f"{name} {s:.1f} s" for name, s in r.build_model_seconds.items())
    return "\n".join([
        f"start-up: elac ask, start to answer: median {r.cli_ask_median:.1f} s ({runs} s)",
        f"  make run{'' if r.env_current else ' (NOT installed: includes pip)'}: first HTTP 200 after "
        f"{r.make_run_http_seconds:.1f} s, first /ask answered after {r.make_run_answer_seconds:.1f} s",
        f"  plan index build ({r.build_chunks} chunks, fresh process): {r.build_seconds:.1f} s ({models})",
    ])
