"""The import graph keeps each kind of code where a newcomer looks for it (README,
"Where things are"): outputs in `readiness/reporters/`, and command modules that parse
options and call the library.

Each check is a function from a module's source to its violations, run on every module
of the package and, to show that it can fail, on a module that breaks it.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TypeGuard

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "readiness"

MAY_IMPORT_REPORTERS = ("reporters", "cli", "wizard")
"""Top-level folders of the package whose modules may import `readiness.reporters`: the
outputs themselves, the command line, and the wizard's console layer."""

CLI_SHARED = {"__init__.py", "common.py"}
"""cli/ modules that are not commands: the app and the options the commands share."""

DOMAIN = ("readiness.rules", "readiness.engine", "readiness.scoring", "readiness.findings")
"""What a command reaches only through the library: rules, scoring and findings decide,
the command does not (a command may import the model's enums to parse an option)."""

RENDERING = ("json", "csv", "rich.table", "jinja2", "markupsafe")
"""What a command never renders with: its output comes from `readiness.reporters`."""

THE_REGISTRY = {"readiness.rules", "readiness.rules.REGISTRY", "readiness.rules.RULE_IDS",
                "readiness.rules.Rule"}
"""What an output may import of the rules: the catalogue, not a rule family's module."""

HELPER_STATEMENTS = 12
"""A function of a command module that is not a command is a helper for one option or
one stream: at most this many statements, loops and branches included."""


def _imported(tree: ast.AST) -> list[str]:
    """Every module an import statement names, anywhere in the module (functions too)."""
    names = []
    checked_only = {id(inner) for node in ast.walk(tree) if _type_checking(node)
                    for statement in node.body for inner in ast.walk(statement)}
    for node in ast.walk(tree):
        if id(node) in checked_only:
            continue  # imported for annotations only: no dependency at run time
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _type_checking(node: ast.AST) -> TypeGuard[ast.If]:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING")


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def reporter_imports(source: str) -> list[str]:
    """The imports of `readiness.reporters` in a module."""
    return [f"imports {name}" for name in _imported(ast.parse(source))
            if _within(name, ("readiness.reporters",))]


def rule_module_imports(source: str) -> list[str]:
    """The imports of a rule family module (`readiness.rules.governance`...): an output
    reaches a rule through the registry (`readiness.rules.REGISTRY`), and what rules and
    outputs share through `readiness.standards`."""
    return [f"imports {name}" for name in _imported(ast.parse(source))
            if _within(name, ("readiness.rules",)) and name not in THE_REGISTRY]


def _registered(tree: ast.Module) -> set[str]:
    """The functions `register(app)` hands to `app.command(...)`."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "register":
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Call)
                        and isinstance(call.func.func, ast.Attribute)
                        and call.func.func.attr == "command"):
                    names |= {arg.id for arg in call.args if isinstance(arg, ast.Name)}
    return names


def command_module_problems(source: str) -> list[str]:
    """What a cli/ command module holds beyond option parsing and library calls."""
    tree = ast.parse(source)
    problems = [f"imports {name}" for name in _imported(tree)
                if _within(name, DOMAIN) or _within(name, RENDERING)]
    problems += [f"defines class {node.name}" for node in ast.walk(tree)
                 if isinstance(node, ast.ClassDef)]
    commands = _registered(tree)
    if not commands:
        problems.append("registers no command")
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if node.name in commands or node.name == "register":
            continue
        size = sum(isinstance(inner, ast.stmt) for inner in ast.walk(node)) - 1
        if size > HELPER_STATEMENTS:
            problems.append(f"{node.name} is not a command and has {size} statements")
    return problems


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_only_outputs_the_command_line_and_the_wizard_import_reporters(path: Path) -> None:
    inside = path.relative_to(PACKAGE).parts
    if len(inside) > 1 and inside[0] in MAY_IMPORT_REPORTERS:
        return
    assert reporter_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "reporters").glob("*.py")), ids=_name)
def test_outputs_reach_rules_through_the_registry(path: Path) -> None:
    assert rule_module_imports(path.read_text(encoding="utf-8")) == []


COMMAND_MODULES = sorted(p for p in (PACKAGE / "cli").glob("*.py") if p.name not in CLI_SHARED)


@pytest.mark.parametrize("path", COMMAND_MODULES, ids=_name)
def test_command_modules_parse_options_and_call_the_library(path: Path) -> None:
    assert command_module_problems(path.read_text(encoding="utf-8")) == []


def test_every_command_has_a_module_of_its_own() -> None:
    from readiness.cli import app

    commands = [info.callback for info in app.registered_commands if info.callback]
    assert len({command.__module__ for command in commands}) == len(commands)
    for command in commands:
        assert command.__module__ == f"readiness.cli.{command.__name__}"


# --- the checks fail on modules that break them -------------------------------------------

DOMAIN_MODULE_THAT_RENDERS = '''
from readiness.engine import Result

def render(result: Result) -> str:
    from readiness.reporters.safe_text import one_line
    return one_line(result.path)
'''

COMMAND_THAT_DECIDES = '''
import typer
from readiness.cli.common import write_output

class Format:
    TEXT = "text"

def portfolio(paths: list[str]) -> None:
    import json
    from readiness.engine import shortfalls
    from readiness.findings import Severity
    write_output(json.dumps([shortfalls({Severity.BLOCKER: 1}, 0, 0, None)]), None)

def below_the_bar(entries, bar):
    total = 0
    for entry in entries:
        if entry.blockers:
            total += 1
        elif entry.majors and bar.fail_on == "major":
            total += 1
        elif entry.minors and bar.fail_on == "minor":
            total += 1
        elif bar.min_score is not None and entry.score < bar.min_score:
            total += 1
        elif bar.min_level is not None and entry.level < bar.min_level:
            total += 1
    return total

def register(app: typer.Typer) -> None:
    app.command()(portfolio)
'''


def test_the_reporters_check_fails_on_a_domain_module_that_renders() -> None:
    assert reporter_imports(DOMAIN_MODULE_THAT_RENDERS) == [
        "imports readiness.reporters.safe_text", "imports readiness.reporters.safe_text.one_line"
    ]


def test_the_rule_check_fails_on_an_output_that_reads_a_rule_module() -> None:
    source = "from readiness.rules.governance import REQUIRED_REGULATIONS\n" \
             "from readiness.rules import REGISTRY, Rule\n"
    assert rule_module_imports(source) == [
        "imports readiness.rules.governance",
        "imports readiness.rules.governance.REQUIRED_REGULATIONS",
    ]


def test_the_command_check_fails_on_a_command_that_decides_and_renders() -> None:
    problems = command_module_problems(COMMAND_THAT_DECIDES)
    assert "imports json" in problems
    assert "imports readiness.engine" in problems
    assert "imports readiness.findings.Severity" in problems
    assert "defines class Format" in problems
    assert any(p.startswith("below_the_bar is not a command") for p in problems)
    assert not any("portfolio" in p for p in problems)  # the command itself may be long


def test_the_command_check_passes_a_command_that_calls_the_library() -> None:
    source = COMMAND_THAT_DECIDES.split("class Format")[0] + '''
def portfolio(paths: list[str]) -> None:
    from readiness.portfolio import build_portfolio
    write_output(str(len(build_portfolio(paths).entries)), None)

def register(app: typer.Typer) -> None:
    app.command()(portfolio)
'''
    assert command_module_problems(source) == []


# --- every command's formats -------------------------------------------------------------


def _format_choices() -> dict[str, type]:
    """Command -> the enum its --format option offers, read from the app."""
    import typing

    from readiness.cli import app

    choices = {}
    for info in app.registered_commands:
        if info.callback is None:
            continue
        hints = typing.get_type_hints(info.callback, include_extras=True)
        if "format" not in hints:
            continue
        offered = typing.get_args(hints["format"])[0]  # Annotated[X, typer.Option]
        while typing.get_args(offered):  # X | None, list[X]
            offered = next(a for a in typing.get_args(offered) if a is not type(None))
        choices[info.callback.__name__] = offered
    return choices


def test_every_command_with_formats_has_a_registry_for_the_formats_it_offers() -> None:
    from readiness.reporters import FORMATS

    choices = _format_choices()
    assert set(choices) == set(FORMATS)
    for command, offered in choices.items():
        assert FORMATS[command][0] is offered, command


@pytest.mark.parametrize("command", ["validate", "report", "portfolio", "diff", "history",
                                     "questions", "rules"])
def test_every_format_of_every_command_has_a_renderer(command: str) -> None:
    from readiness.choices import Format
    from readiness.reporters import FORMATS, resolve

    enum, registry = FORMATS[command]
    expected = set(enum) - {Format.AUTO}  # `auto` is resolved to a format before output
    assert set(registry) == expected
    assert all(callable(resolve(reference)) for reference in registry.values())
