"""The pages in headless Chromium (Debian's build, driven by Playwright) against the real server:
a person pastes a report, reads and folds the answers, switches views and sends bad input;
axe-core finds no serious or critical accessibility problem; screenshots go to test-output/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from hoguide.examples import example_bytes

playwright_api = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

CHROMIUM = Path(os.environ.get("HOGUIDE_CHROMIUM", "/usr/lib/chromium/chromium"))
SHOTS = Path(__file__).parents[2] / "test-output" / "screenshots"
# Without these, Chromium tries to reach Google's services, which this closed network refuses.
QUIET = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}; .ci/run installs Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set HOGUIDE_CHROMIUM)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=QUIET)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport=DESKTOP, base_url=base_url)  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()


def serious_violations(page: object) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def shoot(page: object, name: str) -> None:
    """Screenshots at phone and desktop widths; the page must never scroll sideways (WCAG reflow)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)  # type: ignore[attr-defined]
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)  # type: ignore[attr-defined]
        width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
        assert width <= size["width"], f"{name} scrolls sideways at {label} width ({width}px)"


def test_paste_read_fold_and_switch(page: object) -> None:
    p = page
    p.goto("/")  # type: ignore[attr-defined]
    assert serious_violations(p) == []
    shoot(p, "index")
    p.fill("#report", example_bytes("hip_arthroplasty_brooker_3").decode())  # type: ignore[attr-defined]
    p.check("input[name=symptoms][value=stiffness]")  # type: ignore[attr-defined]
    p.click("button[value=patient]")  # type: ignore[attr-defined]
    p.wait_for_selector("#q-cause")  # type: ignore[attr-defined]
    assert p.locator(".answer details").count() == 5  # type: ignore[attr-defined]
    assert "hip replacement" in p.inner_text("#q-cause .short")  # type: ignore[attr-defined]
    assert serious_violations(p) == []
    shoot(p, "result-patient")
    more = p.locator("#q-growth details")  # type: ignore[attr-defined]
    full = p.locator("#q-growth details > p").first  # type: ignore[attr-defined]
    assert more.get_attribute("open") is None and not full.is_visible()  # folded: the short answer only
    p.locator("#q-growth summary").click()  # type: ignore[attr-defined]
    assert more.get_attribute("open") == "" and full.is_visible()
    p.locator("#q-growth summary").focus()  # type: ignore[attr-defined]
    p.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert more.get_attribute("open") is None  # the keyboard folds it again
    p.click("button[value=clinician]")  # type: ignore[attr-defined]
    p.wait_for_selector(".summary-line")  # type: ignore[attr-defined]
    line = p.inner_text(".summary-line")  # type: ignore[attr-defined]
    assert line.index("Summary") == 0 and "Brooker III" in line and "hip replacement" in line.lower()
    assert p.locator(".clinician").count() >= 5  # type: ignore[attr-defined]
    assert p.locator(".notice").count() == 0  # type: ignore[attr-defined]
    table = p.inner_text("table")  # type: ignore[attr-defined]
    assert "brooker III" in table and "present" in table and "right" in table
    assert p.locator(".refs a[href^='https://']").count() >= 1  # type: ignore[attr-defined]
    assert serious_violations(p) == []
    shoot(p, "result-clinician")


def test_five_short_answers_within_three_phone_screens(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=base_url)  # type: ignore[attr-defined]
    p = context.new_page()
    for name in ("spinal_cord_injury_bilateral_hips", "suspected_fop_child", "hip_arthroplasty_brooker_3"):
        p.goto(f"/example/{name}")
        bottoms = [p.locator(f"#q-{q} .short").bounding_box() for q in
                   ("cause", "growth", "treatment", "recovery", "recurrence")]
        assert all(b is not None and b["height"] > 0 for b in bottoms), name
        lowest = max(b["y"] + b["height"] for b in bottoms if b)
        assert lowest <= 3 * PHONE["height"], f"{name}: the last short answer ends at {lowest}px"
        sources = p.locator("h2", has_text="Sources").bounding_box()
        report = p.locator(".annotated").first.bounding_box()
        assert lowest < report["y"] < sources["y"]  # answers, then the report, then the sources last
    context.close()


def test_a_report_word_explains_itself_to_the_keyboard(page: object) -> None:
    p = page
    p.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    p.goto("/example/spinal_cord_injury_bilateral_hips")  # type: ignore[attr-defined]
    p.locator("#q-recurrence summary").focus()  # type: ignore[attr-defined]
    report = p.locator(".annotated details")  # type: ignore[attr-defined]
    assert report.get_attribute("open") is None  # the report is folded under its heading as the page opens
    for _ in range(200):  # Tab on, past the answers and the questions, to the report; Enter opens it
        p.keyboard.press("Tab")  # type: ignore[attr-defined]
        if p.evaluate("document.activeElement.closest('.annotated summary') !== null"):  # type: ignore[attr-defined]
            p.keyboard.press("Enter")  # type: ignore[attr-defined]
            assert report.get_attribute("open") == ""
        if p.evaluate("document.activeElement.classList.contains('term')"):  # type: ignore[attr-defined]
            break
    focused = p.evaluate("""() => {const e = document.activeElement;
        const tip = document.getElementById(e.getAttribute('aria-describedby'));
        const box = tip.getBoundingClientRect();
        return {word: e.textContent, tip: tip.innerText, shown: getComputedStyle(tip).display !== 'none',
                role: tip.getAttribute('role'), right: box.right, width: innerWidth};}""")
    assert focused["shown"] and focused["role"] == "tooltip" and len(focused["tip"]) > 20, focused
    assert focused["right"] <= focused["width"], "the definition must not push the page sideways"
    # Screen readers hear the definition: it is the focused word's accessible description.
    snapshot = p.locator(":focus").evaluate("e => e.getAttribute('aria-describedby')")  # type: ignore[attr-defined]
    assert p.locator(f"#{snapshot}").inner_text().strip() == focused["tip"].strip()  # type: ignore[attr-defined]
    p.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert p.locator(f"#{snapshot}").is_hidden()  # type: ignore[attr-defined]  # focus moves on: it hides
    shoot(p, "result-annotated")


def test_an_ho_mention_links_to_the_answer_it_feeds(page: object) -> None:
    p = page
    p.goto("/example/hip_arthroplasty_brooker_3")  # type: ignore[attr-defined]
    p.locator(".annotated summary").click()  # type: ignore[attr-defined]  # the folded report, opened
    mention = p.locator(".report a.term.ho[href^='#q-']").first  # type: ignore[attr-defined]
    target = mention.get_attribute("href")
    mention.hover()
    assert "Explained in:" in p.locator(f"#{mention.get_attribute('aria-describedby')}").inner_text()  # type: ignore[attr-defined]
    mention.click()
    assert p.evaluate("location.hash") == target  # type: ignore[attr-defined]
    assert p.locator(f"{target} .short").is_visible()  # type: ignore[attr-defined]


def test_download_the_handout(page: object, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page.goto("/example/brain_injury_elbow")  # type: ignore[attr-defined]
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.click("text=Download a printable handout")  # type: ignore[attr-defined]
    path = tmp_path / "handout.pdf"
    download.value.save_as(path)
    assert download.value.suggested_filename == "hoguide-handout.pdf"
    reader = PdfReader(path)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert 1 <= len(reader.pages) <= 2
    assert "What caused the HO in my case?" in text and "Questions to ask your doctor" in text


def test_red_flags_come_first_on_screen(page: object) -> None:
    page.goto("/example/suspected_fop_child")  # type: ignore[attr-defined]
    flags = page.locator(".flags").bounding_box()  # type: ignore[attr-defined]
    answers = page.locator("h2", has_text="Your five questions").bounding_box()  # type: ignore[attr-defined]
    assert flags["y"] < answers["y"]
    shoot(page, "result-red-flags")


@pytest.mark.parametrize(
    ("fill", "upload", "message"),
    [
        ("", None, "the report is empty"),
        (None, ("photo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "is a picture"),
        (None, ("notes.txt", "text/plain", b"\x00\x01\x02"), "looks binary"),
    ],
)
def test_bad_input_shows_a_message(page: object, fill: str | None, upload: tuple[str, str, bytes] | None,
                                   message: str) -> None:
    page.goto("/")  # type: ignore[attr-defined]
    if fill is not None:
        page.fill("#report", fill)  # type: ignore[attr-defined]
    if upload is not None:
        name, kind, data = upload
        page.set_input_files("#upload", {"name": name, "mimeType": kind, "buffer": data})  # type: ignore[attr-defined]
    page.click("button[value=patient]")  # type: ignore[attr-defined]
    alert = page.locator("[role=alert]")  # type: ignore[attr-defined]
    assert message in alert.inner_text()
    assert serious_violations(page) == []


def test_folded_answers_and_definitions_work_without_javascript(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE, base_url=base_url, java_script_enabled=False)  # type: ignore[attr-defined]
    p = context.new_page()
    p.goto("/example/burns_elbow")
    full = p.locator("#q-treatment details > p").first
    assert not full.is_visible()
    p.locator("#q-treatment summary").click()
    assert full.is_visible()
    term = p.locator(".report button.term").first
    tip = p.locator(f"#{term.get_attribute('aria-describedby')}")
    assert not term.is_visible()  # the report is folded under its heading until opened
    p.locator(".annotated summary").click()
    assert term.is_visible() and tip.is_hidden()
    term.focus()
    assert tip.is_visible() and len(tip.inner_text()) > 20
    context.close()
