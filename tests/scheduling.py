"""The work unit of `make test`'s workers (tests/conftest.py says why)."""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

from .conftest import BROWSER_TESTS


class WholeModules(LoadScopeScheduling):
    """pytest-xdist's scope scheduling with two changes: all browser tests are one unit, and units
    go out in collection order (not largest first), which conftest.py makes heaviest first."""

    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False

    def _split_scope(self, nodeid: str) -> str:
        return BROWSER_TESTS if nodeid.startswith(BROWSER_TESTS) else nodeid.split("::", 1)[0]
