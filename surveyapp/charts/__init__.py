"""Charts drawn from the analysis results: plotly for the web, matplotlib for print.

Pure: nothing here imports Flask or the database. ``palette`` holds the colours both share.
"""
