import time

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Swedish unless the user chose English with the language switch.

    The browser's Accept-Language is ignored on purpose: the collaboration works in Swedish,
    and a page should not change language because of how a shared computer is set up.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code


class RefuseNullCharactersMiddleware:
    """A NUL character in a query string or form value is a 400, never a server error.

    PostgreSQL cannot store or compare text containing NUL, so a filter like `?q=%00` would
    otherwise fail deep inside a query. Forms already refuse it; this covers raw parameters.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = [request.GET]
        if request.method == "POST":
            params.append(request.POST)
        for query in params:
            for key, values in query.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL character in a parameter")
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_MINUTES without a request or SESSION_MAX_HOURS after sign-in.

    The last request time is written at most once a minute, so ordinary browsing does not save
    the session on every request.
    """

    STARTED, SEEN = "kedja_signed_in_at", "kedja_seen_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    @classmethod
    def start(cls, sender, request, user, **kwargs) -> None:
        """On sign-in (user_logged_in): the clocks start, saved with the new session."""
        now = int(time.time())
        request.session[cls.STARTED] = request.session[cls.SEEN] = now

    def _check(self, request) -> None:
        now, session = int(time.time()), request.session
        started, seen = session.setdefault(self.STARTED, now), session.get(self.SEEN, now)
        idle = now - seen > settings.SESSION_IDLE_MINUTES * 60
        if idle or now - started > settings.SESSION_MAX_HOURS * 3600:
            logout(request)
        elif now - seen >= 60:
            session[self.SEEN] = now


class NoStoreWhenSignedInMiddleware:
    """Pages and downloads for a signed-in user are never kept by the browser or a proxy.

    Applies to every response a signed-in user gets, so confidential documents served by any view
    (now or later) are covered without each view remembering it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
