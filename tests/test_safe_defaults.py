"""Safe defaults of the running app: loopback only, no share link, a file route that serves only
the app's own files, a length limit on questions and requests, a bounded queue answering at most
CONCURRENCY requests at once."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import subprocess
import tempfile
import urllib.parse
import uuid
from pathlib import Path

import httpx
import pytest

from app import CONCURRENCY, MAX_REQUEST_BYTES, QUEUE_SIZE, parse_args
from assistant.reading.numbers import MAX_QUERY_CHARS

from .conftest import ROOT, queue_call

pytestmark = pytest.mark.slow


def raw_get(app, path: str) -> tuple[int, bytes]:
    """GET exactly this path (no client normalising '..' away)."""
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _listening(port: int) -> list[str]:
    """The local addresses listening on ``port``, from /proc/net/tcp and tcp6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


def test_listens_on_loopback_only(live_app):
    listening = _listening(live_app.port)
    assert listening == ["0100007F"], f"127.0.0.1 only, not {listening}"
    others = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout.split()
    for address in [a for a in others if ":" not in a and not a.startswith("127.")]:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((address, live_app.port), timeout=3).close()


def test_no_share_link(live_app, monkeypatch):
    log = live_app.text()
    assert "Running on local URL:  http://127.0.0.1:" in log
    assert "gradio.live" not in log and "public URL" not in log
    for name in ("ELAC_HOST", "ELAC_PORT"):
        monkeypatch.delenv(name, raising=False)
    defaults = parse_args([])
    assert defaults.share is False and defaults.host == "127.0.0.1"


@pytest.fixture(scope="module")
def planted():
    """A file where Gradio apps keep their files by default (another app's, say): not this app's."""
    folder = Path(tempfile.gettempdir()) / "gradio" / f"elac-test-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    (folder / "planted.txt").write_text("planted-secret")
    yield folder / "planted.txt"
    shutil.rmtree(folder, ignore_errors=True)


def _upload(app, name: str, content: bytes) -> str:
    response = httpx.post(app.url + "gradio_api/upload", files={"files": (name, content)}, timeout=30)
    response.raise_for_status()
    return response.json()[0]


def test_the_file_route_serves_the_apps_own_files(live_app):
    own = _upload(live_app, "mine.jsonl", b'{"question": "own-file-content", "relevant": []}\n')
    status, body = raw_get(live_app, "/gradio_api/file=" + own)
    assert status == 200 and b"own-file-content" in body
    assert Path(own).parent.parent.parent.name.startswith("elac-app-"), "the app's private folder"


OUTSIDE = [
    ("/etc/passwd", b"root:"),
    (str(ROOT / "app.py"), b"def build_app"),
    (str(ROOT / "index" / "minilm" / "manifest.json"), b"model_id"),
    (str(ROOT / "corpus" / "elac2007.txt"), b"Double the number"),
    (str(ROOT / ".venv" / "pyvenv.cfg"), b"home"),
    ("/proc/self/environ", b"ELAC_PORT"),
]


@pytest.mark.parametrize(("path", "secret"), OUTSIDE, ids=[Path(p).name for p, _ in OUTSIDE])
@pytest.mark.parametrize("route", ["file=", "file/", "file=%s-encoded"])
def test_the_file_route_refuses_paths_outside_the_apps_files(live_app, path, secret, route):
    target = urllib.parse.quote(path, safe="") if route.endswith("-encoded") else path
    status, body = raw_get(live_app, "/gradio_api/" + route.split("%")[0] + target)
    assert 400 <= status < 500 and secret not in body, (status, body[:200])


def test_the_file_route_refuses_other_ways_out(live_app, planted):
    own = Path(_upload(live_app, "x.jsonl", b"{}\n"))
    ways = [
        str(planted),  # another app's file in the shared Gradio folder
        f"{own.parent}/../../../../../etc/passwd",  # up from the app's own folder
        f"{own.parent}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"http://127.0.0.1:{live_app.port}/config",  # the file route is no proxy
        "https://example.org/",
    ]
    for way in ways:
        status, body = raw_get(live_app, "/gradio_api/file=" + way)
        assert 400 <= status < 500, (way, status)
        assert b"planted-secret" not in body and b"root:" not in body and b"dependencies" not in body


def test_a_file_reference_outside_the_uploads_is_refused(live_app):
    """The Evaluate tab's upload, handed a path on the server instead of an uploaded file."""
    for path in ("/etc/passwd", str(ROOT / "eval" / "questions.jsonl")):
        result = queue_call(live_app.url, "on_eval", [{"path": path, "meta": {"_type": "gradio.FileData"}},
                                                      "hybrid"])
        assert result["success"] is False, result
        assert "root:" not in json.dumps(result) and "questions" not in json.dumps(result.get("output"))


def test_question_length_limit(live_app):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(live_app.url, verbose=False)
    question = ("digital signatures " * 200)[:MAX_QUERY_CHARS]
    assert "15.4" in client.predict(question=question, history=[], api_name="/ask")["citations"][:2]
    with pytest.raises(AppError, match="the query is 2,001 characters long; the limit is 2,000"):
        client.predict(question=question + "s", history=[], api_name="/ask")
    with pytest.raises(AppError, match="the query is 2,001 characters long"):
        client.predict(query=question + "s", api_name="/search")


def test_request_size_limit(live_app):
    big = json.dumps({"data": ["x" * MAX_REQUEST_BYTES, []]}).encode()
    response = httpx.post(live_app.url + "gradio_api/call/ask", content=big,
                          headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code == 413 and "larger than 2,000,000 bytes" in response.text

    def chunks():
        yield b'{"data": ["digital signatures", []]}'

    response = httpx.post(live_app.url + "gradio_api/call/ask", content=chunks(),
                          headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code == 411
    assert "15.4" in queue_call(live_app.url, "ask", ["digital signatures", []])["output"]["data"][0]["citations"][:2]


def _join_all(app, jobs: list[tuple[str, list]], session: str, http: httpx.Client) -> list[httpx.Response]:
    deps = http.get(app.url + "config").json()["dependencies"]
    index = {d.get("api_name"): d["id"] for d in deps}
    return [
        http.post(app.url + "gradio_api/queue/join", json={
            "data": data, "fn_index": index[fn], "session_hash": session, "event_data": None, "trigger_id": None,
        })
        for fn, data in jobs
    ]


def _follow(app, session: str, events: set[str], http: httpx.Client, timeout: float = 300) -> tuple[int, list]:
    """Read the session's stream until every event completed: (most events running at once, results)."""
    running: set[str] = set()
    peak, results = 0, []
    with http.stream("GET", app.url + "gradio_api/queue/data", params={"session_hash": session},
                     timeout=timeout) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("msg") == "process_starts":
                running.add(message["event_id"])
                peak = max(peak, len(running))
            elif message.get("msg") == "process_completed":
                running.discard(message["event_id"])
                results.append(message)
                if {m["event_id"] for m in results} >= events:
                    break
    return peak, results


def test_the_queue_answers_at_most_concurrency_requests_at_once(live_app):
    """Questions and searches share one limit: the models use both cores, whichever endpoint calls them."""
    slow = ("How will rural schools and libraries get online? " * 40)[:600]  # slower to answer than to send
    jobs = [("ask", [slow, []]), ("search", [slow, 10, None, None, None, "hybrid"])] * 4
    session = uuid.uuid4().hex[:12]
    with httpx.Client(timeout=60) as http:
        joined = _join_all(live_app, jobs, session, http)
        assert all(r.status_code == 200 for r in joined)
        peak, results = _follow(live_app, session, {r.json()["event_id"] for r in joined}, http)
    assert len(results) == 8 and all(m["success"] for m in results)
    assert peak == CONCURRENCY


def test_the_queue_is_bounded(live_app, figures):
    """Past QUEUE_SIZE waiting requests, the next are refused at once (503), not kept in memory."""
    # slower to answer than to send (a short question is answered in tens of ms, as fast as requests are
    # sent, and the queue would never fill on a quiet machine); each one different, so that none is answered
    # from the scores of the one before (a repeated question is scored once)
    question = ("How will rural schools and libraries get online? " * 40)[:590]
    session = uuid.uuid4().hex[:12]
    with httpx.Client(timeout=60) as http:
        asked = [("ask", [f"{question} {i}", []]) for i in range(3 * QUEUE_SIZE)]
        joined = _join_all(live_app, asked, session, http)
        refused = [r for r in joined if r.status_code == 503]
        accepted = {r.json()["event_id"] for r in joined if r.status_code == 200}
        assert refused and len(accepted) + len(refused) == len(joined)
        assert f"Queue is full. Max size is {QUEUE_SIZE}" in refused[0].json()["detail"]
        _, results = _follow(live_app, session, accepted, http)
    assert len(results) == len(accepted) and all(m["success"] for m in results)
    assert "15.4" in queue_call(live_app.url, "ask", ["digital signatures", []])["output"]["data"][0]["citations"][:2]
    figures.append(f"queue: {len(joined)} questions sent at once, {len(accepted)} queued and answered, "
                   f"{len(refused)} refused at once (503, queue of {QUEUE_SIZE}); at most {CONCURRENCY} run at once")


def test_an_evaluation_counts_in_the_limit_and_can_be_cancelled(live_app, tmp_path):
    """An evaluation runs as one of the CONCURRENCY workers (questions wait beside it, never a third at
    once), reports its progress, stops when Cancel is pressed, and the next one can run."""
    from .test_bad_input import _upload

    session = uuid.uuid4().hex[:12]
    with httpx.Client(timeout=60) as http:
        deps = {d.get("api_name"): d["id"] for d in http.get(live_app.url + "config").json()["dependencies"]}

        def join(fn: str, data: list) -> str:
            body = {"data": data, "fn_index": deps[fn], "session_hash": session, "event_data": None,
                    "trigger_id": None}
            response = http.post(live_app.url + "gradio_api/queue/join", json=body)
            response.raise_for_status()
            return response.json()["event_id"]

        evaluation = join("on_eval", [None, "all"])  # the whole set with every retriever: minutes
        asks = {join("ask", ["How will rural schools get online?", []]) for _ in range(3)}
        running: set[str] = set()
        peak, progress, cancel, final = 0, [], None, None
        with http.stream("GET", live_app.url + "gradio_api/queue/data", params={"session_hash": session},
                         timeout=300) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                event = message.get("event_id")
                if message.get("msg") == "process_starts":
                    running.add(event)
                    peak = max(peak, len(running))
                elif message.get("msg") == "process_generating" and event == evaluation:
                    progress.append(message["output"]["data"][0])
                elif message.get("msg") == "process_completed":
                    running.discard(event)
                    asks.discard(event)
                    if event == evaluation:
                        final = message
                        break
                if not asks and progress and cancel is None:
                    cancel = join("on_cancel", [])
    assert peak <= CONCURRENCY
    assert any(", questions done: " in text for text in progress if isinstance(text, str)), progress[:3]
    assert final["success"] and final["output"]["data"][0] == "Evaluation cancelled.", final
    small = tmp_path / "two.jsonl"
    small.write_text('{"question": "digital signatures", "relevant": ["15.4"]}\n'
                     '{"question": "rural schools online", "relevant": ["3.1"]}\n', encoding="utf-8")
    result = queue_call(live_app.url, "on_eval", [_upload(live_app.url, small), "hybrid"])
    assert result["success"] and result["output"]["data"][0].startswith("**two\\.jsonl**: 2 questions"), result


def test_download_files_do_not_pile_up(live_app):
    """Each search writes a CSV for download: only the newest KEEP_FILES stay in the app's folder."""
    from app import KEEP_FILES

    results = None
    for i in range(KEEP_FILES + 5):
        out = queue_call(live_app.url, "on_search", [f"health {i}", "all", "all", "any", "hybrid", 5])
        assert out["success"], out
        # Gradio's copy of the first export file: <workdir>/gradio/<hash>/<name>
        served = Path(out["output"]["data"][2]["value"][0]["path"])
        results = served.parents[2] / "results"
    assert results is not None and results.is_dir()
    assert 0 < len(list(results.iterdir())) <= KEEP_FILES
