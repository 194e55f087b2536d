"""The suite's own set-up (tests/conftest.py): where its temporary files go."""

from __future__ import annotations

from .conftest import temp_in_memory


def test_a_roomy_writable_folder_takes_the_temporary_files(tmp_path):
    assert temp_in_memory(tmp_path, needed=1) == tmp_path


def test_a_folder_without_the_room_is_passed_over(tmp_path):
    assert temp_in_memory(tmp_path, needed=2**62) is None  # 4 EiB: no machine has it free


def test_a_missing_folder_or_a_file_is_passed_over(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert temp_in_memory(tmp_path / "missing", needed=1) is None
    assert temp_in_memory(tmp_path / "file", needed=1) is None
