"""Named editor accounts: the hashed accounts file and its command line, login through the app,
the account (never a typed name) in the editors' log, and login throttling per account and per
client with an injected clock (no sleeping)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from app import auth
from app.throttle import Throttle
from pipeline import accounts

ROOT = Path(__file__).resolve().parents[1]
KEY = {"place": "341000", "year": "2023", "indicator": "review_received"}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(auth, "THROTTLE", Throttle(clock=fake))
    return fake


@pytest.fixture
def with_accounts(editor_dirs):
    raw, processed = editor_dirs
    from tests.conftest import HUANGSHAN_2023

    (raw / "黄山2023.txt").write_text(HUANGSHAN_2023, encoding="utf-8")
    path = raw.parent / "editors.json"
    accounts.add("张三", "zhang-password", path)
    accounts.add("李四", "li-si-password", path)
    return raw, processed


def test_the_file_holds_salted_argon2_hashes_only(tmp_path: Path):
    path = tmp_path / "editors.json"
    assert accounts.add("张三", "same-password", path) and accounts.add("李四", "same-password", path)
    stored = json.loads(path.read_text("utf-8"))["accounts"]
    assert "same-password" not in path.read_text("utf-8")
    assert all(entry["hash"].startswith("$argon2id$") for entry in stored.values())
    assert stored["张三"]["hash"] != stored["李四"]["hash"]  # salted
    assert path.stat().st_mode & 0o077 == 0
    assert accounts.verify("张三", "same-password", path) == "张三"
    assert accounts.verify("张三", "wrong-password", path) is None
    assert accounts.verify("王五", "same-password", path) is None


def test_names_and_passwords_that_cannot_be_used_are_refused(tmp_path: Path):
    with pytest.raises(accounts.AccountError):
        accounts.add("张三", "short", tmp_path / "e.json")
    with pytest.raises(accounts.AccountError):
        accounts.add("a\nb", "long-enough-password", tmp_path / "e.json")


def test_users_add_list_remove_on_the_command_line(tmp_path: Path):
    path = str(tmp_path / "editors.json")

    def users(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pipeline", "users", *args, "--file", path]
        return subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=ROOT)

    assert users("add", "张三", stdin="zhang-password\n").returncode == 0
    assert users("add", "李四", stdin="li-si-password\n").returncode == 0
    assert users("list").stdout.split() == ["张三", "李四"] or users("list").stdout.split() == ["李四", "张三"]
    assert users("remove", "张三").returncode == 0
    assert users("list").stdout.split() == ["李四"]
    assert users("remove", "张三").returncode == 2
    assert "zhang-password" not in Path(path).read_text("utf-8")


def login(at, page: str, name: str, password: str):
    at.text_input(key=f"{page}.account").input(name)
    at.text_input(key=f"{page}.password").input(password)
    return at.button(key=f"{page}.login").click().run()


def test_an_account_logs_in_and_the_log_records_it(editor_app, with_accounts, clock):
    raw, processed = with_accounts
    at = editor_app(page="correct", login=False, **KEY)
    assert "correct.save" not in {b.key for b in at.button}
    at = login(at, "correct", "李四", "li-si-password")
    assert "correct.save" in {b.key for b in at.button}
    assert "账号:李四" in "\n".join(c.value for c in at.caption)
    at.radio(key="correct.action").set_value("reject").run()
    at.text_input(key="correct.reason").input("核对纸质版")
    at.button(key="correct.save").click().run()
    line = (raw / "corrections.csv").read_text("utf-8").splitlines()[1]
    assert ",李四," in line and "+08:00" in line


def test_with_accounts_the_shared_password_no_longer_opens_editing(editor_app, with_accounts, clock):
    at = editor_app(page="correct", login=False, **KEY)
    assert "correct.account" in {t.key for t in at.text_input}
    at = login(at, "correct", "共享密码", "测试-secret-42")
    assert "correct.save" not in {b.key for b in at.button}


def test_removing_the_account_logs_its_sessions_out(editor_app, with_accounts, clock):
    raw, _ = with_accounts
    at = login(editor_app(page="correct", login=False, **KEY), "correct", "张三", "zhang-password")
    assert "correct.save" in {b.key for b in at.button}
    accounts.remove("张三", raw.parent / "editors.json")
    at.run()
    assert "correct.save" not in {b.key for b in at.button}


def test_the_sixth_wrong_password_in_a_minute_waits_and_the_right_one_works_after(
    editor_app, with_accounts, clock, caplog
):
    caplog.set_level(logging.WARNING, logger="fazhi.auth")
    at = editor_app(page="correct", login=False, **KEY)
    for attempt in range(5):
        clock.now += 5
        at = login(at, "correct", "张三", f"guess-{attempt}")
        assert "账号或密码不正确" in at.error[0].value
    clock.now += 1
    at = login(at, "correct", "张三", "zhang-password")  # the sixth attempt within the minute
    assert "秒后再试" in at.error[0].value and "correct.save" not in {b.key for b in at.button}
    assert caplog.text.count("editor login failed") == 5 and "refused while throttled" in caplog.text
    clock.now += auth.THROTTLE.wait(("account", "张三")) + 0.1
    at = login(at, "correct", "张三", "zhang-password")
    assert "correct.save" in {b.key for b in at.button}


def test_the_shared_password_fallback_is_throttled_too(editor_app, with_accounts, clock):
    raw, _ = with_accounts
    (raw.parent / "editors.json").unlink()
    at = editor_app(page="correct", login=False, **KEY)
    for attempt in range(5):
        at.text_input(key="correct.password").input(f"guess-{attempt}").run()
    at.text_input(key="correct.password").input("测试-secret-42").run()
    assert "秒后再试" in at.error[0].value
    clock.now += 3600
    at.text_input(key="correct.password").input("测试-secret-42").run()
    assert "correct.save" in {b.key for b in at.button}


def test_throttling_grows_per_account_and_per_client():
    clock = Clock()
    throttle = Throttle(clock=clock)
    for _ in range(5):
        throttle.failed(("account", "a"), ("client", "1.2.3.4"))
    first = throttle.wait(("account", "a"))
    assert first > 0 and throttle.wait(("client", "1.2.3.4")) == first
    assert throttle.wait(("account", "b"), ("client", "5.6.7.8")) == 0  # others are not held up
    assert throttle.wait(("account", "b"), ("client", "1.2.3.4")) == first  # the same client is
    clock.now += first
    throttle.failed(("account", "a"), ("client", "1.2.3.4"))
    assert throttle.wait(("account", "a")) == 2 * first  # growing
    clock.now += 61 + 2 * first
    throttle.failed(("account", "a"))
    assert throttle.wait(("account", "a")) == 0  # the old failures have left the minute


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}}


def test_an_organisations_oidc_login_lets_listed_editors_in_and_logs_their_email(editor_app, with_accounts):
    raw, _ = with_accounts
    secrets = {**OIDC, "editor_emails": ["Wang@Example.org"]}
    at = editor_app(page="correct", login=False, secrets=secrets, **KEY)
    assert "correct.oidc_login" in {b.key for b in at.button} and "correct.save" not in {b.key for b in at.button}
    at.user = {"is_logged_in": True, "email": "wang@example.org", "name": "王"}
    at.run()
    assert "correct.save" in {b.key for b in at.button}
    at.radio(key="correct.action").set_value("reject").run()
    at.text_input(key="correct.reason").input("核对纸质版")
    at.button(key="correct.save").click().run()
    assert ",wang@example.org," in (raw / "corrections.csv").read_text("utf-8").splitlines()[1]


def test_an_oidc_user_not_listed_may_only_look(editor_app, with_accounts):
    at = editor_app(page="correct", login=False, secrets={**OIDC, "editor_emails": ["wang@example.org"]}, **KEY)
    at.user = {"is_logged_in": True, "email": "li@example.org"}
    at.run()
    assert "correct.save" not in {b.key for b in at.button}
    assert "不在编辑名单" in at.warning[0].value
