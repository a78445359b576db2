"""Running a real server that listens on every interface (a Milvus server, a Ray cluster) as if on loopback
only: in Linux namespaces of its own, a network with nothing but a loopback device and a process tree that
dies whole with its first process (`unshare --net --pid --mount-proc --fork --kill-child`; the test
processes started this way also die with the test run)."""

from __future__ import annotations

import ctypes
import fcntl
import shutil
import signal
import socket
import struct
import subprocess
from functools import cache

ISOLATE = ("unshare", "--net", "--pid", "--mount-proc", "--fork", "--kill-child")


@cache
def namespaces_work() -> bool:
    """Whether this machine lets the tests make namespaces (root, or unprivileged user namespaces)."""
    return shutil.which("unshare") is not None and subprocess.run(
        [*ISOLATE[:-1], "true"], capture_output=True).returncode == 0


def loopback_up() -> None:
    """Bring up `lo` in a new network namespace (SIOCGIFFLAGS / SIOCSIFFLAGS with IFF_UP)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, req + b"\0" * 22)[:18])[1]
        fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 1) + b"\0" * 22)


def die_with_parent() -> None:
    """In a child before exec: SIGKILL when the test process dies (prctl PR_SET_PDEATHSIG)."""
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)
