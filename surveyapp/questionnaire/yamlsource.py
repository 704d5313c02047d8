"""Reading YAML with line numbers and duplicate-key checks; the only module using PyYAML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class LineDict(dict):
    """A YAML mapping that remembers its line and the line of each string key."""

    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A YAML sequence that remembers its line."""

    line: int = 1


@dataclass
class YamlIssue:
    """A problem found while reading YAML: message and line (if known)."""

    message: str
    line: int | None


@dataclass
class YamlResult:
    """The data read from a YAML text and the problems found on the way."""

    data: object = None
    issues: list[YamlIssue] = field(default_factory=list)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader building LineDict/LineList and noting duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[YamlIssue] = []


# Dates are not part of the format; PyYAML would also raise ValueError on "2020-13-45".
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    seen: dict[object, int] = {}
    for key_node, _value_node in node.value:
        if key_node.tag == _MERGE_TAG:
            continue
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            first = seen.get(key)
        except TypeError:  # unhashable key: construct_mapping reports it below
            continue
        if first is not None:
            loader.duplicates.append(
                YamlIssue(f"duplicate key {key!r} in one mapping (first on line {first})", line)
            )
            continue
        seen[key] = line
        if isinstance(key, str):
            data.key_lines[key] = line
    data.update(loader.construct_mapping(node))


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[LineList]:
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_sequence(node))


_LineLoader.add_constructor(_MAP_TAG, _construct_mapping)
_LineLoader.add_constructor(_SEQ_TAG, _construct_sequence)


def read_yaml(text: str) -> YamlResult:
    """Parse one YAML document; syntax errors become issues, never exceptions."""
    result = YamlResult()
    loader = None
    try:
        loader = _LineLoader(text)  # already reads the start: may raise on bad characters
        result.data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        message = "; ".join(part for part in (exc.context, exc.problem) if part) or str(exc)
        kind = "error" if isinstance(exc, yaml.constructor.ConstructorError) else "syntax error"
        result.issues.append(YamlIssue(f"YAML {kind}: {message}", line))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"character #x{exc.character:04x} is not allowed in YAML"
        result.issues.append(YamlIssue(message, line))
    except yaml.YAMLError as exc:
        result.issues.append(YamlIssue(f"YAML error: {exc}", None))
    except RecursionError:
        result.issues.append(YamlIssue("YAML error: the document is nested too deeply", None))
    except Exception as exc:  # PyYAML raises plain ValueError for e.g. "!!int x"
        result.issues.append(YamlIssue(f"YAML error: {exc}", None))
    finally:
        if loader is not None:
            loader.dispose()
    if loader is not None and not result.issues:
        result.issues.extend(loader.duplicates)
    return result
