"""Configuration read from environment variables, in one place."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from surveyapp.organiser import OrganiserConfigError, load_organiser

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "dev-only-insecure-secret-key"


class ConfigError(Exception):
    """A setting is missing or wrong; the message names the variable and the problem."""


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}: expected a whole number, got {raw!r}") from exc


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: str) -> dict[str, object]:
    """Build the settings mapping from environment variables.

    Every variable the app reads is listed here and in the README.
    """
    instance = Path(instance_path)
    try:
        organiser = load_organiser(os.environ)
    except OrganiserConfigError as error:
        raise ConfigError(str(error)) from None
    default_db = f"sqlite:///{instance / 'surveyapp.db'}"
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _read_secret_file(instance),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(
            os.environ.get("DATABASE_URL") or default_db
        ),
        "SURVEYAPP_BASE_URL": os.environ.get("SURVEYAPP_BASE_URL", "http://127.0.0.1:5000"),
        "SURVEYAPP_QUESTIONNAIRES": os.environ.get(
            "SURVEYAPP_QUESTIONNAIRES", str(PROJECT_ROOT / "questionnaires")
        ),
        "SURVEYAPP_REPORTS": os.environ.get("SURVEYAPP_REPORTS", str(PROJECT_ROOT / "reports")),
        "SURVEYAPP_DEFAULT_K": _env_int("SURVEYAPP_DEFAULT_K", 3),
        "SURVEYAPP_ORGANISER": organiser.name,
        "SURVEYAPP_ORGANISER_INFO": organiser,
        "SURVEYAPP_RETENTION_DAYS": _env_int("SURVEYAPP_RETENTION_DAYS", 180),
        "SURVEYAPP_PROXIES": _env_int("SURVEYAPP_PROXIES", 0),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _env_bool("RATELIMIT_ENABLED", True),
        "SESSION_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", True),
        "REMEMBER_COOKIE_SECURE": _env_bool("SESSION_COOKIE_SECURE", True),
    }


def _read_secret_file(instance: Path) -> str:
    """Return the key in ``instance/secret_key`` (written by ``make demo``), else the dev key."""
    path = instance / "secret_key"
    try:
        key = path.read_text(encoding="utf-8").strip()
    except OSError:
        return DEV_SECRET_KEY
    return key or DEV_SECRET_KEY


def normalise_database_url(uri: str) -> str:
    """Let ``postgres://`` and ``postgresql://`` mean the psycopg 3 driver we install."""
    for prefix in ("postgres://", "postgresql://"):
        if uri.startswith(prefix):
            return "postgresql+psycopg://" + uri[len(prefix) :]
    return uri


def check(config: dict[str, object] | object, *, debug: bool) -> None:
    """Refuse settings that would run the app unsafely or not at all."""
    get = config.get
    uri = str(get("SQLALCHEMY_DATABASE_URI"))
    try:
        url = make_url(normalise_database_url(uri))
    except ArgumentError:
        raise ConfigError(
            "DATABASE_URL: not a database URL; expected e.g. "
            "postgresql+psycopg://user@host/dbname or sqlite:////path/to/file.db"
        ) from None
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ConfigError(
            f"DATABASE_URL: unsupported database {url.get_backend_name()!r}; "
            "use sqlite or postgresql+psycopg"
        )
    if url.get_backend_name() == "postgresql" and "+" in url.drivername:
        if url.get_driver_name() != "psycopg":
            raise ConfigError("DATABASE_URL: use the psycopg 3 driver: postgresql+psycopg://…")
    if not debug and not get("TESTING") and get("SECRET_KEY") == DEV_SECRET_KEY:
        raise ConfigError(
            "SECRET_KEY: the built-in development key is refused outside debug mode; "
            "set SECRET_KEY to a long random value"
        )


def check_workers(workers: int) -> None:
    """Refuse several worker processes that would each keep their own rate-limit counts.

    With ``memory://`` every process counts alone, so N workers would allow N times every
    limit the README states; a shared storage (Redis) or a single worker keeps them true.
    """
    if workers <= 1 or not _env_bool("RATELIMIT_ENABLED", True):
        return
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if storage.startswith("memory://"):
        raise ConfigError(
            f"RATELIMIT_STORAGE_URI: {workers} workers on memory:// would each count rate "
            f"limits alone (every limit {workers} times as high); set "
            "RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379 or run one worker"
        )
