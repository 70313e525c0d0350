"""Which questionnaire pack scores a file: the pack of its `initiative.domain` unless a
pack is named (`--questionnaire`, or the configuration); a team's own packs can take a
domain; and every output names the pack (id and version) that scored each file."""

from __future__ import annotations

import functools
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import xmlschema

from readiness import packs
from readiness.choices import Format
from readiness.engine import assess_file
from readiness.history import history
from readiness.loader import top_level_values
from readiness.model import Domain
from readiness.packs import PackError, choose_packs, load_pack, pack_for_domain
from readiness.reporters import github
from readiness.thresholds import Bar, Thresholds
from tests.common import (
    EXAMPLES,
    ROOT,
    TODAY,
    checked,
    history_text,
    rendered,
    sarif_log,
    written,
)
from tests.test_cli_validate import assert_usage_error
from tests.test_cli_validate import run as run_cli
from tests.test_history import expected, repo  # noqa: F401 (repo is a fixture)

NETWORK_FILE = EXAMPLES / "predictive-maintenance-waivers.yaml"  # network_operations
CUSTOMER_FILE = EXAMPLES / "care-copilot-ready.yaml"  # customer_operations
DAY = TODAY.isoformat()
VALIDATE_SCHEMA = json.loads((ROOT / "docs/schemas/validate-output.schema.json").read_text())
DIFF_SCHEMA = json.loads((ROOT / "docs/schemas/diff-output.schema.json").read_text())
PORTFOLIO_SCHEMA = json.loads((ROOT / "docs/schemas/portfolio-output.schema.json").read_text())
SARIF_SCHEMA = json.loads((ROOT / "tests/data/sarif-schema-2.1.0.json").read_text())
JUNIT_SCHEMA = xmlschema.XMLSchema(str(ROOT / "tests" / "data" / "junit.xsd"))
CUSTOMER = {"id": "telecom-customer-ops", "version": "1"}
NETWORK = {"id": "telecom-network-ops", "version": "1"}


def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(NETWORK_FILE, folder / "network.yaml")
    shutil.copy(CUSTOMER_FILE, folder / "customer.yaml")
    return folder


def validate_json(*args: str) -> dict[str, Any]:
    proc = run_cli("validate", "--format", "json", "--today", DAY, *args)
    assert proc.returncode in (0, 1), proc.stderr
    document: dict[str, Any] = json.loads(proc.stdout)
    jsonschema.validate(document, VALIDATE_SCHEMA)
    return document


def by_name(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["path"]).name: f for f in document["files"]}


def gates_of(entry: dict[str, Any]) -> list[int]:
    return [gate["score"] for gate in entry["gates"]]


# --- the library -----------------------------------------------------------------------------


def test_each_domain_has_its_pack_and_a_named_pack_wins() -> None:
    assert pack_for_domain("network_operations").id == "telecom-network-ops"
    assert pack_for_domain(Domain.CUSTOMER_OPERATIONS).id == "telecom-customer-ops"
    assert pack_for_domain("back_office").id == "telecom-customer-ops"
    for domain in Domain:
        assert pack_for_domain(domain, named="telecom-network-ops").id == "telecom-network-ops"
    assert load_pack("telecom-network-ops").domains == [Domain.NETWORK_OPERATIONS]
    assert load_pack("telecom-network-ops").version == "1"


def test_packs_are_loaded_once_not_per_file() -> None:
    assert choose_packs() is choose_packs()
    first = pack_for_domain("network_operations")
    assert pack_for_domain("network_operations") is first
    assert choose_packs().packs == (load_pack("telecom-customer-ops"), first)


def test_assess_file_scores_with_the_domain_pack_unless_one_is_named() -> None:
    assert assess_file(NETWORK_FILE, today=TODAY).pack.id == "telecom-network-ops"
    assert assess_file(NETWORK_FILE, "telecom-customer-ops", today=TODAY).pack.id == (
        "telecom-customer-ops"
    )


# --- validate --------------------------------------------------------------------------------


def test_a_mixed_folder_is_scored_per_domain(tmp_path: Path) -> None:
    files = by_name(validate_json(str(mixed(tmp_path))))
    assert files["network.yaml"]["questionnaire"] == NETWORK
    assert files["customer.yaml"]["questionnaire"] == CUSTOMER
    # The network file gets exactly the scores the network pack gives it, which are not
    # the customer pack's.
    alone = by_name(validate_json("--questionnaire", "telecom-network-ops", str(NETWORK_FILE)))
    customer = by_name(validate_json("--questionnaire", "telecom-customer-ops",
                                     str(NETWORK_FILE)))
    network_file = NETWORK_FILE.name
    assert gates_of(files["network.yaml"]) == gates_of(alone[network_file])
    assert gates_of(files["network.yaml"]) != gates_of(customer[network_file])
    assert customer[network_file]["questionnaire"] == CUSTOMER


def test_a_named_pack_scores_every_file(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    files = by_name(validate_json("--questionnaire", "telecom-customer-ops", str(folder)))
    assert [f["questionnaire"] for f in files.values()] == [CUSTOMER, CUSTOMER]
    files = by_name(validate_json("--questionnaire", "telecom-network-ops", str(folder)))
    assert [f["questionnaire"] for f in files.values()] == [NETWORK, NETWORK]


def test_the_configuration_names_a_pack_for_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = mixed(tmp_path)
    (tmp_path / ".readiness.toml").write_text('questionnaire = "telecom-network-ops"\n')
    monkeypatch.chdir(tmp_path)
    files = by_name(validate_json(str(folder)))
    assert [f["questionnaire"] for f in files.values()] == [NETWORK, NETWORK]
    # --questionnaire still wins over the configuration.
    files = by_name(validate_json("-q", "telecom-customer-ops", str(folder)))
    assert [f["questionnaire"] for f in files.values()] == [CUSTOMER, CUSTOMER]


def team_pack(folder: Path, pack_id: str, domains: str) -> Path:
    """A copy of the customer pack with its own id, version 7, declaring `domains`."""
    folder.mkdir(exist_ok=True)
    text = (ROOT / "questionnaires" / "telecom-customer-ops.yaml").read_text()
    old_header = 'id: telecom-customer-ops\nversion: "1"\n'
    assert old_header in text
    text = text.replace(old_header, f'id: {pack_id}\nversion: "7"\n', 1)
    text = text.replace("domains: [customer_operations, back_office]", f"domains: {domains}", 1)
    path = folder / f"{pack_id}.yaml"
    path.write_text(text)
    return path


def test_a_team_pack_takes_its_domain_from_the_shipped_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = mixed(tmp_path)
    team_pack(tmp_path / "packs", "noc-tier2", "[network_operations]")
    (tmp_path / ".readiness.toml").write_text('packs = ["packs"]\n')
    (tmp_path / ".git").mkdir()  # the repository root: the configuration is found up to it
    monkeypatch.chdir(folder)  # the folder is relative to the configuration file
    files = by_name(validate_json("."))
    assert files["network.yaml"]["questionnaire"] == {"id": "noc-tier2", "version": "7"}
    assert files["customer.yaml"]["questionnaire"] == CUSTOMER


def test_packs_in_the_configuration_must_be_a_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".readiness.toml").write_text('packs = "packs"\n')
    monkeypatch.chdir(tmp_path)
    assert_usage_error(
        run_cli("validate", "--today", DAY, str(CUSTOMER_FILE)),
        "packs: expected a list of pack files or folders of packs",
    )


def test_two_team_packs_claiming_one_domain_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = mixed(tmp_path)
    team_pack(tmp_path / "packs", "noc-a", "[network_operations]")
    team_pack(tmp_path / "packs", "noc-b", "[network_operations, back_office]")
    (tmp_path / ".readiness.toml").write_text('packs = ["packs"]\n')
    monkeypatch.chdir(tmp_path)
    assert_usage_error(
        run_cli("validate", "--today", DAY, str(folder)),
        "two questionnaire packs declare the domain network_operations: noc-a",
        "and noc-b",
    )
    with pytest.raises(PackError, match="domain network_operations"):
        choose_packs(None, (str(tmp_path / "packs"),))
    # Naming a pack settles it: the team packs are not consulted.
    assert run_cli("validate", "--today", DAY, "-q", "telecom-network-ops",
                   str(folder)).returncode == 0


def test_a_team_pack_with_the_id_of_a_shipped_pack_in_use_is_an_error(tmp_path: Path) -> None:
    # Taking the network domain under the shipped network pack's id is fine: the shipped
    # pack then scores nothing. Taking back office under that id leaves two packs with
    # one id in the run, and the outputs could not tell them apart.
    replacing = team_pack(tmp_path / "replace", "telecom-network-ops", "[network_operations]")
    assert pack_for_domain("network_operations", team=[str(replacing)]).version == "7"
    clashing = team_pack(tmp_path / "clash", "telecom-network-ops", "[back_office]")
    with pytest.raises(PackError, match="two different questionnaire packs have the id"):
        choose_packs(None, (str(clashing),))
    with pytest.raises(PackError, match="no such file or folder"):
        choose_packs(None, (str(tmp_path / "missing"),))


# --- the other outputs of validate -----------------------------------------------------------


def test_sarif_and_junit_name_the_pack_of_each_file(tmp_path: Path) -> None:
    report = checked([mixed(tmp_path)], choose_packs(), Thresholds(), TODAY, Bar())
    log = sarif_log(report, environ={"GITHUB_WORKSPACE": str(tmp_path)})
    jsonschema.validate(log, SARIF_SCHEMA)
    files = {Path(f["path"]).name: f for f in log["runs"][0]["properties"]["files"]}
    assert files["network.yaml"]["questionnaire"] == NETWORK
    assert files["customer.yaml"]["questionnaire"] == CUSTOMER

    text = rendered(Format.JUNIT, report, now=datetime(2026, 11, 25, 9, 30))
    JUNIT_SCHEMA.validate(text)
    properties = {
        Path(suite.get("name", "")).name: {
            p.get("name"): p.get("value") for p in suite.iter("property")
        }
        for suite in ET.fromstring(text)
    }
    assert properties["network.yaml"]["questionnaire"] == "telecom-network-ops"
    assert properties["network.yaml"]["questionnaire_version"] == "1"
    assert properties["customer.yaml"]["questionnaire"] == "telecom-customer-ops"


def test_the_github_job_summary_names_the_pack(tmp_path: Path) -> None:
    report = checked([mixed(tmp_path)], choose_packs(), Thresholds(), TODAY, Bar())
    summary = written(github.SummaryWriter, report).splitlines()
    rows = {re.sub(r"\\(.)", r"\1", line.split(" | ")[0].lstrip("| ")): line.split(" | ")
            for line in summary if ".yaml" in line}
    header = next(line for line in summary if "| file" in line)
    assert header.split(" | ")[2] == "questionnaire"
    assert rows[str(tmp_path / "mixed" / "network.yaml")][2] == "telecom-network-ops version 1"
    assert rows[str(tmp_path / "mixed" / "customer.yaml")][2] == (
        "telecom-customer-ops version 1"
    )


def test_the_text_output_names_the_pack(tmp_path: Path) -> None:
    proc = run_cli("validate", "--format", "text", "--today", DAY, str(mixed(tmp_path)))
    blocks = proc.stdout.split("\n\n")
    network = next(b for b in blocks if "network.yaml:" in b and "Verdict" in b)
    customer = next(b for b in blocks if "customer.yaml:" in b and "Verdict" in b)
    assert "Questionnaire: telecom-network-ops version 1" in network
    assert "Questionnaire: telecom-customer-ops version 1" in customer


# --- report, portfolio, diff -----------------------------------------------------------------


def test_the_report_names_the_pack(tmp_path: Path) -> None:
    for fmt in ("md", "html"):
        proc = run_cli("report", "--format", fmt, "--today", DAY, str(NETWORK_FILE))
        assert "Telecom network operations" in proc.stdout, fmt
        assert "telecom-network-ops version 1" in proc.stdout, fmt


def test_the_portfolio_names_the_pack_of_each_initiative(tmp_path: Path) -> None:
    folder = mixed(tmp_path)
    proc = run_cli("portfolio", "--format", "json", "--today", DAY, str(folder))
    document = json.loads(proc.stdout)
    jsonschema.validate(document, PORTFOLIO_SCHEMA)
    packs = {Path(e["path"]).name: e["questionnaire"] for e in document["initiatives"]}
    assert packs == {"network.yaml": NETWORK, "customer.yaml": CUSTOMER}
    markdown = run_cli("portfolio", "--format", "md", "--today", DAY, str(folder)).stdout
    assert "| network operations (telecom-network-ops version 1) |" in markdown
    html = run_cli("portfolio", "--format", "html", "--today", DAY, str(folder)).stdout
    assert "telecom-network-ops version 1" in html


def reclassified(tmp_path: Path) -> tuple[Path, Path]:
    """One initiative assessed as customer operations, then as network operations."""
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    text = CUSTOMER_FILE.read_text()
    assert "domain: customer_operations" in text
    old.write_text(text)
    new.write_text(text.replace("domain: customer_operations", "domain: network_operations"))
    return old, new


def test_diff_says_when_two_versions_were_scored_with_different_packs(tmp_path: Path) -> None:
    old, new = reclassified(tmp_path)
    note = ("Scored with different questionnaires: telecom-customer-ops version 1 before, "
            "telecom-network-ops version 1 now; the scores are not comparable.")
    text = run_cli("diff", str(old), str(new), "--today", DAY)
    assert text.returncode == 0 and note in text.stdout
    markdown = run_cli("diff", str(old), str(new), "--format", "md", "--today", DAY).stdout
    assert f"> {note}" in markdown
    document = json.loads(run_cli("diff", str(old), str(new), "-f", "json", "--today",
                                  DAY).stdout)
    jsonschema.validate(document, DIFF_SCHEMA)
    assert document["same_questionnaire"] is False
    assert (document["old"]["questionnaire"], document["new"]["questionnaire"]) == (
        CUSTOMER, NETWORK
    )
    # The report's comparison says the same.
    report = run_cli("report", "--format", "md", "--compare", str(old), "--today", DAY,
                     str(new)).stdout
    assert note in report


def test_diff_with_one_pack_says_nothing_of_packs(tmp_path: Path) -> None:
    old, new = reclassified(tmp_path)
    text = run_cli("diff", str(old), str(new), "-q", "telecom-customer-ops", "--today", DAY)
    assert "different questionnaires" not in text.stdout
    document = json.loads(run_cli("diff", str(old), str(new), "-f", "json", "-q",
                                  "telecom-customer-ops", "--today", DAY).stdout)
    jsonschema.validate(document, DIFF_SCHEMA)
    assert document["same_questionnaire"] is True
    assert document["old"]["questionnaire"] == document["new"]["questionnaire"] == CUSTOMER


# --- history ---------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_scores_each_version_with_the_pack_of_its_domain(
    repo: Path,  # noqa: F811 (the fixture imported above)
) -> None:
    # The fixture's history: a network-operations assessment, a broken version, then a
    # customer-operations one.
    found = history(repo / "assessment.yaml", choose_packs())
    packs = [v.questionnaire.id if v.questionnaire else None for v in found.versions]
    assert packs == ["telecom-network-ops", None, "telecom-customer-ops"]
    first = found.versions[0]
    assert (first.level, first.score) == expected("ticket-classifier-model-first.yaml",
                                                  "2026-09-01")
    assert any("scored with different questionnaires" in note for note in found.notes)
    document = json.loads(history_text(found, "json"))
    assert document["versions"][0]["questionnaire"] == NETWORK
    assert document["versions"][1]["questionnaire"] is None
    # With one pack named, one pack scores every version and there is nothing to note.
    named = history(repo / "assessment.yaml", choose_packs("telecom-customer-ops"))
    assert {v.questionnaire for v in named.versions if v.questionnaire} == {
        load_pack("telecom-customer-ops").ref
    }
    assert not any("questionnaires" in note for note in named.notes)
    assert "Questionnaire: telecom-customer-ops version 1" in history_text(named, "text")
    assert "telecom-customer-ops version 1 questionnaire" in history_text(named, "html")
    assert found.questionnaire is None and "Questionnaire:" not in history_text(found, "text")


# --- a shipped pack is read when a file of its domains needs it ------------------------------


def test_a_run_over_one_domain_reads_only_the_pack_of_that_domain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []
    original = packs._load_in.__wrapped__

    def spy(path: Path, language: str) -> packs.Pack:
        read.append(path.stem)
        return original(path, language)

    monkeypatch.setattr(packs, "_load_in", functools.lru_cache(maxsize=16)(spy))
    packs._choose_packs.cache_clear()
    try:
        choice = choose_packs()
        assert read == []  # the domains come from the top of each file
        customer = choice.for_domain(Domain.CUSTOMER_OPERATIONS)
        assert read == ["telecom-customer-ops"]
        assert choice.for_domain(Domain.BACK_OFFICE) is customer  # loaded once
        network = choice.for_domain(Domain.NETWORK_OPERATIONS)
        assert read == ["telecom-customer-ops", "telecom-network-ops"]
        assert choice.packs == (customer, network)
    finally:
        packs._choose_packs.cache_clear()


def test_a_shipped_pack_is_looked_up_once_not_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[str | None] = []
    original = packs.resolve_pack

    def spy(name: str | None) -> Path:
        looked_up.append(name)
        return original(name)

    monkeypatch.setattr(packs, "resolve_pack", spy)
    packs._choose_packs.cache_clear()
    try:
        choice = choose_packs()
        first = choice.for_domain(Domain.CUSTOMER_OPERATIONS)
        after_first = len(looked_up)  # the top of each file, then the pack loaded
        for _ in range(5):
            assert choice.for_domain(Domain.CUSTOMER_OPERATIONS) is first
        assert len(looked_up) == after_first
    finally:
        packs._choose_packs.cache_clear()


def test_the_top_of_every_shipped_pack_says_what_the_whole_pack_does() -> None:
    for pack_id in packs.shipped_packs():
        header = packs._header(packs.resolve_pack(pack_id))
        pack = load_pack(pack_id)
        assert header == (pack.id, tuple(pack.domains))
    wrong = packs._Shipped("telecom-network-ops", (Domain.CUSTOMER_OPERATIONS,))
    with pytest.raises(PackError, match="read differently"):
        wrong.load()


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("pack_version: 1\nid: a\ntitle: {en: A, fr: B}\ndomains: [x, y]\ngates: []\n",
         {"id": "a", "domains": ["x", "y"]}),
        ("id: a\nnested: {domains: [z]}\ndomains:\n  - x\n", {"id": "a", "domains": ["x"]}),
        ('{"domains": ["x"], "id": "a"}', None),  # JSON quotes every text: loaded instead
        ("id: a\n", None),  # no domains
        ("id: &name a\ndomains: [x]\n", None),  # an anchor
        ("id: !!str a\ndomains: [x]\n", None),  # a tag
        ("id: a\ndomains: [x, [y]]\n", None),  # not a list of texts
        ("id: a\ndomains: *missing\n", None),  # an alias, and a YAML error
        ("- id\n", None),  # not a mapping
    ],
)
def test_top_level_values_reads_plain_values_only(text: str, values: Any) -> None:
    assert top_level_values(text.encode(), ("id", "domains")) == values
