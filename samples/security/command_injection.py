"""Command injection: a program run through the shell with the input pasted into the command line,
then the same program run with a list of arguments and no shell."""

import shlex
import subprocess
import sys

# A harmless program that prints the arguments it received, one per line: a stand-in for the
# converter, archiver or ping a real application would call.
SHOW_ARGS = [sys.executable, "-c", "import sys; print(*sys.argv[1:], sep='\\n')"]


def show_unsafe(filename):
    # VULNERABLE: /bin/sh parses the whole line, so ; | & $( ) ` and newlines in the input start other commands.
    command = shlex.join(SHOW_ARGS) + " " + filename
    return subprocess.run(command, shell=True, capture_output=True, text=True, check=True).stdout


def show(filename):
    # No shell: the list becomes the program's argv, and the input stays one argument whatever it holds.
    return subprocess.run([*SHOW_ARGS, filename], capture_output=True, text=True, check=True).stdout


def show_through_a_shell(filename):
    # Only when a shell is unavoidable (a pipeline in a legacy script): quote every piece of input for POSIX sh.
    command = shlex.join(SHOW_ARGS) + " " + shlex.quote(filename)
    return subprocess.run(command, shell=True, capture_output=True, text=True, check=True).stdout
