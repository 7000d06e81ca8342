"""`clientela run`: prepare the database under CLIENTELA_HOME and serve the whole application."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

ADMIN_USERNAME = "admin"
STOP_TIMEOUT = 15.0
READY_TIMEOUT = 60.0
POLL_INTERVAL = 0.2


def group_members(pgid: int) -> list[int]:
    """Return the ids of the live processes in process group `pgid` (empty without /proc)."""
    members = []
    proc = Path("/proc")
    if not proc.is_dir():
        return members
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses; the fields after it do not.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry.name))
    return members


def wait_for_port(host: str, port: int, timeout: float, alive) -> bool:
    """Return True once `host:port` accepts connections; False on timeout or death."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            with socket.create_connection((host, port), timeout=POLL_INTERVAL):
                return True
        except OSError:
            time.sleep(POLL_INTERVAL)
    return False


class Command(BaseCommand):
    help = _(
        "Migrate the database, create the administrator and the demo company on first run, then "
        "serve the web application with a Celery worker and beat until interrupted."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help=_("Address to listen on."))
        parser.add_argument("--port", type=int, default=8000, help=_("Port to listen on."))
        parser.add_argument("--workers", type=int, default=2, help=_("Web worker processes."))
        parser.add_argument(
            "--no-demo", action="store_true", help=_("Do not load the demo company.")
        )

    def handle(self, *args, host: str, port: int, workers: int, no_demo: bool, **options):
        self.prepare(load_demo=not no_demo)
        self.serve(host=host, port=port, workers=workers)

    def say(self, message: str, style=None) -> None:
        self.stdout.write(style(message) if style else message)
        self.stdout.flush()

    def prepare(self, *, load_demo: bool) -> None:
        """Bring the database, cache table, static files and broker up to date."""
        self.say(_("Data directory: %(home)s") % {"home": settings.HOME})
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.create_admin()
        account_model = apps.get_model("accounts", "Account")
        if load_demo and not account_model.all_objects.exists():
            self.say(_("Loading the demo company…"))
            call_command("demo", stdout=self.stdout)
        self.prepare_broker()

    def create_admin(self) -> None:
        """Create the `admin` user with a generated password when there is no user at all."""
        from clientela.users.services import user_create

        user_model = apps.get_model("users", "User")
        with transaction.atomic():
            if user_model.objects.exists():
                return
            user, password = user_create(username=ADMIN_USERNAME, role_slug="admin")
        self.say(
            _("Created the administrator %(username)s with the password: %(password)s")
            % {"username": user.username, "password": password},
            self.style.SUCCESS,
        )
        self.say(_("The password is shown this once; change it after signing in."))

    def prepare_broker(self) -> None:
        """Create the embedded broker's tables now, so the worker and beat do not race to."""
        if not str(settings.CELERY_BROKER_URL).startswith("sqla+"):
            return
        from clientela.config.celery import app as celery_app

        with celery_app.connection_for_write() as connection:
            connection.default_channel.queue_declare("celery")

    def children(self, *, host: str, port: int, workers: int) -> dict[str, list[str]]:
        """Return the command line of each process the application runs as."""
        bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        python = sys.executable
        return {
            "web": [
                python, "-m", "gunicorn", "clientela.config.wsgi:application",
                "--bind", bind, "--workers", str(workers), "--access-logfile", "-",
                "--graceful-timeout", "10", "--no-control-socket",
            ],
            "worker": [
                python, "-m", "celery", "-A", "clientela.config", "worker",
                "--concurrency", "1", "--loglevel", "INFO",
            ],
            "beat": [
                python, "-m", "celery", "-A", "clientela.config", "beat", "--loglevel", "INFO",
                "--schedule", str(settings.CELERY_BEAT_SCHEDULE_FILENAME),
            ],
        }

    def serve(self, *, host: str, port: int, workers: int) -> None:
        """Run the processes until a signal or the death of one; stop them all either way."""
        env = {
            **os.environ,
            "CLIENTELA_HOME": str(settings.HOME),
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "clientela.config.settings.base"
            ),
        }
        stop_signal: list[int] = []

        def on_signal(signum, frame) -> None:
            stop_signal.append(signum)

        previous = {
            signum: signal.signal(signum, on_signal) for signum in (signal.SIGINT, signal.SIGTERM)
        }
        processes: dict[str, subprocess.Popen] = {}
        failed = ""
        try:
            for name, command in self.children(host=host, port=port, workers=workers).items():
                processes[name] = subprocess.Popen(command, env=env)

            def all_alive() -> bool:
                return not stop_signal and all(p.poll() is None for p in processes.values())

            probe_host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
            if wait_for_port(probe_host, port, READY_TIMEOUT, all_alive):
                shown = f"[{host}]" if ":" in host else host
                self.say(
                    _("Clientela is ready at http://%(address)s/ (Ctrl-C stops it)")
                    % {"address": f"{shown}:{port}"},
                    self.style.SUCCESS,
                )
            while not stop_signal:
                dead = [name for name, p in processes.items() if p.poll() is not None]
                if dead:
                    failed = dead[0]
                    break
                time.sleep(POLL_INTERVAL)
        finally:
            self.stop(processes)
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        if failed:
            raise CommandError(
                _("The %(name)s process exited with status %(status)s; stopped the others.")
                % {"name": failed, "status": processes[failed].returncode},
                returncode=1,
            )
        self.say(_("Stopped."))

    def stop(self, processes: dict[str, subprocess.Popen]) -> None:
        """Ask every process to stop, wait for them, then kill whatever is left of the group."""
        for process in processes.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in processes.values():
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # Worker processes of a killed parent would linger in the group; none may outlive us.
        me = os.getpid()
        for pid in group_members(os.getpgrp()):
            if pid != me and self.is_descendant(pid, me):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    @staticmethod
    def is_descendant(pid: int, ancestor: int) -> bool:
        """Return True when `ancestor` started `pid` or, once orphaned, it was reparented."""
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        parent = int(stat[stat.rfind(")") + 2:].split()[1])
        return parent in (ancestor, 1)
