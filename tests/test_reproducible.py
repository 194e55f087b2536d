"""The same input gives a byte-identical site."""

from .sitebuild import build, copy_example, site_files


def test_two_builds_are_byte_identical(tmp_path):
    project = copy_example(tmp_path / "project")
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(project, first).exit_code == 0
    assert build(project, second).exit_code == 0
    a, b = site_files(first), site_files(second)
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []
    assert len(a) > 100
