"""A throwaway PostgreSQL server for the tests: a cluster of its own in a temporary folder,
on a free loopback port, stopped and removed afterwards. It never touches a server of the
machine. :func:`start_server` explains in its error why a server cannot start here."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "hildprint"


class NoServer(Exception):
    """PostgreSQL cannot be started here; the message says why."""


def _bin_dir() -> Path:
    found = shutil.which("initdb") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                                                     reverse=True)), None)
    if not found:
        raise NoServer("PostgreSQL is not installed (initdb not found; ./run.sh test installs 'postgresql')")
    return Path(found).parent


def free_port() -> int:
    """A TCP port on loopback nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _demote() -> tuple[int, int] | None:
    """initdb refuses root: as root, run the server as the ``postgres`` (or ``nobody``) user."""
    if os.getuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    raise NoServer("running as root and there is neither a 'postgres' nor a 'nobody' user to run the server as")


@dataclass
class TestServer:
    """A running throwaway cluster."""

    folder: Path
    port: int
    bin_dir: Path
    user: tuple[int, int] | None
    databases: list[str] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        """The libpq URL of one database on this server."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new, empty database; its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        self.databases.append(name)
        return self.url(name)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        user = self.user
        return subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]], check=check, capture_output=True, text=True,
            user=user[0] if user else None, group=user[1] if user else None, cwd=self.folder, timeout=120,
        )

    def start(self, fsync: bool = False) -> None:
        """Start (or start again) the server on its port."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=60"
        if not fsync:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-o", options, "-w", "start")

    def kill(self) -> None:
        """Stop the server at once, as a crash would (no clean shut-down)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(fsync: bool = False) -> TestServer:
    """Initialise and start a cluster of its own; NoServer saying why when it cannot."""
    bin_dir = _bin_dir()
    user = _demote()
    folder = Path(tempfile.mkdtemp(prefix="hildprint-pg-"))
    if user:
        os.chown(folder, *user)
    server = TestServer(folder, free_port(), bin_dir, user)
    try:
        server._run("initdb", "-D", str(server.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync")
        server.start(fsync)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        log = (folder / "log").read_text(errors="replace")[-500:] if (folder / "log").exists() else ""
        detail = getattr(error, "stderr", "") or ""
        shutil.rmtree(folder, ignore_errors=True)
        raise NoServer(f"PostgreSQL did not start: {error} {detail.strip()[-300:]} {log}") from error
    return server
