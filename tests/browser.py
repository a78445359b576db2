"""Serving the real UI in-process and driving it with Debian's Chromium through Playwright."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(engine) -> Iterator[str]:
    import app

    demo = app.build_ui(engine)
    port = free_port()
    app.launch(demo, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@contextmanager
def browser_page(width: int = 1400, height: int = 1000) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            yield page
        finally:
            browser.close()


@contextmanager
def browser_pages(n: int) -> Iterator[list]:
    """n pages in separate browser contexts: n independent sessions, as n people would have."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield [browser.new_context(viewport={"width": 1400, "height": 1000}).new_page() for _ in range(n)]
        finally:
            browser.close()


def ask(page, url: str, question: str, timeout_ms: int = 120_000) -> None:
    """Open the page, ask, and wait for the answer to be final."""
    page.goto(url, wait_until="load")
    send(page, question)
    wait_answers(page, 1, timeout_ms)


def send(page, question: str, enter: bool = False) -> None:
    page.locator("#question textarea").fill(question)
    if enter:
        page.locator("#question textarea").press("Enter")
    else:
        page.locator("#ask").click()


def wait_answers(page, n: int, timeout_ms: int = 120_000) -> None:
    """Wait until the chat holds at least n answers and none is still in progress or queued."""
    page.wait_for_function(
        f"() => {{ const b = [...document.querySelectorAll('#chat .bot-row')]; return b.length >= {n}"
        " && b.every(m => !m.innerText.includes('⏳')); }", timeout=timeout_ms)


def answers(page) -> list[str]:
    return page.locator("#chat .bot-row").all_inner_texts()
