"""Swedish formats on top of Django's: every date as ÅÅÅÅ-MM-DD (Django's default for Swedish
writes "30 november 2026" where a template prints a date without a format)."""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
