"""The ``segmenter`` command line. Imports only click at start-up; each command imports what it needs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import EXIT_CODES_HELP, EXIT_INTERRUPTED, EXIT_USAGE, InputError, failure
from .options import dialect_option, resolve_style, style_options


class _Group(click.Group):
    """A command group that turns every error into one line and an exit code from the table in
    :mod:`segmenter.errors`: input errors and a full disk 2, interruptions 130, anything else (a bug) 3;
    never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except InputError as exc:
            click.echo(f"segmenter: error: {exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("segmenter: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as exc:  # a bug (or a full disk): say so in one line, with its own exit code
            code, message = failure(exc)
            click.echo(f"segmenter: {message}", err=True)
            ctx.exit(code)


def run() -> None:
    """The ``segmenter`` command: the CLI, then an immediate exit once the standard streams are flushed.

    By then every output file is written, closed and renamed; what is left is tearing down the interpreter
    and nltk's several hundred modules, which takes longer than subtitling a short script, so it is skipped.
    """
    try:
        main(prog_name="segmenter")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    except Exception as exc:  # outside any command (the group's own options): still one line
        code, message = failure(exc)
        print(f"segmenter: {message}", file=sys.stderr)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # a reader that stopped early (`| head`): nothing more can be said
        code = code or 1
    except OSError as exc:  # standard output on a full disk
        code, message = failure(exc)
        try:
            print(f"segmenter: {message}", file=sys.stderr, flush=True)
        except OSError:
            pass
    os._exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.version_option(package_name="news-segmenter", prog_name="segmenter")
def main():
    """Turn TV news scripts into timed SRT and WebVTT subtitles.

    \b
    Examples:
      segmenter subtitle story.txt -o story.srt
      segmenter subtitle a.txt b.txt --style netflix --format both -o out/
      segmenter batch scripts/ -o subtitles/ --jobs 4
      segmenter check story.srt --style netflix
      segmenter preview story.txt -o preview.html
      segmenter evaluate story.srt --reference human.srt
      segmenter styles --keys
    """


def _output_plan(scripts: tuple[str, ...], output: str, fmt: str | None,
                 force_dir: bool = False) -> list[tuple[str, list[tuple[str, str]]]]:
    """For each script, the (format, destination) pairs it is written to; ``-`` is standard output."""
    if not output.strip():
        raise click.BadParameter("an empty path; give a file, a directory or '-'", param_hint="-o/--output")
    several = len(scripts) > 1 or fmt == "both" or force_dir
    path = Path(output)
    out_is_dir = several or output.endswith(("/", "\\")) or path.is_dir()
    if not out_is_dir:
        if output == "-":
            return [(scripts[0], [(fmt or "srt", "-")])]
        from . import formats

        name = fmt or formats.for_path(output).name
        return [(scripts[0], [(name, output)])]
    if output == "-":
        raise click.UsageError("several outputs need a directory: give -o DIR")
    if several and not path.is_dir() and (os.path.lexists(path) or path.suffix.lower() in (".srt", ".vtt")):
        why = "several scripts need" if len(scripts) > 1 else "--split-stories needs" if force_dir \
            else "--format both needs"
        what = "a file" if os.path.lexists(path) else "a file name"
        raise click.UsageError(f"{why} a directory, and {output} is {what}: give -o DIR/")
    names = ["srt", "vtt"] if fmt in (None, "both") else [fmt]
    stems = [("stdin" if s == "-" else Path(s).stem) for s in scripts]
    if len(set(stems)) < len(stems):
        raise click.UsageError("two scripts have the same name; subtitle them into separate directories "
                               "or use `segmenter batch`, which mirrors the input tree")
    return [(s, [(n, str(path / f"{stem}.{n}")) for n in names]) for s, stem in zip(scripts, stems)]


def _summary(dest: str, last, start_ms: int) -> str:
    """The line ``subtitle`` prints for an output: cues and the time they span.

    >>> from segmenter.model import Cue
    >>> _summary("story.srt", Cue(56, 190000, 192400, ("Bye.",)), 0), _summary("-", Cue(1, 0, 3725000, ("x",)), 0)
    ('story.srt: 56 cues, 3:12', '<stdout>: 1 cue, 1:02:05')
    """
    seconds = max(0, round((last.end - start_ms) / 1000))
    hours, rest = divmod(seconds, 3600)
    span = f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
    return f"{'<stdout>' if dest == '-' else dest}: {last.index} cue{'s' if last.index != 1 else ''}, {span}"


@main.command(short_help="Subtitle scripts into SRT or WebVTT files.", epilog=EXIT_CODES_HELP)
@click.argument("scripts", nargs=-1, required=True, metavar="SCRIPT...")
@click.option("-o", "--output", default="-", show_default=True, metavar="OUT",
              help="Output file (.srt or .vtt), '-' for standard output, or a directory for several "
                   "scripts or --format both.")
@click.option("--format", "fmt", type=click.Choice(["srt", "vtt", "both"]), default=None,
              help="Output format. Default: from OUT's extension; SRT and WebVTT into a directory.")
@style_options
@dialect_option
@click.option("--start", default="0", show_default=True, metavar="TIME",
              help="Time of the first cue: seconds, HH:MM:SS.mmm or HH:MM:SS:FF (HH:MM:SS;FF drop-frame).")
@click.option("--split-stories", is_flag=True,
              help="One file per story of a rundown, named after its slug (OUT is a directory).")
@click.option("--encoding", default=None,
              help="Encoding of the scripts (default: UTF-8, or as the BOM says); cp1252 for Windows files.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@click.option("--quiet", "-q", is_flag=True, help="No line per output on standard error, only warnings and errors.")
@click.option("--audio", "audio", default=None, metavar="MEDIA",
              help="Time cues from the script's audio (any media ffmpeg reads; needs pip install '.[audio]').")
@click.option("--words", "words", default=None, metavar="FILE",
              help="Time cues from ASR word times: the JSON of whisper, AWS, Google, Azure, Deepgram, AssemblyAI, "
                   "Rev.ai, Speechmatics, Watson, Vosk... (README: Sync to speech), a JSON word list, SRT or WebVTT.")
@click.option("--keep-unaligned", is_flag=True,
              help="With --audio/--words: keep the cues of text not found in the audio, at estimated times.")
@click.option("--show-dropped", is_flag=True,
              help="List every line (or part of a line) not subtitled, with its reason, on standard error.")
@click.option("--no-join-wraps", is_flag=True,
              help="Keep the line breaks of a hard-wrapped script (default: join them into paragraphs).")
def subtitle(scripts, output, fmt, dialect, start, split_stories, encoding, force, quiet, audio, words,
             keep_unaligned, show_dropped, no_join_wraps, **style_kwargs):
    """Subtitle news SCRIPTs ('-' reads standard input). Prints one line per output to standard error
    (its cues and the time they span) unless --quiet.

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
    from .pipeline import NO_TEXT, captions_as_script, iter_subtitle, render, stories, subtitle as run, write_cues
    from .timing import parse_time

    style = resolve_style(style_kwargs)
    offset = parse_time(start, style.frame_rate)
    start_ms = round(offset * 1000)
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

        speech = {"words": read_words(words, lambda note: click.echo(f"segmenter: warning: {note}", err=True)),
                  "keep_unaligned": keep_unaligned}
    elif audio:
        from .align.audio import check_media, terminal_progress

        check_media(audio)
        speech = {"audio": audio, "keep_unaligned": keep_unaligned, "progress": terminal_progress()}

    def done(dest: str, last) -> None:
        if not quiet:
            click.echo(f"segmenter: {_summary(dest, last, start_ms)}", err=True)

    code = 0
    taken: set[str] = set()  # the story files of this run: a slug an earlier script used is named apart
    for script, targets in _output_plan(scripts, output, "both" if split_stories and not fmt else fmt,
                                        force_dir=split_stories):
        name = "<stdin>" if script == "-" else script

        def warn(message: str, name: str = name) -> None:
            click.echo(f"segmenter: warning: {name}: {message}", err=True)

        def dropped(line: int, text: str, reason: str, name: str = name) -> None:
            click.echo(f"{name}:{line}: dropped ({reason}): {text}", err=True)

        reading = {"dropped": dropped if show_dropped else None, "join_wraps": False if no_join_wraps else None,
                   **speech}

        try:
            files = [(f, dest) for f, dest in targets if dest != "-"]
            if not split_stories:
                for _, dest in files:
                    check_writable(Path(dest), force)
            text = iter_text(script, encoding)  # read as it is subtitled: a large script is never whole
            text, reading = captions_as_script(text, script, name, reading, warn)
            if split_stories:
                cues = run(text, style, offset, dialect=dialect, warn=warn, **reading)
                if not cues:
                    raise InputError(f"{name}: {NO_TEXT}")
                for story_name, story in stories(cues, Path(files[0][1]).stem, start_ms):
                    while story_name in taken:
                        story_name = f"{Path(files[0][1]).stem}-{story_name}"
                    taken.add(story_name)
                    for f, dest in files:
                        path = Path(dest).with_name(f"{story_name}.{f}")
                        write_atomic(path, render(story, f, style), force)
                        done(str(path), story[-1])
            elif files:
                cues = iter_subtitle(text, style, offset, dialect=dialect, warn=warn, **reading)
                last = write_cues(cues, files, style, force, name)
                for _, dest in files:
                    done(dest, last)
            else:
                cues = run(text, style, offset, dialect=dialect, warn=warn, **reading)
                if not cues:
                    raise InputError(f"{name}: {NO_TEXT}")
                try:
                    sys.stdout.write(render(cues, targets[0][0], style))
                    sys.stdout.flush()
                except OSError as exc:
                    raise InputError(f"<stdout>: cannot write: {exc.strerror or exc}") from None
                done("-", cues[-1])
        except InputError as exc:
            click.echo(f"segmenter: error: {exc}", err=True)
            code = max(code, EXIT_USAGE)
        except (KeyboardInterrupt, MemoryError):
            raise
        except Exception as exc:  # a bug with this script (or a full disk): the others are still written
            failed, message = failure(exc, name)
            click.echo(f"segmenter: {message}", err=True)
            code = max(code, failed)
    sys.exit(code)


@main.command(short_help="List the style presets, or every key of a style file.", epilog=EXIT_CODES_HELP)
@click.option("--keys", is_flag=True, help="List every key a style file may set: default, meaning, unit, range.")
def styles(keys):
    """List the style presets and their numbers; with --keys, every key a style file may set.

    Any command's --style takes a preset name (any case) or your own TOML file. A file sets the keys
    it changes and inherits the rest from the preset it extends (extends = "broadcast" unless it says
    otherwise; a relative path is read from the file's folder).

    \b
    Examples:
      segmenter styles
      segmenter styles --keys
      segmenter subtitle story.txt --style house.toml -o story.srt
    """
    from .style import keys_table, load_style, preset_names

    if keys:
        for key, default, meaning in keys_table():
            click.echo(f"{key:<22} {default:<11} {meaning}")
        return
    for name in preset_names():
        style = load_style(name)
        click.echo(f"{name:<10} {style.summary()}")
        if style.description:
            click.echo(f"{'':<10} {style.description}")


#: what the command list of ``segmenter --help`` says of the commands that live in their own modules
_SHORT_HELP = {"batch": "Subtitle many scripts in parallel, resumably.",
               "check": "Check SRT or WebVTT files against a style.",
               "evaluate": "Score subtitle breaks against human subtitles.",
               "preview": "Draw a script's cues on one HTML page."}


def _register_commands() -> None:
    """Commands that live in their own modules (each imports only click at start-up); every command's
    help ends with the table of exit codes."""
    from .cli_batch import batch_command
    from .cli_check import check_command
    from .cli_evaluate import evaluate_command
    from .cli_preview import preview_command

    for name, command in (("batch", batch_command), ("check", check_command), ("evaluate", evaluate_command),
                          ("preview", preview_command)):
        command.short_help = command.short_help or _SHORT_HELP[name]
        command.epilog = EXIT_CODES_HELP
        main.add_command(command, name)


_register_commands()
