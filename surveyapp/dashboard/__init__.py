"""What each results page shows, built from the analysis: figures, tables and reasons.

Pure (no Flask, no database): a page builder takes the analysis results, the names to show
and the reader's locale, and returns frozen page models that the templates only print.
Every number comes from ``surveyapp.analysis``; every figure from ``surveyapp.charts.web``.
"""
