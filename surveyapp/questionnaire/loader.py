"""Load a questionnaire file: parse it, validate everything, report all problems at once."""

from __future__ import annotations

import hashlib
from pathlib import Path

from surveyapp.questionnaire.errors import Problem, QuestionnaireError
from surveyapp.questionnaire.fields import KEY_RULE, Where, kind_of
from surveyapp.questionnaire.items import ItemReader
from surveyapp.questionnaire.model import (
    KEY_PATTERN,
    RESERVED_SECTION_KEYS,
    SLUG_PATTERN,
    Item,
    Questionnaire,
    Section,
)
from surveyapp.questionnaire.yamlsource import LineDict, LineList, read_yaml

TOP_REQUIRED = (
    "id",
    "version",
    "title",
    "introduction",
    "privacy_note",
    "estimated_minutes",
    "sections",
)
TOP_OPTIONAL = ("dimensions", "scales")
SECTION_REQUIRED = ("key", "title", "items")
SECTION_OPTIONAL = ("intro",)


class _QuestionnaireReader(ItemReader):
    """Walks the parsed YAML top-down and builds the questionnaire's parts."""

    def questionnaire(self, data: object) -> dict[str, object] | None:
        """Validate the top-level mapping and return the constructor arguments."""
        top = Where()
        if data is None:
            self.report(top, None, "the file is empty")
            return None
        if not isinstance(data, LineDict):
            line = getattr(data, "line", 1)
            self.report(top, line, f"the top level must be a mapping, got {kind_of(data)}")
            return None
        self.fields(data, top, TOP_REQUIRED, TOP_REQUIRED + TOP_OPTIONAL)
        ident = data.get("id")
        if "id" in data and not (isinstance(ident, str) and SLUG_PATTERN.match(ident)):
            self.report(
                top,
                data.line_of("id"),
                f"invalid id {ident!r}: use lowercase letters, digits and hyphens",
            )
        version = self.positive_int(data, "version", top)
        minutes = self.positive_int(data, "estimated_minutes", top)
        texts = {
            name: self.text(data, name, top) if name in data else None
            for name in ("title", "introduction", "privacy_note")
        }
        if "dimensions" in data:
            self.read_dimensions(data)
        if "scales" in data:
            self.read_scales(data)
        sections = self.read_sections(data) if "sections" in data else ()
        return {
            "id": ident,
            "version": version,
            "title": texts["title"],
            "introduction": texts["introduction"],
            "privacy_note": texts["privacy_note"],
            "estimated_minutes": minutes,
            "sections": sections,
            "dimensions": dict(self.dimensions),
            "scales": dict(self.scales),
        }

    def read_dimensions(self, data: LineDict) -> None:
        """Read the declared likert dimensions."""
        line = data.line_of("dimensions")
        block = self.mapping(data["dimensions"], Where(), "'dimensions'", line)
        for name in block or {}:
            where = Where(None, f"dimension {name!r}: ")
            if not (isinstance(name, str) and KEY_PATTERN.match(name)):
                self.report(where, self._line(block, name), f"invalid dimension key: {KEY_RULE}")
                continue
            self.declared.add(name)
            label = self.text(block, name, Where(None, "dimension "))
            if label is not None:
                self.dimensions[name] = label

    def read_scales(self, data: LineDict) -> None:
        """Read questionnaire-wide scales (lists of five point labels)."""
        block = self.mapping(data["scales"], Where(), "'scales'", data.line_of("scales"))
        for name in block or {}:
            where = Where(None, f"scale {name!r}: ")
            if not (isinstance(name, str) and KEY_PATTERN.match(name)):
                self.report(where, self._line(block, name), f"invalid scale key: {KEY_RULE}")
                continue
            points = self.scale_points(block[name], block.line_of(name), where)
            if points is not None:
                self.scales[name] = points

    # sections and items --------------------------------------------------------------------

    def read_sections(self, data: LineDict) -> tuple[Section, ...]:
        """Read and validate all sections."""
        value, line = data["sections"], data.line_of("sections")
        if not isinstance(value, LineList) or not value:
            self.report(Where(), line, "'sections' must be a non-empty list of sections")
            return ()
        sections: list[Section] = []
        seen: dict[str, int] = {}
        for number, raw in enumerate(value, start=1):
            where = Where(None, f"section {number}: ")
            section_data = self.mapping(raw, where, "a section", getattr(raw, "line", line))
            if section_data is None:
                continue
            key = self.key(section_data, "key", where, "section key")
            if key is not None:
                where = Where(None, f"section '{key}': ")
                if key in RESERVED_SECTION_KEYS:
                    reserved = ", ".join(sorted(RESERVED_SECTION_KEYS))
                    message = f"section key '{key}' is the name of a participant page ({reserved})"
                    self.report(where, section_data.line_of("key"), message)
                self.first_use(seen, key, section_data, where, "section key")
            section = self.read_section(section_data, where, key)
            if section is not None:
                sections.append(section)
        return tuple(sections)

    def read_section(self, data: LineDict, where: Where, key: str | None) -> Section | None:
        """Read one section and its items."""
        self.fields(data, where, SECTION_REQUIRED, SECTION_REQUIRED + SECTION_OPTIONAL)
        title = self.text(data, "title", where) if "title" in data else None
        intro = self.optional_text(data, "intro", where)
        items: list[Item] = []
        if "items" in data:
            raw_items = data["items"]
            if not isinstance(raw_items, LineList) or not raw_items:
                self.report(where, data.line_of("items"), "'items' must be a non-empty list")
            else:
                for number, raw in enumerate(raw_items, start=1):
                    item_where = Where(None, f"{where.prefix}item {number}: ")
                    line = getattr(raw, "line", raw_items.line)
                    item_data = self.mapping(raw, item_where, "an item", line)
                    item = self.read_item(item_data, item_where) if item_data else None
                    if item is not None:
                        items.append(item)
        if key is None or title is None:
            return None
        return Section(key=key, title=title, items=tuple(items), intro=intro, line=data.line)


def parse_questionnaire(raw: bytes | str, source: Path | str = "<string>") -> Questionnaire:
    """Parse and validate questionnaire YAML; raise QuestionnaireError listing every problem."""
    source = Path(source)
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    file = str(source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QuestionnaireError([Problem(file, None, line, "the file is not UTF-8")]) from None
    parsed = read_yaml(text.removeprefix("\ufeff"))
    if parsed.issues and parsed.data is None:
        problems = [Problem(file, None, issue.line, issue.message) for issue in parsed.issues]
        raise QuestionnaireError(problems)
    validator = _QuestionnaireReader(file)
    for issue in parsed.issues:
        validator.report(Where(), issue.line, issue.message)
    args = validator.questionnaire(parsed.data)
    if validator.problems or args is None:
        problems = sorted(validator.problems, key=lambda p: p.line or 0)
        raise QuestionnaireError(problems)
    return Questionnaire(
        content_hash=hashlib.sha256(data).hexdigest(),
        source=source,
        **args,
    )


def load_questionnaire(path: Path | str) -> Questionnaire:
    """Load and validate one questionnaire file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Problem(str(path), None, None, f"cannot read the file: {reason}")
        raise QuestionnaireError([problem]) from None
    return parse_questionnaire(raw, path)
