from hecha_fixtures import add_reports, no_dialogs, reports_dir, settings, window, ws_path  # noqa: F401
from tablecheck_fixtures import win  # noqa: F401
