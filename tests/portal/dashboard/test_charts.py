"""The charts' SVG: a view box that scales to the page's width, a scale with gridlines and values, labels
on their own line and every text inside the view box, in both directions."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from flask import Flask
from flask_babel import force_locale

from portal.dashboard import charts

SVG = "{http://www.w3.org/2000/svg}"
ROWS = [("الضمان الاجتماعي", 15), ("التشغيل", 3), ("العمل", 1)]


def drawn(app: Flask, locale: str, chart: str, rtl: bool) -> ET.Element:
    with app.test_request_context(f"/{locale}/"), force_locale(f"{locale}_DZ"):  # as a request of the page
        if chart == "bars":
            markup = charts.bars("c", "Par domaine", "Nombre de services", ROWS, rtl)
        else:
            points = [(date(2025, 1, 31), 0), (date(2025, 6, 30), 9), (date(2026, 11, 30), 19)]
            markup = charts.timeline("c", "Dans le temps", "Jusqu'à l'échéance", points, 40, date(2026, 12, 31), rtl)
    return ET.fromstring(str(markup))


def texts(svg: ET.Element, css: str) -> list[ET.Element]:
    return [text for text in svg.iter(f"{SVG}text") if text.get("class") == css]


def test_ticks_are_round_and_reach_the_top() -> None:
    assert charts.ticks(19) == [0, 5, 10, 15, 20]
    assert charts.ticks(40) == [0, 10, 20, 30, 40]
    assert charts.ticks(3) == [0, 1, 2, 3]
    assert charts.ticks(0) == [0, 1]


@pytest.mark.parametrize("rtl", [True, False])
def test_bars_have_a_scale_labels_on_their_own_line_and_a_responsive_view_box(app: Flask, rtl: bool) -> None:
    svg = drawn(app, "ar" if rtl else "fr", "bars", rtl)
    assert svg.get("viewBox", "").startswith("0 0 400 ") and svg.get("width") == "100%"
    width = 400
    assert [text.text for text in texts(svg, "chart-scale")] == ["0", "5", "10", "15"]
    assert len([line for line in svg.iter(f"{SVG}line") if line.get("class") == "chart-grid"]) == 4
    labels = texts(svg, "chart-label")
    assert [label.text for label in labels] == [label for label, _value in ROWS]
    bars = [rect for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "chart-bar"]
    for label, bar in zip(labels, bars, strict=True):
        assert label.get("direction") == ("rtl" if rtl else "ltr")
        assert float(label.get("y", 0)) < float(bar.get("y", 0))  # the label stands above its bar, not under it
        assert float(bar.get("x", 0)) >= 0 and float(bar.get("x", 0)) + float(bar.get("width", 0)) <= width
    origin = float(labels[0].get("x", 0))
    assert origin > width / 2 if rtl else origin < width / 2  # the bars start on the reading side
    values = [text.text for text in texts(svg, "chart-value")]
    assert values == ["15", "3", "1"]
    assert all(0 < float(text.get("x", 0)) < width for text in svg.iter(f"{SVG}text"))


@pytest.mark.parametrize("rtl", [True, False])
def test_the_timeline_has_a_vertical_scale_and_its_deadline_label_inside(app: Flask, rtl: bool) -> None:
    svg = drawn(app, "ar" if rtl else "fr", "timeline", rtl)
    assert [text.text for text in texts(svg, "chart-scale")] == ["0", "10", "20", "30", "40"]
    labels = texts(svg, "chart-label")
    deadline = labels[-1]
    x = float(deadline.get("x", 0))
    # Drawn inwards from the far edge: the anchor "end" of a right-to-left text is its left end.
    assert deadline.get("text-anchor") == "end" and deadline.get("direction") == ("rtl" if rtl else "ltr")
    assert x < 60 if rtl else x > 340
    assert deadline.text == ("31 ديسمبر 2026" if rtl else "31 déc. 2026")
    assert labels[0].text == ("جانفي 2025" if rtl else "janv. 2025")
