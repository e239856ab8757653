"""Run the benchmarks and write bench/results.md (with its chart).

    python -m bench                       every part, then the report (what `make bench` runs)
    python -m bench latency scale         some parts, then the report
    python -m bench report                the report from the parts' last results
    python -m bench --quick ...           fewer queries and corpora; output in bench/.cache/quick/

A benchmark prints figures; it asserts nothing. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from types import ModuleType

from . import evaluation, latency, machine, memory, report, scale, startup
from .common import save_part

PARTS: dict[str, ModuleType] = {
    "latency": latency, "evaluation": evaluation, "startup": startup, "memory": memory, "scale": scale,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"{', '.join(PARTS)} or report (default: all)")
    parser.add_argument("--quick", action="store_true", help="a fast pass for development (not the reference)")
    args = parser.parse_args(argv)
    unknown = [p for p in args.parts if p not in (*PARTS, "report")]
    if unknown:
        parser.error(f"unknown part {unknown[0]!r}; choose from: {', '.join(PARTS)}, report")
    chosen = [p for p in args.parts if p in PARTS] if args.parts else list(PARTS)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    if chosen:
        save_part("machine", machine.describe(), args.quick)
    for name in chosen:
        print(f"== {name}{' (quick)' if args.quick else ''}", file=sys.stderr, flush=True)
        before, started = os.getloadavg()[0], time.perf_counter()
        result = PARTS[name].run(quick=args.quick)
        save_part(name, result, args.quick, load_before=round(before, 2), load_after=round(os.getloadavg()[0], 2),
                  seconds=round(time.perf_counter() - started, 1))
        print(PARTS[name].summary(result), flush=True)
    print(f"wrote {report.write(args.quick)}", file=sys.stderr)


if __name__ == "__main__":
    main()
