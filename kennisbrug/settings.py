"""Kennisbrug settings: one module, everything from the environment.

The defaults run the embedded product on a laptop (SQLite under var/, DEBUG on).
With KENNISBRUG_PRODUCTION=true the site refuses to start without a secret key and
allowed hosts. Every variable is listed in docs/settings.md; a test keeps that true.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from kennisbrug.lib.env import (
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KENNISBRUG_VAR_DIR", str(BASE_DIR / "var")))


def _setting(reader, *args):
    """Turn a malformed environment value into Django's configuration error."""
    try:
        return reader(*args)
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from None


PRODUCTION = _setting(env_bool, "KENNISBRUG_PRODUCTION", False)
DEBUG = _setting(env_bool, "DEBUG", not PRODUCTION)


def _secret_key() -> str:
    key = _setting(env_secret, "SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production.")
    # A laptop gets a random key kept under var/, so nobody writes a secrets file by hand.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _setting(
    env_list, "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = _setting(env_list, "CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "kennisbrug.core",
    "kennisbrug.registry",
    "kennisbrug.themes",
    "kennisbrug.projects",
    "kennisbrug.products",
    "kennisbrug.interventions",
    "kennisbrug.accounts",
    "kennisbrug.audit",
    "kennisbrug.interchange",
    "kennisbrug.thesaurus",
    "kennisbrug.search",
    "kennisbrug.demo",
    "kennisbrug.programmes",
    "kennisbrug.radar",
    "kennisbrug.front",
    "kennisbrug.monitoring",
    "kennisbrug.bridge",
    "kennisbrug.readiness",
    "kennisbrug.experts",
    "kennisbrug.network",
    "kennisbrug.api",
    "kennisbrug.oai",
    "kennisbrug.feeds",
    "kennisbrug.harvest",
    "kennisbrug.exports",
    "kennisbrug.events",
    "kennisbrug.news",
    "kennisbrug.newsletter",
    "kennisbrug.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kennisbrug.front.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kennisbrug.audit.middleware.AuditActorMiddleware",
]

ROOT_URLCONF = "kennisbrug.urls"
WSGI_APPLICATION = "kennisbrug.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kennisbrug" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database: one variable chooses the engine -------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kennisbrug.db'}")
_database = _setting(parse_database_url, DATABASE_URL)
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
        # the start of a transaction so two writers queue instead of failing mid-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        " PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": _setting(env_int, "SQLITE_BUSY_TIMEOUT", 20),
    }
    _database["TEST"] = {"NAME": str(VAR_DIR / "test-kennisbrug.db")}
else:
    _database["CONN_MAX_AGE"] = _setting(env_int, "DATABASE_CONN_MAX_AGE", 60)
    _database["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Language: Dutch first, English available --------------------------------------------
LANGUAGE_CODE = "nl"
# Each language is named in itself, so a visitor recognises their own.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "kennisbrug" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "kennisbrug" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Attachments larger than this are refused at upload.
ATTACHMENT_MAX_BYTES = _setting(env_int, "ATTACHMENT_MAX_MB", 25) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

# --- E-mail ------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = _setting(env_int, "EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _setting(env_secret, "EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = _setting(env_bool, "EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kennisbrug <kennisbrug@localhost>")

# --- Security in production --------------------------------------------------------------
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}


# --- Monitoring: the rules the network sets for its werkplaatsen -------------------------
def env_decimal(name: str, default: str):
    from decimal import Decimal, InvalidOperation

    text = env_str(name, default)
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{name} must be a decimal number like {default}, not {text!r}") from None


# Co-financing (hours valued at the rate, plus money) per euro of subsidy, at least.
MONITORING_MIN_COFINANCING_RATIO = _setting(env_decimal, "MONITORING_MIN_COFINANCING_RATIO", "0.50")
# Share of the subsidy for nationally relevant projects ("around 10%").
MONITORING_NATIONAL_SHARE = _setting(env_decimal, "MONITORING_NATIONAL_SHARE", "0.10")
# Euros per co-financed hour when a ledger line gives no rate of its own.
MONITORING_HOURLY_RATE = _setting(env_decimal, "MONITORING_HOURLY_RATE", "75.00")
# The network report lists at most this many projects and products per section.
MONITORING_REPORT_MAX_ITEMS = _setting(env_int, "MONITORING_REPORT_MAX_ITEMS", 100)
# --- Static files: fingerprinted and cached --------------------------------------------------
# WhiteNoise serves /static/ from the application itself. In production the files carry a hash
# of their content in their name (collectstatic with the manifest storage), so browsers may keep
# them for a year. In development `kennisbrug serve` serves the source folders itself.
if not DEBUG:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# --- API ---------------------------------------------------------------------------------
# Requests per minute: per address without a token, per token with one (0 = no limit).
API_RATE_LIMIT = _setting(env_int, "API_RATE_LIMIT", 120)
API_RATE_LIMIT_TOKEN = _setting(env_int, "API_RATE_LIMIT_TOKEN", 600)

# --- OAI-PMH provider --------------------------------------------------------------------
OAI_PAGE_SIZE = _setting(env_int, "OAI_PAGE_SIZE", 100)
OAI_ADMIN_EMAIL = env_str("OAI_ADMIN_EMAIL", "kennisbrug@localhost")
# The namespace in oai:<identifier>:<source>/<source_id>; the SITE_URL's host by default.
OAI_REPOSITORY_IDENTIFIER = env_str("OAI_REPOSITORY_IDENTIFIER", "")
# --- Dissemination: events, newsletter, privacy ------------------------------------------
# Registrations of events that ended longer ago than this are anonymised by `anonymise`.
REGISTRATION_RETENTION_DAYS = _setting(env_int, "REGISTRATION_RETENTION_DAYS", 90)
