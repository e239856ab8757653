"""The Gradio app, live: gradio_client against a server the test starts, and a real Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, ROOT, LiveApp, choose_file

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
                                "retrievers", "clause_similarity", "clause_multilingual", "precedent",
                                "precedent_nearest", "precedent_multilingual", "precedent_multilingual_nearest"}


def test_api_errors_are_readable_and_the_server_keeps_serving(client):
    for bad in ("", "x" * 3000):
        with pytest.raises(Exception, match="query"):
            client.predict(question=bad, history=[], api_name="/ask")
    with pytest.raises(Exception, match="unknown area"):
        client.predict(query="health", area="Z", api_name="/search")
    assert "15.4" in client.predict(question="digital signatures", history=[], api_name="/ask")["citations"][:2]


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
def test_browser_staff_search_cut_filters_export(server, browser):
    """Staff's search: where the relevant actions stop, a plain "nothing matches", the goal filter narrowed
    by the area, the export named after the search with the search inside, the citation list."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    page.get_by_role("tab", name="Search").click()
    _choose(page, "filter-area", "A")
    page.locator("#filter-goal input").click()
    listbox = page.locator(f"#{page.locator('#filter-goal input').get_attribute('aria-controls')}")
    goals = [t.replace("✓", "").strip() for t in listbox.locator("[role=option]").all_inner_texts()]
    assert goals == ["all", "1 Regional Infrastructure", "2 Community Centres", "3 Online schools and libraries",
                     "4 Online health centres", "5 Employment", "6 Local government", "7 Alternative technologies"]
    page.keyboard.press("Escape")
    page.get_by_label("Query").fill("training")
    page.get_by_role("button", name="Search", exact=True).click()
    status = page.locator("#search-status")
    status.get_by_text("weaker matches below").wait_for(timeout=30_000)
    strong = int(status.inner_text().split()[0])
    levels = [t.strip() for t in page.locator("#results [data-testid^='cell-'][data-col='1']").all_inner_texts()]
    areas = {t.strip() for t in page.locator("#results [data-testid^='cell-'][data-col='3']").all_inner_texts()}
    assert 'match "training" in area A' in status.inner_text() and areas == {"A"}
    assert levels[:strong] == ["strong"] * strong and "strong" not in levels[strong:] and 2 <= strong < len(levels)
    actions = [t.strip() for t in page.locator("#results [data-testid^='cell-'][data-col='0']").all_inner_texts()]
    assert {"3.3", "4.2", "6.3"} <= set(actions[:strong])  # "Train ... teachers", "ICT training programmes"
    _shot(page, "search-cut.png")
    links = page.locator("#csv a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    csv_link = next(h for h in links if h.endswith(".csv"))
    assert csv_link.endswith("/elac-training-areaA-" + csv_link.rsplit("-areaA-", 1)[1]) and any(
        h.endswith(".md") for h in links)
    page.locator("#csv a[href$='.docx']").first.wait_for(timeout=30_000)  # the Word briefing, written just after
    rows = _download(server, csv_link).decode("utf-8").splitlines()
    assert rows[:3] == ["query,training", "filters,area A", "retriever,hybrid"] and rows[3].startswith("date,2")
    assert rows[6].startswith("action,match,goal,area,deadline,text") and rows[7].split(",")[1] == "strong"
    cited = page.locator("#citation-list textarea").input_value().splitlines()
    assert len(cited) == strong and all(line.startswith("eLAC 2007, action ") for line in cited)

    page.get_by_label("Query").fill("xyzzy blockchain")
    page.get_by_role("button", name="Search", exact=True).click()
    status.get_by_text("Nothing in the plan matches").wait_for(timeout=30_000)
    levels = {t.strip() for t in page.locator("#results [data-testid^='cell-'][data-col='1']").all_inner_texts()}
    assert levels == {"weak"}
    _shot(page, "search-nothing.png")
    page.close()


@pytest.mark.browser
def test_browser_jump_highlight_and_citation_links(server, browser):
    """Browse jumps to a goal by title and highlights it with a shareable link; a link opens its place; a
    citation in a chat answer opens the action in the side panel."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    page.get_by_role("tab", name="Browse").click()
    page.locator("#jump textarea").fill("electronic government")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_function("location.hash === '#goal-15'", timeout=20_000)
    assert page.locator("#card").inner_text().startswith("Goal 15: Electronic government")
    highlighted = page.locator(".elac-highlight")
    assert highlighted.count() == 1 and highlighted.get_attribute("id") == "goal-15"
    assert highlighted.is_visible() and "15.4" in highlighted.inner_text()
    _shot(page, "browse-jump.png")

    marks = page.locator("#timeline a")
    assert marks.count() == 70  # the deadline timeline above the plan: every action, each a link
    marks.filter(has_text="22.1").first.click()
    page.wait_for_function("document.querySelector('.elac-highlight')?.id === 'action-22.1'", timeout=20_000)
    _shot(page, "browse-timeline.png")

    shared = browser.new_page(viewport={"width": 1400, "height": 1000})
    shared.goto(server.rstrip("/") + "/#action-22.1")  # a link someone shared
    shared.wait_for_function("document.querySelector('.elac-highlight')?.id === 'action-22.1'", timeout=30_000)
    assert shared.locator("#action-22\\.1").is_visible()
    shared.close()

    page.get_by_role("tab", name="Chat").click()
    _ask(page, "How will rural schools get online?")
    page.locator("#chatbot a[href='#action-3.2']").first.wait_for(timeout=60_000)
    page.locator("#chatbot a[href='#action-3.2']").first.click()
    page.wait_for_function("document.querySelector('#action-panel').innerText.includes('Action 3.2')",
                           timeout=20_000)
    assert page.evaluate("location.hash") in ("", "#goal-15", "#action-22.1")  # the chat stays: the panel shows it
    # the answer's actions on the timeline (drawn after the answer: waited for, not read mid-render)
    page.wait_for_function("[...document.querySelectorAll('#answer-timeline a')].map((e) => e.textContent.trim())"
                           ".sort().join(',') === '3.1,3.2,3.3'", timeout=60_000)
    deadlines = page.locator("#answer-timeline a")
    assert sorted(deadlines.evaluate_all("els => els.map((e) => e.textContent.trim())")) == ["3.1", "3.2", "3.3"]
    _shot(page, "chat-citation-link.png")
    page.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # let the last update settle: the picture is for people, not an assertion
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _choose(page, elem_id: str, option: str) -> None:
    """Pick ``option`` in the Gradio dropdown ``elem_id`` (its own list: another may still be open)."""
    box = page.locator(f"#{elem_id} input")
    box.click()
    page.locator(f"#{box.get_attribute('aria-controls')} [role=option][aria-label='{option}']").click()


def _download(server: str, href: str) -> bytes:
    with urllib.request.urlopen(href if href.startswith("http") else server.rstrip("/") + href) as response:
        return response.read()


@pytest.mark.browser
def test_browser_evaluator_failures_compare_and_baseline(server, browser, tmp_path):
    """The evaluator's path: an upload with one bad line and a numeric label, "all" run, the failures
    table, one failing question's ranked list, hybrid against dense question by question, the run
    downloaded, then uploaded as the baseline: the regression report."""
    questions = tmp_path / "mine.jsonl"
    questions.write_text("\n".join([
        '{"id": "sig", "question": "digital signatures", "relevant": [15.4], "category": "lookup"}',
        '{"id": "rural", "question": "How will rural schools get online?", "relevant": ["3.1"]}',
        '{"id": "groups", "question": "Which actions create working groups?", "relevant": ["5.1", "8.1", "25"]}',
        '{oops',
        '{"id": "cup", "question": "Who won the 2006 football World Cup?", "relevant": [], "category": "unanswerable"}',
        '{"id": "cloud", "question": "What about cloud computing?", "relevant": [], "category": "unanswerable"}',
    ]) + "\n")
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(server)
    page.get_by_role("tab", name="Evaluate").click()
    template = page.locator("#eval-template")
    with page.expect_download() as got:
        template.click()
    lines = Path(got.value.path()).read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["question"] for line in lines)

    choose_file(page, "#eval-upload", questions)
    page.get_by_role("radio", name="all", exact=True).check()
    page.get_by_role("button", name="Run evaluation").click()
    metrics = page.locator("#metrics")
    metrics.get_by_text("5 questions").wait_for(timeout=240_000)
    text = metrics.inner_text()
    assert "1 line(s) skipped" in text and "line 4: not valid JSON" in text
    assert "unanswerable" in text and "citation_precision" in text and "dense" in text
    assert "/tmp" not in text and "gradio" not in text  # the file the user chose, never a server path

    page.get_by_text("hybrid:", exact=False).filter(visible=True).first.wait_for(timeout=60_000)

    def column(col: int):  # the table's visible cells of one column (Gradio also renders a hidden sizing copy)
        return page.locator(f"#questions [data-testid^='cell-'][data-col='{col}']")

    ids = [t.strip() for t in column(0).all_inner_texts()]
    assert ids and set(ids) <= {"sig", "rural", "groups", "cup", "cloud"}, ids
    verdicts = {t.strip() for t in column(1).all_inner_texts()}
    assert verdicts and "ok" not in verdicts, verdicts  # failures only, by default
    _shot(page, "evaluate.png")

    column(0).filter(has_text=ids[0]).first.click()
    failing = ids
    detail = page.locator("#question-detail")
    detail.get_by_text("Ranked list (top 10)").wait_for(timeout=20_000)
    assert failing[0] in detail.inner_text() and "Goal " in detail.inner_text()
    _shot(page, "evaluate-question.png")

    _choose(page, "question-filter", "all")
    page.get_by_text("hybrid: 5 of 5 questions (all)").wait_for(timeout=20_000)
    assert "ok" in {t.strip() for t in column(1).all_inner_texts()}

    _choose(page, "compare-base", "hybrid")
    _choose(page, "compare-new", "dense")
    page.get_by_role("button", name="Compare", exact=True).click()
    comparison = page.locator("#comparison")
    comparison.get_by_text("Wilcoxon").wait_for(timeout=20_000)
    assert "dense against hybrid" in comparison.inner_text() and "recall@5" in comparison.inner_text()
    _shot(page, "evaluate-compare.png")

    href = page.locator("#run-file a").first.get_attribute("href")
    assert href and "elac-run-mine-all-" in href
    run = json.loads(_download(server, href))
    assert run["format"] == "elac-run/1" and [r["retriever"] for r in run["reports"]][:2] == ["hybrid", "dense"]
    assert {q["id"] for q in run["reports"][0]["questions"]} == {"sig", "rural", "groups", "cup", "cloud"}
    saved = tmp_path / "baseline.json"
    saved.write_bytes(_download(server, href))

    page.locator("#baseline-upload input[type=file]").set_input_files(str(saved))
    regression = page.locator("#regression")
    regression.get_by_text("Regression report against baseline.json").wait_for(timeout=30_000)
    assert "No headline metric fell by more than 0.01" in regression.inner_text()
    assert "hybrid now against hybrid in baseline.json" in regression.inner_text()
    _shot(page, "evaluate-baseline.png")
    page.close()


@pytest.mark.browser
def test_browser_evaluate_tab_refuses_a_file_with_no_good_line(server, browser, tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"question": "x", "relevant": ["99.9"]}\n{oops\n')
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    page.get_by_role("tab", name="Evaluate").click()
    choose_file(page, "#eval-upload", bad)
    page.get_by_role("button", name="Run evaluation").click()
    page.get_by_text("no question can be evaluated").wait_for(timeout=30_000)
    text = page.locator("#metrics").inner_text()
    assert "broken.jsonl" in text and "line 1" in text and "/tmp" not in text
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(("locale", "lang", "tabs", "ask", "lead"), [
    ("es-ES", "es", ["Conversación", "Búsqueda", "Explorar", "Evaluar"], "Preguntar", "Acción 3.1 (Meta 3: Escuelas"),
    ("pt-BR", "pt", ["Conversa", "Busca", "Explorar", "Avaliar"], "Perguntar", "Ação 3.1 (Meta 3: Escolas"),
])
def test_browser_interface_in_the_browsers_language(server, browser, locale, lang, tabs, ask, lead, tmp_path):
    ask_words = {"es": "capacitación", "pt": "capacitação"}  # a topic of several actions
    """Opened in a Spanish or Portuguese browser: tabs, buttons and examples in that language; an example
    asked is answered in it; its briefing note downloaded in it; Gradio's Settings switches to English."""
    import docx

    from assistant.uiwords import ui_words

    words = ui_words(lang, "app")
    context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(server)
    page.get_by_role("tab", name=tabs[0]).wait_for(timeout=30_000)
    assert [t.strip() for t in page.get_by_role("tab").all_inner_texts()] == tabs
    assert page.locator("#ask").inner_text().strip() == ask
    examples = [t.strip() for t in page.locator("#examples button").all_inner_texts()]
    assert examples == [words[f"example_{i}"] for i in range(1, 7)]
    page.locator("#examples button").first.click()
    chat = page.locator("#chatbot")
    chat.get_by_text(lead).first.wait_for(timeout=60_000)
    card = ui_words(lang, "card")
    panel = page.locator("#action-panel")
    panel.get_by_text(f"{card['action']} 3.1", exact=True).wait_for(timeout=30_000)  # (after any pending update)
    assert panel.get_by_role("heading").first.inner_text().strip() == f"{card['action']} 3.1"
    assert f"({card['cited']})" in page.locator("#citations").inner_text()
    page.locator("#brief").click()
    link = page.locator("#briefing a[href$='.docx']").first
    link.wait_for(timeout=60_000)
    (tmp_path / "note.docx").write_bytes(_download(server, link.get_attribute("href")))
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "note.docx")).paragraphs]
    assert paragraphs[0].startswith(ui_words(lang, "briefing")["title"]) and any(p.startswith(lead.split(" (")[0][:4])
                                                                                  for p in paragraphs)
    _shot(page, f"app-{lang}.png")
    # the words the server writes: an empty question's error, the search's status, levels and headers, the
    # goal filter's titles, a goal card, an unknown number's error
    said, errors = ui_words(lang, "said"), ui_words(lang, "errors")
    page.locator("#ask").click()
    chat.get_by_text(errors["query_empty"][:20]).wait_for(timeout=30_000)
    page.get_by_role("tab", name=tabs[1]).click()
    page.locator("#query textarea").fill(ask_words[lang])
    page.locator("#search-go").click()
    status = page.locator("#search-status")
    status.get_by_text(said["ranked"].split("{")[0].strip()).wait_for(timeout=60_000)
    strong_many = said["strong_many"].split("{query}")[0].replace("{count}", "").strip()
    assert strong_many in status.inner_text(), status.inner_text()
    headers = [h.strip() for h in page.locator("#results thead th").all_inner_texts() if h.strip()]
    assert headers == [said[f"column_{c}"] for c in ("action", "match", "goal", "area", "deadline", "text")]
    levels = {t.strip() for t in page.locator("#results [data-testid^='cell-'][data-col='1']").all_inner_texts()}
    assert said["strong"] in levels and levels <= {said["strong"], said["partial"], said["weak"]}
    page.locator("#filter-goal input").click()
    goal_15 = "15 Gobierno electrónico" if lang == "es" else "15 Governo eletrônico"
    page.get_by_role("option", name=goal_15).wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    _shot(page, f"search-{lang}.png")
    page.get_by_role("tab", name=tabs[2]).click()
    page.locator("#jump textarea").fill("15")
    page.locator("#jump textarea").press("Enter")
    page.locator("#card").get_by_text(goal_15.replace("15 ", "Meta 15: ")).wait_for(timeout=30_000)
    page.locator("#jump textarea").fill("31.9")
    page.locator("#jump textarea").press("Enter")
    page.locator("#card").get_by_text(errors["unknown_action"].split("{")[0].strip()).wait_for(timeout=30_000)
    # the switch: Gradio's Settings, in the footer, has the language (labels change at once; a tab's own
    # label when it is next shown); the server's words follow it
    page.locator("footer button").last.click()
    page.get_by_role("combobox").last.click()
    page.locator("[role=option]").filter(has_text="English").first.click()
    page.mouse.click(50, 500)  # outside the Settings panel: it closes
    page.wait_for_function("document.querySelector('#ask').innerText.trim() === 'Ask'", timeout=10_000)
    assert page.locator("#examples button").first.inner_text().strip() == "How will rural schools get online?"
    page.get_by_role("tab", name="Search").click()
    page.locator("#search-go").click()
    status.get_by_text("Ranked by hybrid").wait_for(timeout=60_000)
    assert [h.strip() for h in page.locator("#results thead th").all_inner_texts() if h.strip()][:2] == [
        "action", "match"]
    context.close()


@pytest.mark.browser
def test_browser_a_follow_up_on_a_subject_the_action_lacks_says_which_action(server, browser):
    """A yes-or-no follow-up asked of the action just shown, on a subject it does not hold, is refused in the chat
    with the action and the word named, and cites nothing."""
    page, chat = _follow_up(server, browser, ("What is action 16.2?", "[16.2]"),
                            ("does it go into holograms at all?", "Action 16.2 does not mention"))
    assert "“holograms”" in chat.inner_text()
    _chat_shot(page, "chat-follow-up-refusal.png")


@pytest.mark.browser
def test_browser_a_follow_up_pointing_at_several_actions_names_them_when_none_holds_it(server, browser):
    """After an answer that cited several actions, "does either of them ..." is asked of them all: none holds the
    subject, and the chat names them and the word, citing nothing."""
    page, chat = _follow_up(server, browser, ("Which actions are about e-health?", "[17.1]"),
                            ("Does either of them mention vaccines?", "do not mention"))
    text = chat.inner_text()
    assert "“vaccines”" in text and "Actions 17.1, 17.2" in text
    _chat_shot(page, "chat-follow-up-several-refusal.png")


@pytest.mark.browser
def test_browser_a_yes_or_no_deadline_comparison_sets_the_two_actions_side_by_side(server, browser):
    """A yes-or-no follow-up that compares the action just shown with one it names answers with those two, their
    deadlines and whether they share one, not with every action of the plan due then."""
    page, chat = _follow_up(server, browser, ("What does action 14.1 ask for?", "[14.1]"),
                            ("was it due later than 14.2?", "do not share one deadline"))
    text = chat.inner_text()
    assert "the earliest is End of 2005 (14.2), the latest Mid-2007 (14.1)" in text and "[1.1]" not in text
    _chat_shot(page, "chat-deadline-comparison.png")


@pytest.mark.browser
def test_browser_an_action_of_that_goal_on_a_topic_is_the_one_that_holds_it(server, browser):
    """"Which action in the same goal deals with digital signatures?" after 15.1: the goal searched for the topic, the
    one action that holds it cited, not the goal's eight in their order."""
    page, chat = _follow_up(server, browser, ("What does 15.1 say?", "[15.1]"),
                            ("Which action in the same goal deals with digital signatures?", "[15.4]"))
    text = chat.inner_text()
    assert "electronic/digital signatures" in text
    assert not any(f"[15.{n}]" in text for n in (2, 3, 5, 6, 7, 8))
    _chat_shot(page, "chat-topic-in-that-goal.png")


@pytest.mark.browser
def test_browser_a_place_in_each_goal_of_a_titled_area_lists_those_actions(server, browser):
    """"the last action under each goal of the policy instruments area" (an area named by its title) is answered with
    the five actions at that place, each with its deadline, and none of the area's others."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    chat = page.locator("#chatbot")
    _ask(page, "What is the last action under each goal of the policy instruments area?")
    chat.get_by_text("[26.3]").first.wait_for(timeout=60_000)
    text = chat.inner_text()
    assert all(f"[{n}]" in text for n in ("22.2", "23.2", "24.2", "25", "26.3"))
    assert not any(f"[{n}]" in text for n in ("22.1", "23.1", "24.1", "26.1", "26.2"))
    _chat_shot(page, "chat-place-in-each-goal.png")


def _follow_up(server: str, browser, first: tuple[str, str], then: tuple[str, str]):
    """A new chat page with two questions asked, each (question, text its answer shows) waited for: (page, chat)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    chat = page.locator("#chatbot")
    for question, shown in (first, then):
        _ask(page, question)
        chat.get_by_text(shown).first.wait_for(timeout=60_000)
    return page, chat


def _chat_shot(page, name: str) -> None:
    """The chat's screenshot, saved for people to look at (checked to be a picture), and the page closed."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(1000)  # let the transition settle: the picture is for people, not an assertion
    page.screenshot(path=str(ARTIFACTS / name))
    assert (ARTIFACTS / name).stat().st_size > 10_000
    page.close()
