"""Reading a PDF back as a reader and a screen reader would: its text, tags and metadata."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass, field

import pypdf


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """The text as pdftotext extracts it (``layout``: each printed line as one line)."""
    options = ["-layout"] if layout else []
    out = subprocess.run(
        ["pdftotext", *options, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return out.stdout.decode()


def flat(text: str) -> str:
    """Text with hyphenated line ends joined and all white space as single spaces."""
    return " ".join(text.replace("-\n", "").replace("\u00ad\n", "").split())


@dataclass
class Tags:
    """What a PDF's structure tree holds."""

    lang: str | None
    title: str | None
    marked: bool
    roles: list[str] = field(default_factory=list)
    figure_alts: list[str | None] = field(default_factory=list)


def pdf_tags(pdf: bytes) -> Tags:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo") or {}
    tags = Tags(
        lang=str(root["/Lang"]) if "/Lang" in root else None,
        title=(reader.metadata or {}).get("/Title"),
        marked=bool(mark_info.get("/Marked")),
    )
    if "/StructTreeRoot" not in root:
        return tags
    stack = [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if "/S" in node:
            tags.roles.append(str(node["/S"]))
            if node["/S"] == "/Figure":
                tags.figure_alts.append(str(node["/Alt"]) if "/Alt" in node else None)
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                stack.append(kid)
            elif isinstance(kid, dict):
                stack.append(kid)
    return tags


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
