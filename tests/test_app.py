"""The Gradio app, live: gradio_client against a server the test starts, and a real Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest

from .conftest import ARTIFACTS, ROOT, LiveApp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = LiveApp(tmp_path_factory.mktemp("app") / "app.log").wait(240)
    yield app.url
    app.stop()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def test_serves_on_loopback_only(server):
    assert server.startswith("http://127.0.0.1:")


def test_api_ask(client):
    answer = client.predict(question="How will rural schools get online?", history=[], api_name="/ask")
    assert answer["citations"][0] == "3.1" and "[3.1]" in answer["answer"]
    assert answer["quotes"]["3.1"] in answer["hits"][0]["text"] and answer["abstained"] is False


def test_api_ask_with_history(client):
    history = [{"question": "How will rural schools get online?", "citations": ["3.1", "3.2"]}]
    answer = client.predict(question="what is its deadline?", history=history, api_name="/ask")
    assert answer["citations"] == ["3.1"] and answer["answer"].startswith("Action 3.1 is due Mid-2007.")


def test_api_search_with_filters(client):
    hits = client.predict(query="working group", top_k=5, area="D", api_name="/search")
    assert hits and all(h["area"] == "D" for h in hits)
    assert {"action", "goal", "goal_title", "deadline", "text", "score", "retrievers"} <= set(hits[0])


def _elac(*argv: str, stdin: str | None = None) -> str:
    proc = subprocess.run([sys.executable, "-m", "assistant", *argv], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_api_ask_gives_the_json_of_elac_ask(client):
    """/ask and `elac ask --json` (here `elac chat --json`, one answer a line) give the same JSON, follow-ups too."""
    questions = ["How will rural schools get online?", "what is its deadline?",
                 "¿Qué dice el plan sobre el software libre?", "Which actions were due at the end of 2006?"]
    from_cli = [json.loads(line) for line in _elac("chat", "--json", stdin="\n".join(questions) + "\n").splitlines()]
    history: list[dict] = []
    for question, expected in zip(questions, from_cli, strict=True):
        from_api = client.predict(question=question, history=history, api_name="/ask")
        assert from_api == expected
        history.append({"question": from_api["question"], "citations": from_api["citations"],
                        "shown": [h["action"] for h in from_api["hits"]]})
    assert from_cli[1]["citations"] == ["3.1"] and from_cli[2]["lang"] == "es"


def test_api_search_gives_the_json_of_elac_search(client):
    from_cli = json.loads(_elac("search", "digital signatures", "--area", "C", "--top-k", "5", "--json"))
    from_api = client.predict(query="digital signatures", top_k=5, area="C", api_name="/search")
    assert from_api == from_cli and from_cli[0]["action"] == "15.4"
    assert set(from_cli[0]) == {"action", "goal", "goal_title", "goal_label", "preamble", "area", "area_title",
                                "deadline", "text", "score", "similarity", "multilingual_similarity", "bm25",
                                "retrievers"}


def test_api_errors_are_readable_and_the_server_keeps_serving(client):
    for bad in ("", "x" * 3000):
        with pytest.raises(Exception, match="query"):
            client.predict(question=bad, history=[], api_name="/ask")
    with pytest.raises(Exception, match="unknown area"):
        client.predict(query="health", area="Z", api_name="/search")
    assert client.predict(question="digital signatures", history=[], api_name="/ask")["citations"][0] == "15.4"


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


def _ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()


@pytest.mark.browser
def test_browser_ask_click_citation_read_action(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    _ask(page, "How will rural schools get online?")
    chat = page.locator("#chatbot")
    chat.get_by_text("[3.1]").first.wait_for(timeout=60_000)
    panel = page.locator("#action-panel")
    assert "Double the number of public schools and libraries" in panel.inner_text()
    page.locator("#citations").get_by_text("3.2 ·").click()
    page.wait_for_function(
        "document.querySelector('#action-panel').innerText.includes('computers per student')", timeout=20_000
    )
    text = panel.inner_text()
    assert "Action 3.2" in text and "Mid-2007" in text and "Goal 3: Online schools and libraries" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#citations").get_by_text("3.1 ·").click()
    page.wait_for_function("document.querySelector('#action-panel').innerText.includes('Action 3.1')")
    page.wait_for_timeout(1000)  # let the transition settle: the picture is for people, not an assertion
    page.screenshot(path=str(ARTIFACTS / "chat.png"))
    assert (ARTIFACTS / "chat.png").stat().st_size > 10_000
    page.close()


@pytest.mark.browser
def test_browser_no_injection_and_errors_show(server, browser):
    page = browser.new_page()
    page.goto(server)
    _ask(page, "<img src=x onerror=\"document.title='pwned'\"> **bold** digital signatures")
    page.locator("#chatbot").get_by_text("[15.4]").first.wait_for(timeout=60_000)
    assert page.locator("#chatbot img[src='x']").count() == 0
    assert page.title() != "pwned"
    assert "<img src=x" in page.locator("#chatbot").inner_text()  # shown as text
    _ask(page, "   ")
    page.locator("#chatbot").get_by_text("the query is empty").wait_for(timeout=20_000)
    _ask(page, "deadline of 22.1")
    page.locator("#chatbot").get_by_text("Action 22.1 is due November 2005.").wait_for(timeout=20_000)
    page.close()


@pytest.mark.browser
def test_browser_search_tab_and_csv(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    page.get_by_role("tab", name="Search").click()
    page.get_by_label("Query").fill("electronic signatures")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_text("action(s).").wait_for(timeout=30_000)
    page.locator("#results").get_by_text("digital signatures").first.wait_for(timeout=10_000)
    assert "15.4" in page.locator("#results").inner_text()
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    link = page.locator("#csv a").first
    href = link.get_attribute("href")
    assert href and ".csv" in href
    with urllib.request.urlopen(href if href.startswith("http") else server.rstrip("/") + href) as response:
        rows = response.read().decode("utf-8").splitlines()
    assert rows[0] == "action,goal,area,deadline,score,found by,text" and rows[1].startswith("15.4,")
    page.close()


@pytest.mark.browser
def test_browser_evaluate_tab_with_upload(server, browser, tmp_path):
    good = tmp_path / "mine.jsonl"
    good.write_text(
        '{"question": "digital signatures", "relevant": ["15.4"], "category": "paraphrase"}\n'
        '{"question": "Who won the 2006 football World Cup?", "relevant": [], "category": "unanswerable"}\n'
    )
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"question": "x", "relevant": []}\n{oops\n')
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    page.get_by_role("tab", name="Evaluate").click()
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_text("mine.jsonl").filter(visible=True).first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Run evaluation").click()
    page.get_by_text("2 questions").wait_for(timeout=60_000)
    text = page.locator("body").inner_text()
    assert "citation_precision" in text and "recall@5 by category" in text
    page.locator("img[src*='by_category']").first.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "evaluate.png"))
    page.locator("button[aria-label='Clear']").first.click()
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("broken.jsonl").filter(visible=True).first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Run evaluation").click()
    page.get_by_text("line 2: not valid JSON").wait_for(timeout=30_000)
    page.close()
