"""Responses to findings in SQL: appended one at a time, read back in the order they arrived.

>>> append_response("sqlite:///psr.db", Response("meeting.agenda-notice.2015-07-14.1a2b...",  # doctest: +SKIP
...     "waived", "alistair-bradley", date(2015, 7, 20), "papers were tabled at the meeting"))

Nothing here changes or deletes a response: a mistake is answered by a later one (``reopened``). Two
writers appending at once both land; each response gets the next ``position`` and a growing ``id``, and
responses are read back by position, then id, so two that took the same position keep their order of
arrival. The finding a response names is checked by the caller (:func:`psr_adapters.casework.
finding_answered`), since only an evaluation of the history knows which findings are raised.
"""

from __future__ import annotations

from sqlalchemy import func, insert, select

from psr_core import Response

from . import mapping, revisions
from .engine import Database, connected, name_of, opened, require_existing_file, translated
from .errors import RecordNotFoundError, UnstorableHistoryError
from .integrity import response_problems
from .migrations import require_current
from .tables import PersonRow, ResponseRow


def append_response(database: Database, response: Response) -> int:
    """Store ``response`` after every response already stored, in one transaction; returns its position.

    Refuses (:class:`RecordNotFoundError`, nothing written) a response by a person the database does not
    hold, and (:class:`UnstorableHistoryError`) one the database cannot hold (an over-long id, a NUL).
    """
    problems = response_problems(response, "response")
    if problems:
        raise UnstorableHistoryError(f"the response to {response.finding}", problems)
    with opened(database) as engine:
        require_existing_file(engine)
        name = name_of(engine)
        with (
            connected(engine) as connection,
            translated(name, f"recording a response to {response.finding}"),
            connection.begin(),
        ):
            require_current(connection, name)
            # Servers reading this database see the response on their next request (and the row lock
            # queues two writers responding at once, so that both land, in order).
            revisions.advance(connection)
            person = select(PersonRow.id).where(PersonRow.id == response.by)
            if connection.execute(person).first() is None:
                raise RecordNotFoundError(f"{name}: no person has the id {response.by!r}; record them first")
            last = connection.execute(select(func.max(ResponseRow.position))).scalar()
            position = 0 if last is None else int(last) + 1
            connection.execute(insert(ResponseRow), mapping.response_values(response, position))
            return position


def stored_responses(database: Database) -> list[Response]:
    """Every response stored, in the order they were recorded."""
    with opened(database) as engine:
        require_existing_file(engine)
        name = name_of(engine)
        with connected(engine) as connection, translated(name, "reading the responses"), connection.begin():
            require_current(connection, name)
            rows = connection.execute(select(ResponseRow).order_by(ResponseRow.position, ResponseRow.id))
            return [mapping.response_from(row) for row in rows]
