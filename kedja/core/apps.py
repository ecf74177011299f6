from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kedja.core"
    label = "core"

    def ready(self) -> None:
        # Registers the SQLite case-folding function before any connection is opened.
        from kedja.core import search  # noqa: F401
