"""Hostile and damaged input: each test builds its bad file in tmp_path and asserts what a reviewer
would notice — nothing silently dropped, garbled or hung, one clear Chinese line per problem."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hostile_helpers import CliResult


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``hecha ARGS`` in-process: (exit status, stdout, stderr)."""
    from core.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run
