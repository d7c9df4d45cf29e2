"""Editor access: who may change data (upload reports, correct and review values, settle conflicts).

Owns: the ways in — where an organisation has an OpenID Connect login configured for Streamlit
(`[auth]` in .streamlit/secrets.toml), `st.login` with the editors listed by e-mail in the
secret `editor_emails`; else named accounts (data/editors.json or FAZHI_EDITORS_FILE, made with
`python -m pipeline users add NAME`; checked through `pipeline.api`) and, only where no account
exists, the shared editor password (Streamlit secrets `editor_password`, else the environment
variable FAZHI_EDITOR_PASSWORD) as a single-editor fallback — the constant-time comparison,
remembering a successful login for the session, which account the editors' log records
(`account()`), throttling wrong passwords per account and per client (app/throttle.py; every
failure and refusal is logged), and the Chinese notes shown when editing is not possible.

Must never: guard browsing or exporting (open to everyone), store or log a password (the
session keeps an account name and a stamp, or a digest of the shared password, so a changed
password logs editors out), take the name written to the log from anything typed, or raise
when no secrets file exists.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os

import streamlit as st

from app import data
from app.throttle import Throttle

ENV = "FAZHI_EDITOR_PASSWORD"
SECRET = "editor_password"
SESSION_KEY = "auth.editor"
MESSAGE_KEY = "auth.message"
OIDC_EDITORS = "editor_emails"  # secrets: the e-mails of editors who sign in through st.login
SHARED_ACCOUNT = "共享密码"  # the log's `who` for the single-editor fallback
HOW_TO_ENABLE = (
    "编辑功能(上传报告、校正数值、审核队列、冲突审核)尚未启用:请用 python -m pipeline users add 姓名 "
    "建立编辑账号;只有一位编辑时,也可设置环境变量 FAZHI_EDITOR_PASSWORD,"
    '或在 .streamlit/secrets.toml 中写入 editor_password = "…",然后重新启动看板。'
    "浏览和导出数据不需要密码。"
)
THROTTLE = Throttle()  # one per server process: shared by every session, as an attacker's sessions would be
logger = logging.getLogger("fazhi.auth")


def configured_password() -> str | None:
    """The editor password from secrets, else the environment; None when neither is set."""
    try:
        secret = st.secrets.get(SECRET)
    except Exception:  # no secrets.toml (the usual case) or an unreadable one: fall back to the env
        secret = None
    value = secret if isinstance(secret, str) and secret else os.environ.get(ENV, "")
    return value or None


def matches(given: str, password: str) -> bool:
    """Constant-time comparison (bytes, so non-ASCII passwords work with compare_digest)."""
    return hmac.compare_digest(given.encode("utf-8"), password.encode("utf-8"))


def _token(password: str) -> str:
    return hashlib.sha256(b"fazhi-editor\0" + password.encode("utf-8")).hexdigest()


def _accounts() -> list[str]:
    from pipeline import api

    return api.account_names()


def _client() -> str:
    """The visitor's address as the server sees it ("unknown" under tests or behind some proxies)."""
    try:
        return str(st.context.ip_address or "unknown")
    except Exception:  # outside a browser session (AppTest): every attempt shares one client key
        return "unknown"


def _oidc_editors() -> list[str] | None:
    """The e-mails allowed to edit when Streamlit's OIDC login is configured; None when it is not."""
    try:
        if "auth" not in st.secrets:
            return None
        listed = st.secrets.get(OIDC_EDITORS, [])
    except Exception:  # no secrets file: no OIDC
        return None
    return [str(e).strip().lower() for e in listed] if isinstance(listed, list | tuple) else []


def _oidc_user() -> str:
    """The signed-in OIDC user's e-mail ("" when nobody is signed in)."""
    try:
        return str(st.user.get("email") or "") if st.user.is_logged_in else ""
    except Exception:  # st.user unavailable (no auth configured)
        return ""


def account() -> str:
    """The logged-in account for the editors' log ("" when nobody is logged in)."""
    editors = _oidc_editors()
    if editors is not None:
        email = _oidc_user()
        return email if email and email.lower() in editors else ""
    held = st.session_state.get(SESSION_KEY)
    if isinstance(held, tuple) and held and held[0] == "account":
        return str(held[1])
    return SHARED_ACCOUNT if isinstance(held, str) and held else ""


def _logged_in(names: list[str], password: str | None) -> bool:
    held = st.session_state.get(SESSION_KEY)
    if isinstance(held, tuple) and len(held) == 3 and held[0] == "account" and held[1] in names:
        from pipeline import api

        return hmac.compare_digest(held[2], api.account_stamp(held[1]))
    return not names and password is not None and held == _token(password)


def editor_access(page: str) -> bool:
    """Whether the current session may edit; shows the note, the login or the logout button.

    `page` namespaces the widget keys (one page renders at a time, but keys stay distinct).
    """
    if not data.buildable():
        st.info(
            "当前数据目录由环境变量 FAZHI_DATA_DIR 指定为只读副本,不能在此上传或校正;"
            "同时设置 FAZHI_RAW_DIR(报告文件夹)后才可编辑。本页仅供查看。"
        )
        return False
    editors = _oidc_editors()
    if editors is not None:
        return _oidc_access(page, editors)
    names, password = _accounts(), configured_password()
    if not names and password is None:
        st.info(HOW_TO_ENABLE + "本页目前仅供查看。")
        return False
    if _logged_in(names, password):
        left, right = st.columns([4, 1])
        left.caption(f"已以编辑身份进入(账号:{account()}):所做的修改会保存到报告文件夹,并重新生成数据表。")
        if right.button("退出编辑", key=f"{page}.logout"):
            st.session_state.pop(SESSION_KEY, None)
            st.rerun()
        return True
    if names:
        _account_form(page)
    else:
        st.text_input(
            "编辑密码",
            type="password",
            key=f"{page}.password",
            on_change=_try_shared,
            args=(page,),
            help="上传报告和校正数值需要编辑密码;浏览和导出不需要。",
        )
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.error(message)
    else:
        st.caption("登录后可以修改数据;不登录也可以查看本页内容。")
    return False


def _oidc_access(page: str, editors: list[str]) -> bool:
    """Sign-in through the organisation's OIDC provider; only the listed e-mails may edit."""
    email = _oidc_user()
    if not email:
        st.caption("编辑请用单位账号登录;浏览和导出不需要登录。")
        if st.button("用单位账号登录", key=f"{page}.oidc_login", type="primary"):
            st.login()
        return False
    left, right = st.columns([4, 1])
    if right.button("退出登录", key=f"{page}.logout"):
        st.logout()
    if email.lower() not in editors:
        logger.warning("OIDC user %r is not listed in %s", email, OIDC_EDITORS)
        left.warning(f"账号 {email} 不在编辑名单(secrets 中的 {OIDC_EDITORS})中,本页仅供查看。")
        return False
    left.caption(f"已以编辑身份进入(账号:{email}):所做的修改会保存到报告文件夹,并重新生成数据表。")
    return True


def _account_form(page: str) -> None:
    left, right = st.columns(2)
    left.text_input("编辑账号", key=f"{page}.account")
    right.text_input("密码", type="password", key=f"{page}.password")
    st.button("登录", key=f"{page}.login", on_click=_try_account, args=(page,), type="primary")


def _refused(keys: tuple, who: str) -> bool:
    """True (with the message) when these keys must still wait."""
    wait = THROTTLE.wait(*keys)
    if wait <= 0:
        return False
    logger.warning("editor login refused while throttled: account=%r client=%s wait=%.0fs", who, _client(), wait)
    st.session_state[MESSAGE_KEY] = f"密码错误次数过多,请在 {math.ceil(wait)} 秒后再试。"
    return True


def _failed(keys: tuple, who: str) -> None:
    count = THROTTLE.failed(*keys)
    logger.warning("editor login failed: account=%r client=%s failures in the last minute=%d", who, _client(), count)
    shared = who == SHARED_ACCOUNT
    st.session_state[MESSAGE_KEY] = "编辑密码不正确,请重新输入。" if shared else "账号或密码不正确,请重新输入。"


def _try_account(page: str) -> None:
    """The 登录 button's callback: check the throttle, then the password; the password box is cleared."""
    from pipeline import api

    name = str(st.session_state.get(f"{page}.account", "")).strip()
    given = str(st.session_state.get(f"{page}.password", ""))
    st.session_state[f"{page}.password"] = ""
    keys = (("account", name), ("client", _client()))
    if not name or not given or _refused(keys, name):
        return
    found = api.verify_account(name, given)
    if found is None:
        _failed(keys, name)
        return
    THROTTLE.succeeded(keys[0])
    logger.info("editor login: account=%r client=%s", found, _client())
    st.session_state[SESSION_KEY] = ("account", found, api.account_stamp(found))


def _try_shared(page: str) -> None:
    """The shared password box's callback (runs once per new entry, not on every rerun)."""
    password = configured_password()
    given = str(st.session_state.get(f"{page}.password", ""))
    st.session_state[f"{page}.password"] = ""
    keys = (("account", SHARED_ACCOUNT), ("client", _client()))
    if not given or password is None or _refused(keys, SHARED_ACCOUNT):
        return
    if not matches(given, password):
        _failed(keys, SHARED_ACCOUNT)
        return
    THROTTLE.succeeded(keys[0])
    st.session_state[SESSION_KEY] = _token(password)
