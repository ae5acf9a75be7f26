"""The HTTP API for host applications, with private calendar subscriptions (docs/how-to/http-api.md
``psr serve``).

>>> app = create_app(Settings.from_environment(os.environ, database="sqlite:///psr.db"))   # doctest: +SKIP

See ``docs/how-to/http-api.md``.
"""

from __future__ import annotations

from .app import OPENAPI_PATH, create_app
from .settings import Settings

__all__ = ["OPENAPI_PATH", "Settings", "create_app"]
