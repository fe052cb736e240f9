"""The web diagram is drawn on the server; its numbers are in the markup."""

import re

from learning_history.instrument import CHARACTERISTIC_CODES
from learning_history.radar import radar_svg


def test_every_score_is_a_marker_with_its_value():
    values = {code: (index % 5) + 1 for index, code in enumerate(CHARACTERISTIC_CODES)}
    svg = radar_svg(series=[{"label": "GGD", "values": values}], title="Zelfanalyse GGD")
    markers = dict(re.findall(r'data-characteristic="(\w+)" data-value="([\d.]+)"', svg))
    assert markers == {code: str(value) for code, value in values.items()}
    assert 'role="img"' in svg and "<title" in svg


def test_two_series_differ_in_line_pattern_and_marker_shape_not_only_colour():
    values = dict.fromkeys(CHARACTERISTIC_CODES, 3)
    svg = radar_svg(
        series=[{"label": "2020", "values": values}, {"label": "2019", "values": values}],
        title="Vergelijking",
    )
    assert 'stroke-dasharray="none"' in svg and 'stroke-dasharray="9 5"' in svg
    assert "<circle" in svg and "<rect x=" in svg


def test_spread_band_carries_lowest_and_highest_scores():
    svg = radar_svg(
        series=[{"label": "Gemiddelde", "values": dict.fromkeys(CHARACTERISTIC_CODES, 3)}],
        band={
            "label": "Spreiding",
            "min": dict.fromkeys(CHARACTERISTIC_CODES, 1),
            "max": dict.fromkeys(CHARACTERISTIC_CODES, 5),
        },
        title="Partnerschap",
    )
    assert 'data-band="ma_visie" data-min="1" data-max="5"' in svg


def test_labels_are_escaped():
    svg = radar_svg(
        series=[{"label": "<script>x</script>", "values": {"ma_visie": 2}}], title="A & B"
    )
    assert "<script>" not in svg
    assert "A &amp; B" in svg
