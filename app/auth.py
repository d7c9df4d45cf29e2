"""Editor access: who may change data (upload reports, add corrections, settle conflicts).

Owns: where the editor password comes from (Streamlit secrets `editor_password`, else the
environment variable FAZHI_EDITOR_PASSWORD), the constant-time comparison, remembering a
successful entry for the session, and the Chinese notes shown when editing is not possible.

Must never: guard browsing or exporting (those are open to everyone), store or log the
password itself (the session keeps only a digest, so changing the password logs editors out),
or raise when no secrets file exists.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import streamlit as st

from app import data

ENV = "FAZHI_EDITOR_PASSWORD"
SECRET = "editor_password"
SESSION_KEY = "auth.editor"
HOW_TO_ENABLE = (
    "编辑功能(上传报告、校正数值、冲突审核)尚未启用:请设置环境变量 FAZHI_EDITOR_PASSWORD,"
    '或在 .streamlit/secrets.toml 中写入 editor_password = "…",然后重新启动看板。'
    "浏览和导出数据不需要密码。"
)


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


def editor_access(page: str) -> bool:
    """Whether the current session may edit; shows the note, the password box or the logout button.

    `page` namespaces the widget keys (one page renders at a time, but keys stay distinct).
    """
    if not data.buildable():
        st.info(
            "当前数据目录由环境变量 FAZHI_DATA_DIR 指定为只读副本,不能在此上传或校正;"
            "同时设置 FAZHI_RAW_DIR(报告文件夹)后才可编辑。本页仅供查看。"
        )
        return False
    password = configured_password()
    if password is None:
        st.info(HOW_TO_ENABLE + "本页目前仅供查看。")
        return False
    if st.session_state.get(SESSION_KEY) == _token(password):
        left, right = st.columns([4, 1])
        left.caption("已以编辑身份进入:所做的修改会保存到报告文件夹,并重新生成数据表。")
        if right.button("退出编辑", key=f"{page}.logout"):
            st.session_state.pop(SESSION_KEY, None)
            st.rerun()
        return True
    given = st.text_input(
        "编辑密码", type="password", key=f"{page}.password", help="上传报告和校正数值需要编辑密码;浏览和导出不需要。"
    )
    if not given:
        st.caption("输入编辑密码后可以修改数据;不输入也可以查看本页内容。")
        return False
    if not matches(given, password):
        st.error("编辑密码不正确,请重新输入。")
        return False
    st.session_state[SESSION_KEY] = _token(password)
    st.rerun()
    return True  # not reached: st.rerun() ends this run
