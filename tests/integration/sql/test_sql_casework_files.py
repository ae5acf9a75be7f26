"""A dataset file with responses and the new details of the minutes: imported into SQL and exported back
unchanged, and checked alike from the file and from the database (casework included)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from psr_adapters.cli.app import psr
from psr_adapters.dataset import dump_dataset, read_dataset
from psr_adapters.sql import load_history
from psr_adapters.sql.responses import stored_responses

from .conftest import Target
from .storable import SMALL

LATE_AGENDA = "meeting.agenda-notice.2015-08-11"


def casework_dataset(tmp_path: Path) -> Path:
    """The small dataset with an accepted exceptional reason, a declaration's took_part, a meeting's url
    and responses (one to a finding not raised)."""
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace(
        'tracie-ogara: {status: absent, exceptional: "hospital admission"}',
        "tracie-ogara: {status: absent, exceptional: {reason: hospital admission, "
        "accepted_by: alistair-bradley, accepted_on: 2015-09-20}}",
    )
    text = text.replace("withdrew: false}", "withdrew: false, took_part: false}")
    text = text.replace(
        "    agenda_published: 2015-08-07\n",
        "    agenda_published: 2015-08-07\n    url: https://chorley.example/exec/2015-08-11\n",
    )
    findings = CliRunner().invoke(psr, ["check", str(SMALL), "--as-of", "2015-10-01", "--format", "json"])
    late = next(f["id"] for f in json.loads(findings.stdout)["findings"] if f["id"].startswith(LATE_AGENDA))
    text += (
        "responses:\n"
        f"  - {{finding: {late}, action: acknowledged, by: gary-hall, on: 2015-08-20, note: on the agenda}}\n"
        f"  - {{finding: {late}, action: waived, by: alistair-bradley, on: 2015-08-20}}\n"
        "  - {finding: a-finding-since-corrected, action: resolved, by: gary-hall, on: 2015-09-01}\n"
    )
    path = tmp_path / "casework.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_dataset_with_casework_is_imported_and_exported_unchanged(database: Target, tmp_path: Path) -> None:
    dataset = casework_dataset(tmp_path)
    history = read_dataset(dataset)
    assert len(history.responses) == 3
    runner = CliRunner()
    imported = runner.invoke(psr, ["db", "import", str(dataset), "--db", database.url])
    assert imported.exit_code == 0, imported.stderr
    assert "3 responses" in imported.stdout
    assert load_history(database.engine) == history
    assert len(stored_responses(database.engine)) == 3
    exported = runner.invoke(psr, ["db", "export", "--db", database.url])
    assert exported.exit_code == 0
    assert exported.stdout == dump_dataset(history)


def test_checking_a_dataset_with_casework_from_the_database_prints_the_same_json(
    database: Target, tmp_path: Path
) -> None:
    dataset = casework_dataset(tmp_path)
    runner = CliRunner()
    runner.invoke(psr, ["db", "import", str(dataset), "--db", database.url])
    for as_of in ("2015-08-19", "2015-10-01"):
        args = ["--as-of", as_of, "--format", "json"]
        from_file = runner.invoke(psr, ["check", str(dataset), *args])
        from_database = runner.invoke(psr, ["check", "--db", database.url, *args])
        assert (from_database.exit_code, from_database.stdout) == (from_file.exit_code, from_file.stdout)
