"""What a test module needs installed: skip it on a workstation without the extra, fail it under CI.

CI installs every extra (``.ci/run``), so a missing one there is a broken install, never a reason to skip.
"""

from __future__ import annotations

import importlib
import os

import pytest


def require(module: str, extra: str) -> None:
    """Import ``module`` (from the ``extra``) or skip the calling test module; under CI, fail instead."""
    try:
        importlib.import_module(module)
    except ImportError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(
            f"the {extra} extra is not installed ({error}); pip install -e '.[{extra}]'",
            allow_module_level=True,
        )
