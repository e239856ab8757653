"""The Gradio app, live: gradio_client against a server the test starts, and a real Chromium."""

from __future__ import annotations

import urllib.request

import pytest

from .conftest import ARTIFACTS, LiveApp

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
    text, citations = client.predict(question="How will rural schools get online?", history=[], api_name="/ask")
    assert citations[0] == "3.1" and "[3.1]" in text


def test_api_ask_with_history(client):
    history = [{"question": "How will rural schools get online?", "citations": ["3.1", "3.2"]}]
    text, citations = client.predict(question="what is its deadline?", history=history, api_name="/ask")
    assert citations == ["3.1"] and text.startswith("Action 3.1 is due Mid-2007.")


def test_api_search_with_filters(client):
    hits = client.predict(query="working group", top_k=5, area="D", api_name="/search")
    assert hits and all(h["area"] == "D" for h in hits)
    assert {"action", "goal", "goal_title", "deadline", "text", "score", "retrievers"} <= set(hits[0])


def test_api_errors_are_readable_and_the_server_keeps_serving(client):
    for bad in ("", "x" * 3000):
        with pytest.raises(Exception, match="query"):
            client.predict(question=bad, history=[], api_name="/ask")
    with pytest.raises(Exception, match="unknown area"):
        client.predict(query="health", area="Z", api_name="/search")
    _, citations = client.predict(question="digital signatures", history=[], api_name="/ask")
    assert citations[0] == "15.4"


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
