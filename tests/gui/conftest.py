from hecha_fixtures import add_reports, no_dialogs, reports_dir, settings, window, ws_path  # noqa: F401
