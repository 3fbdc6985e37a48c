# --- PYODIDE:env --- #
import random


def parsed(parse_duration, text):
    """parse_duration(text) for the checks: the int it returns, or ValueError when it raises one.
    Anything else it does becomes a failed check with a hint."""
    try:
        value = parse_duration(text)
    except ValueError:
        return ValueError
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"parse_duration({text!r}) raised {type(error).__name__}: {error}. "
            "Hint: raise ValueError, and only ValueError, for a text that is not a duration."
        ) from None
    if type(value) is not int:
        raise AssertionError(
            f"parse_duration({text!r}) returned {value!r}, a {type(value).__name__}; an int was due. "
            "Hint: return the total number of seconds, an int, on every path of the function."
        )
    return value


def shown(result):
    return "ValueError" if result is ValueError else repr(result)


# --- PYODIDE:code --- #
import re

UNITS = {"h": 3600, "m": 60, "s": 1}
PART = re.compile(r"([0-9]+)([hms])")


def parse_duration(text):
    """The number of seconds in a duration written like "1h30m", "45s" or "2h5s"."""
    parts = PART.findall(text)
    units = [unit for _, unit in parts]
    if not parts or units != [unit for unit in UNITS if unit in units]:
        raise ValueError(f"not a duration: {text!r}")
    return sum(int(number) * UNITS[unit] for number, unit in parts)


# --- PYODIDE:corr --- #
import re

UNITS = {"h": 3600, "m": 60, "s": 1}
PART = re.compile(r"([0-9]+)([hms])")


def parse_duration(text):
    """The number of seconds in a duration written like "1h30m", "45s" or "2h5s"."""
    parts = PART.findall(text)
    units = [unit for _, unit in parts]
    whole = "".join(number + unit for number, unit in parts)  # findall skips what it cannot match
    if not parts or whole != text or units != [unit for unit in UNITS if unit in units]:
        raise ValueError(f"not a duration: {text!r}")
    return sum(int(number) * UNITS[unit] for number, unit in parts)


# --- PYODIDE:tests --- #
# The two tests of the statement.
result = parsed(parse_duration, "1h30m")
assert result == 5400, (
    f'parse_duration("1h30m") should be 5400, got {shown(result)}. '
    "Hint: fix the bug without changing what the function does with a valid duration."
)
result = parsed(parse_duration, "1.5h")
assert result is ValueError, (
    f'parse_duration("1.5h") should raise ValueError, got {shown(result)}. '
    'Hint: print PART.findall("1.5h") to see why it is accepted, then fix the rule the function '
    "breaks, for every text, not for this input only."
)

# --- PYODIDE:secrets --- #
rng = random.Random(2025)
SECONDS = {"h": 3600, "m": 60, "s": 1}


def a_duration():
    """A valid duration and its number of seconds: 1 to 3 units in order, numbers with any number of digits."""
    units = [unit for unit in "hms" if rng.random() < 0.5] or [rng.choice("hms")]
    text, total = "", 0
    for unit in units:
        number = rng.choice([0, 1, 2, 5, 9, 10, 30, 59, 60, 61, 90, 99, 120, 3600, 86400])
        text += rng.choice(["", "", "", "0", "00"]) + str(number) + unit
        total += number * SECONDS[unit]
    return text, total


DURATIONS = [("0s", 0), ("90m", 5400), ("007s", 7), ("100h", 360000), ("1h0m0s", 3600), ("2h5s", 7205)]
DURATIONS += [a_duration() for _ in range(80)]
for text, total in DURATIONS:
    result = parsed(parse_duration, text)
    assert result == total, (
        f"parse_duration({text!r}) should be {total}, got {shown(result)}. Hint: a valid duration is one "
        "or more parts, each a number (any number of digits, 0 and leading zeros included) and a unit, "
        "h, m or s, in that order; the seconds of all the parts are added."
    )

result = parsed(parse_duration, "")
assert result is ValueError, (
    f'parse_duration("") should raise ValueError, got {shown(result)}. '
    "Hint: the empty text has no part at all: it is not a duration of 0 seconds."
)

for bad in (" ", ".", ",", "-", "+", "!", "_", "x", "d", "H", "/", "\t", ":"):
    for text, _ in rng.sample(DURATIONS, 12):
        where = rng.randrange(len(text) + 1)
        for wrong in (bad + text, text[:where] + bad + text[where:], text + bad):
            result = parsed(parse_duration, wrong)
            assert result is ValueError, (
                f"parse_duration({wrong!r}) should raise ValueError, got {shown(result)}. Hint: every "
                f"character must belong to a part, {bad!r} included: the fix must hold for any character "
                "anywhere in the text, not for the input of the failing test only."
            )
for wrong in ("h", "m30s", "90", "1h30", "1hm", "1h30m5"):
    result = parsed(parse_duration, wrong)
    assert result is ValueError, (
        f"parse_duration({wrong!r}) should raise ValueError, got {shown(result)}. "
        "Hint: each part is digits followed by its unit: a unit alone, or digits alone, is not a part."
    )

for text, _ in DURATIONS[:20]:
    result = parsed(parse_duration, text + "\n")
    assert result is ValueError, (
        f"parse_duration({text + chr(10)!r}) should raise ValueError, got {shown(result)}. "
        "Hint: in a regular expression, $ also matches just before a final newline; "
        "re.fullmatch (or \\Z) matches the whole text only."
    )

for wrong in ("٣h", "1h٣٠m", "１h", "2m２s", "¹s"):
    result = parsed(parse_duration, wrong)
    assert result is ValueError, (
        f"parse_duration({wrong!r}) should raise ValueError, got {shown(result)}. "
        "Hint: numbers are written with the digits 0-9 only; \\d also matches the digits of other "
        "scripts, and int() accepts them: write [0-9]."
    )

for first, second in (("h", "m"), ("h", "s"), ("m", "s")):
    for wrong in (f"5{second}1{first}", f"1{first}2{first}", f"1h2{second}3{second}", f"3{first}4m5s6{first}"):
        result = parsed(parse_duration, wrong)
        assert result is ValueError, (
            f"parse_duration({wrong!r}) should raise ValueError, got {shown(result)}. "
            "Hint: the units come in the order h, m, s, each one once at most: keep that rule while you fix the bug."
        )
