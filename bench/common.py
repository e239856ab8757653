"""What every benchmark part shares: paths, percentiles, a free port, part results as JSON."""

from __future__ import annotations

import json
import socket
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"  # one JSON file per part; results.md and the chart are made from them
QUICK_RESULTS = CACHE / "quick"


@dataclass(frozen=True)
class Spread:
    """p50, p95 and mean of timings, in milliseconds."""

    p50: float
    p95: float
    mean: float
    n: int

    @classmethod
    def of(cls, seconds: list[float]) -> Spread:
        ms = [s * 1000.0 for s in seconds]
        return cls(round(pct(ms, 50), 3), round(pct(ms, 95), 3), round(statistics.fmean(ms), 3), len(ms))


def pct(values: list[float], q: int) -> float:
    """The q-th percentile (inclusive method); a single value is its own percentile."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def results_dir(quick: bool) -> Path:
    return QUICK_RESULTS if quick else RESULTS


def save_part(name: str, data: Any, quick: bool, **extra: Any) -> Path:
    """Write a part's result (a dataclass or plain data) with when it was measured."""
    folder = results_dir(quick)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    payload = {"part": name, "quick": quick, "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               **extra, "data": asdict(data) if hasattr(data, "__dataclass_fields__") else data}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path


def load_part(name: str, quick: bool) -> dict[str, Any] | None:
    path = results_dir(quick) / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
