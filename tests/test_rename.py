"""`playbook rename` rewrites the id and nothing else; `playbook where` lists every use."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main

FILES = {
    "content/process.yml": "stages:\n  - id: qualify   # first call\n    name: Qualify\n    buyer_stage: interest\n",
    "content/personas/cfo.yml": "name: CFO\nsummary: The cfo signs.  # display text stays\n",
    "content/personas/cfo-deputy.yml": "name: Deputy\nreports_to: cfo\n",
    "content/segments/dairy.yml": (
        "name: Dairy\n"
        "description: |\n"
        "  Meet [the CFO](persona:cfo) at [qualify](stage:qualify); cfo is their title.\n"
        "buying_committee:\n"
        "  - persona: 'cfo'     # the budget holder\n"
        "    role: economic_buyer\n"
        "  - {persona: cfo-deputy, role: influencer}\n"
    ),
    "content/value-propositions/payback.yml": 'name: Payback\npersonas: [cfo-deputy, "cfo"]\nsegments:\n  - dairy\n',
    "playbooks/new-logo.yml": "name: New logo\npersonas:\n  - cfo  # keep\nplays:\n  - stage: qualify\n    name: Call\n",
}


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_rename_rewrites_every_reference_and_nothing_else(make_project):
    root = make_project(FILES)
    result = invoke("rename", "persona", "cfo", "finance-chief", str(root))
    assert result.exit_code == 0, result.output
    assert "rewrote 5 reference(s) in 4 file(s)" in result.stderr
    assert not (root / "content/personas/cfo.yml").exists()
    assert (root / "content/personas/finance-chief.yml").read_text() == FILES["content/personas/cfo.yml"]
    assert (root / "content/personas/cfo-deputy.yml").read_text() == "name: Deputy\nreports_to: finance-chief\n"
    assert (root / "content/segments/dairy.yml").read_text() == (
        "name: Dairy\n"
        "description: |\n"
        "  Meet [the CFO](persona:finance-chief) at [qualify](stage:qualify); cfo is their title.\n"
        "buying_committee:\n"
        "  - persona: 'finance-chief'     # the budget holder\n"
        "    role: economic_buyer\n"
        "  - {persona: cfo-deputy, role: influencer}\n"
    )
    assert (root / "content/value-propositions/payback.yml").read_text() == (
        'name: Payback\npersonas: [cfo-deputy, "finance-chief"]\nsegments:\n  - dairy\n'
    )
    assert (
        (root / "playbooks/new-logo.yml")
        .read_text()
        .startswith("name: New logo\npersonas:\n  - finance-chief  # keep\n")
    )


def test_rename_a_stage_rewrites_its_id_in_process_yml(make_project):
    root = make_project(FILES)
    result = invoke("rename", "stage", "qualify", "discover", str(root))
    assert result.exit_code == 0, result.output
    assert (root / "content/process.yml").read_text().startswith("stages:\n  - id: discover   # first call\n")
    assert "[qualify](stage:discover)" in (root / "content/segments/dairy.yml").read_text()
    assert "  - stage: discover\n" in (root / "playbooks/new-logo.yml").read_text()


def test_where_lists_every_reference_with_its_place(make_project):
    root = make_project(FILES)
    result = invoke("where", "persona", "cfo", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "content/personas/cfo.yml:1:1: defined here",
        "content/personas/cfo-deputy.yml:2:13: reports_to",
        "content/segments/dairy.yml:3:26: description (link)",
        "content/segments/dairy.yml:5:14: buying_committee[0].persona",
        "content/value-propositions/payback.yml:2:24: personas[1]",
        "playbooks/new-logo.yml:3:5: personas[0]",
    ]


def test_rename_refuses_what_it_cannot_do_safely(make_project):
    root = make_project(FILES)
    before = {rel: (root / rel).read_text() for rel in FILES}
    assert invoke("rename", "persona", "cfo", "cfo-deputy", str(root)).exit_code == 1  # taken
    assert invoke("rename", "persona", "nobody", "x", str(root)).exit_code == 1
    assert invoke("rename", "persona", "cfo", "Finance Chief", str(root)).exit_code == 2
    assert invoke("rename", "persnoa", "cfo", "x", str(root)).exit_code == 2
    make_project({"content/personas/broken.yml": "name: [x\n"}, name="project")
    refused = invoke("rename", "persona", "cfo", "x", str(root))
    assert refused.exit_code == 1 and "has errors" in refused.stderr
    assert {rel: (root / rel).read_text() for rel in FILES} == before
