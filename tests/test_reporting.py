"""The pure report renderer: escaping, the URL fetcher, tagging, language, files."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from surveyapp.charts.print import diverging
from surveyapp.reporting import batch, load_template
from surveyapp.reporting.files import (
    Manifest,
    brief_filename,
    round_slug,
    team_filename,
    write_atomically,
)
from surveyapp.reporting.jobs import Job, render
from surveyapp.reporting.render import html_to_pdf
from surveyapp.reporting.templates import ReportTemplateError, css_string
from tests import report_samples
from tests.pdf_reading import flat, page_count, pdf_tags, pdf_text

REPORTS = Path(__file__).resolve().parent.parent / "reports"


@pytest.fixture(scope="module")
def team_pdf() -> bytes:
    return render(Job(report_samples.team_report(), REPORTS / "team", "de", Path("unused"))).pdf


def test_an_answer_with_markup_is_printed_as_text_and_fetches_nothing(team_pdf: bytes):
    rendered = render(Job(report_samples.team_report(), REPORTS / "team", "de", Path("-")))
    text = flat(pdf_text(rendered.pdf))
    assert "<script>alert(1)</script>" in text
    assert '<img src="http://evil.example/x.png">' in text
    assert rendered.refused == ()


def test_the_fetcher_refuses_web_addresses_and_files_outside_the_template(tmp_path: Path):
    template = load_template(REPORTS / "team")
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    html = f"""<!DOCTYPE html><html lang="de"><head><title>t</title>
      <link rel="stylesheet" href="theme.css">
      <link rel="stylesheet" href="{secret.as_uri()}">
      <style>@import url("https://cdn.example/x.css");</style></head>
      <body><img src="http://evil.example/x.png" alt="x"><img src="file:///etc/passwd" alt="y">
      <img src="../../../../../etc/hostname" alt="z">
      <img src="data:text/html;base64,PHNjcmlwdD4=" alt="w"></body></html>"""
    refused = html_to_pdf(html, template).refused
    assert "http://evil.example/x.png" in refused
    assert "file:///etc/passwd" in refused
    assert secret.as_uri() in refused
    assert "https://cdn.example/x.css" in refused
    assert "file:///etc/hostname" in refused
    assert any(url.startswith("data:text/html") for url in refused)
    assert not any(url.endswith("/team/theme.css") for url in refused)


def test_the_report_is_tagged_with_language_title_and_alt_text_on_every_figure(team_pdf: bytes):
    tags = pdf_tags(team_pdf)
    assert tags.marked
    assert tags.lang == "de"
    assert tags.title and "Lindenfeld" in tags.title
    for role in ("/H1", "/H2", "/Table", "/TH", "/L", "/Figure"):
        assert role in tags.roles
    assert len(tags.figure_alts) >= 5
    assert all(alt and alt.strip() for alt in tags.figure_alts)
    assert any("Bildungsmonitoring und Berichterstattung" in alt for alt in tags.figure_alts)


def test_a_likert_bar_centres_the_middle_answer_and_keeps_every_count_in_scale_order():
    segments = diverging((0, 1, 2, 3, 1))  # 7 answers: 1 + 2/2 = 2 of them left of centre
    assert [s.count for s in segments] == [0, 1, 2, 3, 1]
    middle = segments[2]
    assert middle.left + middle.width / 2 == pytest.approx(50, abs=0.002)
    assert segments[0].width == 0 and segments[1].left == pytest.approx(50 - 100 / 7, abs=0.001)
    for before, after in zip(segments, segments[1:], strict=False):
        assert after.left == pytest.approx(before.left + before.width, abs=0.002)
    assert sum(s.width for s in segments) == pytest.approx(50, abs=0.002)
    assert not segments[0].labelled and all(s.labelled for s in segments[1:])
    assert diverging((0, 0, 0, 0, 0)) == ()


def test_the_likert_distributions_are_table_rows_with_their_counts_as_text(team_pdf: bytes):
    lines = pdf_text(team_pdf, layout=True).splitlines()
    row = next(line for line in lines if "Der Auftrag ist schriftlich festgehalten." in line)
    # counts 0, 1, 2, 3, 1 (a zero prints nothing), n = 7 and one "cannot judge"
    assert row.split()[5:] == ["1", "2", "3", "1", "7", "(+1", "k.", "A.)"]
    assert "/TH" in pdf_tags(team_pdf).roles


def test_the_footer_counts_pages_and_the_contents_name_every_chapter(team_pdf: bytes):
    text = flat(pdf_text(team_pdf))
    pages = page_count(team_pdf)
    assert f"Seite 3 von {pages}" in text
    assert "Inhalt" in text and "Prioritäten und nächste Schritte" in text
    assert "Zum Gespräch im Team" in text


def test_a_team_under_k_gets_a_short_report_that_says_why():
    rendered = render(Job(report_samples.small_team_report(), REPORTS / "team", "de", Path("-")))
    text = flat(pdf_text(rendered.pdf))
    assert "Birkenau" in text
    assert "Warum dieser Bericht keine Zahlen enthält" in text
    assert "Weniger als 3 Antworten" in text
    assert "Auf einen Blick" not in text and "Zum Ausfüllen im Workshop" not in text
    assert rendered.pages == 2


def test_the_english_report_speaks_english():
    rendered = render(Job(report_samples.small_team_report(), REPORTS / "team", "en", Path("-")))
    text = flat(pdf_text(rendered.pdf))
    assert pdf_tags(rendered.pdf).lang == "en"
    assert "Page 2 of 2" in text
    assert "Why this report contains no figures" in text


def test_the_template_hash_changes_when_any_of_its_files_changes(tmp_path: Path):
    shutil.copytree(REPORTS / "team", tmp_path / "team")
    shutil.copytree(REPORTS / "common", tmp_path / "common")
    before = load_template(tmp_path / "team").digest
    assert load_template(REPORTS / "team").digest == before
    (tmp_path / "common" / "base.css").write_text("/* changed */", encoding="utf-8")
    assert load_template(tmp_path / "team").digest != before


def test_a_template_folder_without_its_metadata_is_refused(tmp_path: Path):
    (tmp_path / "template.html").write_text("<html></html>")
    (tmp_path / "theme.css").write_text("")
    with pytest.raises(ReportTemplateError, match="report.yaml"):
        load_template(tmp_path)


def test_file_names_are_readable_ascii_with_the_year_first():
    assert team_filename("Herbst 2026", "Lindenfeld") == "2026-herbst_lindenfeld_bericht.pdf"
    assert team_filename("Herbst 2026", "Lüdenscheid", "en") == (
        "2026-herbst_luedenscheid_report.pdf"
    )
    assert brief_filename("Frühjahr 2027") == "2027-fruehjahr_workshop-unterlage.pdf"
    assert round_slug("2026 Herbst / Süd") == "2026-herbst-sued"


def test_files_are_written_whole_and_the_manifest_remembers_their_inputs(tmp_path: Path):
    target = tmp_path / "out" / "a.pdf"
    write_atomically(target, b"%PDF-1.7")
    assert target.read_bytes() == b"%PDF-1.7"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]
    manifest = Manifest(target.parent)
    assert not manifest.is_current("a.pdf", "f1")
    manifest.record([("a.pdf", "f1")])
    assert Manifest(target.parent).is_current("a.pdf", "f1")
    assert not Manifest(target.parent).is_current("a.pdf", "f2")
    target.unlink()
    assert not Manifest(target.parent).is_current("a.pdf", "f1")


def test_css_strings_cannot_be_broken_out_of():
    assert css_string("Seite") == '"Seite"'
    assert "</style>" not in css_string('x"; } </style>')
    assert '"' not in css_string('x"y')[1:-1]


def test_consultation_questions_are_grouped_by_the_topics_they_name():
    from surveyapp.questionnaire import QuestionnaireRegistry
    from surveyapp.reporting.brief import group_questions
    from surveyapp.reporting.team import Labels

    registry = QuestionnaireRegistry.from_directory(REPORTS.parent / "questionnaires")
    labels = Labels(registry.get("bildungsbuero-reflexion", 1), "de")  # its function labels
    topics = {"fn_monitoring": ["daten"], "resources": ["stelle"]}
    questions = [
        ("Lindenfeld", "Wie bekommen wir bessere Daten und mehr Stellen?", "fn_strategy"),
        ("Birkenau", "Wie sichern wir die Stellen?", None),
        ("Auental", "Wie gewinnen wir die Schulämter?", "fn_coordination"),
        ("Eichstadt", "Was tun?", None),
    ]
    groups = {g.topic: g.questions for g in group_questions(questions, labels, topics, "de")}
    assert list(groups) == [
        "Bildungsmonitoring und Berichterstattung",
        "Ressourcen",
        "Ressortübergreifende Zusammenarbeit koordinieren",
        "Weitere Anliegen",
    ]
    assert [team for team, _q in groups["Ressourcen"]] == ["Lindenfeld", "Birkenau"]
    assert groups["Weitere Anliegen"] == (("Eichstadt", "Was tun?"),)


def test_a_batch_goes_on_when_its_workers_are_replaced(tmp_path: Path):
    # ProcessPoolExecutor(max_tasks_per_child=2) hung here on Python 3.11 (gh-115634)
    jobs = [
        Job(report_samples.small_team_report(), REPORTS / "team", "de", tmp_path / f"{i}.pdf")
        for i in range(6)
    ]
    results = []
    worker = threading.Thread(
        target=lambda: results.extend(
            batch.build(jobs, workers=2, on_done=lambda _result: None, jobs_per_worker=2)
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=180)
    assert sorted(r.target.name for r in results) == [f"{i}.pdf" for i in range(6)]
    assert all((tmp_path / f"{i}.pdf").read_bytes().startswith(b"%PDF") for i in range(6))
