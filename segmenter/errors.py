"""The one exception the project raises for bad input, and the exit codes every command uses.

| code | meaning |
|---|---|
| 0 | done, nothing to report |
| 1 | done, with findings: ``check`` violations, ``batch`` scripts that failed (the others were written), ``evaluate`` on texts that barely align |
| 2 | could not start or an input is unusable: bad option, missing/unreadable/empty input, output exists without ``--force``, no input matched |
| 3 | internal error (a bug): one line naming it, no traceback |
| 130 | interrupted (Ctrl-C, SIGTERM) |
"""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class InputError(Exception):
    """Input the tool cannot use: a bad script, style, option or subtitle file. The message is one line."""
