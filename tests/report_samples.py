"""Hand-built report data for the tests of the pure rendering (no analysis, no database)."""

from __future__ import annotations

from datetime import date

from surveyapp.reporting.model import (
    Brief,
    BriefTeam,
    Comparison,
    CountRow,
    DimensionRow,
    Finding,
    FunctionRow,
    ItemBlock,
    ItemRow,
    OpenAnswers,
    QuestionGroup,
    RankingRow,
    ReportMeta,
    Summary,
    TeamReport,
)

HOSTILE = '<script>alert(1)</script> und <img src="http://evil.example/x.png"> bitte'


def meta(team: str = "Lindenfeld", respondents: int = 7) -> ReportMeta:
    return ReportMeta(
        municipality=team,
        team=team,
        round_name="Herbst 2026",
        workshop_date=date(2026, 11, 5),
        respondents=respondents,
        invited=9,
        k=3,
        organiser="Transferagentur für Großstädte",
    )


def _function(label: str, i: float, p: float, rank: int | None = None) -> FunctionRow:
    return FunctionRow(
        label=label,
        importance=i,
        performance=p,
        gap=i - p,
        quadrant="Hier ansetzen" if rank else "Weiter so",
        reason=f"Hohe Bedeutung ({i:.1f}), geringe Umsetzung ({p:.1f}).".replace(".", ",", 2),
        rank=rank,
        stability="stabil" if rank == 1 else "unsicher" if rank else "",
        priority=rank is not None,
    )


def team_report(team: str = "Lindenfeld") -> TeamReport:
    functions = (
        _function("Bildungsmonitoring und Berichterstattung", 4.6, 2.1, 1),
        _function("Kommunikation und Sichtbarkeit", 4.3, 2.4, 2),
        _function("Ziele und Strategien entwickeln", 4.4, 2.9, 3),
        _function("Gremien, Konferenzen und Netzwerke begleiten", 3.6, 3.9),
        _function("Übergänge gestalten", 3.9, 3.4),
    )
    likert = ItemBlock(
        "Auftrag und Rückhalt",
        (
            ItemRow("Der Auftrag ist schriftlich festgehalten.", (0, 1, 2, 3, 1), 7, 1, 3.6),
            ItemRow(
                "Die Verwaltungsspitze steht hinter dem Bildungsbüro.",
                (3, 0, 0, 2, 2),
                7,
                0,
                3.1,
                flagged=True,
            ),
            ItemRow("Zuständigkeiten sind oft unklar.", (1, 2, 2, 1, 1), 7, 0, 2.9, reversed=True),
            ItemRow(
                "Die Kommunalpolitik unterstützt die Arbeit.",
                None,
                2,
                5,
                withheld="Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen.",
            ),
        ),
    )
    return TeamReport(
        meta=meta(team),
        summary=Summary(
            priorities=functions[:3],
            strengths=(Finding("Kommunikation und Sichtbarkeit", "4,2", "Stärke"),),
            needs=(Finding("Ressourcen", "2,1", "Entwicklungsbedarf"),),
            disputed=(
                Finding("Die Verwaltungsspitze steht hinter dem Bildungsbüro.", "3 × 1–2, 4 × 4–5"),
            ),
            own_ranking=("Bildungsmonitoring und Berichterstattung", "Übergänge gestalten"),
            agreement="Beide sehen „Bildungsmonitoring und Berichterstattung“ vorn.",
        ),
        dimensions=(
            DimensionRow(
                "Auftrag und Rückhalt", 7, 3.4, 0.8, "", "etwa im Durchschnitt", 3.3, 2.6, 3.9
            ),
            DimensionRow(
                "Ressourcen", 7, 2.1, 0.6, "Entwicklungsbedarf", "darunter", 2.8, 2.2, 3.5
            ),
            DimensionRow(
                "Kommunikation und Sichtbarkeit",
                6,
                4.2,
                0.5,
                "Stärke",
                "darüber",
                3.4,
                2.9,
                3.8,
                flagged=True,
            ),
            DimensionRow(
                "Datenbasis",
                2,
                None,
                withheld="Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen.",
            ),
        ),
        functions=functions,
        mean_importance=4.16,
        mean_performance=2.94,
        ranking=(
            RankingRow("Bildungsmonitoring und Berichterstattung", 14, 6, 1),
            RankingRow("Übergänge gestalten", 9, 4, 2),
            RankingRow("Kommunikation und Sichtbarkeit", 4, 3, 3),
        ),
        items=(likert,),
        perspectives=(
            Comparison(
                ("Leitung", "Mitarbeitende"),
                (("Auftrag und Rückhalt", (3.8, 3.1), ""), ("Ressourcen", (2.4, 1.9), "")),
                title="Nach Rolle",
            ),
        ),
        trend=Comparison(
            ("Herbst 2025", "Herbst 2026"),
            (
                ("Auftrag und Rückhalt", (3.0, 3.4), "kaum verändert"),
                ("Ressourcen", (2.9, 2.1), "gesunken"),
            ),
            title="Dimensionen",
        ),
        open_answers=(
            OpenAnswers(
                "Was ist die größte Stärke des Bildungsbüros?",
                ("Die Daten.", HOSTILE, "Kurze Wege zur Spitze."),
            ),
            OpenAnswers("Wo sehen Sie Entwicklungsbedarf?", ("Mehr Personal.",)),
        ),
        consultation=OpenAnswers(
            "Welche Frage bringen Sie ein?",
            ("Wie gewinnen wir die Schulämter für gemeinsame Ziele?",),
        ),
        suppressed=(
            "Datenbasis: Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen.",
        ),
        hidden_answers=1,
    )


def small_team_report() -> TeamReport:
    return TeamReport(
        meta=meta("Birkenau", respondents=2),
        withheld="Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen.",
    )


def brief() -> Brief:
    full = team_report()
    return Brief(
        round_name="Herbst 2026",
        workshop_date=date(2026, 11, 5),
        organiser="Transferagentur für Großstädte",
        k=3,
        teams=(
            BriefTeam(
                full.meta,
                priorities=full.summary.priorities,
                strengths=full.summary.strengths,
                needs=full.summary.needs,
                disputed=full.summary.disputed,
                consultation=("Wie gewinnen wir die Schulämter?",),
            ),
            BriefTeam(
                meta("Birkenau", 2),
                withheld=small_team_report().withheld,
                consultation=("Wie sichern wir die Stellen über 2027 hinaus?",),
            ),
        ),
        shared_priorities=(CountRow("Bildungsmonitoring und Berichterstattung", 1, 1),),
        weak_dimensions=(CountRow("Ressourcen", 1, 1),),
        question_groups=(
            QuestionGroup(
                "Ressortübergreifende Zusammenarbeit",
                (("Lindenfeld", "Wie gewinnen wir die Schulämter?"),),
            ),
            QuestionGroup(
                "Ressourcen", (("Birkenau", "Wie sichern wir die Stellen über 2027 hinaus?"),)
            ),
        ),
        teams_counted=1,
    )
