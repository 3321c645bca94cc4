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


@contextmanager
def gunicorn(*, python_bin: Path, env: dict, port: int, workers: int = 2, chdir: Path = ROOT):
    """The site as in production: gunicorn, DEBUG off, `workers` sync workers."""
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


@contextmanager
def nginx(*, root: Path, directory: Path, port: int, workers: int = 2):
    """nginx serving the saved pages as static files: the limit our pages are compared with."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "tmp").mkdir(exist_ok=True)
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=workers, dir=directory, port=port, root=root))
    for path in (directory, directory / "tmp", root):
        path.chmod(0o755)
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
