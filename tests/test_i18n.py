"""Canadian French: the catalogue is complete and compiled, the words and numbers follow
French usage, English is unchanged, and an installed wheel speaks French."""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

try:
    from babel.messages.frontend import parse_mapping_cfg
except ImportError:  # Babel before 2.16 names it parse_mapping
    from babel.messages.frontend import parse_mapping as parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from readiness import i18n, words
from tests.common import ROOT

LOCALES = ROOT / "readiness" / "locale"
FRENCH_PO = LOCALES / "fr_CA" / "LC_MESSAGES" / "readiness.po"
FRENCH_MO = LOCALES / "fr_CA" / "LC_MESSAGES" / "readiness.mo"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}


@pytest.fixture
def french() -> Iterator[None]:
    i18n.use("fr")
    try:
        yield
    finally:
        i18n.use("en")


def source_messages() -> set[str]:
    """Every msgid babel.cfg extracts from the code, the rules and the templates now."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_french_message_is_translated_and_settled() -> None:
    catalogue = read_po(FRENCH_PO.open("rb"))
    assert catalogue.num_plurals == 2  # French: 0 and 1 singular, the rest plural
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert not problems, f"untranslated or fuzzy in French: {problems[:10]}"


def test_the_french_catalogue_covers_every_message_of_the_source() -> None:
    catalogue = read_po(FRENCH_PO.open("rb"))
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogue if m.id}
    missing = sorted(source_messages() - translated)
    assert not missing, f"run `make catalogue` and translate: {missing[:10]}"


@pytest.mark.generated
def test_the_compiled_catalogue_is_current() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read_po(FRENCH_PO.open("rb")))
    assert FRENCH_MO.read_bytes() == compiled.getvalue(), "run `make catalogue-compile`"


def test_an_untranslated_message_would_be_caught(tmp_path: Path) -> None:
    broken = tmp_path / "readiness.po"
    text = FRENCH_PO.read_text(encoding="utf-8")
    broken.write_text(text.replace('msgstr "toujours"', 'msgstr ""'), encoding="utf-8")
    catalogue = read_po(broken.open("rb"))
    assert [m.id for m in catalogue if m.id and not m.string] == ["always"]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (timedelta(minutes=5), "5\u00a0min"),
        (timedelta(hours=36), "1,5\u00a0jour"),
        (timedelta(hours=1), "1\u00a0heure"),
        (timedelta(hours=2), "2\u00a0heures"),
        (timedelta(days=90), "90\u00a0jours"),
        (timedelta(seconds=30), "30\u00a0secondes"),
    ],
)
def test_durations_in_french(french: None, value: timedelta, said: str) -> None:
    assert words.duration(value) == said


def test_counts_lists_numbers_and_dates_in_french(french: None) -> None:
    assert words.count(0, "source") == "0 source"
    assert words.count(3, "source") == "3 sources"
    assert words.listing(["a", "b", "c"]) == "a, b et c"
    assert words.listing(["a", "b", "c", "d"], limit=2) == "a, b et 2 autres"
    assert i18n.money(7.8, "CAD") == "7,80\u00a0$"
    assert i18n.money(2_370_000, "CAD") == "2\u00a0370\u00a0000\u00a0$\u00a0CA"
    assert i18n.money(2_370_000, "USD") == "2\u00a0370\u00a0000\u00a0$\u00a0US"
    assert i18n.long_date(date(2026, 11, 28)) == "28 novembre 2026"
    assert i18n.percent(0.255) == "26\u00a0%"
    assert i18n.decimal(1234.5) == "1\u00a0234,5"


def test_english_words_are_unchanged() -> None:
    assert i18n.active() == "en"
    assert words.duration(timedelta(hours=36)) == "1.5 days"
    assert words.listing(["a", "b", "c", "d"], limit=2) == "a, b and 2 more"
    assert words.count(0, "source") == "0 sources"


def test_languages_are_checked() -> None:
    assert i18n.checked("FR") == "fr"
    assert i18n.checked("fr-CA") == "fr"
    assert i18n.checked("fr_CA") == "fr"
    with pytest.raises(i18n.UnknownLanguage, match="available: en, fr"):
        i18n.checked("de")


def test_the_gate_titles_follow_the_language(french: None) -> None:
    from readiness.model import GateId

    assert GateId.DECISION_BOUNDARIES.title == "Limites décisionnelles"
    i18n.use("en")
    assert GateId.DECISION_BOUNDARIES.title == "Decision boundaries"


def test_an_installed_wheel_speaks_french(tmp_path: Path) -> None:
    if importlib.util.find_spec("build") is None:
        pytest.skip("the build package is not installed (pip install -e '.[test]')")
    dist = tmp_path / "dist"
    run = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist),
                          str(ROOT)], capture_output=True, text=True, timeout=600)
    log = run.stdout + run.stderr
    if run.returncode != 0 and "No matching distribution" in log:
        pytest.skip("building needs setuptools from the package index: " + log[-300:])
    assert run.returncode == 0, log[-3000:]
    (wheel,) = dist.glob("readiness-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "readiness/locale/fr_CA/LC_MESSAGES/readiness.mo" in archive.namelist()
        archive.extractall(tmp_path / "site")
    # The wheel's own code, first on the path, run from outside the source tree.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "READINESS_"))}
    env["PYTHONPATH"] = str(tmp_path / "site")
    script = (
        "import readiness, readiness.i18n as i, readiness.words as w, datetime as d\n"
        "i.use('fr')\n"
        "print(readiness.__file__)\n"
        "print(w.duration(d.timedelta(hours=36)), '|', i._('Why it matters'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    where, said = out.stdout.splitlines()
    assert Path(where).is_relative_to(tmp_path / "site")
    assert said == "1,5\u00a0jour | Pourquoi c'est important"


PACK_TEXTS = ("prompt", "help", "text", "title", "intro", "description")


def pack_texts(node: object, where: str = "") -> Iterator[tuple[str, object]]:
    """Every text for people of a pack file, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PACK_TEXTS and not isinstance(value, list):
                yield f"{where}.{key}", value
            else:
                yield from pack_texts(value, f"{where}.{node.get('id', key)}")
    elif isinstance(node, list):
        for item in node:
            yield from pack_texts(item, where)


@pytest.mark.parametrize("pack", sorted((ROOT / "questionnaires").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_every_text_of_a_shipped_pack_has_its_french(pack: Path) -> None:
    import yaml

    texts = list(pack_texts(yaml.safe_load(pack.read_text(encoding="utf-8"))))
    assert len(texts) > 100
    lacking = [where for where, text in texts
               if not (isinstance(text, dict) and text.get("en") and text.get("fr"))]
    assert not lacking, f"texts without French: {lacking[:10]}"


def test_a_pack_in_french_says_its_texts_in_french(french: None) -> None:
    from readiness.packs import load_pack

    pack = load_pack("telecom-network-ops")
    assert pack.title == "Exploitation des réseaux de télécommunications"
    assert pack.gate(pack.gates[0].id).title == "Commencer par un flux de travail"
    i18n.use("en")
    assert load_pack("telecom-network-ops").title == "Telecom network operations"


def test_a_pack_without_french_falls_back_to_english_with_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import yaml

    from readiness.packs import load_pack

    shipped = yaml.safe_load((ROOT / "questionnaires" / "telecom-customer-ops.yaml")
                             .read_text(encoding="utf-8"))

    def english_only(node: object) -> object:
        if isinstance(node, dict):
            if set(node) == {"en", "fr"}:
                return node["en"]
            return {k: english_only(v) for k, v in node.items()}
        if isinstance(node, list):
            return [english_only(item) for item in node]
        return node

    own = tmp_path / "own-pack.yaml"
    own.write_text(yaml.safe_dump({**english_only(shipped), "id": "own-pack"}),  # type: ignore[dict-item]
                   encoding="utf-8")
    i18n.use("fr")
    pack = load_pack(str(own))
    load_pack(str(own))  # loaded again: no second warning
    assert pack.title == "Telecom customer operations"
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith("readiness: warning: questionnaire pack own-pack: ")
    assert "have no 'fr' version; they are shown in English" in warnings[0]


def test_every_message_of_the_code_is_in_the_catalogue() -> None:
    # A message written inside an f-string is invisible to the extractor (Python 3.11
    # reads an f-string as one token) and would stay English in every language.
    catalogue = read_po((LOCALES / "readiness.pot").open("rb"))
    known = {message.id if isinstance(message.id, str) else message.id[0]
             for message in catalogue if message.id}
    missing = []
    for path in sorted((ROOT / "readiness").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext", "N_") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                if node.args[0].value not in known:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.args[0].value}")
    assert missing == []
