"""The errors of loading questionnaires, each carrying a list of located problems."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One validation problem, located as precisely as known."""

    file: str
    item: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.item is not None:
            return f"{where}: item '{self.item}': {self.message}"
        return f"{where}: {self.message}"


class QuestionnaireError(Exception):
    """A questionnaire (or a set of them) is invalid; ``problems`` lists why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class QuestionnaireChanged(QuestionnaireError):
    """A pinned questionnaire file changed after a round started using it."""


class UnknownQuestionnaire(KeyError):
    """No loaded questionnaire has the requested id (and version)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown questionnaire"
