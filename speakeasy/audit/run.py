"""An audit from start to end: find the documents, check them in batches, write the findings and the summary.

The findings go to a JSON Lines file as they come (one line per finding, or
per document that could not be checked), through a temporary file that
replaces the target only when the audit is complete.  Nothing is kept of a
document once its lines are written but what the summary needs
(:mod:`.summary`).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from ..errors import SpeakeasyError
from .summary import Summary
from .work import Job, box_settings, error_outcome

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Settings

__all__ = ["Plan", "audit", "summary_path"]


@dataclass(frozen=True)
class Plan:
    """How to run an audit (the command line's options)."""

    paths: tuple[str, ...]
    output: str
    summary: str
    dask: str | None = None
    jobs: int = 1
    send_bytes: bool = False
    batch: int = 8
    worst: int = 20
    follow_links: bool = False
    #: leave out what .gitignore and .ignore files leave out, and build folders (False: --no-ignore)
    ignore_files: bool = True


def summary_path(output: str) -> str:
    """``audit.jsonl`` (or ``audit.jsonl.gz``) -> ``audit.summary.json``."""
    output = output.removesuffix(".gz")
    stem = output.removesuffix(".jsonl")
    return stem + ".summary.json"


class _StreamFile:
    """Lines written to a temporary file next to ``target``; :meth:`commit` moves it into place.

    A target ending in ``.gz`` is written compressed with gzip (JSON Lines of findings shrink about eightfold).
    """

    def __init__(self, target: str) -> None:
        if os.path.isdir(target):
            raise SpeakeasyError(f"{target}: is a folder; give a file name for the audit's output.")
        folder = os.path.dirname(os.path.abspath(target))
        try:
            fd, self.tmp = tempfile.mkstemp(dir=folder, prefix=".speakeasy-", suffix=".tmp")
        except OSError as exc:
            raise SpeakeasyError(f"{target}: cannot write the audit here ({exc.strerror or exc}).") from None
        self.target = target
        self._raw = os.fdopen(fd, "wb")
        self._gz: gzip.GzipFile | None = None
        if target.endswith(".gz"):
            self._gz = gzip.GzipFile(fileobj=self._raw, mode="wb", mtime=0)
        self.out: IO[str] = io.TextIOWrapper(self._gz or self._raw, encoding="utf-8", newline="\n")

    def commit(self) -> None:
        from ..io.atomic import umask

        try:
            self.out.flush()
            if self._gz is not None:
                self._gz.close()  # writes gzip's end; the file under it stays open
            self._raw.flush()
            os.fsync(self._raw.fileno())
            self._raw.close()
            os.chmod(self.tmp, 0o666 & ~umask())
            os.replace(self.tmp, self.target)
        except OSError as exc:
            from ..errors import write_reason

            raise SpeakeasyError(f"{self.target}: cannot write the audit ({write_reason(exc)}).") from None

    def discard(self) -> None:
        for stream in (self.out, self._raw):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _jobs(files: list[str], send_bytes: bool, errors: list[Any]) -> Iterator[Job]:
    """A job for each document: the bytes read here (``send_bytes``), or the path for the worker to read."""
    from ..errors import InputError
    from ..paths import read_file, regular_file

    for f in files:
        if not send_bytes:
            yield Job(f, os.path.abspath(f))
            continue
        try:
            regular_file(f, f)
            yield Job(f, data=read_file(f, f))
        except InputError as exc:
            errors.append((f, exc.message, exc.code))


def _batches(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    batch: list[Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def audit(plan: Plan, settings: Settings, on_skip: Any = None,
          progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Run the audit ``plan`` describes; the summary (also written to ``plan.summary``).

    ``progress`` is told (documents done, documents in all) after each document.
    The summary has ``seconds`` (how long the checking took) only in what is
    returned, not in the file, so that two runs over the same documents write
    the same summary.
    """
    from ..runner import collect_files
    from . import engines

    client = engines.connect(plan.dask) if plan.dask else None  # a bad address fails before any work
    try:
        if client is not None and plan.dask is not None:
            engines.check_workers(client, plan.dask)
        output = _StreamFile(plan.output)
        summary = Summary(plan.worst)
        try:
            started = time.perf_counter()
            files, missing = collect_files(list(plan.paths), settings, plan.follow_links, on_skip, plan.ignore_files)
            box = box_settings(settings)
            unread: list[Any] = [(e.path, e.message, e.code) for e in missing]
            batches = _batches(_jobs(files, plan.send_bytes, unread), plan.batch)
            if client is not None:
                window = max(4, 2 * sum(client.nthreads().values()))
                outcomes = engines.on_dask(batches, box, client, window)
            elif plan.jobs >= 2:
                outcomes = engines.on_processes(batches, box, plan.jobs, 2 * plan.jobs)
            else:
                outcomes = engines.serially(batches, box)
            total = len(files) + len(missing)
            for outcome in outcomes:
                for line in outcome.lines:
                    output.out.write(line + "\n")
                summary.add(outcome)
                if progress is not None:
                    progress(summary.documents, total)
                _write_unread(unread, output.out, summary)
            _write_unread(unread, output.out, summary)  # (when no document could be checked at all)
            seconds = time.perf_counter() - started
            result = summary.as_dict()
            _write_summary(plan.summary, result)
            output.commit()
        except BaseException:
            output.discard()
            raise
    finally:
        if client is not None:
            client.close()
    return dict(result, seconds=seconds)


def _write_summary(target: str, summary: dict[str, Any]) -> None:
    from ..io.atomic import write_atomically

    try:
        write_atomically(target, (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:
        from ..errors import write_reason

        raise SpeakeasyError(f"{target}: cannot write the audit's summary ({write_reason(exc)}).") from None


def _write_unread(unread: list, out: Any, summary: Any) -> None:  # type: ignore[type-arg]
    """A line, and a count in the summary, for each document that could not be read here (``--send-bytes``) or does
    not exist; ``unread`` is emptied."""
    while unread:
        outcome = error_outcome(*unread.pop())
        out.write(outcome.lines[0] + "\n")
        summary.add(outcome)
