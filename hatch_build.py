"""Build hook: a wheel whose evaluation modules are compiled with mypyc, when ``PSR_COMPILE=1``.

``PSR_COMPILE=1 pip install '.[all]'`` builds and installs such a wheel: the modules listed under
``[tool.hatch.build.targets.wheel.hooks.custom] compile`` in ``pyproject.toml`` become C extensions beside
their sources, which stay in the wheel (an extension is imported before a source of the same name). The
compiled modules behave as the sources do; the test command runs the core's tests against both
(``scripts/check``). Without ``PSR_COMPILE`` nothing is compiled and the wheel is pure Python.

The extensions are built in a temporary directory, never beside the sources in ``src/``, so that an
editable install of the same checkout keeps running the sources you edit. For the same reason an editable
install refuses ``PSR_COMPILE``.

mypyc type-checks what it compiles with the project's mypy settings (``[tool.mypy]``); it and setuptools
(which runs the C compiler) are asked for only when compiling.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SWITCH = "PSR_COMPILE"


def compiling() -> bool:
    """Whether this build compiles: ``PSR_COMPILE`` set to anything but empty or ``0``."""
    return os.environ.get(SWITCH, "") not in ("", "0")


class CompiledCore(BuildHookInterface):  # type: ignore[type-arg]
    """Compile the configured core modules into the wheel (see the module's docstring)."""

    PLUGIN_NAME = "custom"
    _work: str | None = None  # where the extensions are built, until the wheel holds them

    def dependencies(self) -> list[str]:
        if not compiling():
            return []
        # mypy (with mypyc) compiles; setuptools drives the C compiler; attrs is imported by what is
        # compiled, and mypy needs it to type-check.
        return ["mypy>=1.10", "setuptools>=69", "attrs>=23.1"]

    def _sources(self) -> list[str]:
        listed = self.config.get("compile", [])
        if not isinstance(listed, list) or not all(isinstance(path, str) for path in listed):
            raise TypeError("[tool.hatch.build.targets.wheel.hooks.custom] compile must be a list of paths")
        sources: list[str] = []
        for pattern in listed:
            found = sorted(str(path.relative_to(self.root)) for path in Path(self.root).glob(pattern))
            if not found:
                raise ValueError(
                    f"{SWITCH}: nothing in the project matches {pattern!r} (hooks.custom compile)"
                )
            sources.extend(found)
        skipped: set[str] = set()
        for pattern in self.config.get("skip", []):
            skipped.update(str(path.relative_to(self.root)) for path in Path(self.root).glob(pattern))
        return [source for source in dict.fromkeys(sources) if source not in skipped]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or not compiling():
            return
        if version == "editable":
            raise RuntimeError(
                f"{SWITCH} is set, but an editable install runs the sources themselves; build a regular one "
                f"with {SWITCH}=1 pip install . (or unset {SWITCH} for an editable install)"
            )
        from mypyc.build import mypycify
        from setuptools import Distribution

        self._work = tempfile.mkdtemp(prefix="psr-mypyc-")
        work = Path(self._work)
        here = os.getcwd()
        os.chdir(self.root)  # mypy reads [tool.mypy] from the project's pyproject.toml
        try:
            extensions = mypycify(self._sources(), opt_level="3", target_dir=str(work / "c"))
            distribution = Distribution(
                {"name": "psr-compiled", "ext_modules": extensions, "package_dir": {"": "src"}}
            )
            build_ext: Any = distribution.get_command_obj("build_ext")
            build_ext.build_lib = str(work / "lib")
            build_ext.build_temp = str(work / "temp")
            build_ext.inplace = False
            distribution.run_command("build_ext")
        finally:
            os.chdir(here)
        built = work / "lib"
        for extension in sorted(built.rglob("*.so")) + sorted(built.rglob("*.pyd")):
            build_data["force_include"][str(extension)] = str(extension.relative_to(built))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:  # noqa: ARG002
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None
