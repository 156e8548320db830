"""The one exception the project raises for bad input: the CLI prints it as a one-line error."""


class InputError(Exception):
    """Input the tool cannot use: a bad script, style, option or subtitle file. The message is one line."""
