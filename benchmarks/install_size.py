#!/usr/bin/env python3
"""What each dependency costs: disk space in a clean install, and time at start-up (issue 20).

Makes a fresh virtual environment, installs speakeasy into it from a git
commit (``git archive``, so the checkout itself is never built in), then
measures:

* **disk**: the size of each installed distribution (the files its
  ``RECORD`` lists), and for each of speakeasy's own dependencies the
  distributions that are there only because of it;
* **start-up**: ``python -X importtime -m speakeasy check one-line.md`` (the
  time each top-level package takes to import, summed from its own
  lines), and the wall time of ``speakeasy check`` on a one-line file (the
  median of ``--runs`` runs; with two refs the runs take turns).

pip, setuptools and wheel (the tools that made the environment) are left out
of the totals.

    python benchmarks/install_size.py --ref BEFORE --ref HEAD [--extras audit,pdf] [--markdown FILE] [--json FILE]

It uses the package index (pip install), as a user's first install does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = {"pip", "setuptools", "wheel"}

#: Run inside the new environment: every distribution, its size on disk, and what it requires.
_INVENTORY = r"""
import json, os, re, sys
from importlib import metadata
from pathlib import Path
site = Path(sys.argv[1])
out = {}
for dist in metadata.distributions():
    name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
    size = 0
    for f in dist.files or []:
        p = Path(dist.locate_file(f))
        try:
            if p.is_file() and not p.is_symlink():
                size += p.stat().st_size
        except OSError:
            pass
    reqs = []
    for r in dist.requires or []:
        if "extra ==" in r:
            continue
        m = re.match(r"[A-Za-z0-9_.-]+", r)
        if m:
            reqs.append(re.sub(r"[-_.]+", "-", m.group(0)).lower())
    out[name] = {"version": dist.version, "bytes": size, "requires": reqs}
print(json.dumps(out))
"""


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def, type-arg]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def make_env(ref: str, extras: str, where: Path) -> tuple[Path, Path]:
    """A fresh venv with speakeasy from ``ref`` installed; (its python, its site-packages)."""
    src = where / "src"
    src.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    env = where / "venv"
    _run([sys.executable, "-m", "venv", str(env)])
    py = env / "bin" / "python"
    target = f"{src}[{extras}]" if extras else str(src)
    _run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", target])
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    return py, site


def inventory(py: Path, site: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    # -I and a cwd of its own: a checkout's *.egg-info in the current folder would count as installed
    return json.loads(_run([str(py), "-I", "-c", _INVENTORY, str(site)], cwd=site).stdout)


def owners(dists: dict[str, dict], top: str) -> dict[str, list[str]]:  # type: ignore[type-arg]
    """For each direct dependency of ``top``: the distributions installed only because of it (itself included).

    A distribution two direct dependencies need is listed under "shared".
    """
    def closure(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            n = todo.pop()
            if n in seen or n not in dists:
                continue
            seen.add(n)
            todo.extend(dists[n]["requires"])
        return seen

    direct = [d for d in dists[top]["requires"] if d in dists]
    reach = {d: closure(d) for d in direct}
    out: dict[str, list[str]] = {d: [] for d in direct}
    out["shared"] = []
    for name in dists:
        if name == top or name in TOOLS:
            continue
        holders = [d for d in direct if name in reach[d]]
        if len(holders) == 1:
            out[holders[0]].append(name)
        elif name in direct:
            out[name].append(name)
        else:
            out["shared"].append(name)
    return out


def needed_by(dists: dict[str, dict], top: str) -> dict[str, list[str]]:  # type: ignore[type-arg]
    """For each installed distribution: the other direct dependencies of ``top`` that need it too."""
    direct = [d for d in dists[top]["requires"] if d in dists]
    out: dict[str, list[str]] = {}
    for d in direct:
        seen, todo = set(), list(dists[d]["requires"])
        while todo:
            n = todo.pop()
            if n in seen or n not in dists:
                continue
            seen.add(n)
            todo.extend(dists[n]["requires"])
        for n in seen:
            out.setdefault(n, []).append(d)
    return out


def _one_line(where: Path) -> tuple[Path, dict[str, str]]:
    doc = where / "one-line.md"
    if not doc.exists():
        doc.write_text("We will start soon.\n", encoding="utf-8")
    env = dict(os.environ, SPEAKEASY_CACHE_DIR=str(where / "cache"))
    env.pop("PYTHONPATH", None)
    return doc, env


def import_times(py: Path, where: Path) -> dict[str, float]:
    """Milliseconds each top-level package takes to import (self time summed) in ``speakeasy check`` of one line."""
    doc, env = _one_line(where)
    proc = subprocess.run([str(py), "-X", "importtime", "-m", "speakeasy", "check", str(doc)], env=env,
                          capture_output=True, text=True, cwd=where)
    total: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|\s+(.*)$", line)
        if not m:
            continue
        top = m.group(3).strip().split(".")[0]
        total[top] = total.get(top, 0.0) + int(m.group(1)) / 1000
    return total


def wall_time(py: Path, where: Path) -> float:
    doc, env = _one_line(where)
    t = time.perf_counter()
    subprocess.run([str(py), "-m", "speakeasy", "check", str(doc)], env=env, capture_output=True, cwd=where)
    return time.perf_counter() - t


def measure(refs: list[str], extras: str, runs: int) -> list[dict]:  # type: ignore[type-arg]
    """Each ref installed in its own fresh venv; then the start-up runs take turns, so load changes hit each alike."""
    with tempfile.TemporaryDirectory(prefix="speakeasy-size-") as tmp:
        envs = []
        for i, ref in enumerate(refs):
            where = Path(tmp) / str(i)
            where.mkdir()
            py, site = make_env(ref, extras, where)
            envs.append((ref, where, py, inventory(py, site)))
        for _, where, py, _ in envs:  # once each first: byte-compiling and the cache are not start-up
            wall_time(py, where)
        walls: list[list[float]] = [[] for _ in envs]
        imports: list[list[dict[str, float]]] = [[] for _ in envs]
        for _ in range(runs):
            for i, (_, where, py, _) in enumerate(envs):
                walls[i].append(wall_time(py, where))
                imports[i].append(import_times(py, where))
        load = os.getloadavg()[0]
    out = []
    for i, (ref, _, _, dists) in enumerate(envs):
        top = next(n for n in dists if n in ("speakeasy", "speakeasy-lint"))
        kept = {n: d for n, d in dists.items() if n not in TOOLS}
        names = {n for run in imports[i] for n in run}
        out.append({
            "ref": ref, "extras": extras, "distribution": top,
            "packages": len(kept), "bytes": sum(d["bytes"] for d in kept.values()),
            "dists": kept, "groups": owners(dists, top), "needed_by": needed_by(dists, top),
            "import_ms": {n: statistics.median(run.get(n, 0.0) for run in imports[i]) for n in names},
            "wall_s": statistics.median(walls[i]), "wall_runs": walls[i], "load_after": load,
        })
    return out


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f}"


def markdown(result: dict) -> str:  # type: ignore[type-arg]
    dists, groups = result["dists"], result["groups"]
    lines = [f"Install of `{result['ref']}`" + (f" with `[{result['extras']}]`" if result["extras"] else "")
             + f": {result['packages']} packages, {_mb(result['bytes'])} MB; `speakeasy check` of a one-line file "
             f"takes {result['wall_s']:.2f} s (median).", "",
             "| dependency | MB with what only it brings | packages | brings (shared: MB, and which dependencies need it) |", "|---|---:|---:|---|"]
    rows = []
    for name, members in groups.items():
        size = sum(dists[m]["bytes"] for m in members)
        rows.append((size, name, members))
    needs = result.get("needed_by") or needed_by(dists, result["distribution"])
    for size, name, members in sorted(rows, reverse=True):
        if name == "shared":
            extra = ", ".join(f"{m} ({_mb(dists[m]['bytes'])}: {', '.join(sorted(needs.get(m, []))) or 'an extra of one of them'})"
                              for m in sorted(members, key=lambda m: -dists[m]["bytes"]))
        else:
            extra = ", ".join(sorted(m for m in members if m != name)) or "-"
            if needs.get(name):
                extra += f" (also needed by {', '.join(sorted(needs[name]))}: dropping it saves nothing)"
        lines.append(f"| {name} | {_mb(size)} | {len(members)} | {extra} |")
    lines += ["", "| package imported by `speakeasy check` | ms (own import time) |", "|---|---:|"]
    for name, ms in sorted(result["import_ms"].items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"| {name} | {ms:,.0f} |")
    return "\n".join(lines) + "\n"


def compare(results: list[dict]) -> str:  # type: ignore[type-arg]
    lines = ["| install | packages | MB | `speakeasy check` of one line, median s |", "|---|---:|---:|---:|"]
    for r in results:
        lines.append(f"| `{r['ref']}` | {r['packages']} | {_mb(r['bytes'])} | {r['wall_s']:.2f} |")
    return "\n".join(lines) + f"\n\nLoad average at the end: {results[-1]['load_after']:.1f}.\n\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ref", action="append", help="a git commit to install (default HEAD); give two to compare")
    p.add_argument("--extras", default="", help="extras to install too, like 'audit,pdf'")
    p.add_argument("--runs", type=int, default=7, help="start-up runs of each install, taking turns (default 7)")
    p.add_argument("--json", metavar="FILE", help="write every figure to FILE")
    p.add_argument("--markdown", metavar="FILE", help="write the tables to FILE (default: standard output)")
    p.add_argument("--render", metavar="FILE", help="only print the tables of a --json FILE written before")
    args = p.parse_args()
    if args.render:
        results = json.loads(Path(args.render).read_text(encoding="utf-8"))
        results = results if isinstance(results, list) else [results]
    else:
        results = measure(args.ref or ["HEAD"], args.extras, args.runs)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    text = (compare(results) if len(results) > 1 else "") + "\n".join(markdown(r) for r in results)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
