"""Every change to the database, as documented functions that take the session explicitly.

Views and CLI commands call these and commit; the functions themselves never commit, so
that a caller can group several of them into one transaction.
"""
