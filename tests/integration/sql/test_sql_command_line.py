"""``psr db upgrade``, ``psr db import`` and ``psr db export`` through click's CliRunner, on each database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from psr_adapters.cli.app import psr
from psr_adapters.cli.db import db, history_from_database
from psr_adapters.dataset import dump_dataset, read_dataset, write_dataset
from psr_adapters.sql import load_history, schema_head
from strategies import histories, judgement_days

from .conftest import Target, examples
from .storable import EXAMPLES, SMALL, storable


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(db, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_import_then_export_gives_the_dataset_back(database: Target) -> None:
    code, out, err = run("import", str(SMALL), "--db", database.url)
    assert (code, err) == (0, "")
    assert "imported 1 partnership, 2 organisations, 4 people" in out
    assert "9 attendance records" in out
    code, out, err = run("export", "--db", database.url)
    assert (code, err) == (0, "")
    assert out == dump_dataset(read_dataset(SMALL))


def test_export_writes_json_for_a_json_file_or_when_asked(database: Target, tmp_path: Path) -> None:
    run("import", str(SMALL), "--db", database.url)
    target = tmp_path / "exported.json"
    assert run("export", "--db", database.url, "-o", str(target))[0] == 0
    assert read_dataset(target) == read_dataset(SMALL)
    code, out, _err = run("export", "--db", database.url, "--format", "json")
    assert code == 0
    assert json.loads(out)["format"] == "psr/1"


def test_checking_an_exported_dataset_gives_byte_identical_findings(database: Target, tmp_path: Path) -> None:
    run("import", str(SMALL), "--db", database.url)
    exported = tmp_path / "exported.yaml"
    run("export", "--db", database.url, "-o", str(exported))
    runner = CliRunner()
    for as_of in ("2015-09-30", "2016-07-31"):
        direct = runner.invoke(psr, ["check", str(SMALL), "--format", "json", "--as-of", as_of])
        stored = runner.invoke(psr, ["check", str(exported), "--format", "json", "--as-of", as_of])
        assert (stored.exit_code, stored.stdout) == (direct.exit_code, direct.stdout)


@pytest.mark.parametrize("dataset", [SMALL, *EXAMPLES], ids=lambda path: path.stem)
def test_psr_check_db_prints_byte_identical_json_to_psr_check_file(database: Target, dataset: Path) -> None:
    assert run("import", str(dataset), "--db", database.url)[0] == 0
    runner = CliRunner()
    for as_of in ("2015-09-30", "2016-07-31", "2021-12-31"):
        direct = runner.invoke(psr, ["check", str(dataset), "--format", "json", "--as-of", as_of])
        stored = runner.invoke(psr, ["check", "--db", database.url, "--format", "json", "--as-of", as_of])
        assert (stored.exit_code, stored.stdout, stored.stderr) == (direct.exit_code, direct.stdout, "")


def test_psr_check_db_prints_byte_identical_json_for_generated_histories(
    database: Target, tmp_path: Path
) -> None:
    runner = CliRunner()

    @examples(database.kind, scale=0.5)
    @given(data=st.data())
    def property(data: st.DataObject) -> None:
        history = storable(data.draw(histories()))
        dataset = tmp_path / "generated.yaml"
        write_dataset(history, dataset)
        assert run("import", str(dataset), "--db", database.url, "--replace")[0] == 0
        as_of = data.draw(judgement_days(history)).isoformat()
        direct = runner.invoke(psr, ["check", str(dataset), "--format", "json", "--as-of", as_of])
        stored = runner.invoke(psr, ["check", "--db", database.url, "--format", "json", "--as-of", as_of])
        assert (stored.exit_code, stored.stdout) == (direct.exit_code, direct.stdout)

    property()


def test_history_from_database_is_what_psr_check_db_evaluates(database: Target) -> None:
    run("import", str(SMALL), "--db", database.url)
    assert history_from_database(database.url) == read_dataset(SMALL)


def test_importing_twice_is_refused_and_replace_replaces(database: Target) -> None:
    run("import", str(SMALL), "--db", database.url)
    code, out, err = run("import", str(SMALL), "--db", database.url)
    assert (code, out) == (2, "")
    assert "already holds a history" in err
    assert "--replace" in err
    code, out, _err = run("import", str(SMALL), "--db", database.url, "--replace")
    assert code == 0
    assert "replaced the history" in out
    assert load_history(database.url) == read_dataset(SMALL)


def test_a_bad_dataset_is_refused_naming_the_file_and_path_and_writes_nothing(
    database: Target, tmp_path: Path
) -> None:
    run("import", str(SMALL), "--db", database.url)
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.read_text(encoding="utf-8").replace("tracie-ogara: absent", "tracie-ogara: asleep"))
    code, out, err = run("import", str(bad), "--db", database.url, "--replace")
    assert (code, out) == (2, "")
    assert str(bad) in err
    assert "meetings[1].attendance.tracie-ogara" in err
    assert "Traceback" not in err
    assert load_history(database.url) == read_dataset(SMALL)


def test_upgrade_creates_the_schema_once(empty_database: Target) -> None:
    code, out, _err = run("upgrade", "--db", empty_database.url)
    assert code == 0
    assert f"upgraded the schema from version none to {schema_head()}" in out
    code, out, _err = run("upgrade", "--db", empty_database.url)
    assert code == 0
    assert "nothing to do" in out


def test_exporting_from_a_database_without_the_schema_says_to_upgrade(empty_database: Target) -> None:
    if empty_database.kind == "sqlite":
        empty_database.engine.connect().close()
    code, out, err = run("export", "--db", empty_database.url)
    assert (code, out) == (2, "")
    assert err.startswith("psr: ")
    assert "run `psr db upgrade --db" in err


def test_the_default_database_is_psr_db_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("import", str(SMALL))[0] == 0
    assert (tmp_path / "psr.db").is_file()
    assert run("export")[1] == dump_dataset(read_dataset(SMALL))


def test_a_bad_dataset_creates_no_default_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("format: psr/2\n")
    assert run("import", "bad.yaml")[0] == 2
    assert not (tmp_path / "psr.db").exists()


def test_psr_db_in_the_environment_names_the_database(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    assert run("import", str(SMALL), env={"PSR_DB": str(target)})[0] == 0
    assert load_history(str(target)) == read_dataset(SMALL)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://postgres@127.0.0.1:1/test", "cannot connect"),
        ("mariadb://root@127.0.0.1:1/test", "cannot connect"),
        ("postgresql://user@host:port/test", "not a database URL"),
        ("://nowhere", "not a database URL"),
        ("nosuchdb://x/y", "not a database psr can use"),
    ],
)
def test_an_unusable_database_is_a_message_not_a_traceback(url: str, message: str) -> None:
    code, out, err = run("export", "--db", url)
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err
