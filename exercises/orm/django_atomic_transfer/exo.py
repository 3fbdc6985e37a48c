# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require

await _require("django")
import random as _random

from course_helpers.checks import call as _call
from course_helpers.django_setup import (
    configure_django as _configure_django,
    create_tables as _create_tables,
    use_database as _use_database,
)

_configure_django()
await _use_database()

_OperationalError, _connection, models = _import_after_require("django.db", "OperationalError", "connection", "models")


class Account(models.Model):
    owner = models.CharField(max_length=100)
    balance = models.IntegerField()  # in cents

    class Meta:
        app_label = "library"


class AuditEntry(models.Model):
    from_account_id = models.IntegerField()
    to_account_id = models.IntegerField()
    amount = models.IntegerField()

    class Meta:
        app_label = "library"


class InsufficientFunds(Exception):
    """transfer() raises it when the source account holds less than the amount."""


class AuditUnavailable(Exception):
    """record_transfer() raises it when the audit log cannot confirm an entry."""


_AUDIT = {"down": False}  # the checks switch the audit log off and on


def record_transfer(from_id, to_id, amount):
    """Write the transfer to the audit log: one AuditEntry row. Then wait for the log to confirm
    it, and raise AuditUnavailable when it does not (the log is down)."""
    AuditEntry.objects.create(from_account_id=from_id, to_account_id=to_id, amount=amount)
    if _AUDIT["down"]:
        raise AuditUnavailable("the audit log did not confirm the entry")


def open_accounts(accounts):
    """New, empty tables holding one account per (id, owner, balance) of `accounts`, in that order."""
    _create_tables(Account, AuditEntry)
    for account_id, owner, balance in accounts:
        Account.objects.create(id=account_id, owner=owner, balance=balance)


def balances():
    """{id: balance} of every account, read from the table."""
    return dict(Account.objects.order_by("id").values_list("id", "balance"))


def audit_log():
    """The audit entries, in the order they were written: [(from_id, to_id, amount), ...]."""
    return list(AuditEntry.objects.order_by("id").values_list("from_account_id", "to_account_id", "amount"))


class _DatabaseFailure:
    """`with DatabaseFailure():` the database fails the second write of the code under test to the
    account table (an UPDATE or an INSERT), with OperationalError, as a lost connection or a full
    disk would; the first write went through. `failure.fired` says whether it happened."""

    def __init__(self, failing_write=2):
        self.failing_write, self.writes, self.fired = failing_write, 0, False

    def __call__(self, execute, sql, params, many, context):
        verb = sql.lstrip()[:6].upper()
        if verb in ("UPDATE", "INSERT") and f'"{Account._meta.db_table}"' in sql:
            self.writes += 1
            if self.writes == self.failing_write:
                self.fired = True
                raise _OperationalError("disk I/O error (a failure the checks caused)")
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = _connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc_info):
        return self._wrapper.__exit__(*exc_info)


# --- PYODIDE:code --- #
from django.db import transaction


def transfer(from_id, to_id, amount):
    """Move `amount` cents from the account `from_id` to the account `to_id`, then call
    record_transfer(from_id, to_id, amount). All of it happens, or none of it."""
    pass


# --- PYODIDE:corr --- #
from django.db import transaction


def transfer(from_id, to_id, amount):
    """Move `amount` cents from the account `from_id` to the account `to_id`, then call
    record_transfer(from_id, to_id, amount). All of it happens, or none of it."""
    if amount <= 0:
        raise ValueError("the amount must be positive")
    if from_id == to_id:
        raise ValueError("the two accounts must differ")
    with transaction.atomic():
        # select_for_update() locks both rows until the end of the block on PostgreSQL; SQLite ignores it.
        source = Account.objects.select_for_update().get(pk=from_id)
        destination = Account.objects.select_for_update().get(pk=to_id)
        if source.balance < amount:
            raise InsufficientFunds(f"{source.balance} cents available")
        source.balance -= amount
        source.save()
        destination.balance += amount
        destination.save()
        record_transfer(from_id, to_id, amount)


# --- PYODIDE:tests --- #
open_accounts([(1, "Ada", 5000), (2, "Bob", 100)])
_call(transfer, 1, 2, 1200)
assert balances() == {1: 3800, 2: 1300} and audit_log() == [(1, 2, 1200)], (
    f"After transfer(1, 2, 1200) the balances should be {{1: 3800, 2: 1300}} with one audit entry (1, 2, 1200), "
    f"got {balances()} and {audit_log()}. Hint: debit the source, credit the destination, then call "
    "record_transfer(from_id, to_id, amount)."
)
try:
    transfer(2, 1, 1301)
    _raised = None
except Exception as _error:  # noqa: BLE001 - the learner's code may raise anything
    _raised = _error
if isinstance(_raised, InsufficientFunds) and balances() != {1: 3800, 2: 1300}:
    _advice = "check the balance before the first write: the debit stayed when InsufficientFunds was raised."
else:
    _advice = "compare the source's balance with the amount, and raise InsufficientFunds when it is lower."
assert isinstance(_raised, InsufficientFunds) and balances() == {1: 3800, 2: 1300}, (
    f"transfer(2, 1, 1301), from an account holding 1300, should raise InsufficientFunds and change nothing; it "
    f"{'returned' if _raised is None else 'raised ' + type(_raised).__name__} and left {balances()}. Hint: {_advice}"
)

# --- PYODIDE:secrets --- #
_ACCOUNTS = [(7, "Zoë", 0), (2, "Søren", 1), (11, "李雷", 500), (4, "Ada", 12000), (30, "Bob", 999999)]
_UNKNOWN_IDS = (0, 3, 31, 999)


def _attempt(from_id, to_id, amount, fault=None):
    """transfer(...) under `fault` (None, "audit" or "database"): (what it raised or None, fault fired)."""
    _AUDIT["down"] = fault == "audit"
    failure = _DatabaseFailure()
    try:
        if fault == "database":
            with failure:
                transfer(from_id, to_id, amount)
        else:
            transfer(from_id, to_id, amount)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        return error, fault == "audit" or failure.fired
    finally:
        _AUDIT["down"] = False
    return None, fault == "audit" or failure.fired


def _expected_error(from_id, to_id, amount, accounts, fault, fired):
    """The exception class transfer(...) must raise (None: it must succeed)."""
    if amount <= 0 or from_id == to_id:
        return ValueError
    if from_id not in accounts or to_id not in accounts:
        return Account.DoesNotExist
    if accounts[from_id] < amount:
        return InsufficientFunds
    if fault == "audit":
        return AuditUnavailable
    if fault == "database" and fired:
        return _OperationalError
    return None


def _check(from_id, to_id, amount, accounts, entries, fault=None):
    """Run one transfer and compare what it raised and what it left with the plain-Python answer;
    update `accounts` and `entries` (the expected balances and audit log) when it must succeed."""
    before = dict(accounts)
    error, fired = _attempt(from_id, to_id, amount, fault)
    want = _expected_error(from_id, to_id, amount, accounts, fault, fired)
    if want is None:
        accounts[from_id] -= amount
        accounts[to_id] += amount
        entries.append((from_id, to_id, amount))
    call_text = f"transfer({from_id}, {to_id}, {amount})"
    if fault == "audit":
        call_text += " while the audit log was down (record_transfer raised AuditUnavailable)"
    elif fault == "database" and fired:
        call_text += " while the database failed its second write to the account table (OperationalError)"
    got_table, got_log = balances(), audit_log()
    got = "returned" if error is None else f"raised {type(error).__name__}: {error}"
    if want is ValueError and not isinstance(error, ValueError):
        if from_id == to_id:
            advice = (
                "a transfer to the same account is a mistake of the caller: raise ValueError when from_id == to_id "
                "(with two objects for one row, the second save() writes over the first and creates money)."
            )
        else:
            advice = (
                "raise ValueError when amount <= 0, before anything else: a negative amount would move money "
                "backwards, from the destination, without any check of its balance."
            )
        raise AssertionError(
            f"{call_text} should raise ValueError and change nothing; it {got}, and left the balances {got_table}. "
            f"Hint: {advice}"
        )
    if want is not None and error is None:
        if fault:
            advice = (
                "do not catch the exception inside atomic(): let it leave the block, which then rolls back "
                "every write made inside it, and reach the caller, who must know the transfer did not happen."
            )
        else:
            advice = (
                "look both accounts up with Account.objects.get(pk=...), which raises Account.DoesNotExist, and "
                "raise InsufficientFunds when the source's balance is lower than the amount."
            )
        raise AssertionError(
            f"{call_text} should raise {want.__name__}; it returned normally, leaving the balances {got_table} "
            f"(before: {before}) and the audit log {got_log}. Hint: {advice}"
        )
    if want is not None and not isinstance(error, want):
        if "atomic" in str(error):
            advice = (
                "an exception was caught inside the atomic block and the code went on: Django then refuses every "
                "query until the block ends. Catch nothing inside atomic(); let the exception leave it."
            )
        else:
            advice = f"let {want.__name__} reach the caller: do not catch it, and do not turn it into another one."
        raise AssertionError(f"{call_text} should raise {want.__name__}; it {got}. Hint: {advice}")
    if want is None and error is not None:
        raise AssertionError(
            f"{call_text} should succeed, moving {amount} cents from {before.get(from_id)} to "
            f"{before.get(to_id)}; it {got}. Hint: a balance equal to the amount is enough (it leaves 0), and "
            "nothing is refused that the statement allows."
        )
    if got_table != accounts or got_log != entries:
        moved = sum(got_table.values()) - sum(accounts.values())
        if want is InsufficientFunds:
            advice = (
                "check the balance before the first write: here the source was debited and the debit stayed "
                "when InsufficientFunds was raised."
            )
        elif want is not None:
            advice = (
                "put the lookups, both writes and record_transfer() in one `with transaction.atomic():` block: "
                "an exception that leaves the block rolls back every write made inside it, the audit entry too."
            )
        elif moved:
            advice = (
                f"the total of the balances changed by {moved}: money appeared or vanished. Subtract the amount from "
                "one balance and add it to the other, and save both."
            )
        else:
            advice = "call record_transfer(from_id, to_id, amount) once, after moving the money, in that order."
        raise AssertionError(
            f"{call_text} {got} and left the balances {got_table} and the audit log {got_log[-3:]} (last 3); "
            f"they should be {accounts} and {entries[-3:]}. Hint: {advice}"
        )


# Mistakes of the caller: ValueError, before anything changes.
open_accounts(_ACCOUNTS)
_accounts, _entries = balances(), []
for _from_id, _to_id, _amount in ((4, 11, 0), (4, 11, -1), (11, 4, -500), (4, 4, 100), (7, 7, 1), (30, 30, 999999)):
    _check(_from_id, _to_id, _amount, _accounts, _entries)

# Boundaries of the balance: exactly all of it moves; one cent more is refused.
for _from_id, _to_id, _amount in ((2, 7, 2), (2, 7, 1), (2, 7, 1), (11, 2, 500), (11, 2, 1), (7, 11, 2), (7, 30, 3)):
    _check(_from_id, _to_id, _amount, _accounts, _entries)

# Unknown accounts, on either side.
for _from_id, _to_id, _amount in ((4, 999, 100), (3, 4, 100), (30, 0, 12000), (31, 999, 1)):
    _check(_from_id, _to_id, _amount, _accounts, _entries)

# The audit log fails after the money moved; then the database fails between two writes.
for _fault in ("audit", "database"):
    for _from_id, _to_id, _amount in ((30, 4, 1000), (4, 7, 12000)):
        _check(_from_id, _to_id, _amount, _accounts, _entries, _fault)

# Many transfers, some refused, some failing: the data always matches, and the total never changes.
_rng = _random.Random(20261130)
for _step in range(150):
    _ids = list(_accounts)
    _from_id, _to_id = _rng.sample(_ids, 2)
    if _step % 10 == 9:
        _to_id = _from_id
    elif _step % 13 == 12:
        _from_id = _rng.choice(_UNKNOWN_IDS)
    _balance = _accounts.get(_from_id, 0)
    _amount = _rng.choice([_balance, _balance + 1, _balance // 2, 1, _rng.randint(1, 20000), -_rng.randint(0, 5)])
    _fault = _rng.choice([None, None, None, "audit", "database"])
    _check(_from_id, _to_id, _amount, _accounts, _entries, _fault)
