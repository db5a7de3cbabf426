"""A page that cannot be shown says whether the record is unknown or not the reader's to see."""
from domain.errors import NotFound, PermissionDenied
from dashboard.components import cannot_show


def _text(component) -> str:
    children = getattr(component, "children", component)
    if isinstance(children, (list, tuple)):
        return " ".join(_text(c) for c in children)
    return children if isinstance(children, str) else _text(children) if children is not None else ""


def test_another_agencys_action_is_not_called_missing():
    page = _text(cannot_show("action", "child-r-2019/R1/A1", PermissionDenied("as", "police.lead may not read child-r-2019/R1/A1")))
    assert "Not available to you" in page
    assert "You may not see action 'child-r-2019/R1/A1'" in page
    assert "There is no action" not in page


def test_an_unknown_action_is_called_missing():
    page = _text(cannot_show("action", "child-r-2019/R1/A99", NotFound("action", "no action 'child-r-2019/R1/A99'")))
    assert "There is no action 'child-r-2019/R1/A99'" in page and "Not found" in page
