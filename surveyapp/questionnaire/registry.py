"""All questionnaire versions in a directory, looked up by id and version, with pin checks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from surveyapp.questionnaire.errors import (
    Problem,
    QuestionnaireChanged,
    QuestionnaireError,
    UnknownQuestionnaire,
)
from surveyapp.questionnaire.loader import load_questionnaire
from surveyapp.questionnaire.model import Questionnaire


def parse_ref(ref: str) -> tuple[str, int]:
    """Split ``"id@version"`` (as used by ``choices``) into id and version."""
    ident, sep, version = ref.rpartition("@")
    if not sep or not ident or not version.isdigit():
        raise UnknownQuestionnaire(f"not a questionnaire reference (id@version): {ref!r}")
    return ident, int(version)


class QuestionnaireRegistry:
    """The loaded questionnaires, at most one per (id, version)."""

    def __init__(self, questionnaires: Iterable[Questionnaire] = ()) -> None:
        self._by_ref: dict[tuple[str, int], Questionnaire] = {}
        problems = []
        for questionnaire in questionnaires:
            ref = (questionnaire.id, questionnaire.version)
            first = self._by_ref.get(ref)
            if first is not None:
                message = (
                    f"questionnaire '{questionnaire.id}' version {questionnaire.version} is "
                    f"also defined in {first.source}; raise 'version' in one of them"
                )
                problems.append(Problem(str(questionnaire.source), None, None, message))
                continue
            self._by_ref[ref] = questionnaire
        for questionnaire in self._by_ref.values():
            problems.extend(self._previous_key_problems(questionnaire))
        if problems:
            raise QuestionnaireError(problems)

    def previous(self, questionnaire: Questionnaire) -> Questionnaire | None:
        """Return the loaded version of the same id just before ``questionnaire``, if any."""
        earlier = [v for v in self.versions(questionnaire.id) if v < questionnaire.version]
        return self._by_ref[(questionnaire.id, earlier[-1])] if earlier else None

    def _previous_key_problems(self, questionnaire: Questionnaire) -> list[Problem]:
        """Check every ``previous_key`` against the previous loaded version (if one is loaded)."""
        previous = self.previous(questionnaire)
        if previous is None:
            return []
        problems = []
        earlier = {item.key: item for item in previous.items}
        for item in questionnaire.items:
            if item.previous_key is None:
                continue
            old = earlier.get(item.previous_key)
            if old is None:
                message = (
                    f"previous_key '{item.previous_key}' is not an item of version "
                    f"{previous.version} ({previous.source})"
                )
            elif old.type != item.type:
                message = (
                    f"previous_key '{item.previous_key}' is a {old.type} item in version "
                    f"{previous.version}, but this item is {item.type}"
                )
            else:
                continue
            problems.append(Problem(str(questionnaire.source), item.key, item.line, message))
        return problems

    @classmethod
    def from_directory(cls, path: Path | str) -> QuestionnaireRegistry:
        """Load every ``*.yaml`` file in ``path``; raise one error listing all problems."""
        directory = Path(path)
        if not directory.is_dir():
            problem = Problem(str(directory), None, None, "questionnaire directory not found")
            raise QuestionnaireError([problem])
        loaded: list[Questionnaire] = []
        problems: list[Problem] = []
        for file in sorted(directory.glob("*.yaml")):
            try:
                loaded.append(load_questionnaire(file))
            except QuestionnaireError as exc:
                problems.extend(exc.problems)
        try:
            registry = cls(loaded)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
        if problems:
            raise QuestionnaireError(problems)
        return registry

    def __len__(self) -> int:
        return len(self._by_ref)

    def __contains__(self, ref: object) -> bool:
        return ref in self._by_ref

    def get(self, id: str, version: int) -> Questionnaire:
        """Return questionnaire ``id`` in ``version``."""
        try:
            return self._by_ref[(id, version)]
        except (KeyError, TypeError):
            known = ", ".join(str(v) for v in self.versions(id)) or "none"
            raise UnknownQuestionnaire(
                f"questionnaire '{id}' version {version} is not loaded (loaded versions: "
                f"{known}); a round pinned to it needs its file in the questionnaire directory"
            ) from None

    def by_ref(self, ref: str) -> Questionnaire:
        """Return the questionnaire for ``"id@version"``."""
        return self.get(*parse_ref(ref))

    def latest(self, id: str) -> Questionnaire:
        """Return the highest version of questionnaire ``id``."""
        versions = self.versions(id)
        if not versions:
            raise UnknownQuestionnaire(f"no questionnaire with id '{id}' is loaded")
        return self._by_ref[(id, versions[-1])]

    def versions(self, id: str) -> list[int]:
        """Return the loaded versions of ``id``, oldest first (empty if unknown)."""
        return sorted(version for ident, version in self._by_ref if ident == id)

    def all(self) -> list[Questionnaire]:
        """Return every loaded questionnaire, sorted by id and version."""
        return [self._by_ref[ref] for ref in sorted(self._by_ref)]

    def choices(self, locale: str = "de") -> list[tuple[str, str]]:
        """Return ``(id@version, title)`` pairs for a select box, sorted by id and version."""
        return [(q.ref, q.title.get(locale)) for q in self.all()]

    def verify_pin(self, id: str, version: int, content_hash: str) -> Questionnaire:
        """Return the pinned questionnaire, refusing it if its file changed since pinning."""
        questionnaire = self.get(id, version)
        if questionnaire.content_hash != content_hash:
            message = (
                f"the file {questionnaire.source} for {id} version {version} changed after a "
                "round pinned it; publish the change as a new version (copy the file, raise "
                "`version`) and restore the original"
            )
            raise QuestionnaireChanged([Problem(str(questionnaire.source), None, None, message)])
        return questionnaire
