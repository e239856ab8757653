"""The package works installed, not only from a checkout: ``pip install .`` into a fresh venv, then
``elac`` and ``Assistant.load()`` from another folder, with the plan from the package's data and the
index in the user cache folder (or ``$ELAC_INDEX``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import CORPUS_TXT, ROOT

pytestmark = pytest.mark.slow


def test_the_shipped_plan_is_the_corpus():
    from assistant.paths import PACKAGED_PLAN

    assert PACKAGED_PLAN.read_bytes() == CORPUS_TXT.read_bytes(), "copy corpus/elac2007.txt to assistant/data/"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A venv with the package installed from this checkout (not editable). Its dependencies come from
    the test environment's site-packages through a .pth file, so nothing is downloaded or built twice;
    the test environment's own (editable) elac-assistant is not visible there."""
    base = tmp_path_factory.mktemp("installed")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(wheels), str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(wheels.glob("elac_assistant-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("ELAC_INDEX", "PYTHONPATH")}
    env |= {"XDG_CACHE_HOME": str(base / "cache"), "HF_HUB_OFFLINE": "1"}
    return {"venv": venv, "python": python, "cwd": elsewhere, "env": env, "cache": base / "cache", "base": base}


def _run(installed: dict, *argv: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*argv], cwd=installed["cwd"], env=env or installed["env"], capture_output=True,
                          text=True, timeout=600)


def test_the_installed_package_is_not_the_checkout(installed):
    where = _run(installed, str(installed["python"]), "-c", "import assistant; print(assistant.__file__)")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed["venv"]), where.stdout


def test_elac_answers_with_the_index_in_the_user_cache(installed):
    elac = str(installed["venv"] / "bin" / "elac")
    listed = _run(installed, elac, "list", "--area", "E", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [row["action"] for row in json.loads(listed.stdout)] == ["27", "28", "29", "30"]
    asked = _run(installed, elac, "ask", "How will rural schools get online?", "--json")
    assert asked.returncode == 0, asked.stderr[-2000:]
    assert json.loads(asked.stdout)["citations"][0] == "3.1"
    cache = installed["cache"] / "elac-assistant" / "index"
    assert (cache / "minilm" / "manifest.json").is_file() and (cache / "e5" / "manifest.json").is_file()
    assert not (installed["cwd"] / "index").exists()
    # no evaluation set ships with the package: a clear line, not a traceback
    evaluated = _run(installed, elac, "eval")
    assert evaluated.returncode == 2 and evaluated.stderr.startswith("elac: error: this installed package has no")


def test_assistant_load_reads_elac_index(installed):
    """``Assistant.load()`` with no argument follows $ELAC_INDEX: here a copy of the index the test above
    built, loaded as it is (not rebuilt), while the user cache folder stays empty."""
    import shutil

    index = installed["base"] / "chosen-index"
    shutil.copytree(installed["cache"] / "elac-assistant" / "index", index)
    env = installed["env"] | {"ELAC_INDEX": str(index), "XDG_CACHE_HOME": str(installed["base"] / "empty-cache")}
    code = ("from assistant import Assistant; a = Assistant.load(rebuild=False); "
            "print(a.search('digital signatures', top_k=1)[0].action); "
            "print(sorted(n for n, c in a.retriever.channels.items() if c.adapter is not None))")
    loaded = _run(installed, str(installed["python"]), "-c", code, env=env)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    # the query adapters ship with the package (assistant/data/adapters/) and fit its models and plan
    assert loaded.stdout.split("\n")[:2] == ["15.4", "['dense', 'multilingual']"]
    assert not (installed["base"] / "empty-cache").exists()
