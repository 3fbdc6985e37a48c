# --- PYODIDE:env --- #
from course_helpers.checks import call, returning


class FakeClock:
    """A clock the checks move by hand: clock() is the time in seconds; advance(seconds) moves it
    (backwards too, as a system clock corrected by NTP can)."""

    def __init__(self, start=1000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


# --- PYODIDE:code --- #
import time


class TokenBucket:
    def __init__(self, capacity, refill_per_second, clock):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.tokens = capacity
        self.updated = time.time()

    def allow(self):
        now = time.time()
        self.tokens += int((now - self.updated) * self.refill_per_second)
        self.updated = now
        if self.tokens > 0:
            self.tokens -= 1
            return True
        return False

    def retry_after(self):
        return 1 / self.refill_per_second


class LoginLimiter:
    def __init__(self, capacity, refill_per_second, clock):
        self.buckets = {}

    def allow(self, account, address): ...

    def retry_after(self, account, address): ...


# --- PYODIDE:corr --- #
import unicodedata


class TokenBucket:
    def __init__(self, capacity, refill_per_second, clock):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.tokens = capacity  # starts full
        self.updated = clock()

    def _refill(self):
        now = self.clock()
        elapsed = max(0.0, now - self.updated)  # time going back counts as no time
        self.updated = max(self.updated, now)  # and is not counted twice when it comes forward again
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_second)

    def allow(self):
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def retry_after(self):
        self._refill()
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.refill_per_second


def account_key(account):
    """The account as the login form looks it up: 'Alice', ' alice ' and 'ＡＬＩＣＥ' are one."""
    return unicodedata.normalize("NFKC", account).strip().casefold()


class LoginLimiter:
    def __init__(self, capacity, refill_per_second, clock):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.buckets = {}

    def _bucket(self, account, address):
        key = (account_key(account), address)
        if key not in self.buckets:
            self.buckets[key] = TokenBucket(self.capacity, self.refill_per_second, self.clock)
        return self.buckets[key]

    def allow(self, account, address):
        return self._bucket(account, address).allow()

    def retry_after(self, account, address):
        return self._bucket(account, address).retry_after()


# --- PYODIDE:tests --- #
clock = FakeClock()
bucket = call(TokenBucket, 3, 0.5, clock, described_as="TokenBucket(3, 0.5, clock)")
answers = [returning(bool, bucket.allow, described_as="allow()") for _ in range(4)]
assert answers == [True, True, True, False], (
    f"A full bucket of 3 answered {answers} to 4 requests at one instant. Hint: "
    + (
        "the last whole token still allows a request: test tokens >= 1, not > 1."
        if answers[:2] == [True, True] and answers[2] is False
        else "start with capacity tokens; each allowed request takes one; with none left, allow() returns False."
    )
)
wait = returning((int, float), bucket.retry_after, described_as="retry_after() with the bucket empty")
# A millisecond of slack: a wall clock moves a little here under CPython, not at all in the page, and the next
# check, which needs the held clock to move, is the one that tells such an answer what went wrong, everywhere.
assert abs(wait - 2.0) < 1e-3, (
    f"Empty, at 0.5 token per second, retry_after() gave {wait!r}, expected 2.0. Hint: one token takes 1 / 0.5 = 2 "
    "seconds."
)
clock.advance(2.0)
assert returning(bool, bucket.allow, described_as="allow() 2 s later") is True, (
    "After 2 s at 0.5 token per second, allow() still refused. Hint: add (now - last) * refill_per_second, reading "
    "the time from the clock you were given (clock()), never from time.time()."
)

limiter = call(LoginLimiter, 2, 1.0, clock, described_as="LoginLimiter(2, 1.0, clock)")
tries = [returning(bool, limiter.allow, "alice", "203.0.113.9", described_as="allow('alice', ...)") for _ in range(3)]
assert tries == [True, True, False], (
    f"Three attempts on 'alice' from one address at one instant gave {tries}. Hint: one TokenBucket per key, "
    "created full the first time the key is seen."
)

# --- PYODIDE:secrets --- #
import random
from fractions import Fraction

EPSILON = 1e-9


def new_bucket(capacity, rate, clock):
    return call(
        TokenBucket,
        capacity,
        rate,
        clock,
        described_as=f"TokenBucket({capacity}, {rate}, clock)",
        advice="Keep the three arguments; read the time only through clock().",
    )


def allow(bucket, when):
    return returning(bool, bucket.allow, described_as=f"allow() {when}")


def wait_of(bucket, when):
    return returning((int, float), bucket.retry_after, described_as=f"retry_after() {when}")


# Scenario: the clock the bucket was given is the only time it may read.
clock = FakeClock()
bucket = new_bucket(1, 1.0, clock)
allow(bucket, "on a full bucket of 1")
clock.advance(1.0)
assert allow(bucket, "1 s after taking the only token (1 token per second)"), (
    "The injected clock moved 1 s on and one token should be back, yet allow() refused. Hint: read the time with "
    "self.clock() (given to __init__), never time.time() or time.monotonic(): the checks, and a test suite, move "
    "the clock by hand."
)

# Scenario: a burst of capacity + 1 requests at one instant, on a bucket that starts full.
for capacity in (1, 2, 5, 10):
    clock = FakeClock()
    bucket = new_bucket(capacity, 2.0, clock)
    answers = [allow(bucket, f"in a burst at one instant (capacity {capacity})") for _ in range(capacity + 1)]
    if answers != [True] * capacity + [False]:
        first = answers.index(False) + 1 if False in answers else None
        hint = (
            "a new bucket starts full: self.tokens = capacity."
            if first == 1
            else "the last whole token still allows a request: test tokens >= 1, not > 1."
            if first is not None and first <= capacity
            else "with no token left, allow() refuses and takes nothing."
        )
        raise AssertionError(
            f"A burst of {capacity + 1} requests at one instant on a bucket of {capacity} gave {answers}; expected "
            f"{capacity} allowed, then refused. Hint: {hint}"
        )
    wait = wait_of(bucket, "just after the burst")
    assert abs(wait - 0.5) < EPSILON, (
        f"After the burst, at 2 tokens per second, retry_after() gave {wait!r}, not 0.5. Hint: "
        "(1 - tokens) / refill_per_second, and a refused request takes no token."
    )

# Scenario: a refused request takes nothing, not even the fraction of a token it found.
clock = FakeClock()
bucket = new_bucket(1, 1.0, clock)
allow(bucket, "on a full bucket of 1")
clock.advance(0.5)
allow(bucket, "0.5 s later, with half a token")
clock.advance(0.5)
assert allow(bucket, "another 0.5 s later"), (
    "At 1 token per second, a request refused at 0.5 s (half a token) and another at 1 s: the second was refused "
    "too. Hint: a refused request takes no token: leave the half token where it is, do not subtract then reset."
)

clock = FakeClock()
bucket = new_bucket(2, 1.0, clock)
allow(bucket, "on a full bucket of 2")
allow(bucket, "on a bucket of 2 with 1 token")
granted = 0
for _ in range(30):
    clock.advance(1.5)
    granted += allow(bucket, "in a stream of pairs every 1.5 s (1 token per second)")
    granted += allow(bucket, "right after, in the same instant")
assert granted == 45, (
    f"A client asking twice every 1.5 s, at 1 token per second, got {granted} of 60 requests through in 45 s; "
    "expected 45, one per second. Hint: the half token left after each refill must stay in the bucket: refill "
    "with (now - last) * rate as a float; an int() of it, with last moved to now, throws the half away."
)

# Scenario: fractions of a token count.
clock = FakeClock()
bucket = new_bucket(1, 1.0, clock)
allow(bucket, "on a full bucket of 1")
for step in range(3):
    clock.advance(0.25)
    wait = wait_of(bucket, f"{0.25 * (step + 1)} s after emptying (1 token per second)")
    assert abs(wait - (0.75 - 0.25 * step)) < EPSILON, (
        f"{0.25 * (step + 1)} s after the bucket emptied, at 1 token per second, retry_after() gave {wait!r}, "
        f"expected {0.75 - 0.25 * step}. Hint: retry_after is exact: tokens are a float that refills continuously "
        "((now - last) * rate, fractions kept), and the wait is (1 - tokens) / rate, not a whole interval."
    )
clock.advance(0.25)
assert wait_of(bucket, "once a whole token is back") == 0, (
    "With a whole token back, retry_after() was not 0. Hint: return 0.0 when allow() would succeed."
)
assert allow(bucket, "after 4 x 0.25 s (1 token per second)"), (
    "Four quarter-seconds at 1 token per second make a token, yet allow() refused. Hint: keep the fractions: an "
    "int() of each refill, or a refill that restarts the count when it adds nothing, loses them."
)
# Scenario: a long idle time, then a burst: never more than capacity.
for idle in (10.0, 3600.0, 1e6):
    clock = FakeClock()
    bucket = new_bucket(3, 4.0, clock)
    clock.advance(idle)
    answers = [allow(bucket, f"after {idle} s idle, in a burst") for _ in range(5)]
    assert answers == [True, True, True, False, False], (
        f"After {idle} s idle, a bucket of 3 answered {answers} to a burst of 5. Hint: cap the refill, "
        "tokens = min(capacity, tokens + elapsed * rate): a bucket never holds more than its capacity."
    )

# Scenario: the clock jumps back (NTP, a VM restored), then comes forward again.
clock = FakeClock()
bucket = new_bucket(2, 1.0, clock)
allow(bucket, "burst 1/2")
allow(bucket, "burst 2/2")
clock.advance(-3600.0)
assert not allow(bucket, "after the clock went back 1 hour"), (
    "The clock went back one hour and allow() let a request through on an empty bucket. Hint: elapsed time is "
    "max(0, now - last): time going back gives no token."
)
clock.advance(3600.0)
answers = [allow(bucket, "once the clock is back where it was"), wait_of(bucket, "then")]
assert answers[0] is False and abs(answers[1] - 1.0) < EPSILON, (
    f"The clock went back 1 hour, then forward 1 hour to where it was: allow() gave {answers[0]}, retry_after() "
    f"{answers[1]!r}; no time has passed beyond the last reading, so expected False and 1.0. Hint: keep the "
    "latest time seen, last = max(last, now): if last moves back with the clock, the same hour is counted twice."
)
clock.advance(0.5)
wait_of(bucket, "0.5 s later")
clock.advance(-0.25)
wait = wait_of(bucket, "0.5 s on, then 0.25 s back")
assert abs(wait - 0.5) < EPSILON, (
    f"After 0.5 s forward (half a token earned) and 0.25 s back, retry_after() gave {wait!r}, expected 0.5. Hint: "
    "tokens already earned stay; going back only pauses the refill."
)

# Scenario: a steady stream at exactly the refill rate, and just above it.
for rate in (0.5, 2.0, 4.0):
    clock = FakeClock()
    bucket = new_bucket(3, rate, clock)
    refused = 0
    for _ in range(500):
        clock.advance(1 / rate)
        refused += not allow(bucket, f"in a stream at exactly {rate} request(s) per second")
    assert refused == 0, (
        f"A client sending exactly {rate} request(s) per second, the refill rate, was refused {refused} times. "
        "Hint: each interval refills one whole token: refill with elapsed * rate, fractions kept, before testing."
    )
    clock = FakeClock()
    bucket = new_bucket(3, rate, clock)
    allowed = 0
    for _ in range(512):
        clock.advance(0.75 / rate)
        allowed += allow(bucket, f"in a stream 4/3 faster than {rate} per second")
    # 512 requests, 0.75 token apart: the first 0.75 is capped away (the bucket is full), 383.25 count.
    assert allowed == 386, (
        f"A client sending 4/3 of the rate ({rate}/s) got {allowed} of 512 requests through in {384 / rate} s, "
        "expected 386: 3 tokens at the start, then 0.75 token per request, every fraction kept. Hint: a refused "
        "request takes no token, and nothing refilled is lost below capacity."
    )


# --- the limiter: one bucket per (account, address) ---
def new_limiter(capacity, rate, clock):
    return call(LoginLimiter, capacity, rate, clock, described_as=f"LoginLimiter({capacity}, {rate}, clock)")


def attempt(limiter, account, address):
    return returning(bool, limiter.allow, account, address, described_as=f"allow({account!r}, {address!r})")


ATTACKER = "198.51.100.66"
ACCOUNT_PAYLOADS = [
    "Alice",
    "ALICE",
    " alice ",
    "alice\t",
    "\nalice",
    "\u00a0alice",
    "ａｌｉｃｅ",
    "ＡＬＩＣＥ",
    "AlIcE",
    "alice\u3000",
    "\U0001d400lice",
]
for variant in ACCOUNT_PAYLOADS:
    clock = FakeClock()
    limiter = new_limiter(3, 0.1, clock)
    for _ in range(3):
        attempt(limiter, "alice", ATTACKER)
    if attempt(limiter, variant, ATTACKER):
        raise AssertionError(
            f"After 3 attempts on 'alice' used up her bucket, an attempt on {variant!r} from the same address was "
            "allowed: the login form finds the same account, so an attacker gets more guesses by changing the "
            "case or adding spaces. Hint: key on the account as the login finds it: NFKC, strip(), casefold()."
            + (
                " NFKC comes first: it turns the mathematical bold '\U0001d400' into 'A', which casefold() then folds."
                if variant == "\U0001d400lice"
                else ""
            )
        )

# (the account whose bucket is used up, another spelling of it tried next)
CASEFOLD_PAYLOADS = [
    ("stra\u00dfe", "STRASSE"),
    ("STRASSE", "stra\u00dfe"),
]
for used, variant in CASEFOLD_PAYLOADS:
    clock = FakeClock()
    limiter = new_limiter(3, 0.1, clock)
    for _ in range(3):
        attempt(limiter, used, ATTACKER)
    if attempt(limiter, variant, ATTACKER):
        raise AssertionError(
            f"After 3 attempts on {used!r} used up its bucket, an attempt on {variant!r} from the same address was "
            "allowed, though the login finds one account for both: lower() leaves '\u00df' as it is, casefold() "
            "turns it into 'ss'. Hint: casefold(), not lower(), after NFKC and strip()."
        )

# (account, address) pairs that, joined into one string, read like ('alice', '2001:db8::1'): an IPv6 address holds ':'.
KEY_COLLISION_PAYLOADS = [
    ("alice:2001", "db8::1"),
    ("alice2", "001:db8::1"),
]
for pair in KEY_COLLISION_PAYLOADS:
    for first, second in ((pair, ("alice", "2001:db8::1")), (("alice", "2001:db8::1"), pair)):
        clock = FakeClock()
        limiter = new_limiter(2, 0.1, clock)
        for _ in range(2):
            attempt(limiter, *first)
        assert attempt(limiter, *second), (
            f"Attempts on the account {first[0]!r} from {first[1]!r} used up the bucket of {second[0]!r} from "
            f"{second[1]!r}, another account and another address: a key made by joining the two strings "
            "(f'{account}:{address}') lets pairs collide, and IPv6 addresses are full of ':'. "
            "Hint: key the buckets on the tuple (account_key, address), never on one string made of both."
        )

DISTINCT_ACCOUNTS = ["alicia", "alice2", "al ice", "bob", "_alice"]
for other in DISTINCT_ACCOUNTS:
    clock = FakeClock()
    limiter = new_limiter(2, 0.1, clock)
    attempt(limiter, "alice", ATTACKER)
    attempt(limiter, "alice", ATTACKER)
    assert attempt(limiter, other, ATTACKER), (
        f"Attempts on 'alice' used up the bucket of {other!r}, another account. Hint: normalise case, width and "
        "spaces around the name only; different names keep different buckets."
    )

clock = FakeClock()
limiter = new_limiter(5, 0.01, clock)
for _ in range(50):
    attempt(limiter, "alice", ATTACKER)
assert attempt(limiter, "alice", "192.0.2.10"), (
    "An attacker's 50 attempts on 'alice' from 198.51.100.66 locked alice out of her own login from 192.0.2.10. "
    "Hint: key the buckets on (account, address): the attacker slows only himself, he cannot lock others out."
)
assert attempt(limiter, "bob", ATTACKER), (
    "After the attacker used up 'alice' from his address, 'bob' from the same address was refused. Hint: the key "
    "is (account, address), not the address alone."
)
wait = returning(
    (int, float), limiter.retry_after, "Alice", ATTACKER, described_as="retry_after('Alice', attacker's address)"
)
assert abs(wait - 100.0) < EPSILON, (
    f"retry_after('Alice', ...) after the attack gave {wait!r}, expected 100.0 (1 / 0.01). Hint: retry_after(account, "
    "address) asks the same bucket as allow, by the same normalised key."
)
assert returning((int, float), limiter.retry_after, "carol", ATTACKER, described_as="retry_after('carol', ...)") == 0, (
    "retry_after on an account never tried was not 0. Hint: a new key starts with a full bucket."
)

# Many keys: none shares tokens with another, and each starts full.
clock = FakeClock()
limiter = new_limiter(2, 1.0, clock)
for number in range(300):
    account, address = f"user{number}", f"10.0.{number // 256}.{number % 256}"
    answers = [attempt(limiter, account, address) for _ in range(3)]
    assert answers == [True, True, False], (
        f"Key {number + 1} of 300 ({account!r}, {address!r}) answered {answers} to 3 attempts. Hint: each new key "
        "gets its own full bucket: never share one bucket between keys."
    )


# Property: random schedules, compared with an exact reference.
class Reference:
    """The rules of the statement, in exact fractions."""

    def __init__(self, capacity, rate, now):
        self.capacity, self.rate = Fraction(capacity), Fraction(rate)
        self.tokens, self.last = Fraction(capacity), Fraction(now)

    def refill(self, now):
        now = Fraction(now)
        if now > self.last:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now

    def allow(self, now):
        self.refill(now)
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def retry_after(self, now):
        self.refill(now)
        return 0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


rng = random.Random(2026)
for trial in range(150):
    capacity = rng.randint(1, 6)
    rate = rng.choice([0.125, 0.25, 0.5, 1.0, 2.0, 4.0])
    clock = FakeClock(rng.choice([0.0, 1000.0, 1e6]))
    use_limiter = trial % 2 == 1
    if use_limiter:
        limiter = new_limiter(capacity, rate, clock)
        keys = [("alice", ATTACKER), ("ALICE ", ATTACKER), ("bob", ATTACKER), ("alice", "192.0.2.10")]
        references = {}
    else:
        bucket = new_bucket(capacity, rate, clock)
        reference = Reference(capacity, rate, clock.now)
    schedule = []
    for _ in range(60):
        jump = rng.choice([0, 0, 0, 1, 2, 3, 4, 8, 16, 64, -8, 1024]) / 16
        clock.advance(jump)
        operation = rng.choice(["allow", "allow", "allow", "retry_after"])
        if use_limiter:
            account, address = rng.choice(keys)
            key = (account.strip().lower(), address)
            if key not in references:
                references[key] = Reference(capacity, rate, clock.now)
            reference_of_key = references[key]
            if operation == "allow":
                got = attempt(limiter, account, address)
            else:
                got = returning((int, float), limiter.retry_after, account, address, described_as="retry_after")
            want = getattr(reference_of_key, operation)(clock.now)
            schedule.append(f"{jump:+g}s {operation}({account!r}, {address!r})")
        else:
            got = allow(bucket, "in a random schedule") if operation == "allow" else wait_of(bucket, "in a schedule")
            want = getattr(reference, operation)(clock.now)
            schedule.append(f"{jump:+g}s {operation}()")
        same = got is want if operation == "allow" else abs(got - float(want)) < EPSILON
        if not same:
            shown = "; ".join(schedule[-6:])
            raise AssertionError(
                f"On a random schedule ({'LoginLimiter' if use_limiter else 'TokenBucket'} capacity {capacity}, "
                f"{rate} token/s), the last steps being [{shown}], {operation} gave {got!r}, expected {float(want)!r}. "
                "Hint: start full; refill continuously by elapsed * rate, capped at capacity; time going back adds "
                "nothing and is not counted twice; allow takes one whole token only when it says True."
            )
