import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "gui"))

from hecha_fixtures import no_dialogs, reports_dir, settings, window, ws_path  # noqa: E402, F401
