"""The report page, parsed: the sections in order, headings in order, tables with header cells, charts with
text alternatives, nothing fetched from elsewhere; and the figures it shows are the rules' own."""

from __future__ import annotations

import itertools
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest

from psr_adapters.dataset import read_dataset
from psr_adapters.report import Period, build_report, render_html
from psr_adapters.report.names import Names
from psr_core import CHORLEY_2015, History, Response, evaluate

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "chorley" / "chorley.yaml"
SMALL = ROOT / "tests" / "data" / "small.yaml"
SECTIONS = ["summary", "meetings", "attendance", "statistics", "findings", "contributions", "declarations"]
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source", "track", "embed"}


class Page(HTMLParser):
    """The parts of a page the checks look at, gathered in one pass."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self.sections: list[str] = []
        self.tables: list[dict[str, Any]] = []
        self.svgs: list[dict[str, Any]] = []
        self.ids: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.references: list[str] = []
        self.tags: set[str] = set()
        self.html_lang: str | None = None
        self._heading: list[str] | None = None
        self._capture: tuple[str, list[str]] | None = None
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.add(tag)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if "id" in attributes:
            self.ids[attributes["id"]] = tag
            if tag in ("title", "desc"):
                self._capture = (attributes["id"], [])
        for name in ("src", "href", "xlink:href", "action"):
            if name in attributes:
                self.references.append(attributes[name])
        if tag == "section" and self.stack and self.stack[-1] == "main":
            self.sections.append(attributes.get("id", ""))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
        if tag == "table":
            self.tables.append({"th": 0, "scopes": [], "rows": 0, "rows_with_th": 0, "caption": False})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            self.tables[-1]["scopes"].append(attributes.get("scope"))
        if tag == "tr" and self.tables and "tbody" in self.stack:
            self.tables[-1]["rows"] += 1
            self.tables[-1]["_row"] = False
        if tag == "th" and self.tables and "tbody" in self.stack:
            if not self.tables[-1].get("_row"):
                self.tables[-1]["rows_with_th"] += 1
            self.tables[-1]["_row"] = True
        if tag == "svg":
            self.svgs.append(
                {"role": attributes.get("role"), "labelledby": attributes.get("aria-labelledby", "")}
            )
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self.headings.append((int(tag[1]), " ".join("".join(self._heading).split())))
            self._heading = None
        if tag in ("title", "desc") and self._capture is not None:
            self.texts[self._capture[0]] = "".join(self._capture[1]).strip()
            self._capture = None
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._capture is not None:
            self._capture[1].append(data)
        self.text.append(data)

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def chorley() -> History:
    return read_dataset(EXAMPLE if EXAMPLE.exists() else SMALL)


def report_of(history: History, quarter: str, **options: Any) -> tuple[dict[str, Any], Page]:
    document = build_report(history, "chorley", options.get("policy"), Period.of_quarter(quarter))
    return document, Page(render_html(document))


QUARTERS = ["2015Q3", "2015Q4", "2016Q1", "2016Q2", "2017Q1"]


@pytest.fixture(scope="module", params=QUARTERS)
def page(request: pytest.FixtureRequest, chorley: History) -> Page:
    return report_of(chorley, request.param)[1]


def test_the_page_has_every_section_in_order(page: Page) -> None:
    assert page.sections == SECTIONS
    assert page.html_lang == "en-GB"


def test_headings_start_at_one_h1_and_never_skip_a_level(page: Page) -> None:
    levels = [level for level, _text in page.headings]
    assert levels[0] == 1
    assert levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"a heading jumps from h{before} to h{after}"
    assert [text for level, text in page.headings if level == 2] == [
        "Summary",
        "Meetings",
        "Attendance",
        "Attendance statistics",
        "Findings",
        "Full partners' contributions",
        "Declarations of interest",
    ]


def test_every_table_has_a_caption_and_header_cells_for_its_columns_and_rows(page: Page) -> None:
    assert page.tables
    for table in page.tables:
        assert table["caption"]
        assert table["th"] > 0
        assert all(scope in ("col", "row") for scope in table["scopes"]), table["scopes"]
        assert table["rows_with_th"] == table["rows"], "every body row is named by a row header"


def test_every_chart_is_an_image_with_a_title_and_a_description(page: Page) -> None:
    for svg in page.svgs:
        assert svg["role"] == "img"
        title, desc = svg["labelledby"].split()
        assert page.ids[title] == "title"
        assert page.ids[desc] == "desc"
        assert page.texts[title]
        assert len(page.texts[desc]) > 40


def test_the_page_needs_nothing_from_elsewhere(page: Page) -> None:
    assert {"script", "link", "img", "iframe", "object"}.isdisjoint(page.tags)
    outside = [ref for ref in page.references if not ref.startswith("#") and not ref.startswith("url(#")]
    assert outside == []
    assert "style" in page.tags


def test_the_meetings_notice_is_judged_as_the_agenda_rule_judges_it(chorley: History) -> None:
    document, _page = report_of(chorley, "2015Q3")
    late = {
        f.subject.meeting
        for f in evaluate(chorley, None, date(2015, 9, 30)).of_rule("meeting.agenda-notice")
        if f.date >= date(2015, 7, 1)
    }
    judged = {m["id"]: m["notice_met"] for m in document["meetings"] if m["notice_met"] is not None}
    assert judged
    assert {meeting for meeting, met in judged.items() if not met} == late


def test_the_findings_are_grouped_by_severity_with_their_clauses(chorley: History) -> None:
    document, page = report_of(chorley, "2016Q1")
    expected = [
        f
        for f in evaluate(chorley, None, date(2016, 3, 31)).findings
        if date(2016, 1, 1) <= f.date <= date(2016, 3, 31)
    ]
    shown = [f for severity in ("breach", "action", "info") for f in document["findings"][severity]]
    assert sorted((f["rule"], f["date"]) for f in shown) == sorted(
        (f.rule, f.date.isoformat()) for f in expected
    )
    for finding in expected:
        assert finding.clause in page.words
        assert " ".join(Names(chorley).in_names(finding).split()) in page.words
    assert [len(document["findings"][s]) for s in ("breach", "action", "info")] == [5, 0, 1]
    headings = [text for level, text in page.headings if level == 3]
    # Nothing is recorded as done about them: every finding of the quarter is open.
    assert {"Open (6)", "Acknowledged (0)", "Resolved (0)", "Waived (0)"} <= set(headings)
    assert document["summary"]["statuses"] == {"open": 6, "acknowledged": 0, "resolved": 0, "waived": 0}


def test_the_attendance_matrix_marks_each_cell_with_a_letter_and_words(chorley: History) -> None:
    document, page = report_of(chorley, "2015Q4")
    ig = next(group for group in document["attendance"] if group["group"]["id"] == "ig")
    simon = next(row for row in ig["members"] if row["person"]["id"] == "simon-ashcroft")
    assert simon["marks"] == ["apologies", "deputy"]
    assert simon["current_run"] == 2
    assert "apologies, counted as missed" in page.words
    assert "deputy, counted as missed" in page.words
    tracie = next(
        row
        for group in document["attendance"]
        for row in group["members"]
        if row["person"]["id"] == "tracie-ogara"
    )
    assert tracie["resigned_on"] == "2015-10-13"
    assert tracie["marks"][1:] == [None, None]


def test_the_contribution_band_comes_from_the_policy(chorley: History) -> None:
    wider = CHORLEY_2015.with_parameter("contribution_band", [3000, 30000])
    document, page = report_of(chorley, "2016Q1", policy={"chorley": wider})
    year = document["contributions"]["years"][0]
    assert year["band"] == [3000, 30000]
    assert all(p["position"] == "within" for p in year["partners"])
    titles = [text for key, text in page.texts.items() if key.startswith("chart-contributions")]
    assert any("£3,000 to £30,000" in text for text in titles)
    _document, default = report_of(chorley, "2016Q1")
    assert any("£10,000 to £20,000" in text for key, text in default.texts.items() if "contributions" in key)
    assert "Lancashire Fire and Rescue Service £4,000" in " ".join(default.texts.values())


def test_declarations_say_how_each_was_handled(chorley: History) -> None:
    document, _page = report_of(chorley, "2016Q1")
    handled = {
        (d["person"]["id"], d["interest"]): (d["handled"], d["proper"]) for d in document["declarations"]
    }
    assert handled[("diane-gradwell", "prejudicial")] == ("Stayed for the item and did not vote", False)
    assert handled[("joanne-heyes", "prejudicial")] == ("Withdrew from the item and did not vote", True)
    assert handled[("louise-giles", "personal")][1] is True


def test_a_period_with_no_meetings_still_makes_a_whole_page(chorley: History) -> None:
    document, page = report_of(chorley, "2017Q1")
    assert document["meetings"] == []
    assert page.sections == SECTIONS
    assert "No meetings fall in this period." in page.words


def test_names_and_messages_from_the_record_are_escaped(chorley: History) -> None:
    hostile = "<script>alert('x')</script> & Co"
    people = [attrs.evolve(p, name=hostile) if p.id == "alistair-bradley" else p for p in chorley.people]
    page = render_html(
        build_report(attrs.evolve(chorley, people=people), "chorley", None, Period.of_quarter("2015Q3"))
    )
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co" in page


def test_findings_are_grouped_by_status_with_who_did_what_and_when(chorley: History) -> None:
    quarter = [
        f
        for f in evaluate(chorley, None, date(2016, 3, 31)).findings
        if date(2016, 1, 1) <= f.date <= date(2016, 3, 31)
    ]
    breach, other = quarter[0], quarter[1]
    responses = [
        Response(breach.id, "explanation-requested", "alistair-bradley", date(2016, 3, 1), "letter sent"),
        Response(other.id, "waived", "alistair-bradley", date(2016, 3, 2)),
        Response(other.id, "reopened", "gary-hall", date(2016, 4, 5)),  # after the quarter: not yet known
    ]
    document, page = report_of(attrs.evolve(chorley, responses=responses), "2016Q1")
    assert [f["id"] for f in document["casework"]["acknowledged"]] == [breach.id]
    assert [f["id"] for f in document["casework"]["waived"]] == [other.id]
    assert len(document["casework"]["open"]) == len(quarter) - 2
    (shown,) = document["casework"]["acknowledged"][0]["responses"]
    assert shown == {
        "action": "explanation-requested",
        "by": {"id": "alistair-bradley", "name": "Councillor Alistair Bradley"},
        "on": "2016-03-01",
        "note": "letter sent",
    }
    assert "explanation-requested by Councillor Alistair Bradley (letter sent)" in page.words
    headings = [text for level, text in page.headings if level == 3]
    assert {"Acknowledged (1)", "Waived (1)"} <= set(headings)


def test_the_declarations_table_says_whether_a_member_took_part_in_the_discussion(chorley: History) -> None:
    meetings = [
        attrs.evolve(
            m,
            items=[
                attrs.evolve(
                    item,
                    declarations=[
                        attrs.evolve(d, took_part=False) if d.person == "diane-gradwell" else d
                        for d in item.declarations
                    ],
                )
                for item in m.items
            ],
        )
        for m in chorley.meetings
    ]
    document, page = report_of(attrs.evolve(chorley, meetings=meetings), "2016Q1")
    diane = next(d for d in document["declarations"] if d["person"]["id"] == "diane-gradwell")
    assert diane["took_part"] is False
    assert diane["handled"] == "Stayed for the item, took no part in the discussion, and did not vote"
    assert "Took part in the discussion" in page.words
