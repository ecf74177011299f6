"""Calendar arithmetic shared by the apps (one owner for "n months after a day")."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (or earlier, when negative); the 31st becomes
    the last day of a shorter month, 29 February the 28th in a common year."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
