"""Rewrite tests/golden/ from the fixture project: `python -m tests.refresh_golden`."""

from .test_golden import refresh

if __name__ == "__main__":
    refresh()
    print("refreshed tests/golden/: review the diff before committing")
