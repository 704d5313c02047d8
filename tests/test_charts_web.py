"""The dashboard figures, checked on their data and layout (not pixels), from plain data."""

from __future__ import annotations

import json

import pytest

from surveyapp.charts import palette, web
from surveyapp.charts.panel import figure_json

HOSTILE = '<img src=x onerror=alert(1)><a href="https://evil.example">x</a>'


@pytest.fixture(autouse=True)
def plotly_checks_every_property(monkeypatch):
    """Here plotly checks every property against its schema (the pages skip the checks)."""
    monkeypatch.setattr(web.base, "CHECK_PROPERTIES", True)


EVERY_FIGURE = {
    "heatmap": lambda: web.heatmap(
        ["Lindenfeld", HOSTILE],
        ["Auftrag", "Daten"],
        [[3.2, None], [2.0, 4.1]],
        [[None, "zu wenige"], [None, None]],
        "de",
    ),
    "profile": lambda: web.profile(
        [web.ProfileRow("Auftrag", 3.4, 3.0, 2.1, 4.2), web.ProfileRow("Daten", None)], "T", "de"
    ),
    "profiles": lambda: web.profiles(["A", "B"], [("X", [3.0, 4.0]), ("Y", [2.0, None])], "en"),
    "trend": lambda: web.trend(["A", "B"], [3.0, None], [3.6, 2.9], ("2025", "2026"), "de"),
    "matrix": lambda: web.importance_performance(
        [
            web.MatrixPoint("A", "Koordination", 4.6, 2.3, "act_here", rank=1),
            web.MatrixPoint("B", "Monitoring", 3.8, 3.9, "keep_up", borderline=True),
        ],
        (4.1, 3.2),
        "de",
    ),
    "likert": lambda: web.likert(
        [web.LikertRow("x", (1, 2, 3, 0, 1), cannot_judge=2)], SCALE, "k. A.", "de"
    ),
    "ranking": lambda: web.ranking([("Koordination", 14, 5), ("Monitoring", 9, 4)], "de"),
    "priority_counts": lambda: web.priority_counts([("Koordination", 12)], "en"),
    "bars": lambda: web.bars([("Auftrag", 3.4, "3,4"), ("Daten", 2.1, "2,1")], "Mittel", "de"),
}


@pytest.mark.parametrize("kind", sorted(EVERY_FIGURE))
def test_a_figure_built_without_plotlys_checks_sends_the_same_json(kind, monkeypatch):
    checked = json.loads(figure_json(EVERY_FIGURE[kind](), "de"))
    monkeypatch.setattr(web.base, "CHECK_PROPERTIES", False)
    unchecked = EVERY_FIGURE[kind]()
    assert unchecked._validate is False
    assert json.loads(figure_json(unchecked, "de")) == checked


def test_every_figure_is_sent_with_a_config_that_talks_to_no_other_host():
    figure = web.ranking([("A", 3, 2)], "de")
    payload = json.loads(figure_json(figure, "de"))
    config = payload["config"]
    assert config["showSendToCloud"] is False
    assert config["showEditInChartStudio"] is False
    assert config["plotlyServerURL"] == ""
    assert config["displaylogo"] is False
    assert config["locale"] == "de"
    assert json.loads(figure_json(figure, "en"))["config"]["locale"] == "en"


def test_figure_json_cannot_end_its_script_element():
    text = str(figure_json(web.ranking([("</script><script>alert(1)//", 1, 1)], "de"), "de"))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["layout"]["annotations"][0]["text"] == (
        "&lt;/script&gt;&lt;script&gt;alert(1)//"
    )


def test_numbers_follow_the_language():
    assert web.ranking([("A", 3, 2)], "de").layout.separators == ",."
    assert web.ranking([("A", 3, 2)], "en").layout.separators == ".,"


# --- heatmap -----------------------------------------------------------------------------


def test_heatmap_hatches_a_withheld_cell_and_gives_its_reason_on_hover():
    reason = "Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen."
    figure = web.heatmap(
        ["Lindenfeld", "Auental"],
        ["Auftrag", "Ressourcen"],
        [[3.25, 4.0], [2.0, 3.9]],
        [[None, None], [None, reason]],
        "de",
    )
    cells, hatch = figure.data
    assert cells.type == "heatmap" and hatch.type == "bar"
    assert [list(row) for row in cells.z] == [[3.25, 4.0], [2.0, None]]
    # the value is written, not only coloured
    assert [list(row) for row in cells.text] == [["3,3", "4,0"], ["2,0", ""]]
    assert (cells.zmin, cells.zmax) == (1, 5)
    assert hatch.marker.pattern.shape == "/"
    assert (hatch.y, hatch.base, hatch.x) == ((1,), (0.5,), (1,))  # row 1, column 1
    assert hatch.hovertext == (f"Auental · Ressourcen<br>{reason}",)
    assert figure.layout.yaxis.ticktext == ("Lindenfeld", "Auental")
    assert figure.layout.xaxis.ticktext == ("Auftrag", "Ressourcen")


def test_heatmap_without_withheld_cells_draws_no_hatch_and_escapes_team_names():
    figure = web.heatmap([HOSTILE], ["A"], [[3.0]], [[None]], "en")
    assert [trace.type for trace in figure.data] == ["heatmap"]
    assert "<img" not in figure.layout.yaxis.ticktext[0]
    assert figure.layout.yaxis.ticktext[0].startswith("&lt;img")


# --- profiles ----------------------------------------------------------------------------


def test_profile_shows_the_others_only_where_the_benchmark_is_shown():
    rows = [
        web.ProfileRow("Auftrag", 3.4, others_mean=3.0, others_min=2.1, others_max=4.2),
        web.ProfileRow("Ressourcen", 2.5),  # too few other teams: no benchmark
        web.ProfileRow("Daten", None),  # withheld for the team
    ]
    spread, others, team = web.profile(rows, "Lindenfeld", "de").data
    assert spread.x == (2.1, 4.2, None) and spread.y == (0, 0, None)
    assert others.x == (3.0,) and others.y == (0,)
    assert others.marker.symbol != team.marker.symbol  # shape, not colour alone
    assert team.x == (3.4, 2.5) and team.y == (0, 1)
    assert team.name == "Lindenfeld"


def test_profile_without_any_benchmark_draws_the_team_alone():
    figure = web.profile([web.ProfileRow("Auftrag", 3.4)], "T", "de")
    assert [trace.name for trace in figure.data] == ["T"]
    assert figure.layout.xaxis.range == (0.8, 5.2)


def test_compared_teams_differ_in_colour_and_shape():
    figure = web.profiles(
        ["Auftrag", "Daten"], [("A", [3.0, 4.0]), ("B", [2.0, None]), ("C", [1.5, 2.5])], "de"
    )
    assert [t.name for t in figure.data] == ["A", "B", "C"]
    assert len({t.marker.symbol for t in figure.data}) == 3
    assert len({t.marker.color for t in figure.data}) == 3
    assert figure.data[1].x == (2.0,)


# --- importance–performance -----------------------------------------------------------------


def test_matrix_draws_crosshairs_diagonal_quadrant_names_and_labelled_points():
    points = [
        web.MatrixPoint("A", "Koordination der Arbeit", 4.6, 2.3, "act_here", rank=1),
        web.MatrixPoint("B", "Monitoring", 3.8, 3.9, "keep_up", borderline=True),
        web.MatrixPoint("C", "Projekte", 3.2, 2.9, "low_priority"),
    ]
    figure = web.importance_performance(points, (4.1, 3.2), "de")
    lines = [(s.x0, s.y0, s.x1, s.y1) for s in figure.layout.shapes]
    assert (3.2, 0.8, 3.2, 5.2) in lines  # the team's mean performance
    assert (0.8, 4.1, 5.2, 4.1) in lines  # the team's mean importance
    assert (1, 1, 5, 5) in lines  # the diagonal I = P
    names = {a.text.replace("<br>", " ") for a in figure.layout.annotations}
    assert {
        "<b>Hier ansetzen</b>",
        "<b>Weiter so</b>",
        "<b>Geringe Priorität</b>",
        "<b>Möglicher Überaufwand</b>",
    } <= names
    assert any("Umsetzung bleibt hinter der Bedeutung zurück" in n for n in names)
    act = figure.data[0]
    assert act.name == "Hier ansetzen" and (act.x, act.y) == ((2.3,), (4.6,))
    assert act.text == ("<b>A</b>",)  # the key beside the chart names it
    assert "Koordination der Arbeit" in act.hovertext[0] and "Priorität 1" in act.hovertext[0]
    assert "Grenzfall" in figure.data[1].hovertext[0]
    assert figure.layout.xaxis.range == figure.layout.yaxis.range == (0.8, 5.2)
    assert len({t.marker.symbol for t in figure.data}) == 3


def test_points_on_top_of_each_other_share_one_label_naming_both():
    points = [
        web.MatrixPoint("D", "Gremien", 4.1, 4.1, "keep_up"),
        web.MatrixPoint("I", "Kommunikation", 4.06, 4.14, "keep_up"),
        web.MatrixPoint("A", "Koordination", 4.4, 3.3, "act_here"),
    ]
    placed = web.place_codes(points)
    # written beside I, the one further right, so that it covers neither marker
    assert placed[0][0] == "" and placed[1] == ("<b>D, I</b>", "middle right")
    assert placed[2][0] == "<b>A</b>"
    figure = web.importance_performance(points, (4.0, 3.5), "de")
    assert sorted(t for trace in figure.data for t in trace.text) == ["", "<b>A</b>", "<b>D, I</b>"]


def test_a_label_moves_aside_from_a_neighbour_on_its_right_and_stays_in_the_frame():
    # B stands just right of A: A's letter on its right would cover B's marker.
    points = [
        web.MatrixPoint("A", "a", 4.0, 3.0, "keep_up"),
        web.MatrixPoint("B", "b", 4.0, 3.2, "keep_up"),
        web.MatrixPoint("C", "c", 3.0, 5.0, "keep_up"),  # at the right edge: not outside
    ]
    places = [place for _, place in web.place_codes(points)]
    assert places[0] != "middle right"
    assert places[1] == "middle right"
    assert places[2] not in ("middle right", "top right", "bottom right")
    # labels never overlap one another
    assert len(set(places[:2])) == 2


# --- Likert bars -------------------------------------------------------------------------------

SCALE = ["gar nicht", "eher nicht", "teils", "eher", "voll"]


def test_likert_bars_diverge_around_a_centred_neutral_and_keep_cannot_judge_apart():
    row = web.LikertRow("Wir haben einen klaren Auftrag.", (1, 1, 2, 3, 1), cannot_judge=2)
    figure = web.likert([row], SCALE, "kann ich nicht beurteilen", "de")
    scale = [t for t in figure.data if t.xaxis in (None, "x")]
    bars = {(t.name, t.x[0] < 0): t for t in scale}
    left = [t.x[0] for t in scale if t.x[0] < 0]
    right = [t.x[0] for t in scale if t.x[0] > 0]
    assert sum(left) == pytest.approx(-(12.5 + 12.5 + 12.5))  # 1, 1 and half of 2 of 8
    assert sum(right) == pytest.approx(12.5 + 37.5 + 12.5)
    assert bars[("teils", True)].x[0] == pytest.approx(-bars[("teils", False)].x[0])
    apart = [t for t in figure.data if t.xaxis == "x2"]
    assert len(apart) == 1 and apart[0].x == (2,)
    assert apart[0].marker.color == palette.CANNOT_JUDGE
    assert figure.layout.barmode == "relative"
    assert bars[("eher", False)].text == ("3",)  # counts are written on the bars
    assert bars[("eher", False)].hovertext == ("eher: 3 von 8",)
    assert any(a.text == "Wir haben einen klaren Auftrag." for a in figure.layout.annotations)


def test_likert_legend_lists_each_point_once_in_scale_order():
    figure = web.likert([web.LikertRow("x", (1, 0, 1, 0, 1))], SCALE, "k. A.", "en")
    shown = sorted((t.legendrank, t.name) for t in figure.data if t.showlegend is not False)
    assert [name for _, name in shown] == [*SCALE, "k. A."]


# --- ranking and trend ---------------------------------------------------------------------


def test_ranking_bars_carry_points_and_mentions():
    figure = web.ranking([("Koordination", 14, 5), ("Monitoring", 9, 4)], "de")
    bars = figure.data[0]
    assert bars.x == (14, 9) and bars.y == (0, 1)
    assert bars.text == ("14 Punkte · 5× genannt", "9 Punkte · 4× genannt")
    assert figure.layout.yaxis.range[0] > figure.layout.yaxis.range[1]  # first place on top
    assert [a.text for a in figure.layout.annotations] == ["Koordination", "Monitoring"]


def test_priority_counts_say_how_many_teams_name_each_function():
    bars = web.priority_counts([("Koordination", 12), ("Monitoring", 3)], "en").data[0]
    assert bars.x == (12, 3) and bars.text == ("12 teams", "3 teams")


def test_trend_joins_only_dimensions_known_in_both_rounds():
    figure = web.trend(
        ["Auftrag", "Daten"], [3.0, None], [3.6, 2.9], ("Runde 2025", "Runde 2026"), "de"
    )
    joins, then, now = figure.data
    assert joins.x == (3.0, 3.6, None)
    assert then.x == (3.0,) and now.x == (3.6, 2.9)
    assert then.marker.symbol != now.marker.symbol
