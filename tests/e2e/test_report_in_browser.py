"""The report in a real browser: headless Chromium opens the page, with no network, and shows it.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: file descriptors 3
and 4), so the test needs nothing beyond the standard library and Debian's ``chromium`` package. It
collects every console message, uncaught exception, log entry and network request while the page loads.

Set ``PSR_UPDATE_SCREENSHOT=1`` to write the screenshot to ``docs/images/report.png`` (the README shows
it). Where Chromium is missing the test is skipped, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from psr_adapters.dataset import read_dataset
from psr_adapters.report import Period, build_report, render_html
from psr_adapters.report.document import psr_version

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "chorley" / "chorley.yaml"
FALLBACK = ROOT / "tests" / "data" / "small.yaml"
MADE = date(2016, 4, 12)
"""The day the test's report says it was made."""
SCREENSHOT = ROOT / "docs" / "images" / "report.png"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
INSTALL = "apt-get install -y chromium"


def chromium_path() -> str:
    """The browser to use, or a skip (a failure under CI) that says how to install it."""
    found = os.environ.get("PSR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = f"Chromium is not installed (Debian: {INSTALL}); the report's browser test needs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class DevTools:
    """A minimal DevTools protocol client over Chromium's debugging pipe."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def wire_pipes() -> None:  # in the child: the browser reads fd 3 and writes fd 4
            keep_in, keep_out = os.dup(to_browser), os.dup(from_browser)
            os.dup2(keep_in, 3)
            os.dup2(keep_out, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(3, 4),
            preexec_fn=wire_pipes,  # the test process runs no threads; the pipes must become fds 3 and 4
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process.stderr is not None:
            self.process.stderr.close()
        os.close(self._write)
        os.close(self._read)

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._read], [], [], left)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the debugging pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        """Send a command and return its result; events that arrive meanwhile are kept in ``events``."""
        self._next += 1
        command: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session is not None:
            command["sessionId"] = session
        os.write(self._write, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            message = self._message(deadline)
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method} failed: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, session: str, timeout: float = 30) -> dict[str, Any]:
        """The first event ``method`` from the tab attached as ``session``, waiting for it if need be."""
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        deadline = time.monotonic() + timeout
        while True:
            message = self._message(deadline)
            self.events.append(message)
            if message.get("method") == method and message.get("sessionId") == session:
                return message

    def drain(self, seconds: float) -> None:
        """Keep collecting events for ``seconds`` (late console messages, late requests)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._message(deadline))
        except TimeoutError:
            return


class Visit:
    """What Chromium saw while loading one page."""

    def __init__(self, tools: DevTools, session: str, url: str) -> None:
        self.tools, self.session, self.url = tools, session, url

    def events(self) -> list[dict[str, Any]]:
        """The events of this tab."""
        return [event for event in self.tools.events if event.get("sessionId") == self.session]

    @property
    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries, as text."""
        found = []
        for event in self.events():
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(
                    "console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                )
            elif method == "Runtime.exceptionThrown":
                found.append("exception: " + params["exceptionDetails"].get("text", ""))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}".strip())
        return found

    @property
    def requests(self) -> list[str]:
        return [
            event["params"]["request"]["url"]
            for event in self.events()
            if event.get("method") == "Network.requestWillBeSent"
        ]

    def evaluate(self, expression: str) -> Any:
        result = self.tools.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session
        )
        return result["result"].get("value")

    def screenshot(self, width: int, height: int, scale: float = 1) -> bytes:
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}
        result = self.tools.send(
            "Page.captureScreenshot",
            {"format": "png", "clip": clip, "captureBeyondViewport": True},
            self.session,
        )
        return base64.b64decode(result["data"])

    def pdf(self) -> bytes:
        result = self.tools.send("Page.printToPDF", {"preferCSSPageSize": True}, self.session)
        return base64.b64decode(result["data"])


@pytest.fixture(scope="module")
def browser() -> Iterator[DevTools]:
    executable = chromium_path()
    with tempfile.TemporaryDirectory(prefix="psr-chromium-") as profile:
        tools = DevTools(executable, Path(profile))
        try:
            yield tools
        finally:
            tools.close()


def visit(tools: DevTools, page: Path, width: int = 1280, height: int = 1600) -> Visit:
    """Open ``page`` in a new tab and wait until it has loaded and settled."""
    tools.events.clear()
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Runtime", "Log", "Network", "Page"):
        tools.send(f"{domain}.enable", {}, session)
    tools.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        session,
    )
    tools.send("Page.navigate", {"url": page.as_uri()}, session)
    tools.wait_for("Page.loadEventFired", session)
    tools.drain(0.5)
    return Visit(tools, session, page.as_uri())


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the rows of an 8-bit RGB or RGBA PNG, unfiltered (enough for a screenshot)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks = 8, b""
    width = height = channels = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8, f"unexpected PNG bit depth {depth}"
            assert colour in (2, 6), f"unexpected PNG colour type {colour}"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    raw = zlib.decompress(chunks)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        method = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if method == 1:
                line[i] = (line[i] + left) & 0xFF
            elif method == 2:
                line[i] = (line[i] + up) & 0xFF
            elif method == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif method == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def colours(png: bytes) -> dict[bytes, int]:
    """How many pixels of each colour the PNG has."""
    width, _height, rows = png_pixels(png)
    channels = len(rows[0]) // width
    counts: dict[bytes, int] = {}
    for row in rows:
        for x in range(0, len(row), channels):
            pixel = row[x : x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    return counts


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example report for a quarter with something in every section, written to a file."""
    source = EXAMPLE if EXAMPLE.exists() else FALLBACK
    quarter = "2016Q1" if source == EXAMPLE else "2015Q3"
    history = read_dataset(source)
    document = build_report(
        history, "chorley", None, Period.of_quarter(quarter), source=source.name, made=MADE
    )
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(render_html(document), encoding="utf-8")
    return page


def test_the_harness_sees_console_errors_and_failed_loads(browser: DevTools, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><title>broken</title><img src='missing.png' alt=''>"
        "<script>console.error('boom'); undefinedFunction();</script>",
        encoding="utf-8",
    )
    seen = visit(browser, page)
    problems = "\n".join(seen.problems)
    assert "boom" in problems
    assert "undefinedFunction" in problems or "exception" in problems
    assert "missing.png" in problems


def test_the_report_loads_without_console_errors_or_network(browser: DevTools, report_page: Path) -> None:
    seen = visit(browser, report_page)
    assert seen.problems == []
    assert [url for url in seen.requests if url != seen.url] == [], "the page must need nothing else"
    assert seen.evaluate("document.title").startswith("Quarterly scrutiny report")
    sections = seen.evaluate("Array.from(document.querySelectorAll('main > section')).map(s => s.id)")
    assert sections == [
        "summary",
        "meetings",
        "attendance",
        "statistics",
        "findings",
        "contributions",
        "declarations",
    ]
    charts = seen.evaluate(
        "Array.from(document.querySelectorAll('svg')).map(s => s.getBoundingClientRect().height)"
    )
    assert charts, "the page has charts"
    assert all(height > 50 for height in charts), f"every chart is drawn: {charts}"


def test_the_report_is_not_blank_and_the_screenshot_is_kept_on_request(
    browser: DevTools, report_page: Path
) -> None:
    seen = visit(browser, report_page)
    height = int(seen.evaluate("document.documentElement.scrollHeight"))
    assert height > 2000, "the report is several screens long"
    small = seen.screenshot(1280, 1600, scale=0.25)
    counts = colours(small)
    total = sum(counts.values())
    assert len(counts) > 20, "the screenshot has text and colour, not one flat fill"
    assert max(counts.values()) / total < 0.9, "the page is mostly one colour: blank?"
    full = seen.screenshot(1280, 1600)
    assert full[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("PSR_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(full)


def test_the_report_prints_on_a4(browser: DevTools, report_page: Path) -> None:
    seen = visit(browser, report_page)
    pdf = seen.pdf()
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert len(boxes) >= 3, "the report prints on several pages"
    for width, height in boxes:
        sides = sorted((float(width), float(height)))
        assert abs(sides[0] - 595.3) < 3, f"an A4 page is 595 points wide, found {sides}"
        assert abs(sides[1] - 841.9) < 3, f"an A4 page is 842 points high, found {sides}"


def pdf_text(pdf: bytes) -> list[str]:
    """The text Chromium printed on each drawn layer of a PDF: the glyphs of every ``Tj`` mapped back to
    characters through their font's ``ToUnicode`` map (enough for Chromium's own PDFs)."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}

    def stream(body: bytes) -> bytes:
        found = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
        try:
            return zlib.decompress(found.group(1)) if found else b""
        except zlib.error:  # an image, not a content stream
            return b""

    maps: dict[int, dict[int, str]] = {}
    for number, body in objects.items():
        reference = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if reference is None:
            continue
        cmap, table = stream(objects[int(reference.group(1))]), {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for glyph, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(glyph, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
            for first, last, text in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
            ):
                for offset, glyph in enumerate(range(int(first, 16), int(last, 16) + 1)):
                    table[glyph] = chr(int(text, 16) + offset)
        maps[number] = table
    fonts = {
        name: int(ref) for body in objects.values() for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body)
    }
    layers = []
    for body in objects.values():
        content = stream(body)
        if b" Tj" not in content:
            continue
        font: dict[int, str] = {}
        text = []
        for token in re.finditer(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj", content):
            if token.group(1):
                font = maps.get(fonts.get(token.group(1), -1), {})
            else:
                glyphs = token.group(2)
                text += [font.get(int(glyphs[i : i + 4], 16), "?") for i in range(0, len(glyphs), 4)]
        layers.append("".join(text))
    return layers


def test_every_printed_page_has_the_running_footer(browser: DevTools, report_page: Path) -> None:
    """Page numbers, the day the report was made, psr's version and the policy, on every page."""
    pdf = visit(browser, report_page).pdf()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    printed = " ".join(pdf_text(pdf))
    numbers = [(int(n), int(of)) for n, of in re.findall(r"Page\s*(\d+)\s*of\s*(\d+)", printed)]
    assert sorted(numbers) == [(n, pages) for n in range(1, pages + 1)]
    footer = f"policy chorley-2015 · made Tue 12 Apr 2016 · psr {psr_version()}"
    assert printed.count(footer) == pages
