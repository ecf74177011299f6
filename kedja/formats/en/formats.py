"""English formats on top of Django's: dates stay ISO (YYYY-MM-DD) as in Swedish, so a date reads
the same in both languages and in the exports."""

DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = "Y-m-d H:i"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
