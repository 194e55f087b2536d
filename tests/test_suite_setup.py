"""The suite's own set-up (tests/conftest.py): where its temporary files go, and how its workers
share the tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from .conftest import temp_in_memory, work_order
from .scheduling import WholeModules


def test_a_roomy_writable_folder_takes_the_temporary_files(tmp_path):
    assert temp_in_memory(tmp_path, needed=1) == tmp_path


def test_a_folder_without_the_room_is_passed_over(tmp_path):
    assert temp_in_memory(tmp_path, needed=2**62) is None  # 4 EiB: no machine has it free


def test_a_missing_folder_or_a_file_is_passed_over(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert temp_in_memory(tmp_path / "missing", needed=1) is None
    assert temp_in_memory(tmp_path / "file", needed=1) is None


def _item(nodeid: str, slow: bool = False):
    return SimpleNamespace(nodeid=nodeid, get_closest_marker=lambda name: name == "slow" and slow or None)


def test_the_browser_tests_go_first_then_modules_with_slow_tests_then_larger_modules():
    items = [
        _item("tests/test_a.py::quick"),
        _item("tests/test_b.py::quick"),
        _item("tests/test_b.py::slow", slow=True),
        _item("tests/test_d.py::one"),
        _item("tests/test_d.py::two"),
        _item("tests/browser/test_c.py::page"),
    ]
    items.sort(key=work_order(items))
    assert [i.nodeid for i in items] == [
        "tests/browser/test_c.py::page",
        "tests/test_b.py::quick",
        "tests/test_b.py::slow",
        "tests/test_d.py::one",  # two tests: before the module with one
        "tests/test_d.py::two",
        "tests/test_a.py::quick",
    ]


@pytest.mark.parametrize(
    "nodeid, unit",
    [
        ("tests/browser/test_a.py::test_x[internal]", "tests/browser/"),
        ("tests/browser/test_b.py::test_y", "tests/browser/"),
        ("tests/test_site.py::test_z[a::b]", "tests/test_site.py"),
    ],
)
def test_a_module_is_one_unit_of_work_and_the_browser_tests_are_one(nodeid, unit):
    assert WholeModules._split_scope(None, nodeid) == unit  # type: ignore[arg-type]
