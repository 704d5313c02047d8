"""The participant's side of a questionnaire: forms built from sections, merging, progress.

Pure: nothing here touches the request or the database. The web front door is
:mod:`surveyapp.views.participant`.
"""
