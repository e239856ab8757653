"""The ``elac`` command: plan commands, JSON shapes and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.cli import main

from .conftest import CORPUS_PDF, ROOT


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show(capsys):
    code, out, _ = run(capsys, "show", "15.4")
    assert code == 0
    assert out.startswith("Action 15.4  (deadline: Mid-2007)")
    assert "Goal 15: Electronic government" in out and "Area C. Public transparency" in out
    assert "electronic/digital signatures" in out


def test_show_unknown_number(capsys):
    code, out, err = run(capsys, "show", "15.9")
    assert code == 2 and out == ""
    assert err.strip() == (
        "elac: error: unknown action '15.9': the plan has no such action; nearest: 15.8, 15.7, 15.6"
    )


def test_list_area_json(capsys):
    code, out, _ = run(capsys, "list", "--area", "E", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["action"] for r in rows] == ["27", "28", "29", "30"]
    assert set(rows[0]) >= {"action", "goal", "goal_title", "area", "area_title", "deadline", "text"}
    assert rows[0]["goal_title"] is None and rows[0]["area_title"] == "Enabling environment"


def test_list_from_pdf_equals_list_from_text(capsys):
    _, from_txt, _ = run(capsys, "list", "--json")
    code, from_pdf, _ = run(capsys, "list", "--corpus", str(CORPUS_PDF), "--json")
    assert code == 0
    assert json.loads(from_pdf) == json.loads(from_txt)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("list", "--goal", "19"), ["19.1", "19.2"]),
        (("list", "--due-by", "November 2005"), ["22.1", "23.1", "25"]),
        (("list", "--area", "B", "--due-by", "end of 2005"), ["14.2"]),
    ],
)
def test_list_filters(capsys, argv, expected):
    code, out, _ = run(capsys, *argv, "--json")
    assert code == 0 and [r["action"] for r in json.loads(out)] == expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("list", "--area", "F"), "unknown area 'F'"),
        (("list", "--goal", "40"), "unknown goal '40'"),
        (("list", "--due-by", "someday"), "not a deadline: 'someday'"),
        (("list", "--corpus", "nowhere.pdf"), "nowhere.pdf: no such file"),
    ],
)
def test_bad_arguments(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_unreadable_paths_are_one_line_errors(capsys, tmp_path):
    code, _, err = run(capsys, "show", "3.1", "--corpus", str(tmp_path / ("a" * 300 + ".txt")))
    assert code == 2 and "cannot be read" in err and "Traceback" not in err
    afile = tmp_path / "afile"
    afile.write_text("x")
    data = tmp_path / "d.jsonl"
    data.write_text('{"question": "rural schools", "relevant": ["3.1"]}\n')
    code, _, err = run(capsys, "eval", "--dataset", str(data), "--report", str(afile))
    assert code == 2 and "cannot write the report" in err


def test_console_script_broken_pdf_exit_code(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n%%garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "list", "--corpus", str(broken)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"elac: error: {broken}: ")
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_search_json(capsys):
    code, out, _ = run(capsys, "search", "digital signatures", "--top-k", "3", "--json")
    hits = json.loads(out)
    assert code == 0 and hits[0]["action"] == "15.4" and len(hits) == 3
    assert set(hits[0]) >= {"action", "goal", "goal_title", "area", "deadline", "text", "score", "retrievers"}


@pytest.mark.parametrize(("query", "message"), [("   ", "empty"), ("x" * 2001, "limit"), ("a\x01b", "control")])
def test_search_bad_query_fails_fast(capsys, query, message):
    code, out, err = run(capsys, "search", query)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


@pytest.mark.slow
def test_ask_json(capsys):
    code, out, _ = run(capsys, "ask", "How will rural schools get online?", "--json")
    data = json.loads(out)
    assert code == 0 and data["citations"][0] == "3.1" and data["abstained"] is False
    assert "[3.1]" in data["answer"] and data["hits"][0]["action"] == "3.1"


@pytest.mark.slow
def test_chat_json_keeps_context():
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--json"],
        input="How will rural schools get online?\nand what about hospitals?\nwhat is its deadline?\n\x00\n",
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0 and len(lines) == 4
    assert lines[0]["citations"][0] == "3.1"
    assert lines[1]["citations"] == ["4.1", "4.2"]
    assert lines[2]["citations"] == ["4.1"] and "Mid-2007" in lines[2]["answer"]
    assert "control characters" in lines[3]["error"]


@pytest.mark.slow
def test_build_if_needed_reports_current(capsys):
    from assistant.core import Assistant

    Assistant.load()
    code, _, err = run(capsys, "build", "--if-needed")
    assert code == 0 and "index is current" in err
