"""Schemathesis against the OpenAPI document, through the ASGI application: no request it makes from the
document gets a 5xx, and every answer conforms to what the document promises. Examples are bounded so the
run stays within seconds.

The stateful run follows the document's links (a meeting recorded, then read, its attendance and items
recorded and read back) on SQLite and PostgreSQL. The bodies it generates are steered towards records
that can be stored (a meeting of a group that exists, attendance of a person who exists): without that,
every write would be refused for a dangling reference and nothing would be read back. It must make
writes that succeed and reads of what they wrote, and it prints how many calls it made.

``schemathesis.pytest.from_fixture`` fails on this pytest (``'Function' object has no attribute
'_nodeid'``), so the operations are walked here and each is driven by its own Hypothesis strategy, which is
what that integration does. The "positive data is accepted" check is left out: the document's formats
``date`` and ``local-datetime`` and the references between records (a meeting's groups must exist) are
rules schemathesis cannot satisfy by generating from the schema, and the API rightly answers 422 or 404.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from http_api import CHORLEY, Api, chorley_db_fixture, postgresql_db_fixture, postgresql_schema_fixture  # noqa: F401 (fixtures, found by pytest by name)

from psr_adapters.dataset import read_dataset
from psr_adapters.sql import import_history

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from schemathesis.checks import positive_data_acceptance
    from schemathesis.generation import GenerationMode


@pytest.fixture(scope="module")
def module_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    path: Path = tmp_path_factory.mktemp("schemathesis") / "psr.db"
    import_history(read_dataset(CHORLEY), f"sqlite:///{path}")
    made = Api(f"sqlite:///{path}")
    yield made
    made.close()


def test_the_api_keeps_the_promises_of_its_openapi_document(module_api: Api) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", module_api.app)
    headers = module_api.headers("write")
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: schemathesis.Case[Any]) -> None:
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()


PEOPLE = ["gary-hall", "alistair-bradley", "tracie-ogara", "steve-winterson"]
STATEFUL_SCENARIOS = 60


def _steered(context: Any, body: Any) -> Any:
    """A generated body, with its references pointed at records that exist (see the module docstring)."""
    if not isinstance(body, dict) or context.operation is None:
        return st.just(body)
    path, method = context.operation.path, context.operation.method.upper()
    body = dict(body)
    if path == "/v1/meetings" and method == "POST":
        for key in ("attendance", "items", "chair", "vice_chair", "end", "agenda_published"):
            body.pop(key, None)
        return st.fixed_dictionaries(
            {
                "id": st.from_regex(r"\A[a-z][a-z0-9-]{2,20}\Z"),
                "groups": st.sampled_from([["exec"], ["board"], ["exec", "board"]]),
                "start": st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 12, 31)).map(
                    lambda t: t.replace(second=0, microsecond=0).isoformat(timespec="minutes")
                ),
            }
        ).map(lambda steered: {**body, **steered})
    if path.endswith("/attendance") and method == "POST":
        body.pop("version", None)
        body.pop("deputy", None)
        if body.get("status") == "deputy":
            body["deputy"] = "steve-winterson"
        return st.sampled_from(PEOPLE).map(lambda person: {**body, "person": person})
    if path.endswith("/items") and method == "POST":
        body.pop("declarations", None)
        body.pop("decision", None)
        return st.just(body)
    if path.endswith("/declarations"):
        return st.sampled_from(PEOPLE).map(lambda person: {**body, "person": person})
    if path.endswith("/decision"):
        body.pop("version", None)
        return st.just({**body, "for": [], "against": [], "abstain": []})
    return st.just(body)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_stateful_run_records_and_reads_back_and_keeps_every_promise(
    request: pytest.FixtureRequest, kind: str
) -> None:
    url = request.getfixturevalue("chorley_db" if kind == "sqlite" else "postgresql_db")
    api = Api(url)
    try:
        schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
        schema.hook("flatmap_body")(_steered)
        # Valid requests only: the stateless run above sends the invalid ones; here each step should be
        # able to succeed, so that the links lead somewhere.
        schema.config.generation.update(modes=[GenerationMode.POSITIVE], with_security_parameters=False)
        headers = api.headers("write")
        calls: list[tuple[str, str, int]] = []
        written: set[str] = set()
        read_back: set[str] = set()

        chorley = read_dataset(CHORLEY)

        class Machine(schema.as_state_machine()):  # type: ignore[misc]
            def setup(self) -> None:
                # Each scenario starts from the same history, so that a scenario replayed while
                # shrinking meets the database it met the first time.
                import_history(chorley, url, replace=True)

            def get_call_kwargs(self, _case: schemathesis.Case[Any]) -> dict[str, Any]:
                return {"headers": headers}

            def after_call(self, response: Any, case: schemathesis.Case[Any]) -> None:
                super().after_call(response, case)
                calls.append((case.method, case.formatted_path, response.status_code))
                if case.method == "POST" and case.path == "/v1/meetings" and response.status_code == 201:
                    written.add(response.json()["meeting"]["id"])
                if response.status_code in (200, 201) and case.path != "/v1/meetings":
                    found = case.path_parameters or {}
                    read_back.update(v for k, v in found.items() if k in ("record_id", "meeting_id"))

            def validate_response(
                self,
                response: Any,
                case: schemathesis.Case[Any],
                additional_checks: Any = None,
                **kwargs: Any,
            ) -> None:
                case.validate_response(
                    response,
                    additional_checks=additional_checks,
                    excluded_checks=[positive_data_acceptance],
                    transport_kwargs=kwargs or None,
                )

        Machine.run(
            settings=settings(
                max_examples=STATEFUL_SCENARIOS,
                stateful_step_count=10,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
                derandomize=True,
            )
        )
    finally:
        api.close()
    succeeded = [c for c in calls if c[0] in ("POST", "PUT") and c[2] in (200, 201)]
    used = len(written & read_back)
    print(f"\n{kind}: {len(calls)} calls, {len(succeeded)} successful writes, {used} new meetings used after")
    assert not [c for c in calls if c[2] >= 500]
    assert len(succeeded) >= 10
    assert used >= 1  # a meeting it recorded was read, or recorded against, through a link
