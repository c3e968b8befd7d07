"""``speakeasy forum`` on the command line: a clear line when the extra is missing, the first maintainer, serving
on the loopback address, and the database made by the migrations."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from forum_browser import free_port


def test_without_the_extra_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from speakeasy.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("starlette", "argon2") else real(name, *a))
    assert main(["forum", "serve", "--no-config"]) == 2
    err = capsys.readouterr().err
    assert err == ("speakeasy: error: speakeasy forum needs starlette, argon2-cffi, which are not installed. "
                   "Install them with: pip install 'speakeasy-lint[forum]'\n")


def test_the_parser_imports_no_web_library() -> None:
    code = ("import sys; from speakeasy.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('starlette', 'sqlalchemy', 'uvicorn', 'argon2', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert out.strip() == "[]"


@pytest.mark.slow
def test_first_maintainer_and_serve(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "speakeasy", "forum"]
    opts = ["--no-config", "--list", str(tmp_path / "ours.yaml"), "--data", str(tmp_path / "data")]
    made = subprocess.run([*base, "add-maintainer", "sam", "--full-name", "Sam Lee", "--password-stdin", *opts],
                          input="sam's long password\n", capture_output=True, text=True, env=env, timeout=120)
    assert made.returncode == 0, made.stderr
    assert "Made the maintainer 'sam' (Sam Lee)." in made.stdout
    again = subprocess.run([*base, "add-maintainer", "sam", "--full-name", "Sam Two", "--password-stdin", *opts],
                           input="another long password\n", capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 2
    assert again.stderr.strip() == ("speakeasy: error: someone already has the login name 'sam'. Choose another. "
                                    "Nothing was saved.")
    short = subprocess.run([*base, "add-maintainer", "kim", "--full-name", "Kim", "--password-stdin", *opts],
                           input="short\n", capture_output=True, text=True, env=env, timeout=120)
    assert short.returncode == 2 and "at least 10" in short.stderr and "Traceback" not in short.stderr
    port = free_port()
    server = subprocess.Popen([*base, "serve", "--port", str(port), *opts], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        page = ""
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as r:
                    page = r.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.1)
        assert "<h1>Log in</h1>" in page
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)
    assert f"The forum is at http://127.0.0.1:{port}/" in out
    from sqlalchemy import create_engine, inspect

    tables = set(inspect(create_engine(f"sqlite:///{tmp_path / 'data' / 'forum.db'}")).get_table_names())
    assert {"alembic_version", "users", "proposals", "comments", "votes", "meetings", "invitations"} <= tables
    assert oct((tmp_path / "data" / "secret.key").stat().st_mode & 0o777) == "0o600"


def test_a_folder_as_the_list_is_refused(tmp_path: Path, capsys: Any) -> None:
    from speakeasy.cli import main

    assert main(["forum", "serve", "--no-config", "--list", str(tmp_path), "--data", str(tmp_path / "d")]) == 2
    assert "this is not a file" in capsys.readouterr().err


def test_the_test_extra_has_every_package_of_the_forum_extra() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert set(extras["forum"]) <= set(extras["test"])
    from speakeasy.forum.deps import NEEDED

    named = {re.split(r"[<>=\[]", d)[0].lower() for d in extras["forum"]}
    assert named == set(NEEDED.values())


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path: Path, capsys: Any) -> None:
    from speakeasy.cli import main

    base = ["forum", "serve", "--no-config", "--list", str(tmp_path / "o.yaml"), "--data", str(tmp_path / "d")]
    port = free_port()
    assert main([*base, "--database", "postgresql+psycopg://forum:secret@127.0.0.1:%d/forum" % port]) == 2
    err = capsys.readouterr().err
    assert err.startswith("speakeasy: error: speakeasy could not open the database "
                          "postgresql+psycopg://forum:***@127.0.0.1:")
    assert "secret" not in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main([*base, "--database", "not a url"]) == 2
    assert "'not a url' is not a database URL" in capsys.readouterr().err
    assert main([*base, "--database", "mysql://forum@127.0.0.1/forum"]) == 2
    assert "driver" in capsys.readouterr().err


def test_a_port_in_use_is_one_line(tmp_path: Path, capsys: Any) -> None:
    import socket

    from speakeasy.cli import main

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code = main(["forum", "serve", "--no-config", "--list", str(tmp_path / "o.yaml"), "--data",
                     str(tmp_path / "d"), "--port", str(port)])
    assert code == 2
    assert f"the forum cannot listen on 127.0.0.1 port {port}" in capsys.readouterr().err


def test_the_forum_reads_its_settings_from_speakeasy_yaml(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    from speakeasy.cli import build_parser, main
    from speakeasy.forum.cli import settings_from

    (tmp_path / "policies").mkdir()
    (tmp_path / ".speakeasy.yaml").write_text(
        "wordlists: [our-words.yaml]\n"
        "forum:\n  name: Carers forum\n  documents: policies\n  data: forum-data\n"
        "  database: sqlite:///" + str(tmp_path / "shared.db") + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("SPEAKEASY_FORUM_DATABASE", raising=False)
    args = build_parser().parse_args(["forum", "serve", "--config", str(tmp_path / ".speakeasy.yaml")])
    settings, _ = settings_from(args)
    assert settings.name == "Carers forum"
    assert settings.documents == tmp_path / "policies" and settings.data == tmp_path / "forum-data"
    assert settings.database_url() == "sqlite:///" + str(tmp_path / "shared.db")
    assert settings.wordlist.name == "our-words.yaml"
    # the command line wins
    args = build_parser().parse_args(["forum", "serve", "--config", str(tmp_path / ".speakeasy.yaml"),
                                      "--name", "Another forum", "--database", "sqlite:///x.db"])
    settings, _ = settings_from(args)
    assert settings.name == "Another forum" and settings.database_url() == "sqlite:///x.db"
    (tmp_path / ".speakeasy.yaml").write_text("forum:\n  databse: sqlite:///x.db\n", encoding="utf-8")
    assert main(["forum", "serve", "--config", str(tmp_path / ".speakeasy.yaml"), "--list", "o.yaml"]) == 2
    err = capsys.readouterr().err
    assert "`forum` has `databse`, which the forum does not know. It can have: database, documents, data, name." in err
