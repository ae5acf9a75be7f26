"""The report as one self-contained HTML page: Jinja2 templates, inline CSS, inline SVG, no scripts.

The templates are package data in ``psr_adapters/report/templates``. Nothing on the page refers to
anything outside it, so it opens and prints with no network.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .charts import MARK_STYLE, attendance_chart, contribution_chart, pounds

if TYPE_CHECKING:
    import jinja2

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_words(value: str | None) -> str:
    """``2015-10-13`` as ``Tue 13 Oct 2015``."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_day(value: str | None) -> str:
    """``2015-10-13`` as ``13 Oct``, for the columns of the attendance matrix."""
    if not value:
        return ""
    day = date.fromisoformat(value)
    return f"{day.day} {_MONTHS[day.month - 1]}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


@cache
def environment() -> jinja2.Environment:
    """The template environment: templates from the package, autoescaped, strict about missing values."""
    import jinja2  # imported when a report is drawn, not by every command

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("psr_adapters.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(day_words=day_words, short_day=short_day, percent=percent, money=pounds)
    env.globals.update(marks=MARK_STYLE)
    return env


@cache
def stylesheet() -> Markup:
    """The page's CSS (screen and A4 print), read once from the package."""
    text = resources.files("psr_adapters.report").joinpath("templates", "report.css").read_text("utf-8")
    return Markup(text)  # our own file, not user input: safe to place inside <style> as it is


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes and backslashes escaped, ``<`` written so that no text can
    close the ``<style>`` element, line breaks made spaces."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return '"' + " ".join(escaped.split()) + '"'


def running_footer(document: dict[str, Any]) -> Markup:
    """The footer of every printed page (CSS page-margin boxes): the report, the partnership, the policy,
    the day it was made and psr's version on the left; the page number and the page count on the right."""
    parts = [
        f"{document['title']} {document['period']['label']}",
        document["partnership"]["name"],
        f"policy {document['policy']['id']}",
    ]
    if document.get("made"):
        parts.append(f"made {day_words(document['made'])}")
    parts.append(f"psr {document.get('psr_version', 'unknown')}")
    box = "font-family: system-ui, sans-serif; font-size: 7pt; color: #555;"
    return Markup(
        "@page {\n"
        f"  @bottom-left {{ content: {_css_string(' · '.join(parts))}; {box} }}\n"
        f'  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); {box} }}\n'
        "}\n"
    )


def render_html(document: dict[str, Any]) -> str:
    """The page for a report document made by :func:`psr_adapters.report.build_report`."""
    charts = {
        "attendance": attendance_chart(
            document["attendance"], "chart-attendance", document["period"]["label"]
        ),
        "contributions": [
            contribution_chart(year, f"chart-contributions-{year['year']}")
            for year in document["contributions"]["years"]
        ],
    }
    template = environment().get_template("report.html.j2")
    return template.render(report=document, charts=charts, css=stylesheet(), footer=running_footer(document))
