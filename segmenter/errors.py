"""The one exception the project raises for bad input, and the exit codes every command uses.

The codes and their meanings are :data:`EXIT_CODES`; every ``--help`` ends with them (:data:`EXIT_CODES_HELP`).

>>> print(EXIT_CODES_HELP.splitlines()[5])
  2    could not start or an input is unusable: bad option, missing, unreadable
>>> internal_error(ValueError("cannot convert float NaN\\nto integer"))
'internal error: ValueError: cannot convert float NaN to integer; please report'
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

#: the table above as data: every command's ``--help`` ends with it, the README shows it
EXIT_CODES = (
    (EXIT_OK, "done, nothing to report"),
    (EXIT_FINDINGS, "done, with findings: check violations, batch scripts that failed (the others were written), "
                    "evaluate on texts that barely align"),
    (EXIT_USAGE, "could not start or an input is unusable: bad option, missing, unreadable or empty input, "
                 "output exists without --force or cannot be written (a full disk), no input matched"),
    (EXIT_INTERNAL, "internal error (a bug): one line naming it, no traceback; please report it"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C, SIGTERM)"),
)


def _wrapped(text: str, width: int = 72, indent: str = "       ") -> str:
    """``text`` in lines of at most ``width`` characters, the later ones indented (textwrap would cost
    ``segmenter --help`` an import)."""
    lines = [""]
    for word in text.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".lstrip()
    return f"\n{indent}".join(lines)


#: the exit-code table as a ``--help`` epilog (``\b``: click keeps its line breaks)
EXIT_CODES_HELP = "\b\nExit codes:\n" + "\n".join(f"  {code:<4} {_wrapped(text)}" for code, text in EXIT_CODES)


class InputError(Exception):
    """Input the tool cannot use: a bad script, style, option or subtitle file. The message is one line."""


#: errors of the system, not of the tool: a full disk, a closed pipe, a failing device
_SYSTEM_ERRNOS = frozenset({5, 27, 28, 32, 122})  # EIO, EFBIG, ENOSPC, EPIPE, EDQUOT


def failure(exc: BaseException, name: str | None = None) -> tuple[int, str]:
    """The exit code and the one line for an exception that is not an :class:`InputError` (met while
    working on file ``name``): a full disk or a closed output is the system's (2), anything else a bug (3).

    >>> failure(OSError(28, "No space left on device"), "a.txt")
    (2, 'error: a.txt: cannot write: No space left on device')
    >>> failure(KeyError("x"))
    (3, "internal error: KeyError: 'x'; please report")
    """
    where = f"{name}: " if name else ""
    if isinstance(exc, OSError) and exc.errno in _SYSTEM_ERRNOS:
        return EXIT_USAGE, f"error: {where}cannot write: {exc.strerror or exc}"
    return EXIT_INTERNAL, f"{where}{internal_error(exc)}"


def internal_error(exc: BaseException) -> str:
    """The one line that reports a bug (any exception but :class:`InputError`), without a traceback."""
    message = " ".join(str(exc).split()) or "(no message)"
    return f"internal error: {type(exc).__name__}: {message}; please report"
