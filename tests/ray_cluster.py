"""A real two-node Ray cluster on this machine for one command, started and stopped here (tests/test_ray.py).

    python tests/ray_cluster.py TEMP_DIR [--nodes N] [--kill-worker-after S] -- COMMAND...

Starts a head node and one worker node (one CPU each; `--nodes 1`: the head alone) on 127.0.0.1:6379, runs
COMMAND with RAY_ADDRESS set, optionally SIGKILLs the worker node (its raylet) S seconds in, prints `nodes: N`
(the alive nodes before the command), COMMAND's output and `command seconds: T`, and exits with its status
after `ray stop`. Ray's processes listen on every
interface, so `run_cluster` runs this inside namespaces (tests/sandbox.py) where only loopback exists.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.sandbox import ISOLATE, die_with_parent, loopback_up, namespaces_work  # noqa: E402

ADDRESS = "127.0.0.1:6379"
WORKER_PORT = 62000  # the worker node's raylet port: how it is found to be killed
WORKER_IP = "127.0.0.2"  # the worker node's address (loopback too)
BIN = Path(sys.executable).parent


def run_cluster(temp_dir: Path, command: list[str], kill_worker_after: float | None = None,
                timeout: float = 600, nodes: int = 2, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `command` against a fresh cluster of `nodes` (1 or 2), isolated where namespaces can be made."""
    temp_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, __file__, str(temp_dir), "--nodes", str(nodes)]
    if kill_worker_after is not None:
        cmd += ["--kill-worker-after", str(kill_worker_after)]
    cmd = [*ISOLATE, *cmd] if namespaces_work() else cmd
    return subprocess.run([*cmd, "--", *command], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=die_with_parent, env={**(env or os.environ), "RAY_USAGE_STATS_ENABLED": "0"})


def _ray(*args: str) -> None:
    subprocess.run([str(BIN / "ray"), *args], check=True, capture_output=True, text=True)


def main(argv: list[str]) -> int:
    split = argv.index("--")
    own, command = argv[:split], argv[split + 1:]
    temp_dir = own[0]
    kill_after = float(own[own.index("--kill-worker-after") + 1]) if "--kill-worker-after" in own else None
    n_nodes = int(own[own.index("--nodes") + 1]) if "--nodes" in own else 2
    if os.getpid() == 1:  # inside the namespaces (the first process of its pid namespace)
        loopback_up()
    common = ["--num-cpus=1", "--disable-usage-stats", "--node-ip-address=127.0.0.1"]
    try:
        _ray("start", "--head", f"--port={ADDRESS.split(':')[1]}", "--include-dashboard=false",
             f"--temp-dir={temp_dir}", *common)
        if n_nodes > 1:  # on another loopback address, so that a driver here joins the head, never this node
            _ray("start", f"--address={ADDRESS}", f"--node-manager-port={WORKER_PORT}", "--num-cpus=1",
                 "--disable-usage-stats", f"--node-ip-address={WORKER_IP}")
            for cached in Path(temp_dir).glob("session_latest/node_ip_address.json"):  # the last `ray start` wrote it
                cached.write_text(json.dumps({"node_ip_address": "127.0.0.1"}))
        import ray

        ray.init(address=ADDRESS, log_to_driver=False, logging_level="WARNING")
        nodes = sum(1 for n in ray.nodes() if n["Alive"])
        ray.shutdown()
        print(f"nodes: {nodes}", flush=True)
        t0 = time.perf_counter()
        job = subprocess.Popen(command, env={**os.environ, "RAY_ADDRESS": ADDRESS})
        if kill_after is not None:
            time.sleep(kill_after)
            if job.poll() is None:
                subprocess.run(["pkill", "-9", "-f", f"node_manager_port={WORKER_PORT}"], check=False)
                print("killed the worker node", flush=True)
        rc = job.wait()
        print(f"command seconds: {time.perf_counter() - t0:.1f}", flush=True)
        return rc
    finally:
        subprocess.run([str(BIN / "ray"), "stop", "--force"], capture_output=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
