"""The servers of a benchmark run: gunicorn, PostgreSQL, nginx. Each is started and stopped by the
run itself, on loopback ports of its own, with its files under the run's directory."""

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_PORT = 54350


def wait_http(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    """Stop a server started by this run (its own process group only)."""
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)


def ensure_free(port: int) -> None:
    """Refuse to measure whatever else answers on our port (a server left by an earlier run)."""
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is already in use: stop what listens there first")


@contextmanager
def gunicorn(*, python_bin: Path, env: dict, port: int, workers: int = 2, chdir: Path = ROOT):
    """The site as in production: gunicorn, DEBUG off, `workers` sync workers."""
    ensure_free(port)
    log = open(Path(env.get("PRESENCE_VAR_DIR", "/tmp")) / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(python_bin.parent / "gunicorn"),
            "config.wsgi" if chdir == ROOT else "peer.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=chdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)
        log.close()


@contextmanager
def postgresql(directory: Path):
    """A PostgreSQL of the run's own (port 54350, data under `directory`), as .ci/run does."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    pg_bin = bins[-1]
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    shutil.chown(directory, "postgres", "postgres")

    def as_postgres(command: str) -> None:
        subprocess.run(
            ["su", "postgres", "-s", "/bin/bash", "-c", command],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    as_postgres(
        f"{pg_bin}/initdb -D '{directory}/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8"
    )
    as_postgres(
        f"{pg_bin}/pg_ctl -D '{directory}/data' -l '{directory}/log' "
        f'-o "-h 127.0.0.1 -p {PG_PORT} -k {directory}" -w start'
    )
    try:
        for sql in (
            "CREATE ROLE presence LOGIN PASSWORD 'presence' CREATEDB SUPERUSER;",
            "CREATE DATABASE presence OWNER presence;",
        ):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "-q", "-c", sql],
                check=True,
            )
        yield f"postgres://presence:presence@127.0.0.1:{PG_PORT}/presence"
    finally:
        as_postgres(f"{pg_bin}/pg_ctl -D '{directory}/data' -m fast stop")


NGINX_CONF = """
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    default_type text/html;
    client_body_temp_path {dir}/tmp;
    proxy_temp_path {dir}/tmp;
    fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp;
    scgi_temp_path {dir}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ try_files $uri =404; }}
    }}
}}
"""


# The reverse proxy of README "Benchmark": pages for readers without cookies are kept 10 s
# (a "micro-cache"); a request with a cookie, or a response that sets one, is never cached.
NGINX_PROXY_CONF = """
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/tmp;
    proxy_temp_path {dir}/tmp;
    fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp;
    scgi_temp_path {dir}/tmp;
    proxy_cache_path {dir}/cache levels=1:2 keys_zone=pages:10m max_size=200m inactive=10m;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass {upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_cache pages;
            proxy_cache_key $scheme$host$request_uri;
            proxy_cache_valid 200 10s;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            proxy_cache_bypass $http_cookie $http_authorization;
            proxy_no_cache $http_cookie $http_authorization;
        }}
    }}
}}
"""


@contextmanager
def nginx(*, root: Path, directory: Path, port: int, workers: int = 2, upstream: str = ""):
    """nginx serving the saved pages as static files (the limit our pages are compared with),
    or, given an `upstream`, as a caching reverse proxy in front of gunicorn."""
    ensure_free(port)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "tmp").mkdir(exist_ok=True)
    (directory / "cache").mkdir(exist_ok=True)
    conf = directory / "nginx.conf"
    template = NGINX_PROXY_CONF if upstream else NGINX_CONF
    conf.write_text(
        template.format(workers=workers, dir=directory, port=port, root=root, upstream=upstream)
    )
    for path in (directory, directory / "tmp", directory / "cache", root):
        path.chmod(0o777 if path.name in ("tmp", "cache") else 0o755)
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)
