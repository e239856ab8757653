"""Faults: index files damaged or deleted while the app is down, a build killed midway, an index
folder that cannot be written. Each is detected and rebuilt, or refused with one clear line."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.embed import HashEmbedder
from assistant.errors import IndexStateError
from assistant.paths import index_root
from assistant.store import CHUNKS, MANIFEST, VECTORS

from .conftest import CORPUS_TXT, FIGURES, ROOT

FAKE = {"dense": HashEmbedder()}
MODELS = ("minilm", "e5")
DAMAGES = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: max(1, p.stat().st_size // 3)]),
    "emptied": lambda p: p.write_bytes(b""),
    "deleted": lambda p: p.unlink(),
}


@pytest.fixture(scope="module")
def survived(request):
    faults: list[str] = []
    yield faults
    request.config.stash.setdefault(FIGURES, []).append(
        f"faults: {len(faults)} survived ({', '.join(sorted(set(faults)))})"
    )


# -- damage while down: detected at start, rebuilt, or refused when rebuilding is off ----------
@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("name", [MANIFEST, VECTORS, CHUNKS])
def test_damaged_index_file_is_detected_then_rebuilt_or_refused(tmp_path, name, damage, survived):
    Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    DAMAGES[damage](tmp_path / "hash" / name)
    with pytest.raises(IndexStateError) as refused:
        Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE, rebuild=False)
    message = str(refused.value)
    assert str(tmp_path / "hash") in message and ("elac build" in message or "stale" in message), message
    assert Assistant.index_status(CORPUS_TXT, tmp_path, channels=FAKE) == [message]
    again = Assistant.load(CORPUS_TXT, tmp_path, channels=FAKE)
    assert again.rebuilt == message
    assert [h.action for h in again.search("3.1", top_k=1)] == ["3.1"]
    assert Assistant.index_status(CORPUS_TXT, tmp_path, channels=FAKE) == []
    survived.append(f"{name} {damage}")


def _copy_index(real_assistant, to: Path) -> dict[str, bytes]:
    """A copy of the repository's (current) index; the manifests as they were."""
    assert Assistant.index_status() == [], "the repository's index is current (real_assistant built it)"
    to.mkdir(parents=True, exist_ok=True)
    for model in MODELS:
        shutil.copytree(index_root() / model, to / model)
    return {m: (to / m / MANIFEST).read_bytes() for m in MODELS}


def _channels(real_assistant) -> dict:
    """The real embedders, already loaded: checking an index copy costs no second model load."""
    return {name: channel.embedder for name, channel in real_assistant.retriever.channels.items()}


@pytest.mark.slow
def test_app_rebuilds_a_damaged_index_at_start(live_app, survived):
    """live_app started over an index whose minilm vectors were truncated and chunks deleted."""
    from gradio_client import Client

    cited = Client(live_app.url, verbose=False).predict(question="digital signatures", history=[],
                                                        api_name="/ask")["citations"]
    assert "15.4" in cited[:2]  # with 25, whose legislation subjects name them (see README, Limits)
    rebuilt = [line for line in live_app.text().splitlines() if line.startswith("index rebuilt: ")]
    assert len(rebuilt) == 1, live_app.text()[-2000:]
    assert str(live_app.index / "minilm") in rebuilt[0] and "/e5" not in rebuilt[0], rebuilt[0]
    assert (live_app.index / "e5" / MANIFEST).read_bytes() == (index_root() / "e5" / MANIFEST).read_bytes()
    assert Assistant.index_status(CORPUS_TXT, live_app.index) == []
    assert live_app.crashes() == []
    survived.append("truncated and deleted index files at app start")


# -- a build killed midway ----------------------------------------------------------------
def _build_until(index: Path, marker: bytes, timeout: float = 600) -> bytes:
    """Start ``elac build --index`` and SIGKILL it once its progress output shows ``marker``."""
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "build", "--index", str(index)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = bytearray()

    def read() -> None:
        while chunk := proc.stderr.read1(4096):
            seen.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while marker not in seen and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    reader.join(timeout=10)
    assert marker in seen, f"no {marker!r} in: {bytes(seen)[-1000:]!r}"
    assert proc.returncode == -9, "killed, not finished"
    return bytes(seen)


@pytest.mark.slow
def test_killed_build_leaves_a_usable_index(real_assistant, tmp_path, survived):
    """``elac build`` writes minilm then e5, each to a temporary folder renamed into place. Killed while
    embedding for e5: minilm is the new index, e5 still the old one, and both load and answer."""
    index = tmp_path / "index"
    before = _copy_index(real_assistant, index)
    _build_until(index, b"embedding chunks (e5)")
    assert sorted(p.name for p in index.iterdir()) == sorted(MODELS), "no half-written folder is left"
    assert (index / "minilm" / MANIFEST).read_bytes() != before["minilm"], "the first index was replaced"
    assert (index / "e5" / MANIFEST).read_bytes() == before["e5"], "the one being built when killed is the old"
    assert Assistant.index_status(CORPUS_TXT, index) == []
    loaded = Assistant.load(CORPUS_TXT, index, channels=_channels(real_assistant), rebuild=False)
    assert loaded.rebuilt is None and "15.4" in loaded.ask("digital signatures").cited[:2]
    survived.append("build killed midway")


# -- an index folder that cannot be written --------------------------------------------------
def _unprivileged() -> list[str]:
    """A prefix that makes file permissions bind when we are root (chmod alone does not stop root), else nothing.

    Root keeps its identity (so it can still read the repository and .venv, wherever the clone lies) but
    loses the capabilities that override file permissions: a folder without write permission is then
    read-only to it, as it is to any user."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without setpriv: a read-only folder cannot be simulated")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search",
              "--"]
    if subprocess.run([*prefix, "true"], check=False).returncode != 0:
        pytest.skip("setpriv cannot drop capabilities here")
    return prefix


@pytest.fixture()
def read_only(real_assistant):
    """Folders the test user can read but not write: ``good`` holds a current index, ``empty`` none;
    in ``locked`` the minilm index cannot even be read."""
    base = Path(tempfile.mkdtemp(prefix="elac-read-only-"))
    try:
        _copy_index(real_assistant, base / "good")
        _copy_index(real_assistant, base / "locked")
        (base / "empty").mkdir()
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        for folder in (base / "good", base / "good" / "minilm", base / "good" / "e5", base / "empty"):
            folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        (base / "locked" / "minilm").chmod(0)
        yield base
    finally:
        for path in [base, *base.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def _as_user(prefix: list[str], *argv: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}
    return subprocess.run([*prefix, sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _one_clear_line(proc: subprocess.CompletedProcess, prefix: str, folder: Path) -> None:
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0] == (f"{prefix}: error: the index folder {folder} is not writable (Permission denied); "
                        "make it writable, or build the index elsewhere with --index DIR")


@pytest.mark.slow
def test_read_only_index_folder(read_only, survived):
    user = _unprivileged()
    good, empty = read_only / "good", read_only / "empty"
    proc = _as_user(user, "-m", "assistant", "build", "--index", str(good))
    _one_clear_line(proc, "elac", good)
    assert proc.returncode == 2
    proc = _as_user(user, "-m", "assistant", "ask", "digital signatures", "--index", str(empty))
    _one_clear_line(proc, "elac", empty)
    assert proc.returncode == 2
    app = _as_user(user, "app.py", "--index", str(empty))
    _one_clear_line(app, "elac app", empty)
    locked = read_only / "locked"
    proc = _as_user(user, "-m", "assistant", "ask", "digital signatures", "--index", str(locked))
    assert proc.returncode == 2 and proc.stderr == (
        f"elac: error: the index folder {locked} cannot be used (Permission denied: "
        f"{locked / 'minilm' / MANIFEST}); check its permissions, or use another folder with --index DIR\n"
    ), proc.stderr[-2000:]
    # a current index in a read-only folder is only read: found current, checksums and all
    proc = _as_user(user, "-m", "assistant", "build", "--if-needed", "--index", str(good))
    assert proc.returncode == 0 and proc.stderr == "index is current\n", proc.stderr[-2000:]
    survived.append("read-only index folder")
