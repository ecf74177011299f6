"""The follow-up's fixtures (cases at each step), reused: notifications are about those cases."""

from kedja.followup.tests.conftest import *  # noqa: F403
