#!/usr/bin/env python3
"""Time to the first prompt of an interactive command, in a real pseudo-terminal.

Usage: first-prompt.py CWD TEXT TIMEOUT ARGV...
Starts ARGV in a pseudo-terminal in CWD (environment as given, CI removed so the command
prompts), waits until TEXT shows in its output (ANSI escapes removed), prints the seconds from
start to then as one number, and ends the command (SIGKILL on its process group). Exit 1 with a
message on stderr when TEXT does not appear within TIMEOUT seconds.
Only the standard library (pty, os, select), like test/helpers/terminal.py.
"""
import os
import pty
import re
import select
import signal
import sys
import time

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def main() -> None:
    cwd, text, timeout, argv = sys.argv[1], sys.argv[2].encode(), float(sys.argv[3]), sys.argv[4:]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update({"TERM": "xterm-256color"})
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvpe(argv[0], argv, env)
    seen = b""
    found = None
    while time.monotonic() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if text in ANSI.sub(b"", seen).replace(b"\r", b""):
            found = time.monotonic() - start
            break
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    os.waitpid(pid, 0)
    if found is None:
        sys.stderr.write(f"no {text.decode()!r} within {timeout} s; output: {ANSI.sub(b'', seen)[-500:].decode(errors='replace')}\n")
        sys.exit(1)
    print(f"{found:.4f}")


main()
