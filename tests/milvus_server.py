"""A real Milvus standalone server for the tests (the `milvus` PyPI package: Milvus 2.3.5's own binary), on
loopback only, started and stopped by the tests.

The binary listens on every interface (its gRPC ports bind ":port"), and its etcd, index and query nodes
on more ports. So it runs in namespaces of its own (`unshare --net --pid`): a network with nothing but a
loopback device, and a process tree that dies whole with its first process (so no `milvus run
standalone` child outlives a test, as it does when the `milvus-server` wrapper is killed). Inside, this file
as a script starts the server and serves its client port on a Unix socket; the tests' side serves that
socket on 127.0.0.1:<free port>. Where namespaces cannot be made (no privilege), the server runs directly
and the log says it listens on every interface.

    with milvus_server(tmp_path) as uri:   # http://127.0.0.1:<port>, for RAG_MILVUS_URI / Settings.milvus_uri
        ...
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):  # run as a script inside the namespaces
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.sandbox import ISOLATE, die_with_parent, loopback_up, namespaces_work  # noqa: E402

START_S = 240  # a cold start takes ~12 s alone, longer beside a model job on 2 cores
READY = "milvus-ready"


def _pump(a: socket.socket, b: socket.socket) -> None:
    try:
        while data := a.recv(65536):
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def forward(listener: socket.socket, connect: Callable[[], socket.socket]) -> threading.Thread:
    """Accept on `listener` and relay each connection's bytes both ways to a new `connect()` (until closed)."""

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # the listener was closed
            try:
                other = connect()
            except OSError:
                conn.close()
                continue
            for x, y in ((conn, other), (other, conn)):
                threading.Thread(target=_pump, args=(x, y), daemon=True).start()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    return t


@contextmanager
def milvus_server(folder: Path) -> Iterator[str]:
    """A fresh Milvus standalone server with its data in `folder`; yields its URI; stopped on exit, with every
    process it started."""
    folder.mkdir(parents=True, exist_ok=True)
    sock, log_path = folder / "client.sock", folder / "server.log"
    sock.unlink(missing_ok=True)  # left by an earlier server on this folder
    isolated = namespaces_work()
    cmd = [sys.executable, __file__, str(folder / "data"), str(sock) if isolated else ""]
    if isolated:
        cmd = [*ISOLATE, *cmd]
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent,
                            start_new_session=True)
    listener = None
    try:
        deadline = time.monotonic() + START_S
        while READY not in log_path.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Milvus server did not start: {log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        if not isolated:
            port = int(log_path.read_text().split(READY)[1].split()[0])
            print(f"warning: no namespaces here; Milvus listens on every interface (client port {port})")
            yield f"http://127.0.0.1:{port}"
            return
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)

        def to_server() -> socket.socket:
            s = socket.socket(socket.AF_UNIX)
            s.connect(str(sock))
            return s

        forward(listener, to_server)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        if listener is not None:
            listener.close()
        stop(proc)
        log.close()


def server_collections(uri: str, index_dir: Path) -> set[str]:
    """The collections one index keeps on a server (its owner tag, rag/stores/milvus.py)."""
    from pymilvus import MilvusClient

    from rag.stores.milvus import owner_tag

    c = MilvusClient(uri=uri)
    try:
        return {n for n in c.list_collections() if n.startswith(f"rag_{owner_tag(index_dir)}_")}
    finally:
        c.close()


def stop(proc: subprocess.Popen) -> None:
    """Stop the server and everything it started (its process group; in namespaces, the whole pid
    namespace dies with its first process)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


def _serve(data: str, sock: str) -> None:
    """The script's side: start the server (in the namespaces, after bringing up loopback), say READY with
    its client port, serve that port on the Unix socket `sock` (if any), and stop the server on SIGTERM."""
    from milvus import MilvusServer

    if sock:
        loopback_up()
    server = MilvusServer()
    server.set_base_dir(data)

    def bye(*_: object) -> None:
        server.stop()
        os._exit(0)

    signal.signal(signal.SIGTERM, bye)
    server.start()
    if sock:
        unix = socket.socket(socket.AF_UNIX)
        unix.bind(sock)
        unix.listen(64)
        forward(unix, lambda: socket.create_connection(("127.0.0.1", server.listen_port)))
    print(READY, server.listen_port, flush=True)
    while server.running:
        time.sleep(0.5)
    print("milvus exited", flush=True)


if __name__ == "__main__":
    _serve(sys.argv[1], sys.argv[2])
