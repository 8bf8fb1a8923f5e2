"""A small XML reader that keeps line numbers and refuses DTDs (no entity tricks, no external files).

ElementTree forgets where an element came from; problems in a Moodle XML file must name the line.
Moodle's exports never carry a DOCTYPE, so any DTD is refused before it can declare an entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from quizkit.errors import ImportFormatError


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)

    def find(self, path: str) -> Node | None:
        """The first descendant along 'a/b/c' (direct children at each step)."""
        node: Node | None = self
        for part in path.split("/"):
            if node is None:
                return None
            node = next((child for child in node.children if child.tag == part), None)
        return node

    def findall(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def value(self, path: str, default: str = "") -> str:
        found = self.find(path)
        return found.text if found is not None else default


def parse_xml(raw: bytes, file: str) -> Node:
    """The root element of an XML document, every element knowing its line."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    root: list[Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = Node(tag, attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def data(text: str) -> None:
        if stack:
            stack[-1].text += text

    def doctype(*_args: Any) -> None:
        raise ImportFormatError(
            "the XML file declares a DOCTYPE, which Moodle XML never has; it is not read",
            file=file,
            line=parser.CurrentLineNumber,
            hint="export the questions from Moodle again (Moodle XML format)",
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as error:
        raise ImportFormatError(
            f"not well-formed XML: {expat.ErrorString(error.code)}",
            file=file,
            line=error.lineno,
            hint="is this really a Moodle XML export? check the line above",
        ) from error
    return root[0]
