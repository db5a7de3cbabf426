"""The round trip the README promises, on the demo as a person runs it: export-tracker, import into a fresh store
(the same `status` by agency, review and board at the tracker's date), and back into the same store (no change)."""
from __future__ import annotations

import json

import pytest

from monitoring.cli.main import main
from tests.conftest import events_in

pytestmark = pytest.mark.timeout(600)
MANAGER = ["--as", "business.manager"]
# The contract's fields (CONTRACT.md). Assurance and impact counts travel once the tracker carries their columns
# (issue 15 adds them to headers.py and the export); until then a fresh store holds them as not graded / not tested.
FIELDS = ("key", "total", "not_started", "in_progress", "completed", "signed_off", "withdrawn", "overdue",
          "percent_complete", "percent_signed_off")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def status(capsys, db, by, *who):
    code, out, _ = run(capsys, "status", "--by", by, "--format", "json", "--db", db, *who)
    assert code == 0
    figures = json.loads(out)
    return {"as_at": figures["as_at"], "rows": [{f: r[f] for f in FIELDS} for r in figures["rows"]],
            "totals": {f: figures["totals"][f] for f in FIELDS}}


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_the_demo_exported_and_imported_into_a_fresh_store_gives_the_same_status(suffix, tmp_path, capsys):
    demo, fresh = f"sqlite:///{tmp_path / 'demo.sqlite'}", f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    assert run(capsys, "demo", "--db", demo)[0] == 0
    tracker = str(tmp_path / f"tracker{suffix}")
    code, out, _ = run(capsys, "export-tracker", "--out", tracker, "--db", demo, *MANAGER)
    actions = status(capsys, demo, "board", *MANAGER)["totals"]["total"]  # the demo's story is dated from today
    assert code == 0 and out.startswith(f"wrote {actions} actions")

    code, out, err = run(capsys, "import", tracker, "--db", fresh)
    assert code == 0, err
    for by in ("agency", "review", "board"):
        assert status(capsys, fresh, by) == status(capsys, demo, by, *MANAGER)

    before = events_in(demo)
    code, out, err = run(capsys, "import", tracker, "--db", demo, *MANAGER)
    assert code == 0, err
    assert "nothing to change: the store already matches the file" in out.splitlines()
    assert events_in(demo) == before
