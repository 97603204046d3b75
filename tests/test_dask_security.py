"""The local Dask cluster (`batch --executor dask` without --cluster) accepts only this run:
every listener is on loopback and speaks TLS with credentials made for the run, so another local
process can neither reach the scheduler in plain TCP nor with credentials of its own, and run
no code in the workers. No dashboard listens (on :8787 or anywhere)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")
psutil = pytest.importorskip("psutil")

from distributed.security import Security  # noqa: E402

from memeaudit.batch.executors import local_cluster  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with local_cluster(2) as started:
        yield started


def _worker_addresses(cluster: Any) -> list[str]:
    """The scheduler, every worker and every nanny: each address the cluster accepts work at."""
    with distributed.Client(cluster) as client:
        workers = client.scheduler_info()["workers"]
    nannies = [w["nanny"] for w in workers.values() if w.get("nanny")]
    return [cluster.scheduler_address, *workers, *nannies]


def _plain(address: str) -> str:
    return "tcp://" + address.split("://", 1)[1]


def test_every_listener_speaks_tls_on_loopback(cluster: Any) -> None:
    addresses = _worker_addresses(cluster)
    assert len(addresses) == 5
    assert all(a.startswith("tls://127.0.0.1:") for a in addresses), addresses


def test_a_plain_tcp_client_cannot_run_code_on_the_scheduler(cluster: Any, tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    with pytest.raises((OSError, TimeoutError, distributed.comm.CommClosedError)):
        client = distributed.Client(_plain(cluster.scheduler_address), timeout=5)
        try:
            client.run(marker.touch)
        finally:
            client.close()
    assert not marker.exists()


def test_credentials_of_another_run_are_refused(cluster: Any, tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    with pytest.raises((OSError, TimeoutError, distributed.comm.CommClosedError)):
        client = distributed.Client(
            cluster.scheduler_address, security=Security.temporary(), timeout=5
        )
        try:
            client.run(marker.touch)
        finally:
            client.close()
    assert not marker.exists()


def test_no_worker_or_nanny_answers_in_plain_tcp(cluster: Any) -> None:
    async def identity(address: str) -> Any:
        async with distributed.rpc(address, timeout=5) as remote:
            return await remote.identity()

    for address in _worker_addresses(cluster):
        with pytest.raises((OSError, TimeoutError, distributed.comm.CommClosedError)):
            asyncio.run(asyncio.wait_for(identity(_plain(address)), 10))


def test_the_run_itself_still_gets_in(cluster: Any) -> None:
    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
    assert len(pids) == 2 and os.getpid() not in pids.values()


def test_no_dashboard_and_nothing_beyond_loopback(cluster: Any) -> None:
    here = psutil.Process()
    listening = [
        c.laddr
        for process in (here, *here.children(recursive=True))
        for c in process.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening, "the cluster's listeners were not found"
    assert all(address.ip == "127.0.0.1" for address in listening), listening
    assert 8787 not in {address.port for address in listening}, listening


def test_the_schedulers_http_server_serves_nothing(cluster: Any) -> None:
    """Dask starts it even without a dashboard; its pages (workers, logs, call stacks) are off."""
    import urllib.error
    import urllib.request

    port = cluster.scheduler.http_server.port
    for path in ("/info/main/workers.html", "/json/identity.json", "/metrics", "/status"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
        assert refused.value.code == 404
