"""`make bench`: build a large site, serve it as in production, load it, weigh it, compare it.

    .venv/bin/python -m bench.run [--seconds 3] [--items 10000] [--small 1000] [--no-postgresql]

Everything happens under BENCH_DIR (default /tmp/presence-bench): databases, a PostgreSQL of its
own on port 54350, nginx, django-wiki. Never the dev database. Results go to
bench/results/<date>.json and <date>.md; the summary is printed at the end.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench import load, peer, report, servers, weight

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = ROOT / "bench" / "results"
PORT_SITE, PORT_NGINX, PORT_PEER, PORT_PROXY = 8761, 8762, 8763, 8764
SECRET = "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Présence benchmark (issue 7)")
    parser.add_argument("--seconds", type=float, default=3, help="wrk duration per address")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="site size for growth")
    parser.add_argument("--no-postgresql", action="store_true")
    parser.add_argument("--no-peer", action="store_true")
    args = parser.parse_args(argv)
    # Stopped (Ctrl+C, kill): leave through the `finally` blocks that stop our servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    work = Path(os.environ.get("BENCH_DIR", "/tmp/presence-bench"))
    _tools_needed()
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "settings": {
            "seconds_per_address": args.seconds,
            "items": args.items,
            "small": args.small,
        },
        "generation": {},
        "databases": {},
    }
    date = results["date"][:10]
    partial = RESULTS / f"{date}.tmp"

    def save():
        RESULTS.mkdir(exist_ok=True)
        partial.write_text(json.dumps(results, indent=1, ensure_ascii=False))

    # Growth first: the small site, 16 connections.
    print(f"== SQLite, {args.small} items (growth)", flush=True)
    env = _site_env(work / "sqlite-small")
    results["generation"]["sqlite-small"] = _build(env, args.small)
    with servers.gunicorn(python_bin=PYTHON, env=env, port=PORT_SITE) as base:
        pages = _pages(env, base)
        results["growth_small"] = _load_pages(pages, base, args.seconds, (16,))
    save()

    print(f"== SQLite, {args.items} items", flush=True)
    env = _site_env(work / "sqlite")
    results["generation"]["sqlite"] = _build(env, args.items)
    with servers.gunicorn(python_bin=PYTHON, env=env, port=PORT_SITE) as base:
        pages = _pages(env, base)
        results["pages"] = pages
        results["databases"]["sqlite"] = _load_pages(pages, base, args.seconds, (1, 16))
        print("   weighing the pages with Chromium", flush=True)
        results["weights"] = weight.weigh([p for p in pages if p["status"] == 200], base)
        static_dir = _save_html(pages, base, work / "static-pages")
        article = _article(env, pages)
        print("== nginx caching in front of gunicorn (10 s micro-cache)", flush=True)
        with servers.nginx(
            root=static_dir, directory=work / "nginx-proxy", port=PORT_PROXY, upstream=base
        ) as proxy:
            results["nginx_proxy_cache"] = _load_pages(pages, proxy, args.seconds, (16,))
    save()

    print("== nginx serving the same HTML as static files", flush=True)
    with servers.nginx(root=static_dir, directory=work / "nginx", port=PORT_NGINX) as base:
        results["nginx"] = {
            page["key"]: load.wrk(
                f"{base}/{page['key']}.html", connections=16, seconds=args.seconds
            )
            for page in pages
            if page["status"] == 200
        }
    save()

    if not args.no_peer and article:
        print("== django-wiki (the peer) serving the same article", flush=True)
        results["peer"] = _peer(work / "peer", article, args.seconds)
        save()

    if not args.no_postgresql:
        print(f"== PostgreSQL, {args.items} items", flush=True)
        with servers.postgresql(work / "postgresql") as database_url:
            env = _site_env(work / "pg", database_url)
            results["generation"]["postgresql"] = _build(env, args.items)
            with servers.gunicorn(python_bin=PYTHON, env=env, port=PORT_SITE) as base:
                pg_pages = _pages(env, base)
                results["databases"]["postgresql"] = _load_pages(
                    pg_pages, base, args.seconds, (1, 16)
                )
        save()

    results["machine"]["load_after"] = os.getloadavg()
    results["run_seconds"] = round(time.monotonic() - started)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{date}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    summary = report.markdown(results)
    (RESULTS / f"{date}.md").write_text(summary)
    partial.unlink(missing_ok=True)
    print(summary)


def _tools_needed() -> None:
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"make bench needs {' and '.join(missing)}: apt-get install -y nginx wrk")
    print(f"== Installing {' '.join(missing)}: apt-get install -y nginx wrk (run as root)")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx", "wrk"], check=True)


def _machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory) / 1024 / 1024),
        "system": platform.platform(),
        "python": platform.python_version(),
        "load_before": os.getloadavg(),
    }


def _site_env(var_dir: Path, database_url: str = "") -> dict:
    if var_dir.exists():
        shutil.rmtree(var_dir)
    var_dir.mkdir(parents=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        PRESENCE_VAR_DIR=str(var_dir),
        DEBUG="false",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


def _build(env: dict, items: int) -> dict:
    """A fresh database: migrations, shipped content, then the generated volume."""
    started = time.monotonic()
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "createcachetable")
    _manage(env, "load_content")
    _manage(env, "collectstatic", "--noinput", "-v0")
    prepared = time.monotonic() - started
    output = subprocess.run(
        [
            str(PYTHON),
            "-m",
            "bench.generate",
            f"--tools={items}",
            f"--articles={items}",
            f"--workshops={items // 10}",
            f"--registrations={items * 5}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if output.returncode:
        sys.exit(f"the generation failed:\n{output.stderr[-4000:]}")
    output = output.stdout
    print(output, end="", flush=True)
    steps = {}
    for line in output.splitlines():
        name, _colon, value = line.strip().rpartition(": ")
        if value.endswith(" s") and name and name != "generation":
            steps[name] = float(value[:-2])
    return {
        "migrate_and_content_s": round(prepared, 1),
        "generate_s": round(time.monotonic() - started - prepared, 1),
        "steps_s": steps,
    }


def _pages(env: dict, base: str) -> list[dict]:
    """The main pages, with their status: 404 means the section does not exist yet."""
    output = subprocess.run(
        [str(PYTHON), "-m", "bench.pages"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = json.loads(output)
    for page in pages:
        try:
            with urllib.request.urlopen(base + page["url"]) as response:
                page["status"] = response.status
        except urllib.error.HTTPError as error:
            page["status"] = error.code
        if page["status"] != 200:
            print(f"   {page['label']}: {page['url']} answers {page['status']}: absent")
    return pages


def _load_pages(pages, base, seconds, connection_counts) -> dict:
    results = {}
    for page in pages:
        if page["status"] != 200:
            results[page["key"]] = {"absent": True, "status": page["status"]}
            continue
        url = base + page["url"]
        _drain(url)
        load.wrk(url, connections=2, seconds=1)  # warm both workers' caches
        results[page["key"]] = {
            f"c{n}": load.wrk(url, connections=n, seconds=seconds) for n in connection_counts
        }
        last = results[page["key"]][f"c{connection_counts[-1]}"]
        print(
            f"   {page['label']:<28} {last['rps']:>7} req/s  p95 {last['p95_ms']} ms"
            f" @{last['connections']}",
            flush=True,
        )
    return results


def _drain(url: str) -> None:
    """Wait until the requests a previous wrk run left in the server's queue are answered: a
    slow page must not steal the next page's measure."""
    for _ in range(2):
        urllib.request.urlopen(url, timeout=300).read()


def _save_html(pages, base, directory: Path) -> Path:
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for page in pages:
        if page["status"] == 200:
            body = urllib.request.urlopen(base + page["url"]).read()
            path = directory / f"{page['key']}.html"
            path.write_bytes(body)
            path.chmod(0o644)
    return directory


def _article(env, pages) -> dict | None:
    article = next(p for p in pages if p["key"] == "article")
    if article["status"] != 200:
        return None
    output = subprocess.run(
        [str(PYTHON), "-m", "bench.pages", "--article", article["url"]],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def _peer(directory: Path, article: dict, seconds: float) -> dict:
    if directory.exists():
        shutil.rmtree(directory)
    python, path = peer.setup(directory, article)
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "peer.settings"}
    results = {"article_path": path}
    with servers.gunicorn(python_bin=python, env=env, port=PORT_PEER, chdir=directory) as base:
        for key, url in (("article", base + path), ("history", base + path + "_history/")):
            load.wrk(url, connections=2, seconds=1)
            results[key] = {f"c{n}": load.wrk(url, connections=n, seconds=seconds) for n in (1, 16)}
            html = urllib.request.urlopen(url).read()
            results[key]["html_bytes"] = len(html)
            print(f"   django-wiki {key}: {results[key]['c16']['rps']} req/s @16", flush=True)
    return results


if __name__ == "__main__":
    main()
