"""Where an audit's batches run: here, in local processes (``--jobs``), or on a Dask cluster (``--dask``).

Each takes an iterator of batches and yields outcomes as batches finish
(serially: in order; otherwise: in the order they finish).  Only ``window``
batches are in flight at once, so neither this process nor the scheduler
holds more than that many batches of documents, however many there are.

A batch whose worker dies or fails is checked again one document at a time,
and a document that fails then is checked once more with nothing else
running: only the document that makes a worker fail is an error line, and
it is never the end of the audit.
Dask is imported only for ``--dask``: it is the optional extra ``audit``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import SpeakeasyError
from .work import Job, Outcome, SettingsBox, audit_batch, error_outcome

__all__ = ["INSTALL_HINT", "on_dask", "on_processes", "serially"]

INSTALL_HINT = "--dask needs Dask, which is not installed. Install it with: pip install 'speakeasy-lint[audit]'"

Batch = list[Job]


def serially(batches: Iterable[Batch], box: SettingsBox) -> Iterator[Outcome]:
    for batch in batches:
        yield from audit_batch(batch, box)


def _failed(batch: Batch, exc: BaseException) -> list[Outcome]:
    """Each document of a batch that failed when checked alone too."""
    return [error_outcome(job.name, f"{job.name}: the worker checking this document stopped or failed "
                          f"({type(exc).__name__}: {exc}), so it was not checked.", "worker-failed")
            for job in batch]


def _windowed(batches: Iterable[Batch], window: int, submit: Callable[[Batch], Any],
              wait_one: Callable[[], tuple[Any, Batch]], result: Callable[[Any], list[Outcome]]) -> Iterator[Outcome]:
    """Keep ``window`` batches in flight; find the document that makes a batch fail, and only it fails.

    A batch that fails (its worker died, say) is split into batches of one.  A
    document that fails on its own may only have been in flight when another
    one killed the worker it shared, so it is checked once more with nothing
    else running; only if it fails then too is it an error line.
    """
    pending = iter(batches)
    retry: list[Batch] = []  # the documents of a batch that failed, each to be checked on its own
    alone: list[Batch] = []  # documents that failed on their own, to be checked with nothing else running
    alone_ids: set[int] = set()
    in_flight = 0

    def fill() -> None:
        nonlocal in_flight
        if alone_ids:  # a document is being checked with nothing else running
            return
        if alone:
            if in_flight == 0:
                batch = alone.pop()
                alone_ids.add(id(batch))
                submit(batch)
                in_flight += 1
            return  # wait for the others to finish first
        while in_flight < window:
            batch = retry.pop() if retry else next(pending, None)
            if batch is None:
                return
            submit(batch)
            in_flight += 1

    fill()
    while in_flight:
        future, batch = wait_one()
        in_flight -= 1
        last_try = id(batch) in alone_ids
        alone_ids.discard(id(batch))
        try:
            outcomes = result(future)
        except Exception as exc:  # noqa: BLE001 - a worker died, or the batch failed: never the end of the audit
            outcomes = []
            if last_try:
                outcomes = _failed(batch, exc)
            elif len(batch) == 1:
                alone.append(batch)
            else:
                retry.extend([job] for job in batch)
        yield from outcomes
        fill()


def on_processes(batches: Iterable[Batch], box: SettingsBox, jobs: int, window: int) -> Iterator[Outcome]:
    """Batches in ``jobs`` local worker processes (speakeasy's own ``--jobs``)."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    futures: dict[Future[list[Outcome]], Batch] = {}
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)

    def submit(batch: Batch) -> None:
        nonlocal pool
        try:
            futures[pool.submit(audit_batch, batch, box)] = batch
        except RuntimeError:  # the pool broke (a worker was killed): a fresh one for the rest
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
            futures[pool.submit(audit_batch, batch, box)] = batch

    def wait_one() -> tuple[Any, Batch]:
        done, _ = wait(futures, return_when=FIRST_COMPLETED)
        future = next(iter(done))
        return future, futures.pop(future)

    try:
        yield from _windowed(batches, window, submit, wait_one, lambda f: f.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def connect(address: str) -> Any:
    """A Dask client for the scheduler at ``address``, or a one-line error saying what is wrong."""
    try:
        from distributed import Client
    except ImportError:
        raise SpeakeasyError(INSTALL_HINT) from None
    try:
        return Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise SpeakeasyError(f"--dask {address}: could not reach the Dask scheduler there ({exc}). Check the "
                             "address, like tcp://10.0.0.5:8786, and that the scheduler is running.") from None


#: Seconds to wait for a first worker (a cluster that starts workers when there is work may have none yet).
WAIT_FOR_WORKERS = 60


def _worker_version() -> str:
    from ..version import __version__

    return __version__


def check_workers(client: Any, address: str) -> None:
    """Every worker can run this speakeasy, or a one-line error that says what to install (before any work)."""
    from ..version import __version__

    try:
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
    except TimeoutError:
        raise SpeakeasyError(f"--dask {address}: the scheduler had no workers after {WAIT_FOR_WORKERS} seconds. "
                             f"Start some with: dask worker {address}") from None
    try:
        versions = client.run(_worker_version)
    except Exception as exc:  # noqa: BLE001 - what a worker that cannot import speakeasy says
        raise SpeakeasyError(f"--dask {address}: the workers cannot run speakeasy ({type(exc).__name__}: {exc}). "
                             f"Install it on each worker: pip install 'speakeasy-lint[audit]=={__version__}'") from None
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise SpeakeasyError(f"--dask {address}: the workers have speakeasy {', '.join(other)}, and this computer has "
                             f"{__version__}. Install the same version everywhere, so that the results are the same.")


def on_dask(batches: Iterable[Batch], box: SettingsBox, client: Any, window: int) -> Iterator[Outcome]:
    """Batches on the Dask cluster of ``client``.  The workers need speakeasy installed (and any plugins in use)."""
    from distributed import as_completed

    shared = client.scatter(box, broadcast=True)  # sent to each worker once, not with every batch
    flight = as_completed()
    batch_of: dict[str, Batch] = {}

    def submit(batch: Batch) -> None:
        future = client.submit(audit_batch, batch, shared, pure=False)
        batch_of[future.key] = batch
        flight.add(future)

    def wait_one() -> tuple[Any, Batch]:
        future = next(flight)
        return future, batch_of.pop(future.key)

    def result(future: Any) -> list[Outcome]:
        try:
            return future.result()  # type: ignore[no-any-return]
        finally:
            future.release()

    yield from _windowed(batches, window, submit, wait_one, result)
