"""The optional parts of psr, each installed as an extra: ``pip install 'psr[sql]'``.

``pip install psr`` brings what the main job needs: the core, dataset files, the command line, iCalendar
files and the report. SQL storage, the HTTP API, the database drivers and the durable_rules engine are
extras (``docs/how-to/install.md``). A command that needs one checks for it before it imports it, so that a
missing extra is bad usage with the line that fixes it (exit 2), not a traceback.
"""

from __future__ import annotations

from importlib.util import find_spec

from psr_core import PsrError

EXTRAS: dict[str, tuple[str, ...]] = {
    "sql": ("sqlalchemy", "alembic"),
    "postgresql": ("sqlalchemy", "alembic", "psycopg"),
    "mariadb": ("sqlalchemy", "alembic", "pymysql"),
    "http": ("sqlalchemy", "alembic", "fastapi", "uvicorn", "jsonschema"),
    "durable": ("durable",),
}
"""Each extra, and the modules whose presence shows it is installed."""


class MissingExtraError(PsrError, ImportError):
    """A command needs an extra that is not installed. ``exit_code``: bad usage (2)."""

    exit_code = 2

    def __init__(self, extra: str, purpose: str, missing: tuple[str, ...]) -> None:
        self.extra = extra
        self.missing = missing
        super().__init__(
            f"{purpose} needs psr's optional '{extra}' dependencies ({', '.join(missing)} not installed); "
            f"install them with:\n  pip install 'psr[{extra}]'"
        )


def installed(module: str) -> bool:
    """Whether the top-level ``module`` can be imported here (found without importing it)."""
    return find_spec(module) is not None


def missing_modules(extra: str) -> tuple[str, ...]:
    """The modules of ``extra`` that cannot be imported here."""
    return tuple(module for module in EXTRAS[extra] if not installed(module))


def require_extra(extra: str, purpose: str) -> None:
    """Raise :class:`MissingExtraError` unless ``extra`` is installed; ``purpose`` says what needs it
    (``"psr db import"``)."""
    missing = missing_modules(extra)
    if missing:
        raise MissingExtraError(extra, purpose, missing)


__all__ = ["EXTRAS", "MissingExtraError", "installed", "missing_modules", "require_extra"]
