"""The Jinja2 environment every report renders with: where templates come from, how user
text is escaped, and the sandbox.

Templates are looked up first in a team's own folder (`--template DIR`), then in the
shipped `report_templates/`, so a team overrides any template or partial by name.
Everything renders in a `SandboxedEnvironment`: a user template cannot reach Python
internals (`__class__`, `__subclasses__`, ...). HTML templates (`*.html`, `*.html.j2`,
`*.svg.j2`) autoescape; Markdown templates escape user text with the `md` filter, and
Mermaid labels with the `mermaid` filter.

The sandbox is bounded too (docs/reliability.md, "Limits"): `range` gives at most
`MAX_RANGE` numbers, `*` and `**` build no value larger than `MAX_VALUE_SIZE` items or
digits, includes and macro calls nest no deeper than Python's recursion limit, and a
render with a `--template` folder stops after `MAX_CPU_SECONDS` of CPU time. Each stop is
a `TemplateProblem` that names the template.

Environments are built once per template folder and process, so templates compile once
per process; and compiled templates are kept on disk between processes (Jinja2's bytecode
cache, in `$XDG_CACHE_HOME/readiness/templates`, else `~/.cache/readiness/templates`), so
a report does not pay for compiling its templates on every run. Each cache entry is keyed
by the template's name and file path (a `--template` folder has entries of its own) and
checked against a hash of its source, so an edited template is compiled again; entries
are also keyed by this module's own text and the readiness version, since they shape the
compiled code. The cache is an optimisation only: a folder that cannot be created, is not
private to the user, or cannot be written just means templates compile in every process.
`READINESS_TEMPLATE_CACHE=off` turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from readiness import i18n
from readiness.resources import data_dir

__all__ = [
    "TemplateProblem",
    "builtin_dir",
    "environment",
    "generate_template",
    "md",
    "mermaid",
    "render_template",
]

_HTML_SUFFIXES = (".html", ".htm", ".html.j2", ".htm.j2", ".svg", ".svg.j2", ".xml.j2")


MAX_RANGE = 100_000
"""The most numbers `range` gives a template."""
MAX_VALUE_SIZE = 1_000_000
"""The most items (characters of a string, items of a list) `*` may build, and the most
binary digits `**` may build: larger values would take memory or time a template cannot
be interrupted in."""
MAX_CPU_SECONDS = 10.0
"""CPU time a render with a `--template` folder may take; the shipped templates are not
limited (their work grows with the files rendered, not with the template)."""


class TemplateProblem(Exception):
    """A template could not be found, compiled or rendered; the message says where and why."""


class _Limit(jinja2.TemplateRuntimeError):
    """A bound of the sandbox: a template asked for more than it may."""


class _OutOfTime(BaseException):
    """The render used its CPU time. A BaseException, so that no `except Exception` in a
    template's code path swallows it."""


def builtin_dir() -> Path:
    """The shipped `report_templates/` folder of this installation."""
    return data_dir("report_templates")


def _autoescape(name: str | None) -> bool:
    return name is not None and name.lower().endswith(_HTML_SUFFIXES)


# --- filters ----------------------------------------------------------------------------

_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n|\u2028|\u2029)\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Every character that can open Markdown or HTML syntax in running text or a table cell.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_MD_LEADING = re.compile(r"^(\d*)([-=.)])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What GitHub turns into a link or a notification without any Markdown syntax: a URL
# scheme or `www.` (autolinks), `@name` (a mention, or an e-mail address) and `#12` (an
# issue). Mentions and references are found after the Markdown is parsed, in the text it
# gives, where a backslash escape is already gone; a word joiner (U+2060, invisible, no
# line break) between the two characters leaves no pattern to find in either.
_MD_LINKS = re.compile(r"(?i)(?:https?|ftp|mailto|xmpp)(?=:)|www(?=\.)|[@#](?=\w)")
_JOINER = "\u2060"


def md(value: Any) -> str:
    """User text made inert for GitHub-flavoured Markdown, safe inside a table cell.

    Newlines and control characters become spaces (a newline would end the table row),
    Markdown punctuation is backslash-escaped (no emphasis, link, image, code span or
    cell break), `&`, `<`, `>` become entities (no raw HTML, no autolink), and a word
    joiner breaks what GitHub would link or notify on its own (`https:`, `www.`,
    `@team`, `#12`). The rendered text reads as the user wrote it.
    """
    if value is None:
        return ""
    return _md_block(_md_inert(_one_line(value)))


def _one_line(value: Any) -> str:
    return _CONTROL.sub(" ", _NEWLINES.sub(" ", str(value)))


def _md_inert(text: str) -> str:
    text = _MD_LINKS.sub(lambda found: found.group() + _JOINER, text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "".join(_MD_ENTITIES.get(char, char) for char in text)


def _md_block(text: str) -> str:
    # Placed first in a list item, "- x", "= x" or "1. x" would open a nested block.
    return _MD_LEADING.sub(r"\1\\\2", text.strip())


_MERMAID_UNSAFE = re.compile(r"[^\w .,'()/&+-]", re.UNICODE)


def mermaid(value: Any) -> str:
    """User text made safe as a Mermaid gantt label: only letters, digits, spaces and a
    few harmless punctuation marks survive (no `:`, `;`, `#`, `%`, backtick or newline,
    which would end the label, start a comment or close the fence)."""
    if value is None:
        return ""
    text = _MERMAID_UNSAFE.sub(" ", str(value))
    return re.sub(r"\s+", " ", text).strip() or "-"


def number(value: Any, digits: int = 0) -> str:
    """1234567.8 -> '1,234,568'; None -> '—'. French: '1 234 567,8'."""
    if value is None:
        return "—"
    if i18n.active() != "en":
        whole = not (isinstance(value, float) and not value.is_integer())
        return i18n.decimal(value, None if digits == 0 and not whole else digits)
    if isinstance(value, float) and not value.is_integer() and digits == 0:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,.{digits}f}"


def money(value: Any, currency: str | None = None) -> str:
    """An amount with its currency: 2900000, 'CAD' -> '2,900,000 CAD'."""
    if value is None:
        return "—"
    if i18n.active() != "en":
        return i18n.money(value, currency or None)
    text = f"{value:,.0f}" if abs(value) >= 100 else number(value)
    return f"{text} {currency}" if currency else text


def percent(value: Any) -> str:
    """A whole percentage: 42% (French: 42 %)."""
    if value is None:
        return "—"
    return f"{value}%" if i18n.active() == "en" else f"{i18n.decimal(value)}\u00a0%"


def human(value: Any) -> str:
    """An enum value in words: 'approval_required' -> 'approval required'."""
    from readiness.words import value_words

    if value is None:
        return "—"
    return value_words(str(getattr(value, "value", value)))


def duration(value: timedelta | None) -> str:
    """A timedelta in words (readiness.words.duration): 30 seconds, 2 min, 1.5 hours,
    7 days; a dash when there is none."""
    from readiness.words import duration as in_words

    return "—" if value is None else in_words(value)


def day(value: date | None) -> str:
    """A date for people: 2026-11-28 (French: 28 novembre 2026)."""
    return i18n.day(value) if value else "—"


def iso(value: date | None) -> str:
    """A date as data (Mermaid, attributes): 2026-11-28 in every language."""
    return value.isoformat() if value else "—"


_CODE_SPAN = re.compile(r"`([^`]+)`")


def code(value: Any) -> Markup:
    """Text of the rule catalogue for HTML: escaped, with its `backtick` spans as <code>.
    Only for the catalogue's own text; user text is never given markup."""
    escaped = str(escape("" if value is None else str(value)))
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))


def md_code(value: Any) -> str:
    """Text of the rule catalogue for Markdown, as `code` is for HTML: inert as `md`
    makes it, with its `backtick` spans kept as code spans (a `|` in one escaped, as a
    table cell needs). Only for the catalogue's own text; user text goes through `md`."""
    if value is None:
        return ""
    parts = _CODE_SPAN.split(_one_line(value))
    # split() puts the text of each code span at the odd places.
    return _md_block("".join(
        "`" + part.replace("|", "\\|") + "`" if odd else _md_inert(part)
        for odd, part in zip(itertools.cycle((False, True)), parts)
    ))


def svg(value: Any) -> Markup:
    """Mark a chart (already escaped by `charts`) safe for an autoescaping template."""
    return value if isinstance(value, Markup) else Markup(str(escape(value)))


FILTERS: dict[str, Callable[..., Any]] = {
    "md": md,
    "mermaid": mermaid,
    "number": number,
    "money": money,
    "human": human,
    "duration": duration,
    "day": day,
    "iso": iso,
    "percent": percent,
    "svg": svg,
    "code": code,
    "md_code": md_code,
}


# --- the environment --------------------------------------------------------------------


def _finalize(value: Any) -> Any:
    """Every value a template prints: control characters and bidirectional overrides from
    the file are shown as escapes (`\\x1b`), never passed into the page raw."""
    from readiness.reporters.safe_text import has_control, plain

    if isinstance(value, str) and has_control(value):
        cleaned = plain(value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's on-disk bytecode cache, made fail-safe: a cache file that cannot be read or
    written is a cache miss, never an error (a full disk, a read-only home, a race)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # Written to a temporary file in the same folder, then renamed into place, so a
        # concurrent reader never sees half an entry; any failure leaves neither.
        name = self._get_cache_filename(bucket)
        temporary = None
        try:
            with tempfile.NamedTemporaryFile(
                "wb", dir=os.path.dirname(name), prefix=".tmp-", delete=False
            ) as handle:
                temporary = handle.name
                bucket.write_bytecode(handle)
            os.rename(temporary, name)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.remove(temporary)


def cache_dir() -> Path | None:
    """The per-user folder for compiled templates, or None when caching is off."""
    if os.environ.get("READINESS_TEMPLATE_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "readiness" / "templates"


def _private_folder(folder: Path) -> bool:
    """Create `folder` (mode 0700) if needed; True only when it is a directory owned by this
    user that nobody else can write: compiled code is loaded from it and run."""
    try:
        folder.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    folder = cache_dir()
    if folder is None or not _private_folder(folder):
        return None
    from readiness import __version__

    # How this module configures Jinja2 (options, filters, sandbox) shapes the compiled
    # code, so its text is part of every key, with the version.
    salt = hashlib.sha1(Path(__file__).read_bytes())
    salt.update(__version__.encode())
    return _BytecodeCache(str(folder), f"{salt.hexdigest()[:16]}-%s.cache")


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _Limit(
            f"range of {len(numbers)} numbers; a template may loop over at most {MAX_RANGE}"
        )
    return numbers


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, with `*` and `**` bounded (a huge string or number is built in
    one step of C code, which no time limit interrupts)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                size = _size(sequence)
                if size is not None and isinstance(times, int) and size * times > MAX_VALUE_SIZE:
                    raise _Limit(
                        f"'*' would build a value of {size * times} items; the limit is "
                        f"{MAX_VALUE_SIZE}"
                    )
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_VALUE_SIZE
        ):
            raise _Limit(
                f"'**' would build a number of more than {MAX_VALUE_SIZE} binary digits"
            )
        return super().call_binop(context, operator, left, right)


@functools.lru_cache(maxsize=8)
def _environment(template_dir: Path | None) -> SandboxedEnvironment:
    folders = [str(builtin_dir())]
    if template_dir is not None:
        folders.insert(0, str(template_dir))
    env = _Sandbox(
        loader=jinja2.FileSystemLoader(folders, encoding="utf-8"),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        finalize=_finalize,
        bytecode_cache=_bytecode_cache(),
        extensions=["jinja2.ext.i18n"],
    )
    env.filters.update(FILTERS)
    # The fixed words of the templates, in the active language (readiness.i18n); `lang`
    # is the HTML language of the page: `en` or `fr-CA`.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n._, ngettext=i18n.ngettext, newstyle=True)
    env.globals["lang"] = i18n.html_lang
    env.globals["range"] = _range
    return env


def environment(template_dir: Path | str | None = None) -> jinja2.Environment:
    """The sandboxed environment for the shipped templates, overridden by `template_dir`.

    Cached: one environment (and so one compilation of each template) per folder.
    Raises TemplateProblem when `template_dir` is not a folder.
    """
    folder = None
    if template_dir is not None:
        folder = Path(template_dir).resolve()
        if not folder.is_dir():
            raise TemplateProblem(f"--template {template_dir}: not a folder")
    return _environment(folder)


def render_template(
    name: str, template_dir: Path | str | None = None, /, **context: Any
) -> str:
    """Render template `name` with `context`; every template failure is a TemplateProblem
    whose message names the template (and the line, where Jinja2 knows it)."""
    return "".join(generate_template(name, template_dir, **context))


def generate_template(
    name: str, template_dir: Path | str | None = None, /, **context: Any
) -> Iterator[str]:
    """`render_template` piece by piece, for output too large to hold as one string: the
    pieces can be written as they come. Failures are TemplateProblems, as there."""
    env = environment(template_dir)
    try:
        pieces = env.get_template(name).generate(**context)
        yield from pieces if template_dir is None else _timed(pieces, MAX_CPU_SECONDS)
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"template {exc.name!r} not found") from None
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise TemplateProblem(f"{where}: template syntax error: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateProblem(
            f"template {name!r} tried an unsafe operation and was stopped by the sandbox: {exc}"
        ) from None
    except _Limit as exc:
        raise TemplateProblem(f"template {name!r} was stopped by the sandbox: {exc}") from None
    except _OutOfTime:
        raise TemplateProblem(
            f"template {name!r} was stopped by the sandbox: it used more than "
            f"{MAX_CPU_SECONDS:g} s of CPU time (a loop too large, or one that never ends?)"
        ) from None
    except RecursionError:
        if template_dir is None:
            raise  # the shipped templates do not recurse: a bug, reported as one
        raise TemplateProblem(
            f"template {name!r} was stopped by the sandbox: includes, imports or macro calls "
            "nest too deep (a template that includes itself, or a macro that calls itself?)"
        ) from None
    except (ArithmeticError, MemoryError) as exc:
        if template_dir is None:
            raise
        raise TemplateProblem(
            f"template {name!r}: {type(exc).__name__}: {exc}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(f"template {name!r}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"template {name!r}: {exc}") from None


def _can_time() -> bool:
    """A CPU-time limit needs POSIX interval timers and the main thread (where Python runs
    signal handlers), and is not taken when a profiler or an outer render holds SIGPROF."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, signal.SIG_IGN)
        and signal.getitimer(signal.ITIMER_PROF)[0] == 0
    )


def _out_of_time(signum: int, frame: Any) -> None:
    raise _OutOfTime


def _timed(pieces: Iterator[str], seconds: float) -> Iterator[str]:
    """`pieces`, stopped with `_OutOfTime` once producing them has taken `seconds` of the
    process's CPU time. The timer (ITIMER_PROF, CPU time, so a loaded machine does not
    shorten it) runs only while a piece is produced, never while the caller writes one,
    and a signal handler stops the loop however the process treats SIGINT."""
    if not _can_time():
        yield from pieces
        return
    previous = signal.signal(signal.SIGPROF, _out_of_time)
    remaining = seconds
    try:
        while True:
            signal.setitimer(signal.ITIMER_PROF, remaining)
            try:
                piece = next(pieces)
            except StopIteration:
                return
            finally:
                remaining = signal.setitimer(signal.ITIMER_PROF, 0)[0]
            if remaining <= 0:  # ran out between the piece and stopping the timer
                raise _OutOfTime
            yield piece
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
