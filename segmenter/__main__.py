"""``python -m segmenter``: the same as the ``segmenter`` command."""

from .cli import main

main(prog_name="segmenter")
