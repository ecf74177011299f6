"""Kedja settings. Production differs from the demo only by environment variables."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from kedja.env import env_bool, env_int, env_list, env_str, origin

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
# The secret key has a development default only while DEBUG is on.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # Listed so its docs page renders Swagger UI from its own static files, not from a CDN.
    "ninja",
    # kedja.core before django_tasks_db: its db_worker command replaces upstream's.
    "kedja.core",
    "django_tasks_db",
    "kedja.organisations",
    "kedja.reference",
    "kedja.contracts",
    "kedja.suppliers",
    "kedja.risk",
    "kedja.followup",
    "kedja.plans",
    "kedja.training",
    "kedja.reports",
    "kedja.grievance",
    "kedja.notifications",
    "kedja.watchlists",
    "kedja.demo",
    "kedja.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kedja.core.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kedja.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kedja.core.middleware.SessionTimeoutMiddleware",
    "kedja.core.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kedja.urls"
WSGI_APPLICATION = "kedja.wsgi.application"
ASGI_APPLICATION = "kedja.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kedja.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A restarted PostgreSQL costs no failed request: stale connections are replaced first.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite that never answers "database is locked" to ordinary use: WAL lets readers run
    # beside the one writer, IMMEDIATE takes the write lock when a transaction starts (a
    # deferred read-then-write transaction cannot wait for it and fails at once), and the
    # busy timeout makes writers queue for it instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: PostgreSQL compiles a statement whose estimated cost is high, and the
    # estimates of correlated subqueries are; the follow-up dashboard's country filter spent
    # 322 of its 478 ms compiling at the national maximum. Kedja's statements are short.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
# Argon2id first (Django's Argon2 hasher with OWASP's parameters, see organisations/hashers.py):
# a sign-in costs a small fraction of PBKDF2's CPU and releases the GIL, so a room signing in at
# once does not freeze other pages (bench/signin_burst.py). Hashes made by the hashers below are
# still accepted and are upgraded at the user's next sign-in.
PASSWORD_HASHERS = [
    "kedja.organisations.hashers.KedjaArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Lockout after repeated failed logins (per e-mail address), see organisations/lockout.py.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Failed sign-ins and workshop joins counted per network address, see core/ratelimit.py.
ADDRESS_FAILURE_LIMIT = env_int("ADDRESS_FAILURE_LIMIT", 20)
ADDRESS_FAILURE_MINUTES = env_int("ADDRESS_FAILURE_MINUTES", 15)
# A session ends after this long without a request, and at the latest this long after sign-in
# (core/middleware.py); the cookie does not outlive it either.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 8 * 60)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS: list = []
# Dates as ÅÅÅÅ-MM-DD in both languages (kedja/formats). Numbers are grouped only where a template
# asks for it (core/numbers.py): a global USE_THOUSAND_SEPARATOR would also group years and ids.
FORMAT_MODULE_PATH = ["kedja.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str("STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
# In DEBUG, WhiteNoise serves straight from the app folders so no collectstatic is needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
KEDJA_UPLOAD_MAX_BYTES = env_int("KEDJA_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# What an uploaded XLSX may unpack to before Kedja refuses it unparsed (zip bombs).
KEDJA_XLSX_MAX_UNPACKED_BYTES = env_int("KEDJA_XLSX_MAX_UNPACKED_BYTES", 500 * 1024 * 1024)
# Spend files from finance systems are large; they stream to disk and are screened in the background.
# Watch lists are whole published lists (OpenSanctions' sanctions export is hundreds of megabytes).
KEDJA_WATCHLIST_MAX_BYTES = env_int("KEDJA_WATCHLIST_MAX_BYTES", 1024 * 1024 * 1024)
KEDJA_SPEND_MAX_BYTES = env_int("KEDJA_SPEND_MAX_BYTES", 2 * 1024 * 1024 * 1024)
# How long a supplier's submitted self-assessment serves new cases (months), and how many days
# before a self-assessment or library document expires the supplier and case teams are told.
KEDJA_SELF_ASSESSMENT_VALID_MONTHS = env_int("KEDJA_SELF_ASSESSMENT_VALID_MONTHS", 12)
KEDJA_EXPIRY_NOTICE_DAYS = env_int("KEDJA_EXPIRY_NOTICE_DAYS", 30)
# Retention (gallring): how many years after a case closed its documents' files are kept before
# `manage.py thin_case_documents --confirm` may remove them; the records and checksums stay.
KEDJA_CASE_DOCUMENT_RETENTION_YEARS = env_int("KEDJA_CASE_DOCUMENT_RETENTION_YEARS", 10)
# §4.5: governing documents are revised within one to two years. A library policy, code or risk
# analysis issued longer ago than the first is "due for revision", than the second "out of date".
KEDJA_DOCUMENT_REVISION_DUE_MONTHS = env_int("KEDJA_DOCUMENT_REVISION_DUE_MONTHS", 12)
KEDJA_DOCUMENT_OUT_OF_DATE_MONTHS = env_int("KEDJA_DOCUMENT_OUT_OF_DATE_MONTHS", 24)

# The demo prints e-mail on the console; production sends it over SMTP unless told otherwise.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": {}}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
elif EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kedja@localhost")
# The right-hand side of the Message-IDs Kedja gives its invitations (bounces are matched by them).
KEDJA_MAIL_DOMAIN = env_str("KEDJA_MAIL_DOMAIN", DEFAULT_FROM_EMAIL.rpartition("@")[2])
KEDJA_BASE_URL = env_str("KEDJA_BASE_URL", "http://127.0.0.1:8000")

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Single sign-on with OpenID Connect (organisations/sso.py): on when an issuer and a client id are
# set. The button on the sign-in page names the provider. Group memberships are granted from the
# group claim only for the groups listed, e.g. "kedja-skane-officers=region-skane:officer".
KEDJA_OIDC_ISSUER = env_str("KEDJA_OIDC_ISSUER", "").rstrip("/")
KEDJA_OIDC_CLIENT_ID = env_str("KEDJA_OIDC_CLIENT_ID", "")
KEDJA_OIDC_CLIENT_SECRET = env_str("KEDJA_OIDC_CLIENT_SECRET", "")
KEDJA_OIDC_NAME = env_str("KEDJA_OIDC_NAME", "")
KEDJA_OIDC_SCOPES = env_str("KEDJA_OIDC_SCOPES", "openid email profile")
KEDJA_OIDC_GROUP_CLAIM = env_str("KEDJA_OIDC_GROUP_CLAIM", "groups")
KEDJA_OIDC_GROUP_MEMBERSHIPS = env_list("KEDJA_OIDC_GROUP_MEMBERSHIPS", [])

# Requests per personal access token (or session user) to the REST API, e.g. "600/m".
KEDJA_API_RATE = env_str("KEDJA_API_RATE", "600/m")
# Prefix of the OCDS ids (ocid) Kedja gives exported contracts; register one with the Open
# Contracting Partnership before publishing (https://standard.open-contracting.org/latest/en/schema/identifiers/).
KEDJA_OCID_PREFIX = env_str("KEDJA_OCID_PREFIX", "ocds-kedja")

# The grievance channel (kedja/grievance). Languages: Swedish and English always; the others appear
# on the public pages once a translator adds kedja/grievance/locale/<locale>/ (see languages.py).
KEDJA_GRIEVANCE_LANGUAGES = env_list(
    "KEDJA_GRIEVANCE_LANGUAGES", ["sv", "en", "ms", "ur", "bn", "zh-hans", "vi"]
)
# A Fernet key for the reporters' contact details; empty derives one from SECRET_KEY (crypto.py).
KEDJA_GRIEVANCE_CONTACT_KEY = env_str("KEDJA_GRIEVANCE_CONTACT_KEY", "")
KEDJA_GRIEVANCE_ACKNOWLEDGE_DAYS = env_int("KEDJA_GRIEVANCE_ACKNOWLEDGE_DAYS", 7)
KEDJA_GRIEVANCE_DECIDE_DAYS = env_int("KEDJA_GRIEVANCE_DECIDE_DAYS", 30)
KEDJA_GRIEVANCE_SUPPLIER_RESPOND_DAYS = env_int("KEDJA_GRIEVANCE_SUPPLIER_RESPOND_DAYS", 30)
KEDJA_GRIEVANCE_UPLOAD_MAX_BYTES = env_int("KEDJA_GRIEVANCE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Requests per client address and window (counted under a truncated keyed hash, never the address).
KEDJA_GRIEVANCE_RATE_LIMITS = {"report": 5, "message": 10, "lookup": 10}
KEDJA_GRIEVANCE_RATE_WINDOW_MINUTES = 60
# How many reverse proxies in front of Kedja append to X-Forwarded-For. Behind a proxy without
# this, every reporter would share the proxy's address and so one rate-limit bucket.
KEDJA_PROXY_HOPS = env_int("KEDJA_PROXY_HOPS", 0)
# A public form posted sooner than this after it was shown is taken for a robot.
KEDJA_GRIEVANCE_FORM_MIN_SECONDS = env_int("KEDJA_GRIEVANCE_FORM_MIN_SECONDS", 3)
KEDJA_GRIEVANCE_FORM_MAX_SECONDS = 3 * 3600

# Security headers. The CSP allows only our own origin: htmx comes from django-htmx's
# static files and no template carries inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    # Signing out of Kedja after single sign-on goes on to the provider's end-session page.
    "form-action": [CSP.SELF, *([origin(KEDJA_OIDC_ISSUER)] if KEDJA_OIDC_ISSUER else [])],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A local trial of production settings over plain HTTP (never for real use): cookies without the
# Secure flag, no redirect to HTTPS and no HSTS. Off unless set explicitly.
ALLOW_INSECURE_HTTP = env_bool("ALLOW_INSECURE_HTTP", False)
_PLAIN_HTTP = DEBUG or ALLOW_INSECURE_HTTP
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not _PLAIN_HTTP
CSRF_COOKIE_SECURE = not _PLAIN_HTTP
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not _PLAIN_HTTP)
SECURE_HSTS_SECONDS = 0 if _PLAIN_HTTP else env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not _PLAIN_HTTP
SECURE_HSTS_PRELOAD = not _PLAIN_HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the health endpoint over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Where the open datasets and curated tables shipped with Kedja live (copied from shared/data).
KEDJA_DATA_DIR = BASE_DIR / "kedja" / "reference" / "data"
