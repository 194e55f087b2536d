"""The example-folder tests' runner, and the command that refreshes their expected output.

    python tests/regen_expected.py            # rewrite every tests/invalid/*/expected.txt
    python tests/regen_expected.py e204-unknown-reference e101-duplicate-key

Each folder under tests/invalid/ is a small playbook project (content/, playbooks/) with an
expected.txt holding the exact `playbook check` output. Expected files are the specification:
review every refresh as a diff, line by line (file, line, column, code, message, did-you-mean),
and fix the generator rather than accept a wrong line. Folders holding an xfail.txt document a
known generator bug; their expected.txt is written by hand and is never overwritten here.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from click.testing import CliRunner, Result

HERE = Path(__file__).resolve().parent
INVALID = HERE / "invalid"
VALID = HERE / "valid"
# Every case is checked as if today were this date, so staleness does not change with the calendar.
TODAY = datetime.date(2026, 7, 1)
SOURCE_DATE_EPOCH = str(int(datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC).timestamp()))


def cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def run_check(project: Path, *args: str) -> Result:
    """`playbook check [args] PROJECT` in-process, on the fixed date; stdout and stderr apart."""
    from generator.cli import main

    runner = CliRunner()
    return runner.invoke(main, ["check", *args, str(project)], env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})


def regenerate(names: list[str]) -> int:
    chosen = [INVALID / n for n in names] if names else cases(INVALID)
    for case in chosen:
        if (case / "xfail.txt").exists():
            print(f"skipped  {case.name} (xfail.txt: expected.txt is written by hand)")
            continue
        result = run_check(case)
        if result.exit_code not in (0, 1):
            print(f"FAILED   {case.name}: exit {result.exit_code}\n{result.output}", file=sys.stderr)
            return 1
        expected = case / "expected.txt"
        old = expected.read_text(encoding="utf-8") if expected.exists() else None
        expected.write_text(result.stdout, encoding="utf-8")
        print(f"{'unchanged' if old == result.stdout else 'WRITTEN  '} {case.name}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(regenerate(sys.argv[1:]))
