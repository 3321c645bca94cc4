"""Load one address with wrk and read its measures (bench/latency.lua prints them as JSON)."""

import json
import subprocess
from pathlib import Path

LUA = Path(__file__).with_name("latency.lua")


def wrk(url: str, *, connections: int, seconds: float) -> dict:
    """Requests per second and latency percentiles (ms) of `url` under `connections`."""
    threads = 1 if connections == 1 else 2
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line.removeprefix("BENCH "))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "connections": connections,
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1),
        "p50_ms": round(raw["p50"] / 1000, 2),
        "p95_ms": round(raw["p95"] / 1000, 2),
        "p99_ms": round(raw["p99"] / 1000, 2),
        "max_ms": round(raw["max"] / 1000, 2),
        "errors": raw["non_2xx"] + raw["socket_errors"],
    }
