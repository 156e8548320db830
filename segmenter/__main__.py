"""``python -m segmenter``: the same as the ``segmenter`` command."""

if __name__ == "__main__":
    from .cli import run

    run()
