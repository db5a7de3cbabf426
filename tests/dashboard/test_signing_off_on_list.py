"""The sub-group's list of what it signs off on gives each document's kind and size once, to the eye and to a
screen reader alike (the link's hidden words repeated "PDF, 132 KB" before the visible ", PDF, 132 KB")."""
from __future__ import annotations

from dashboard.evidence_view import signing_off_on

DOC = {"live": True, "kind": "pdf", "size": 135_657, "sha256": "ab" * 32, "title": "Re-audit June 2025", "actor": "police.lead"}


def words(component) -> str:
    """Every text a screen reader meets, in order (visually hidden text included)."""
    if isinstance(component, str):
        return component
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if not isinstance(children, (list, tuple)):
        children = [children]
    return "".join(words(child) for child in children)


def test_each_document_is_said_with_its_kind_and_size_once():
    said = words(signing_off_on([DOC]))

    assert "Re-audit June 2025 (download), PDF, 132 KB, attached by police.lead" in said
    assert said.count("132 KB") == 1
