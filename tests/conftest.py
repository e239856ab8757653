from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import load_plan
from assistant.plan import Plan

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TXT = ROOT / "corpus" / "elac2007.txt"
CORPUS_PDF = ROOT / "corpus" / "elac2007.pdf"


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan(CORPUS_TXT)


@pytest.fixture(scope="session")
def plan_text() -> str:
    return CORPUS_TXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def fake_assistant(tmp_path_factory):
    """An Assistant over the real plan with the deterministic hashing embedder (fast).

    The fitted question model (assistant/evidence.py) weighs the real models' closeness, which a hashing
    embedder and a missing multilingual channel do not have: here it answers whatever is retrieved, and
    the candidate model is the fitted one. The real decision is tested with the real models (slow)."""
    from dataclasses import replace

    from assistant.core import Assistant
    from assistant.embed import HashEmbedder
    from assistant.evidence import QUESTION_FEATURES, Logistic

    assistant = Assistant.load(
        CORPUS_TXT, tmp_path_factory.mktemp("index-fake"), channels={"dense": HashEmbedder()}
    )
    n = len(QUESTION_FEATURES)
    answers = Logistic(QUESTION_FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 5.0, 0.5)
    assistant.evidence.model = replace(assistant.evidence.model, question=answers)
    return assistant


@pytest.fixture(scope="session")
def real_assistant():
    """The real Assistant: the packaged models and the repository's index (built if needed)."""
    from assistant.core import Assistant

    return Assistant.load()


# -- a live app, raw queue calls, and the figures the reliability tests report -------------
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]
FIGURES = pytest.StashKey[list]()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveApp:
    """``python app.py`` on a free loopback port; its output goes to ``log`` (a file, never a full pipe)."""

    def __init__(self, log: Path, *args: str, env: dict[str, str] | None = None, user: list[str] | None = None):
        import os
        import subprocess
        import sys

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        self.index: Path | None = None  # the index folder given with --index, if any
        env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "ELAC_PORT": str(self.port), **(env or {})}
        with log.open("wb") as out:
            self.proc = subprocess.Popen([*(user or []), sys.executable, "app.py", *args], cwd=ROOT, env=env,
                                         stdout=out, stderr=subprocess.STDOUT)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def crashes(self) -> list[str]:
        """The exceptions in the log that are not a deliberate refusal (``gradio.exceptions.*``, ElacError)."""
        import re

        raised = re.findall(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit)\b.*)$", self.text(), re.MULTILINE)
        return [line for line in raised if not line.startswith(("gradio.exceptions.", "assistant.errors."))]

    def wait(self, timeout: float = 300) -> LiveApp:
        """Until the page answers; raises with the log if the app exits or does not answer in time."""
        import time
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited ({self.proc.returncode}): {self.text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the app did not answer within {timeout:.0f} s: {self.text()[-3000:]}")

    def stop(self) -> None:
        import subprocess

        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="session")
def live_app(real_assistant, tmp_path_factory):
    """One app for the reliability tests, started the way users start it but over a copy of the
    repository's index (made current first, in-process) that was damaged while the app was down:
    minilm's vectors truncated and its chunks deleted. The app must detect that at start and rebuild
    (test_faults reads its log); every other test then uses it as a plain running app."""
    import shutil

    from assistant.core import Assistant
    from assistant.paths import index_root
    from assistant.store import CHUNKS, VECTORS

    assert Assistant.index_status() == [], "real_assistant made the repository's index current"
    folder = tmp_path_factory.mktemp("live-app")
    for model in ("minilm", "e5"):
        shutil.copytree(index_root() / model, folder / "index" / model)
    vectors = folder / "index" / "minilm" / VECTORS
    vectors.write_bytes(vectors.read_bytes()[: vectors.stat().st_size // 3])
    (folder / "index" / "minilm" / CHUNKS).unlink()
    app = LiveApp(folder / "app.log", "--index", str(folder / "index"))
    app.index = folder / "index"
    yield app.wait(timeout=600)
    app.stop()


def queue_call(url: str, fn: str | int, data: list, *, timeout: float = 120) -> dict:
    """Run one event the way the browser does (``/queue/join`` then the SSE stream), by the handler's
    name or index: private handlers too. Returns the ``process_completed`` message."""
    import json
    import uuid

    import httpx

    with httpx.Client(timeout=timeout) as http:
        if isinstance(fn, str):
            deps = http.get(url + "config").json()["dependencies"]
            fn = next(d["id"] for d in deps if d.get("api_name") == fn)
        session = uuid.uuid4().hex[:12]
        body = {"data": data, "fn_index": fn, "session_hash": session, "event_data": None, "trigger_id": None}
        # ASCII JSON, so that even text no UTF-8 encoder takes (a lone surrogate) reaches the server
        joined = http.post(url + "gradio_api/queue/join", content=json.dumps(body).encode("ascii"),
                           headers={"Content-Type": "application/json"})
        joined.raise_for_status()
        with http.stream("GET", url + "gradio_api/queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    message = json.loads(line[5:])
                    if message.get("msg") == "process_completed":
                        return message
    raise AssertionError(f"no result for event {fn}")


def choose_file(page, where: str, path: Path) -> None:
    """Choose ``path`` in the ``gr.File`` upload at ``where`` and wait until the component lists it. The
    listed row shows the name in two parts ("mine" and ".jsonl"), so it is found by its ``aria-label``:
    the full name as text shows only while the upload runs, and a fast upload can end before it is seen."""
    page.locator(f"{where} input[type=file]").set_input_files(str(path))
    page.locator(where).get_by_label(path.name, exact=True).wait_for(timeout=60_000)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make browser` (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def figures(request) -> list[str]:
    """Lines for the "elac figures" section printed at the end of the run (with or without -s)."""
    return request.config.stash.setdefault(FIGURES, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("elac figures")
        for line in lines:
            terminalreporter.write_line(line)
