#!/usr/bin/env python3
"""Runs a command in a real pseudo-terminal and plays a script against it.
(Not named pty.py: a script of that name would shadow the standard pty module it imports.)

Usage: terminal.py SCRIPT.json
SCRIPT: {"argv": [...], "cwd": "...", "env": {...}, "timeout": seconds, "stepTimeout": seconds,
         "steps": [{"expect": "prompt text", "send": "keys"}, ...]}
Each step waits until its text appears in the screen output (ANSI escapes removed) after the
previous step's match, then sends its keys: keys go out only once the prompt is there, never on
a timer. Prints one JSON object: {"ok", "exitCode", "failedStep", "error", "screen"}.
Only the standard library (pty, os, select), so it runs wherever python3 does.
"""
import codecs
import json
import os
import pty
import re
import select
import signal
import sys
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


class Screen:
    """The program's output as plain text, built as it arrives. A UTF-8 character or an escape
    sequence split across two reads is held back until complete, so the text never shifts under a
    position already matched."""

    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""
        self.text = ""

    def feed(self, chunk: bytes) -> None:
        self.pending += self.decoder.decode(chunk)
        cut = self.pending.rfind("\x1b")
        if cut >= 0 and not ANSI.match(self.pending, cut) and len(self.pending) - cut < 64:
            done, self.pending = self.pending[:cut], self.pending[cut:]
        else:
            done, self.pending = self.pending, ""
        self.text += ANSI.sub("", done).replace("\r", "")

    def flush(self) -> str:
        self.text += ANSI.sub("", self.pending + self.decoder.decode(b"", final=True)).replace("\r", "")
        self.pending = ""
        return self.text


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        script = json.load(f)
    deadline = time.monotonic() + float(script.get("timeout", 60))
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(script["cwd"])
        os.execvpe(script["argv"][0], script["argv"], script["env"])
    screen = Screen()
    cursor = 0
    result = {"ok": False, "exitCode": None, "failedStep": None, "error": None}

    def read_some(wait: float) -> bool:
        """Reads what the child printed; False once the terminal is closed (child gone)."""
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        screen.feed(chunk)
        return True

    alive = True
    step_timeout = float(script.get("stepTimeout", 30))
    for index, step in enumerate(script["steps"]):
        expect = step["expect"]
        step_deadline = min(deadline, time.monotonic() + step_timeout)
        while True:
            position = screen.text.find(expect, cursor)
            if position >= 0:
                cursor = position + len(expect)
                break
            if not alive or time.monotonic() > step_deadline:
                result["failedStep"] = index
                why = "the program ended" if not alive else "timed out"
                result["error"] = f"{why} while waiting for {expect!r} (step {index + 1})"
                break
            alive = read_some(0.2)
        if result["error"]:
            break
        if step.get("send"):
            os.write(fd, step["send"].encode("utf-8"))

    # Read everything up to the child's exit (or the deadline), then collect its status. After a
    # failed step nobody will answer the program's prompt: stop it at once.
    while alive and not result["error"] and time.monotonic() < deadline:
        alive = read_some(0.2)
    if alive:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        result["error"] = result["error"] or "timed out waiting for the program to end"
    else:
        # The terminal closed: the child is exiting, so a blocking wait is short.
        _, status = os.waitpid(pid, 0)
        result["exitCode"] = os.waitstatus_to_exitcode(status)
    result["ok"] = result["error"] is None
    result["screen"] = screen.flush()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
