from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kedja.core"
    label = "core"

    def ready(self) -> None:
        # Registers the SQLite case-folding function before any connection is opened.
        from django.contrib.auth.signals import user_logged_in

        from kedja.core import search  # noqa: F401
        from kedja.core.middleware import SessionTimeoutMiddleware

        user_logged_in.connect(SessionTimeoutMiddleware.start, dispatch_uid="kedja_session_start")
