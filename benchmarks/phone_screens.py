"""Where the five one-sentence answers end on a phone (issue 16: within three screens at 390 x 844 px), and
whether any page scrolls sideways, in headless Chromium against the real server.

    .venv/bin/python benchmarks/phone_screens.py                 # every fictional half but the sealed, and the examples
    .venv/bin/python benchmarks/phone_screens.py --half round9   # one half (repeatable), the examples too
    .venv/bin/python benchmarks/phone_screens.py --shots DIR --shoot NAME ...   # and full-page screenshots of these
                                                                 # examples at 390 and 1280 px into DIR

A fictional report is pasted with its patient's answers as the page's form takes them (the first cause, the
event's date and words, the symptoms); an example is opened by its link. Chromium is Debian's build
(HOGUIDE_CHROMIUM overrides the path), driven by Playwright, as in tests/web/test_browser.py.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from playwright.sync_api import Page, sync_playwright

from fictional_reports import examples, fictional
from hoguide.web.app import create_app
from hoguide.web.settings import WebSettings

CHROMIUM = os.environ.get("HOGUIDE_CHROMIUM", "/usr/lib/chromium/chromium")
QUIET = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
QUESTIONS = ("cause", "growth", "treatment", "recovery", "recurrence")


def serve() -> tuple[str, uvicorn.Server]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings()), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def form_fields(text: str, answers: dict[str, Any] | None) -> dict[str, Any]:
    """The page's form as a patient would fill it from their answers file."""
    a = answers or {}
    fields: dict[str, Any] = {"report": text, "view": "patient", "cause": (a.get("causes") or [""])[0],
                              "event_date": a.get("event_date", ""), "event_text": a.get("event", ""),
                              "symptoms_text": a.get("symptoms_text", ""), "symptoms": a.get("symptoms") or []}
    for name, key in (("prior_excision", "prior_excision"), ("known_fop", "known_fop"),
                      ("big_toes", "big_toes_short_or_bent_from_birth"),
                      ("lump_after_knock", "hard_lump_after_minor_knock")):
        fields[name] = "yes" if a.get(key) else ""
    return fields


POST = """fields => {const f = document.createElement('form'); f.method = 'post'; f.action = '/explain';
  for (const [k, v] of Object.entries(fields)) for (const x of (Array.isArray(v) ? v : [v])) {
    const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = x; f.appendChild(i);}
  document.body.appendChild(f); f.submit();}"""


def measure(page: Page) -> tuple[float, int, int]:
    """(where the last short answer ends, in phone screens; the page's width; its whole height)."""
    page.wait_for_selector("#q-recurrence .short")
    boxes = [page.locator(f"#q-{q} .short").bounding_box() for q in QUESTIONS]
    lowest = max(b["y"] + b["height"] for b in boxes if b)
    width = int(page.evaluate("document.documentElement.scrollWidth"))
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    return lowest / PHONE["height"], width, height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", action="append", help="a fictional half (default: every one but the sealed)")
    parser.add_argument("--shots", type=Path, help="a folder for screenshots (outside the repository)")
    parser.add_argument("--shoot", action="append", default=[], help="an example to photograph")
    args = parser.parse_args()
    base, server = serve()
    screens: list[float] = []
    sideways: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        page = browser.new_context(viewport=PHONE, base_url=base).new_page()
        reports = [(n, t, a) for n, t, a, _ in fictional(tuple(args.half) if args.half else None)]
        for name, text, answers in [*reports, *((n, t, None) for n, t in examples())]:
            if name.startswith("example:"):
                page.goto(f"/example/{name.split(':', 1)[1]}")
            else:
                page.goto("/")
                with page.expect_navigation():
                    page.evaluate(POST, form_fields(text, answers))
            at, width, height = measure(page)
            screens.append(at)
            if width > PHONE["width"]:
                sideways.append(f"{name} ({width}px)")
            print(f"{name:55s} fifth short answer ends at {at:4.2f} screens; page {height / PHONE['height']:4.1f} "
                  f"screens, {width}px wide")
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
            for name in args.shoot:
                page.goto(f"/example/{name}")
                for label, size in (("390", PHONE), ("1280", DESKTOP)):
                    page.set_viewport_size(size)
                    page.screenshot(path=str(args.shots / f"{name}-{label}.png"), full_page=True)
                    page.screenshot(path=str(args.shots / f"{name}-{label}-first-screen.png"))
                    if int(page.evaluate("document.documentElement.scrollWidth")) > size["width"]:
                        sideways.append(f"{name} at {label}px")
                page.set_viewport_size(PHONE)
        browser.close()
    server.should_exit = True
    print(f"== {len(screens)} pages at 390 px: the fifth short answer ends at median {statistics.median(screens):.2f} "
          f"screens, max {max(screens):.2f}; over three screens: {sum(s > 3 for s in screens)}; "
          f"sideways scroll: {', '.join(sideways) or 'none'}")


if __name__ == "__main__":
    main()
