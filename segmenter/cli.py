"""The ``segmenter`` command line. Imports only click at start-up; each command imports what it needs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import InputError
from .options import dialect_option, resolve_style, style_options


class _Group(click.Group):
    """A command group that prints the project's input errors as one line (exit 2), never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"segmenter: error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("segmenter: interrupted", err=True)
            ctx.exit(130)


def run() -> None:
    """The ``segmenter`` command: the CLI, then an immediate exit once the standard streams are flushed.

    By then every output file is written, closed and renamed; what is left is tearing down the interpreter
    and nltk's several hundred modules, which takes longer than subtitling a short script, so it is skipped.
    """
    import os

    try:
        main(prog_name="segmenter")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that stopped early (`| head`): nothing more can be said
        code = code or 1
    os._exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-segmenter", prog_name="segmenter")
def main():
    """Turn TV news scripts into timed SRT and WebVTT subtitles.

    \b
    Examples:
      segmenter subtitle story.txt -o story.srt
      segmenter subtitle story.txt --format both -o out/
      segmenter subtitle a.txt b.txt --style netflix -o out/
      segmenter styles
    """


def _output_plan(scripts: tuple[str, ...], output: str, fmt: str | None,
                 force_dir: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """For each script, the (format, destination) pairs it is written to; ``-`` is standard output."""
    out_is_dir = (force_dir or len(scripts) > 1 or fmt == "both" or output.endswith(("/", "\\"))
                  or Path(output).is_dir())
    if not out_is_dir:
        if output == "-":
            return [(scripts[0], [(fmt or "srt", "-")])]
        from . import formats

        name = fmt or formats.for_path(output).name
        return [(scripts[0], [(name, output)])]
    if output == "-":
        raise click.UsageError("several outputs need a directory: give -o DIR")
    names = ["srt", "vtt"] if fmt in (None, "both") else [fmt]
    stems = [("stdin" if s == "-" else Path(s).stem) for s in scripts]
    if len(set(stems)) < len(stems):
        raise click.UsageError("two scripts have the same name; subtitle them into separate directories "
                               "or use `segmenter batch`, which mirrors the input tree")
    return [(s, [(n, str(Path(output) / f"{stem}.{n}")) for n in names]) for s, stem in zip(scripts, stems)]


@main.command()
@click.argument("scripts", nargs=-1, required=True, metavar="SCRIPT...")
@click.option("-o", "--output", default="-", show_default=True, metavar="OUT",
              help="Output file (.srt or .vtt), '-' for standard output, or a directory for several "
                   "scripts or --format both.")
@click.option("--format", "fmt", type=click.Choice(["srt", "vtt", "both"]), default=None,
              help="Output format. Default: from OUT's extension; SRT and WebVTT into a directory.")
@style_options
@dialect_option
@click.option("--start", default="0", show_default=True, metavar="TIME",
              help="Time of the first cue: seconds, HH:MM:SS.mmm or HH:MM:SS:FF.")
@click.option("--split-stories", is_flag=True,
              help="One file per story of a rundown, named after its slug (OUT is a directory).")
@click.option("--encoding", default=None, help="Encoding of the scripts (default: UTF-8, or as the BOM says).")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("--audio", "audio", default=None, metavar="MEDIA",
              help="Time cues from the script's audio (any media ffmpeg reads; needs pip install '.[audio]').")
@click.option("--words", "words", default=None, metavar="FILE",
              help="Time cues from ASR word times: whisper/WhisperX JSON, a JSON word list, SRT or WebVTT.")
@click.option("--keep-unaligned", is_flag=True,
              help="With --audio/--words: keep the cues of text not found in the audio, at estimated times.")
def subtitle(scripts, output, fmt, dialect, start, split_stories, encoding, force, audio, words, keep_unaligned,
             **style_kwargs):
    """Subtitle news SCRIPTs ('-' reads standard input).

    \b
    Examples:
      segmenter subtitle story.txt -o story.srt
      segmenter subtitle story.txt -o story.vtt --style netflix --max-chars 40
      segmenter subtitle story.txt --format both -o out/
      segmenter subtitle story.txt --start 10:00:00:00 -o story.srt --force
      segmenter subtitle rundown.txt --dialect newsroom --split-stories -o stories/
      cat story.txt | segmenter subtitle - --format vtt
      segmenter subtitle story.txt --audio story.mp4 -o story.vtt
      segmenter subtitle story.txt --words whisper.json -o story.srt
    """
    from .files import check_writable, iter_text, write_atomic
    from .pipeline import NO_TEXT, render, stories, subtitle as run, write_subtitles
    from .timing import parse_time

    style = resolve_style(style_kwargs)
    offset = parse_time(start, style.frame_rate)
    if split_stories and output == "-":
        raise click.UsageError("--split-stories writes one file per story: give -o DIR")
    if audio and words:
        raise click.UsageError("give --audio or --words, not both")
    if (audio or words) and len(scripts) > 1:
        raise click.UsageError("--audio and --words time one script: give one SCRIPT")
    if keep_unaligned and not (audio or words):
        raise click.UsageError("--keep-unaligned needs --audio or --words")
    speech = {}
    if words:
        from .align import read_words

        speech = {"words": read_words(words), "keep_unaligned": keep_unaligned}
    elif audio:
        from .align.audio import check_media, terminal_progress

        check_media(audio)
        speech = {"audio": audio, "keep_unaligned": keep_unaligned, "progress": terminal_progress()}
    failed = 0
    for script, targets in _output_plan(scripts, output, "both" if split_stories and not fmt else fmt,
                                        force_dir=split_stories):
        name = "<stdin>" if script == "-" else script

        def warn(message: str, name: str = name) -> None:
            click.echo(f"segmenter: warning: {name}: {message}", err=True)

        try:
            files = [(f, dest) for f, dest in targets if dest != "-"]
            if not split_stories:
                for _, dest in files:
                    check_writable(Path(dest), force)
            text = iter_text(script, encoding)  # read as it is subtitled: a large script is never whole
            if split_stories:
                cues = run(text, style, offset, dialect=dialect, warn=warn, **speech)
                if not cues:
                    raise InputError(f"{name}: {NO_TEXT}")
                for story_name, story in stories(cues, Path(files[0][1]).stem, round(offset * 1000)):
                    for f, dest in files:
                        write_atomic(Path(dest).with_name(f"{story_name}.{f}"), render(story, f, style), force)
            elif files:
                write_subtitles(text, files, style, offset, force, name, dialect=dialect, warn=warn, **speech)
            else:
                cues = run(text, style, offset, dialect=dialect, warn=warn, **speech)
                if not cues:
                    raise InputError(f"{name}: {NO_TEXT}")
                sys.stdout.write(render(cues, targets[0][0], style))
        except InputError as exc:
            click.echo(f"segmenter: error: {exc}", err=True)
            failed += 1
    if failed:
        sys.exit(1)


@main.command()
def styles():
    """List the style presets and their numbers."""
    from .style import load_style, preset_names

    for name in preset_names():
        style = load_style(name)
        click.echo(f"{name:<10} {style.summary()}")
        if style.description:
            click.echo(f"{'':<10} {style.description}")


def _register_commands() -> None:
    """Commands that live in their own modules (each imports only click at start-up)."""
    from .cli_batch import batch_command
    from .cli_check import check_command
    from .cli_evaluate import evaluate_command
    from .cli_preview import preview_command

    for name, command in (("batch", batch_command), ("check", check_command), ("evaluate", evaluate_command),
                          ("preview", preview_command)):
        main.add_command(command, name)


_register_commands()
