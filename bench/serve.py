"""A served app for the start-up and memory parts: start it on a free port, wait for it, stop it."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .common import ROOT, free_port


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    started: float  # perf_counter when the process was started
    log: Path

    def wait_http_ok(self, timeout: float = 300.0) -> float:
        """Seconds from process start to the first HTTP 200 on the app's page."""
        deadline = self.started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        raise TimeoutError(f"no HTTP 200 from {self.url} within {timeout:.0f} s; see {self.log}")


@contextmanager
def serve(command: list[str]) -> Iterator[Served]:
    """Run ``command`` (app.py or make run) on a free port in its own process group; stop the group."""
    port = free_port()
    env = {**os.environ, "ELAC_PORT": str(port), "ELAC_HOST": "127.0.0.1", "GRADIO_ANALYTICS_ENABLED": "False"}
    with tempfile.NamedTemporaryFile("w", prefix="elac-bench-serve-", suffix=".log", delete=False) as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield Served(process, f"http://127.0.0.1:{port}/", started, Path(log.name))
    finally:
        stop(process)
        Path(log.name).unlink(missing_ok=True)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group, SIGKILL after ten seconds."""
    for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak RSS) of ``pid`` in MB, from /proc/<pid>/status."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)  # kB
    return out


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
