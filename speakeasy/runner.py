"""The runner: find the files to check, check them one by one or in several processes, use the cache.

It hands each document to the engine (:func:`speakeasy.engine.lint_document`),
which checks one document at a time.  Folders are walked in order, skipping
hidden files, the ``ignore`` globs, what ``.gitignore`` and ``.ignore`` files
leave out, and build folders (:mod:`.gitignore`); links that lead out of the folder are
not followed.  With ``jobs`` above 1 and enough text to be worth it, files are
checked in worker processes, and the results still come in the order of a
serial run.  A worker that dies costs only the file it was checking.
"""

from __future__ import annotations

import fnmatch
import gc
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import engine, readers
from .config import Settings
from .errors import InputError
from .model import FileResult, ReadError, Report
from .readers import ReadOptions
from .ruleset import RuleSet, build_ruleset

__all__ = [
    "BYTES_PER_WORKER", "FILES_PER_WORKER", "SKIPPED_LINK", "changed_since", "collect_files", "iter_results",
    "lint_paths",
]


def _is_ignored(rel: str, patterns: list[str]) -> bool:
    parts = rel.split("/")
    for pat in patterns:
        pat = pat.strip().rstrip("/")
        if pat.startswith("./"):
            pat = pat[2:]
        bare = pat[:-3] if pat.endswith("/**") else pat
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, bare):
            return True
        # any folder above the file
        for i in range(1, len(parts)):
            prefix = "/".join(parts[:i])
            if fnmatch.fnmatch(prefix, bare) or fnmatch.fnmatch(prefix, pat):
                return True
        # a pattern without a slash matches a name anywhere, like .gitignore
        if "/" not in bare and any(fnmatch.fnmatch(p, bare) for p in parts):
            return True
    return False


#: What speakeasy says about a link it does not follow (see :func:`collect_files`).
SKIPPED_LINK = ("{path}: not read, because it is a link to a file outside the folder being checked. "
                "Use --follow-links to read it.")


def collect_files(paths: Iterable[str], settings: Settings, follow_links: bool = False,
                  on_skip: "Callable[[str], None] | None" = None,
                  ignore_files: bool = True) -> tuple[list[str], list[ReadError]]:
    """Expand folders (recursively, skipping hidden ones) and apply ignore globs.

    In a folder, what ``.gitignore`` and ``.ignore`` files leave out is left out, and so are build and
    environment folders (:mod:`speakeasy.gitignore`), unless ``ignore_files`` is false (``--no-ignore``).
    A file or folder named in ``paths`` is always checked.

    Links that lead out of the folder being checked are not followed (issue 16, S4): a document that is a
    link to a file outside the folder is left out, and so is a file or folder named on the command line that
    is reached through a link leading outside both the current folder and the repository.  ``on_skip`` is
    told each one, with a line for people (:data:`SKIPPED_LINK`).  ``follow_links``: follow every link,
    into linked folders too (each folder once).
    """
    from .confine import inside
    from .gitignore import Ignores, is_build_folder

    patterns = list(settings["ignore"])
    root = settings.base("ignore")
    files: list[str] = []
    errors: list[ReadError] = []
    here = (Path.cwd(), *getattr(settings, "repository", ()))

    def rel(p: Path) -> str:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links (a -> b -> a)
            return p.as_posix()

    def skip(p: str) -> None:
        if on_skip is not None:
            on_skip(SKIPPED_LINK.format(path=p))

    def through_a_link(p: Path) -> bool:
        """Whether ``p`` or a folder above it is a link (so its real place differs from its name)."""
        return os.path.realpath(p) != os.path.abspath(p)

    for raw in paths:
        p = Path(raw)
        if raw != "-" and not follow_links and through_a_link(p) and not inside(p, here):
            skip(raw)
            continue
        if p.is_dir():
            found = []
            top = Path(os.path.realpath(p))
            seen_dirs = {str(top)}
            # the ignore patterns in force in each folder walked (None: --no-ignore)
            ignores = {str(p): Ignores.above(str(p))} if ignore_files else None
            for dirpath, dirnames, filenames in os.walk(p, followlinks=follow_links):
                # (each folder walked was kept, with its patterns, by the folder above it)
                in_force = ignores.pop(dirpath).enter(dirpath, {*filenames, *dirnames}) if ignores is not None else None
                kept = []
                for d in sorted(dirnames):
                    if d.startswith(".") or _is_ignored(rel(Path(dirpath, d)), patterns):
                        continue
                    sub = os.path.join(dirpath, d)
                    if in_force is not None and (is_build_folder(sub, d) or in_force.ignored(sub, is_dir=True)):
                        continue
                    if follow_links:  # each real folder once: a link back up is not a loop
                        real = os.path.realpath(os.path.join(dirpath, d))
                        if real in seen_dirs:
                            continue
                        seen_dirs.add(real)
                    kept.append(d)
                    if ignores is not None:
                        ignores[sub] = in_force
                dirnames[:] = kept
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    fp = Path(dirpath, name)
                    if readers.format_for(name) is None or _is_ignored(rel(fp), patterns):
                        continue
                    if in_force is not None and in_force.ignored(str(fp), is_dir=False):
                        continue
                    if not follow_links and fp.is_symlink() and not inside(fp, (top,)):
                        skip(str(fp))
                        continue
                    found.append(str(fp))
            files.extend(found)
        elif p.exists() or raw == "-" or p.is_symlink():  # a link to nothing, or a loop: read_path says which
            if raw != "-" and patterns and _is_ignored(rel(p), patterns):
                continue
            files.append(raw)
        else:
            errors.append(ReadError(raw, f"{raw}: this file or folder does not exist.", "not-found"))
    # keep the order given, without repeats
    seen = set()
    unique = []
    for f in files:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique, errors


def iter_results(
    paths: Iterable[str],
    ruleset: RuleSet,
    stdin: bytes | None = None,
    stdin_filename: str | None = None,
    only: set[Path] | None = None,
    jobs: int = 1,
    use_cache: bool = False,
    follow_links: bool = False,
    on_skip: "Callable[[str], None] | None" = None,
    ignore_files: bool = True,
    collected: "tuple[list[str], list[ReadError]] | None" = None,
) -> Iterator[FileResult | ReadError]:
    """Lint files and folders one at a time (``-`` is standard input).

    Yields a :class:`FileResult` for each file checked and a
    :class:`~speakeasy.model.ReadError` for each that could not be, in order.
    Nothing is kept between files, so memory does not grow with the number
    of files; reporters print each result as it comes.  ``only``: check only
    files whose resolved path is in this set (see :func:`changed_since`).
    ``jobs``: lint in that many processes when there are enough files; the
    results come in the same order as a serial run.  ``follow_links``, ``on_skip`` and ``ignore_files``: see
    :func:`collect_files`.  ``collected``: what :func:`collect_files` already found for these paths (a
    caller that counted the files first), so the folders are not walked twice.
    """
    files, errors = collected if collected is not None else collect_files(
        paths, ruleset.settings, follow_links, on_skip, ignore_files)
    if only is not None:
        files = [f for f in files if f == "-" or Path(f).resolve() in only]
    yield from errors
    options = ReadOptions.from_settings(ruleset.settings)
    rules_key = None
    if use_cache:
        from . import cache

        rules_key = cache.ruleset_key(ruleset)
    known = [False] * len(files)
    if rules_key is not None and jobs >= 2 and "-" not in files:
        known = [_has_entry(f, rules_key) for f in files]  # files with results cached need no worker
    todo = [f for f, k in zip(files, known) if not k and f != "-"]
    workers = min(jobs, len(todo) // FILES_PER_WORKER, _work(todo) // BYTES_PER_WORKER) if jobs >= 2 else 1
    if workers >= 2 and "-" not in files:
        linted = _parallel(todo, ruleset.settings, workers, options, rules_key, ruleset)
        for f, k in zip(files, known):
            if not k:
                yield next(linted)
                continue
            hit, _ = _cached(f, rules_key)  # type: ignore[arg-type]
            if hit is not None:
                yield hit
            else:  # the entry went (another run pruned it): lint the file here
                yield from _serial([f], ruleset, rules_key, options, None, None)
        linted.close()
    else:
        yield from _serial(files, ruleset, rules_key, options, stdin, stdin_filename)
    if rules_key is not None:
        from . import cache

        cache.prune()


def _serial(files: list[str], ruleset: RuleSet, rules_key: str | None, options: ReadOptions,
            stdin: bytes | None, stdin_filename: str | None) -> Iterator[FileResult | ReadError]:
    for f in files:
        if f != "-" and rules_key is not None:
            hit, data = _cached(f, rules_key)
            if hit is not None:
                yield hit
                continue
        try:
            if f == "-":
                name = stdin_filename or "<stdin>"
                fmt = readers.format_for(name) or "text"
                doc = readers.read_bytes(name, stdin or b"", fmt, options=options)
            else:
                doc = readers.read_path(f, options=options)
        except InputError as exc:
            yield ReadError(exc.path, exc.message, exc.code)
            continue
        result = engine.lint_document(doc, ruleset)
        if f != "-" and rules_key is not None and data is not None:
            from . import cache

            cache.store(f, data, rules_key, result)
        yield result


def _has_entry(path: str, rules_key: str) -> bool:
    from . import cache
    try:
        data = readers.read_file(path)  # a regular file only: a named pipe would wait for ever
    except InputError:
        return False
    return cache.has(path, data, rules_key)


def _cached(path: str, rules_key: str) -> tuple[FileResult | None, bytes | None]:
    """(the cached result or None, the file's bytes or None if it cannot be read)."""
    from . import cache
    try:
        data = readers.read_file(path)  # a regular file only: a named pipe would wait for ever
    except InputError:
        return None, None
    return cache.load(path, data, rules_key), data


#: Fewer files than this per process and starting the processes costs more than it saves.
FILES_PER_WORKER = 4
#: Less text than this per process (bytes of text; Word and OpenDocument files count three times
#: their size, as they are compressed) and starting the processes costs more than it saves: each one
#: loads the rules and spaCy, about 1.5 s here, while 400 kB of text takes about 5 s to check.
BYTES_PER_WORKER = 400_000
_COMPRESSED = (".docx", ".odt", ".docm", ".dotx")


def _work(files: list[str]) -> int:
    """About how much text there is to check, in bytes."""
    total = 0
    for f in files:
        try:
            size = os.path.getsize(f)
        except OSError:
            continue
        total += size * 3 if f.lower().endswith(_COMPRESSED) else size
    return total
_WORKER_RULESET: RuleSet | None = None
#: How many files this worker process has been given.
_WORKER_FILES = 0

#: Python's collector looks at young objects after this many more are made than freed (its own default: 700).
GC_YOUNG_THRESHOLD = 10_000
_gc_settled = False


def settle_gc() -> None:
    """Once the first file is checked, in a process of speakeasy's own that checks many: make Python's
    collector look less often, and never again at what is loaded by then.

    The rules, word lists, tagger and tables loaded for the first file live
    until the end, and the collector walked all of them at each full pass;
    checking makes and drops many small objects, most freed at once by their
    reference counts, which set off the collector every 700. Together that
    was about 6% of the time of a run of 100 files. The objects are the same,
    so the results are too. Done once a process (the language server does
    the same after its first check).
    """
    global _gc_settled
    if _gc_settled:
        return
    _gc_settled = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def settling(items: Iterable[FileResult | ReadError]) -> Iterator[FileResult | ReadError]:
    """``items`` as they come; when a second one comes, :func:`settle_gc` first (a run of one file is left as it is)."""
    for n, item in enumerate(items):
        if n == 1:
            settle_gc()
        yield item


def _worker_init(settings: Settings, ruleset: RuleSet | None = None) -> None:
    """Set up a worker: ``ruleset`` is the main process's own, when the worker is a fork of it (not
    copied: a fork has the main process's memory), else the rule set is built again from ``settings``."""
    global _WORKER_RULESET
    from . import plugins

    plugins.QUIET = True  # the main process has shown any plugin problems already
    if ruleset is not None:
        _WORKER_RULESET = ruleset  # (building it again took each worker about 0.1 s)
        return
    _WORKER_RULESET = build_ruleset(settings)  # loads the same plugins as the main process


def _worker_lint(job: tuple[str, ReadOptions, str | None]) -> FileResult | ReadError:
    global _WORKER_FILES
    path, options, rules_key = job
    assert _WORKER_RULESET is not None
    _WORKER_FILES += 1
    if _WORKER_FILES == 2:
        settle_gc()  # (a worker is a process of speakeasy's own that checks many files)
    data = None
    if rules_key is not None:
        hit, data = _cached(path, rules_key)
        if hit is not None:
            return hit
    try:
        doc = readers.read_path(path, options=options)
    except InputError as exc:
        return ReadError(exc.path, exc.message, exc.code)
    result = engine.lint_document(doc, _WORKER_RULESET)
    if rules_key is not None and data is not None:
        from . import cache

        cache.store(path, data, rules_key, result)
    if result.document is not None:
        result.document.native = None  # parsed XML trees do not cross processes; reporters do not need them
    return result


def _parallel(files: list[str], settings: Settings, workers: int, options: ReadOptions,
              rules_key: str | None = None, ruleset: RuleSet | None = None) -> Iterator[FileResult | ReadError]:
    """Lint files in worker processes; yield results in the order of ``files``.

    A worker that dies (the out-of-memory killer sends SIGKILL; a C library
    can crash) loses no other file's result.  The first file without a
    result is checked again alone, in a fresh process; if that process dies
    too, the file is a :class:`~speakeasy.model.ReadError` that says so.  The
    files after it go on in a fresh pool.
    """
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    while done < len(files):
        pool = _pool(settings, workers, ruleset)
        broke = False
        try:
            futures = [pool.submit(_worker_lint, (f, options, rules_key)) for f in files[done:]]
            for future in futures:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broke = True
                    break
                done += 1
                yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if broke:
            yield _alone(files[done], settings, options, rules_key)
            done += 1


def _pool(settings: Settings, workers: int, ruleset: RuleSet | None = None):  # type: ignore[no-untyped-def]
    """A pool of ``workers`` processes.  Forked workers take ``ruleset`` (the main process's) as it is;
    spawned ones build theirs from ``settings``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    context = multiprocessing.get_context("fork" if fork else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                               initargs=(settings, ruleset if fork else None))


def _alone(path: str, settings: Settings, options: ReadOptions, rules_key: str | None) -> FileResult | ReadError:
    """Check one file in a fresh process of its own (after a worker died): its result, or a ReadError."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(settings, 1)
    try:
        return pool.submit(_worker_lint, (path, options, rules_key)).result()
    except BrokenProcessPool:
        return ReadError(path, f"{path}: the process checking this file stopped suddenly, twice, so it was not "
                         "checked. The system may have stopped it for using too much memory.", "worker-stopped")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def changed_since(ref: str, cwd: Path | None = None) -> set[Path]:
    """Files changed since a git ref: committed, staged or not, and new files git does not ignore."""
    import subprocess

    from .errors import UsageError

    def git(*args: str) -> str:
        try:
            proc = subprocess.run(["git", *args], capture_output=True, text=True, cwd=cwd)
        except FileNotFoundError:
            raise UsageError("--changed-since needs git, and git is not installed.") from None
        if proc.returncode != 0:
            msg = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
            raise UsageError(f"--changed-since {ref}: git could not compare with '{ref}' ({msg}).")
        return proc.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    names = git("diff", "--name-only", "-z", ref, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return {(top / n).resolve() for n in names if n}


def lint_paths(paths: Iterable[str], ruleset: RuleSet, stdin: bytes | None = None,
               stdin_filename: str | None = None, keep_documents: bool = True) -> Report:
    """Lint files and folders and collect every result in a :class:`Report`."""
    report = Report()
    for item in iter_results(paths, ruleset, stdin, stdin_filename):
        if isinstance(item, ReadError):
            report.errors.append(item)
        else:
            if not keep_documents:
                item.document = None
            report.files.append(item)
    return report
