#!/usr/bin/env python3
"""Turns one docs/guides/*.md into the bash script tests/guides/run.sh runs.

The conventions (HTML comments, invisible in the rendered guide) are documented in
tests/guides/README.md and at the top of run.sh; this file only implements them:

  <!-- runnable -->             the guide takes part (anywhere; conventionally under the title)
  <!-- file: NAME -->          the next fenced block is written to NAME (relative to the
                               session's current directory); a later block with the same NAME
                               replaces the file; NAME ending in .tf must be `terraform fmt`-clean
  <!-- skip: REASON -->        the next fenced block is not run
  <!-- expect-fail -->         every command of the next console block must fail
  <!-- background: REGEX -->   the next console block (one command) runs in the background until
                               the end of the guide; the runner waits for REGEX in its output
  <!-- expect: REGEX -->       after a console block: some line of its output (ANSI colours
                               removed) matches REGEX (grep -E); repeatable

Console blocks (```console, ```shell-session) run: each line starting with "$ " is a command,
a command ending in "\\" continues on the next line, every other line is example output.
"""
import re
import shlex
import sys

DIRECTIVE = re.compile(r"^\s*<!--\s*(runnable|file|skip|expect-fail|background|expect)\s*(?::\s*(.*?))?\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^\s`]*)")
CONSOLE_LANGUAGES = {"console", "shell-session"}


class GuideError(Exception):
    pass


def parse(path):
    """Returns (runnable, steps); a step is a dict with kind file/console/skip and its line."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    runnable = False
    pending = {}
    steps = []
    last_console = None
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = DIRECTIVE.match(line)
        if directive:
            key, value = directive.group(1), directive.group(2)
            if key == "runnable":
                runnable = True
            elif key == "expect":
                if last_console is None or not value:
                    raise GuideError(f"{path}:{i + 1}: <!-- expect: REGEX --> must follow a console block")
                last_console["expect"].append(value)
            else:
                if key in ("file", "skip", "background") and not value:
                    raise GuideError(f"{path}:{i + 1}: <!-- {key}: ... --> needs a value")
                pending[key] = value if value is not None else True
            i += 1
            continue
        fence = FENCE.match(line)
        if not fence:
            i += 1
            continue
        indent, marker, language = fence.group(1), fence.group(2), fence.group(3).lower()
        start = i + 1
        body = []
        i += 1
        while i < len(lines) and not (lines[i].strip().startswith(marker[0] * len(marker))
                                      and lines[i].strip().strip(marker[0]) == ""):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        if i >= len(lines):
            raise GuideError(f"{path}:{start}: unclosed code block")
        i += 1
        directives, pending = pending, {}
        if "skip" in directives:
            steps.append({"kind": "skip", "line": start, "reason": directives["skip"]})
            last_console = None
            continue
        if "file" in directives:
            steps.append({"kind": "file", "line": start, "name": directives["file"], "text": "\n".join(body) + "\n"})
            continue
        if language in CONSOLE_LANGUAGES:
            commands = []
            current = None
            for text in body:
                if current is not None:
                    current.append(text)
                elif text.startswith("$ "):
                    current = [text[2:]]
                else:
                    continue
                if not current[-1].endswith("\\"):
                    commands.append("\n".join(current))
                    current = None
            if current is not None:
                raise GuideError(f"{path}:{start}: a command ends with a backslash and nothing follows")
            if not commands:
                last_console = None
                continue
            step = {"kind": "console", "line": start, "commands": commands, "expect": [],
                    "expect_fail": "expect-fail" in directives, "background": directives.get("background")}
            if step["background"] and len(commands) != 1:
                raise GuideError(f"{path}:{start}: a background block holds exactly one command")
            steps.append(step)
            last_console = step
        else:
            last_console = None
    if pending:
        raise GuideError(f"{path}: directive(s) {', '.join(pending)} at the end are attached to no block")
    return runnable, steps


def q(text):
    return shlex.quote(text)


def compile_guide(path, label):
    runnable, steps = parse(path)
    if not runnable:
        raise GuideError(f"{path}: no <!-- runnable --> marker")
    out = [
        "# generated by tests/guides/guide2sh.py from " + label,
        "set -u",
        f"__guide={q(label)}",
        'source "$CRD_GUIDES_LIB"',
        'cd "$CRD_REPO"',
    ]
    for n, step in enumerate(steps):
        where = f"{label}:{step['line']}"
        if step["kind"] == "skip":
            out.append(f"__skip {q(where)} {q(step['reason'])}")
        elif step["kind"] == "file":
            delimiter = f"__CRD_GUIDE_FILE_{n}__"
            if delimiter in step["text"]:
                raise GuideError(f"{where}: the block contains {delimiter}")
            out.append(f"__write_file {q(where)} {q(step['name'])} <<'{delimiter}'")
            out.append(step["text"].rstrip("\n"))
            out.append(delimiter)
        elif step["background"]:
            out.append(f"__begin {q(where)} {q(step['commands'][0])}")
            out.append(f"__background {q(step['background'])} {q(step['commands'][0])}")
            out.append(f"__end {' '.join(q(e) for e in step['expect'])}")
        else:
            out.append(f"__begin {q(where)} {q(step['commands'][0])}")
            for command in step["commands"]:
                # Run in this shell (cd and export persist), stdin answering "yes" to prompts.
                out.append(f"__command {q(command)}")
                out.append("{ " + command)
                out.append('} >>"$__block_log" 2>&1 <"$__yes"')
                out.append(f"__after $? {'fail' if step['expect_fail'] else 'ok'}")
            out.append(f"__end {' '.join(q(e) for e in step['expect'])}")
    out.append("__done")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        print("usage: guide2sh.py GUIDE.md LABEL", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(compile_guide(sys.argv[1], sys.argv[2]))
    except GuideError as error:
        print(str(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
