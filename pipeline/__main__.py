"""Command line: `python -m pipeline build`, `python -m pipeline extract PATH...` and
`python -m pipeline import PATH...` and `python -m pipeline users add NAME | list | remove NAME`
(the editor accounts).

Owns: argument parsing, printing, exit codes (0 done, 1 build failed, 2 usage error, a
missing path or a mistake in a rule file). Must never: contain pipeline logic (everything goes
through `pipeline.build`, `pipeline.imports` and `pipeline.accounts`), or echo a password.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence

from pipeline.build import BuildResult, build, extract
from pipeline.rules import RulesError, check

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="法治指标看板: turn rule-of-law reports into one tidy indicator table.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every skipped or odd value")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="process data/raw and write data/processed")
    build_cmd.add_argument("--raw", default="data/raw", help="folder of raw reports (default data/raw)")
    build_cmd.add_argument("--out", default="data/processed", help="output folder (default data/processed)")
    extract_cmd = commands.add_parser("extract", help="print the table for files or folders; writes nothing")
    extract_cmd.add_argument("paths", nargs="+", help="report files or folders")
    extract_cmd.add_argument("--format", choices=("csv", "json"), default="csv")
    import_cmd = commands.add_parser(
        "import", help="copy report files, folders and .zip archives into the raw folder, then build"
    )
    import_cmd.add_argument("paths", nargs="+", help="report files, folders or .zip archives")
    import_cmd.add_argument("--raw", default="data/raw", help="folder of raw reports (default data/raw)")
    import_cmd.add_argument("--out", default="data/processed", help="output folder (default data/processed)")
    import_cmd.add_argument("--dry-run", action="store_true", help="only show what each file gives; save nothing")
    import_cmd.add_argument("--no-build", action="store_true", help="save the files but do not rebuild the tables")
    users = commands.add_parser("users", help="editor accounts: add NAME, list, remove NAME")
    users.add_argument("action", choices=("add", "list", "remove"))
    users.add_argument("name", nargs="?", default="")
    users.add_argument("--file", default="", help="accounts file (default data/editors.json or $FAZHI_EDITORS_FILE)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stderr
    )
    try:
        check()
    except RulesError as err:
        print(f"规则文件有误,已停止 / rules error, stopped: {err}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "build":
        return _build(args.raw, args.out)
    if args.command == "import":
        return _import(args)
    if args.command == "users":
        return _users(args.action, args.name, args.file or None)
    return _extract(args.paths, args.format)


PROGRESS_SECONDS = 0.1  # the progress line is redrawn at most this often (a cached file takes microseconds)


def _build(raw: str, out: str) -> int:
    shown = 0.0

    def progress(done: int, total: int, name: str) -> None:
        nonlocal shown
        now = time.monotonic()
        if done < total and now - shown < PROGRESS_SECONDS:
            return
        shown = now
        print(f"\r[{done}/{total}] {name[:60]:<60}", end="", file=sys.stderr, flush=True)

    try:
        result = build(raw, out, progress=progress)
    except FileNotFoundError as err:
        print(f"\n错误 / error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as err:  # noqa: BLE001 - report any failure plainly; the old tables are intact
        print(f"\n构建失败,原有数据未改动 / build failed, previous tables untouched: {err}", file=sys.stderr)
        return EXIT_FAILED
    print(file=sys.stderr)
    print(_summary(result))
    return EXIT_OK


def _summary(result: BuildResult) -> str:
    statuses = ", ".join(f"{status} {count}" for status, count in result.documents.items()) or "none"
    return (
        f"{result.total} files ({statuses}) -> {result.rows} values, {result.conflicts} conflicts, "
        f"{result.cumulative} cumulative figures kept apart; wrote {result.out} in {result.seconds:.2f} s"
    )


def _extract(paths: Sequence[str], fmt: str) -> int:
    try:
        table = extract(paths)
    except FileNotFoundError as err:
        print(f"错误 / error: {err}", file=sys.stderr)
        return EXIT_USAGE
    if fmt == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        table.to_csv(sys.stdout, index=False)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from pipeline.imports import import_paths

    with tqdm(unit="个文件", desc="导入", file=sys.stderr, dynamic_ncols=True) as bar:

        def progress(done: int, total: int, name: str) -> None:
            bar.total = total
            bar.set_postfix_str(name[-40:], refresh=False)
            bar.update(done - bar.n)

        try:
            results = import_paths(args.paths, args.raw, progress=progress, save=not args.dry_run)
        except FileNotFoundError as err:
            print(f"\n错误 / error: {err}", file=sys.stderr)
            return EXIT_USAGE
    for result in results:
        print(_outcome_line(result))
    saved = sum(1 for r in results if r.stored and r.status != "duplicate")
    print(f"{len(results)} files: {saved} saved to {args.raw}" + (" (dry run: nothing saved)" if args.dry_run else ""))
    if saved and not args.no_build and not args.dry_run:
        return _build(args.raw, args.out)
    return EXIT_OK


def _outcome_line(result) -> str:  # noqa: ANN001 - an imports.Outcome
    """One tab-separated line: file, place, year, values, status, stored name, message."""
    year = "" if result.year is None else str(result.year)
    fields = [result.name, result.jurisdiction, year, str(result.values), result.status, result.stored, result.message]
    return "\t".join(field.replace("\t", " ").replace("\n", " ") for field in fields)


def _users(action: str, name: str, path: str | None) -> int:
    from pipeline import accounts

    if action != "list" and not name:
        print(f"错误 / error: users {action} needs a NAME", file=sys.stderr)
        return EXIT_USAGE
    try:
        if action == "list":
            print("\n".join(accounts.names(path)) or "(no accounts)")
        elif action == "remove":
            found = accounts.remove(name, path)
            print(f"removed {name}" if found else f"no account {name}")
            return EXIT_OK if found else EXIT_USAGE
        else:
            new = accounts.add(name, _new_password(), path)
            print(f"{'added' if new else 'password changed for'} {accounts.clean_name(name)}")
    except accounts.AccountError as err:
        print(f"错误 / error: {err}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _new_password() -> str:
    """Asked twice on a terminal (never echoed); one line of standard input otherwise (scripts, tests)."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("新密码 / new password: ")
    if getpass.getpass("再输入一次 / again: ") != first:
        from pipeline.accounts import AccountError

        raise AccountError("两次输入的密码不一致。")
    return first


def _exit(code: int) -> None:
    """End the process with `code` once everything written is flushed, without tearing the
    interpreter down: freeing what a build loaded (the tokenizer's dictionary, the gazetteer, the
    tables) one object at a time took ~0.3 s of every build's whole process, and nothing of it is
    needed once the output set is published and the build's lock file is closed by the kernel.
    When a stream cannot be flushed (a closed pipe), the usual exit reports it."""
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    _exit(main())
