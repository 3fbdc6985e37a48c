"""samples/security/command_injection.py: payloads that run a second (harmless) command through the shell."""

import sys

import pytest

from samples.security.command_injection import show, show_through_a_shell, show_unsafe

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the payloads are for a POSIX shell")

# Each payload tries to run `echo INJECTED`; a safe call prints the payload back as one argument.
PAYLOADS = ["report.pdf; echo INJECTED", "report.pdf && echo INJECTED", "$(echo INJECTED)", "`echo INJECTED`",
            "report.pdf\necho INJECTED", "report.pdf | echo INJECTED"]  # fmt: skip


def test_an_ordinary_name_gives_the_same_output():
    assert show_unsafe("report.pdf") == show("report.pdf") == show_through_a_shell("report.pdf") == "report.pdf\n"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_shell_runs_the_injected_command(payload):
    output = show_unsafe(payload)
    assert "INJECTED" in output.splitlines()  # a line of its own: printed by the second command
    assert output != f"{payload}\n"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_list_of_arguments_passes_the_payload_as_one_argument(payload):
    assert show(payload) == f"{payload}\n"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_shlex_quote_keeps_the_payload_one_argument_too(payload):
    assert show_through_a_shell(payload) == f"{payload}\n"
