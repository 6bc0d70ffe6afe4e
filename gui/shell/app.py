"""Entry point ``hecha``: subcommands go to ``core.cli`` without loading Qt; otherwise the GUI.

``hecha --smoke-test`` checks an installed or frozen build (gui/shell/smoke.py). A windowed bundle has no
console (``sys.stdout`` is None): output and uncaught errors go to ``hecha.log`` in the user's data
folder (%LOCALAPPDATA%\\Hecha\\logs on Windows; HECHA_LOG_DIR overrides it).
"""

from __future__ import annotations

import os
import signal
import sys


def _interrupted_while_starting(_sig: int, _frame: object) -> None:
    sys.stderr.write("hecha: 已取消\n")
    os._exit(130)


# Run as the program (python -m gui.shell.app, the hecha script, the frozen app): a Ctrl+C while Python is
# still importing ends quietly instead of in a traceback. main() hands Ctrl+C back to the program.
if __name__ == "__main__" or os.path.basename(sys.argv[0]).lower().startswith("hecha"):
    signal.signal(signal.SIGINT, _interrupted_while_starting)

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing, for a quick --help)

if TYPE_CHECKING:
    import logging
    from collections.abc import Sequence
    from pathlib import Path
    from types import TracebackType

# ``hecha --help`` and the subcommands import as little as they can: logging, threading and pathlib
# are imported by the functions that use them (the window and a frozen app's log), not here.


def _log() -> logging.Logger:
    import logging

    return logging.getLogger("hecha")


def log_dir() -> Path:
    from pathlib import Path

    if os.environ.get("HECHA_LOG_DIR"):
        return Path(os.environ["HECHA_LOG_DIR"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "Hecha" / "logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "Hecha"
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "hecha" / "logs"


class _LogStream:
    """Stands in for a missing sys.stdout / sys.stderr: whole lines go to the log."""

    def __init__(self, level: int) -> None:
        self.level = level
        self._buf = ""

    def write(self, s: str) -> int:
        self._buf += s
        *lines, self._buf = self._buf.split("\n")
        for line in lines:
            _log().log(self.level, "%s", line)
        return len(s)

    def flush(self) -> None:
        pass


def _attach_console() -> None:
    """Started from cmd/PowerShell, a windowed hecha.exe writes to that console when it has one."""
    if sys.platform != "win32" or sys.stdout is not None:
        return
    try:
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = sys.stdout
    except (OSError, AttributeError):
        pass


def setup_logging() -> Path | None:
    """Log to hecha.log (rotated at 1 MB) and log every uncaught exception; returns the log file."""
    import logging
    import threading
    from logging.handlers import RotatingFileHandler

    log = _log()
    if any(getattr(h, "_hecha", False) for h in log.handlers):
        return None

    log_file = log_dir() / "hecha.log"
    path: Path | None = log_file
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_file, maxBytes=1 << 20, backupCount=3, encoding="utf-8"
        )
    except OSError:
        path, handler = None, logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._hecha = True  # type: ignore[attr-defined]
    for name in ("hecha", "core", "gui"):  # the program's own lines and what core and the window log
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    _attach_console()
    if sys.stdout is None:
        sys.stdout = _LogStream(logging.INFO)
    if sys.stderr is None:
        sys.stderr = _LogStream(logging.ERROR)
    previous = sys.excepthook

    def excepthook(t: type[BaseException], e: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught exception", exc_info=(t, e, tb))
        if not isinstance(sys.stderr, _LogStream):
            previous(t, e, tb)

    sys.excepthook = excepthook
    threading.excepthook = lambda a: log.critical(
        "uncaught exception in thread %s",
        a.thread,
        exc_info=(a.exc_type, a.exc_value, a.exc_traceback),  # type: ignore[arg-type]
    )
    return path


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # (unfrozen it does nothing: not imported, for a quick --help)
        import multiprocessing

        multiprocessing.freeze_support()  # a frozen app's spawned import workers must not start the GUI again
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if signal.getsignal(signal.SIGINT) is _interrupted_while_starting:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        from core.cli import COMMANDS

        if args and args[0] == "record":  # the review record is laid out by Qt, without a window
            from gui.signoff.record import main as record

            if getattr(sys, "frozen", False):
                setup_logging()
            return record(args[1:])
        if args and args[0] in COMMANDS:
            from core import cli

            if getattr(sys, "frozen", False):
                setup_logging()
            return cli.main(args)
        if "-h" in args or "--help" in args:  # the window's options and the subcommands, Qt not loaded
            from gui.shell.options import parse_args

            parse_args(args)
    except KeyboardInterrupt:  # Ctrl+C while the program was still starting: no traceback
        sys.stderr.write("hecha: 已取消\n")
        return 130
    setup_logging()
    _log().info(
        "hecha %s starting (%s)", " ".join(args), "frozen" if getattr(sys, "frozen", False) else "source"
    )
    if "--smoke-test" in args:
        from gui.shell.smoke import run as smoke_test

        return smoke_test(args)
    from gui.shell.main import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
