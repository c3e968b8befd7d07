"""speakeasy's errors: each one says, in plain English, what is wrong and what to do.

Exit codes (stable, documented in the README):

* 0 - nothing at or above ``--fail-on`` was found
* 1 - something at or above ``--fail-on`` was found
* 2 - a usage, configuration or input error (including a bad rule pack or wordlist)
* 3 - an internal error (a bug in speakeasy or a plugin)
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class SpeakeasyError(Exception):
    """Base class for errors that are the user's to fix (exit code 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def render(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # An exception pickles as ``type(self)(*self.args)``, and these take other arguments than their
        # message: rebuild it from its attributes instead, so that it crosses to another process whole
        # (a worker in a process pool running speakeasy.lint, say).
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[SpeakeasyError], args: tuple[Any, ...], state: dict[str, Any]) -> SpeakeasyError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class UsageError(SpeakeasyError):
    """The command line was wrong."""


class ConfigError(SpeakeasyError):
    """A configuration file, rule pack or wordlist is wrong."""


class UserDataError(ConfigError):
    """A problem at a known place in a file the user (or a forum member) wrote.

    ``render()`` gives one line ``path:line:col: what is wrong. How to fix it.``
    followed by the lines around the problem, with the bad line marked, so
    the person can find it without knowing YAML well.
    """

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        source: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint
        self.source = source
        self.problem = message
        super().__init__(self._headline())

    def _headline(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.problem}"
        if self.hint:
            text += f" {self.hint}"
        return text

    def excerpt(self, context: int = 1) -> str:
        """The numbered lines around the problem, the bad one marked with '>'.

        When the column is known, a line with '^ here' sits right under the
        bad line, pointing at the column::

              6 |     why: It is a formal word.
            > 7 |     agreed: March 2026
                |             ^ here
              8 |     status: agreed
        """
        if self.source is None or self.line is None:
            return ""
        lines = _lines_of(self.source)
        if not lines:
            return ""
        bad = min(max(self.line, 1), len(lines))
        first = max(1, bad - context)
        last = min(len(lines), bad + context)
        width = len(str(last))
        out = []
        for number in range(first, last + 1):
            marker = ">" if number == bad else " "
            text = lines[number - 1]
            out.append(f"  {marker} {number:>{width}} | {text}".rstrip())
            if number == bad and self.column is not None and bad == self.line:
                # keep tabs as tabs so the caret lines up however wide they show
                lead = "".join(ch if ch == "\t" else " " for ch in text[: max(self.column - 1, 0)])
                out.append(f"    {' ' * width} | {lead}^ here")
        return "\n".join(out)

    def render(self) -> str:
        excerpt = self.excerpt()
        return self.message + ("\n" + excerpt if excerpt else "")


_split: list[Any] = [None, []]


def _lines_of(source: str) -> list[str]:
    """``source.splitlines()``, kept for the last source: a long list's many problems all quote the same text."""
    if _split[0] is not source:
        _split[:] = [source, source.splitlines()]
    return _split[1]


class InputError(SpeakeasyError):
    """One input file could not be read.  The run goes on with the others."""

    def __init__(self, path: str, message: str, code: str = "read-error") -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message
        self.code = code


#: Why a file could not be written, in words, for the errors people see most (by errno name).
_WRITE_REASONS = {
    "ENOSPC": "the disk is full",
    "EDQUOT": "you have used all of your disk quota",
    "EFBIG": "the file would be bigger than you are allowed to write, see ulimit -f",
    "EROFS": "the disk is read-only",
    "EACCES": "the folder or the file is read-only to you",
    "EPERM": "the file or its folder may be locked against changes",
}


def write_reason(exc: OSError) -> str:
    """Why writing failed, in one short phrase: 'the disk is full: No space left on device'."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    plain = exc.strerror or str(exc) or type(exc).__name__
    reason = _WRITE_REASONS.get(name)
    return f"{reason}: {plain}" if reason else plain


#: How every error line starts, on standard error.
ERROR_PREFIX = "speakeasy: error: "


def error_text(message: str, path: str | None = None) -> str:
    """An error as speakeasy prints it: ``speakeasy: error: FILE: message``, then any excerpt lines, each ending in a newline.

    ``message`` may be a rendered error (its first line the problem, the next ones the excerpt); ``path``
    is put in front when the message does not start with it already.  An error that is about no file (a
    mistake in the command) is ``speakeasy: error: message``.
    """
    first, *rest = message.splitlines() or [""]
    if path and not (first == path or first.startswith(f"{path}:")):
        first = f"{path}: {first}"
    return "".join(line + "\n" for line in (ERROR_PREFIX + first, *rest))
