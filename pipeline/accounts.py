"""Named editor accounts: a file of salted password hashes (Argon2id through argon2-cffi).

Owns: the accounts file (`data/editors.json` beside the reports' folder, or the path in
FAZHI_EDITORS_FILE): adding, listing and removing accounts, and checking a name and password.
The file holds, per account, only the Argon2id hash (salt and parameters inside it) and when
it was made; it is written whole to a temporary file and renamed, readable by its owner only.

Must never: store, print or log a password; tell a caller whether a name exists through the
time a check takes (an unknown name is checked against a dummy hash); or throttle logins (the
app does, per account and per client).
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from pipeline.corrections import now

ENV = "FAZHI_EDITORS_FILE"
DEFAULT = Path(__file__).resolve().parents[1] / "data" / "editors.json"
MAX_NAME = 32
MIN_PASSWORD = 8
_HASHER = PasswordHasher()  # Argon2id with the library's current recommended parameters
_DUMMY = _HASHER.hash("not-a-password: equalises the time of a check for an unknown name")


class AccountError(ValueError):
    """A name or password that cannot be used, or an unreadable accounts file (Chinese message)."""


def default_path() -> Path:
    return Path(os.environ.get(ENV) or DEFAULT)


def _read(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise AccountError(f"无法读取编辑账号文件 {path}:{err}") from None
    accounts = data.get("accounts") if isinstance(data, dict) else None
    if not isinstance(accounts, dict):
        raise AccountError(f"编辑账号文件 {path} 的格式不对(应有 accounts 一项)。")
    return {str(k): v for k, v in accounts.items() if isinstance(v, dict) and isinstance(v.get("hash"), str)}


def _write(path: Path, accounts: dict[str, dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".editors.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": 1, "accounts": accounts}, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)  # hashes only, but still nobody else's business
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)


def clean_name(name: str) -> str:
    """The account name as stored: NFC, trimmed; raises AccountError when it cannot be used."""
    name = unicodedata.normalize("NFC", str(name)).strip()
    if not name or len(name) > MAX_NAME:
        raise AccountError(f"账号名须为 1 到 {MAX_NAME} 个字符。")
    if any(unicodedata.category(c)[0] in "CZ" and c != " " for c in name) or "  " in name:
        raise AccountError("账号名不能包含控制字符、换行或连续空格。")
    return name


def names(path: str | Path | None = None) -> list[str]:
    """The account names, sorted."""
    return sorted(_read(Path(path or default_path())))


def add(name: str, password: str, path: str | Path | None = None) -> bool:
    """Create the account or set its new password; True when it was new."""
    path = Path(path or default_path())
    name = clean_name(name)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少需要 {MIN_PASSWORD} 个字符。")
    accounts = _read(path)
    new = name not in accounts
    accounts[name] = {"hash": _HASHER.hash(password), "created": now()}
    _write(path, accounts)
    return new


def remove(name: str, path: str | Path | None = None) -> bool:
    """Delete the account; False when there was none of that name."""
    path = Path(path or default_path())
    accounts = _read(path)
    if accounts.pop(clean_name(name), None) is None:
        return False
    _write(path, accounts)
    return True


def verify(name: str, password: str, path: str | Path | None = None) -> str | None:
    """The stored account name when `password` is right for it, else None (never raises for a bad guess)."""
    try:
        name = clean_name(name)
        stored = _read(Path(path or default_path())).get(name, {}).get("hash")
    except AccountError:
        name, stored = "", None
    try:
        _HASHER.verify(stored or _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return name if stored else None


def stamp(name: str, path: str | Path | None = None) -> str:
    """A value that changes when the account's password changes or the account is removed: a
    session remembers it, so such a change logs the account out."""
    try:
        stored = _read(Path(path or default_path())).get(name, {}).get("hash", "")
    except AccountError:
        return ""
    return stored[-16:]
