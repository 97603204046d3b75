"""No network at run time: analyze and batch work with sockets blocked and with the network
unshared, and under strace they open no connection and send no packet beyond loopback (no DNS
lookup either). Models load only from installed packages (memeaudit models pull is the one
exception), and nothing is written outside memeaudit's cache and outputs: onnxruntime's
telemetry (an uploader, a device id and an event queue under ~/.cache/Microsoft/) stays off."""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "distillation-meme.png"

# Runs the CLI in a fresh process whose every attempt to open a connection or resolve a name
# raises, so any network use while engines load or run fails the command.
GUARD = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("memeaudit test: network use is forbidden")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from memeaudit.cli import main
sys.argv = ["memeaudit", *sys.argv[1:]]
main()
"""


def _guarded(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", GUARD, *args], capture_output=True, text=True, timeout=600
    )


def _unshare() -> str:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode:
        pytest.skip("unshare -n is not available here (needs root or user namespaces)")
    return unshare


@pytest.mark.slow
def test_analyze_runs_with_sockets_blocked() -> None:
    run = _guarded("analyze", str(SAMPLE), "--format", "json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert len(report["sections"]) == 5 and "24,000" in report["ocr"]["text"]
    assert {"ppocr", "all-MiniLM-L6-v2"} <= set(report["engines"])


@pytest.mark.slow
def test_batch_runs_with_sockets_blocked(tmp_path: Path) -> None:
    run = _guarded("batch", str(SAMPLE), "-o", str(tmp_path), "-j", "1")
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / "index.jsonl").read_text(encoding="utf-8"))["status"] == "ok"


@pytest.mark.slow
def test_analyze_and_batch_run_with_the_network_unshared(tmp_path: Path) -> None:
    unshare = _unshare()
    base = [unshare, "-n", sys.executable, "-m", "memeaudit"]
    run = subprocess.run([*base, "analyze", str(SAMPLE)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "## 5. Legal and Ethical Implications" in run.stdout
    images = [str(ROOT / "samples" / n) for n in ("benign-meme.png", "pii-screenshot.png")]
    run = subprocess.run(
        [*base, "batch", *images, "-o", str(tmp_path), "-j", "2"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    rows = (tmp_path / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(row)["status"] for row in rows] == ["ok", "ok"]


# strace is the referee: every connect and send of the command and of each process it starts.
TRACED = "connect,sendto,sendmsg,sendmmsg"
# AF_UNIX stays on this machine, AF_NETLINK talks to the kernel, and connect(AF_UNSPEC) only
# dissolves a socket's association. Any other family, or an IP address that is not loopback, is
# network use.
LOCAL_FAMILIES = {"AF_UNIX", "AF_NETLINK", "AF_UNSPEC"}
_CALL = re.compile(r"\b(connect|sendto|sendmsg|sendmmsg)\(")
_FAMILY = re.compile(r"sa_family=(AF_\w+)")
_ADDRESS = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6?, "([^"]+)"')


def _is_loopback(text: str) -> bool:
    address = ipaddress.ip_address(text)
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def beyond_loopback(trace: str) -> list[str]:
    """The strace lines whose call names a destination outside this machine. A send on a
    connected socket names none: its connect is the line that counts."""
    found = []
    for line in trace.splitlines():
        if not _CALL.search(line):
            continue
        families = set(_FAMILY.findall(line))
        addresses = [a or b for a, b in _ADDRESS.findall(line)]
        ip = families & {"AF_INET", "AF_INET6"}
        foreign = families - LOCAL_FAMILIES - ip
        if foreign or (ip and not all(map(_is_loopback, addresses or ["0.0.0.0"]))):
            found.append(line)
    return found


def test_the_referee_tells_loopback_from_the_network() -> None:
    """The parser on lines strace printed here when onnxruntime's telemetry looked up its host."""
    dns = (
        '9844  connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
        '9923  connect(11, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16 <unfinished ...>',
        '7965  sendto(9, "@\\360", 50, MSG_NOSIGNAL, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = 50',
        '12  sendmsg(3, {msg_name={sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("192.0.2.7")}, msg_namelen=16}, 0) = 9',
        "13  connect(4, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL)}, 20) = 0",
    )
    local = (
        '1  connect(8, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
        '2  connect(9, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
        '3  connect(9, {sa_family=AF_INET6, sin6_port=htons(1), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '4  connect(9, {sa_family=AF_INET6, sin6_port=htons(1), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '5  sendto(9, "x", 1, 0, NULL, 0) = 1',
        "6  <... connect resumed>) = 0",
        '7  connect(3, {sa_family=AF_UNSPEC, sa_data="..."}, 16) = 0',
    )
    assert beyond_loopback("\n".join(dns + local)) == list(dns)


def _strace() -> list[str]:
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed (Debian package strace; make setup installs it)")
    command = [strace, "-f", "-qq", "-e", f"trace={TRACED}", "-o", os.devnull]
    if subprocess.run([*command, "--seccomp-bpf", "true"], capture_output=True).returncode == 0:
        command.append("--seccomp-bpf")  # stops only at the traced calls: far less slow-down
    probe = subprocess.run([*command, "true"], capture_output=True, text=True)
    if probe.returncode:
        pytest.skip(f"strace cannot trace here (ptrace refused?): {probe.stderr.strip()[:200]}")
    return command


def _in_a_fresh_home(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """An empty HOME (so memeaudit's cache is HOME/.cache/memeaudit), an empty working folder
    that is also TMPDIR, and the environment to run in them."""
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_"))}
    env.update(HOME=str(home), TMPDIR=str(work), PYTHONDONTWRITEBYTECODE="1")
    return home, work, env


# The CLI after numpy is imported: a batch's local workers are then spawned, not forked.
AFTER_NUMPY = "import numpy, sys; from memeaudit.cli import run; sys.argv[0] = 'memeaudit'; run()"


def _traced(
    strace: list[str], log: Path, env: dict[str, str], cwd: Path, *args: str, spawn: bool = False
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    python = [sys.executable, *(("-c", AFTER_NUMPY) if spawn else ("-m", "memeaudit"))]
    command = [*strace, "-o", str(log), *python, *args]
    run = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=900)
    return run, beyond_loopback(log.read_text(encoding="utf-8", errors="replace"))


def _written_outside_the_cache(home: Path) -> list[str]:
    cache = home / ".cache" / "memeaudit"
    return sorted(
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p != cache and cache not in p.parents and p not in cache.parents
    )


@pytest.mark.slow
def test_analyze_and_a_local_batch_stay_on_loopback_and_write_only_their_cache(
    tmp_path: Path,
) -> None:
    strace = _strace()
    home, work, env = _in_a_fresh_home(tmp_path)
    run, network = _traced(strace, tmp_path / "analyze.trace", env, work, "analyze", str(SAMPLE))
    assert run.returncode == 0, run.stderr
    assert "## 5. Legal and Ethical Implications" in run.stdout
    assert network == [], "analyze used the network:\n" + "\n".join(network[:10])
    images = [str(ROOT / "samples" / n) for n in ("benign-meme.png", "pii-screenshot.png")]
    out = tmp_path / "out"
    run, network = _traced(
        strace, tmp_path / "batch.trace", env, work, "batch", *images, "-o", str(out), "-j", "2"
    )
    assert run.returncode == 0, run.stderr
    rows = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(row)["status"] for row in rows] == ["ok", "ok"]
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["workers_start"] == "fork"
    assert network == [], "batch -j 2 used the network:\n" + "\n".join(network[:10])
    spawned = tmp_path / "spawned"
    run, network = _traced(
        strace, tmp_path / "spawned.trace", env, work,
        "batch", *images, "-o", str(spawned), "-j", "2", spawn=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    record = json.loads((spawned / "run.json").read_text(encoding="utf-8"))
    assert record["workers_start"] == "spawn" and record["counts"]["ok"] == 2, record
    assert network == [], "spawned workers used the network:\n" + "\n".join(network[:10])
    assert not (home / ".cache" / "Microsoft").exists()
    assert _written_outside_the_cache(home) == []
    assert (home / ".cache" / "memeaudit").is_dir()  # the cache did land in the fresh HOME
    assert list(work.iterdir()) == []


@pytest.mark.slow
def test_a_dask_batch_stays_on_loopback_and_writes_only_its_cache(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    strace = _strace()
    home, work, env = _in_a_fresh_home(tmp_path)
    out = tmp_path / "out"
    run, network = _traced(
        strace, tmp_path / "dask.trace", env, work,
        "batch", str(ROOT / "samples" / "benign-meme.png"), "-o", str(out),
        "--executor", "dask", "-j", "2",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    # Without -v, Dask's INFO records (the scheduler's and workers' start and stop) are not
    # printed: the batch's own summary line is what the user reads.
    assert "distributed." not in run.stderr, run.stderr
    row = json.loads((out / "index.jsonl").read_text(encoding="utf-8"))
    assert row["status"] == "ok"
    assert network == [], "the Dask batch used the network:\n" + "\n".join(network[:10])
    assert not (home / ".cache" / "Microsoft").exists()
    assert _written_outside_the_cache(home) == []
    assert list(work.iterdir()) == []
