"""How an API request is signed in: a personal access token, or the browser session with CSRF."""

import time

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf

from kedja.api.models import ApiToken
from kedja.api.queries import usable_token
from kedja.api.ratelimit import count_request, window_end
from kedja.core.ratelimit import address_key
from kedja.organisations.models import User


class TokenAuth(HttpBearer):
    """`Authorization: Bearer kedja_…`. A token that is wrong, revoked or expired is a 401, never a
    fall-back to the session: a script should learn at once that its token stopped working."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        """Signs the token's owner in for this request; ninja keeps the token as `request.auth`."""
        usable = usable_token(token.strip())
        if usable is None:
            raise AuthenticationError(401, "Invalid, expired or revoked token")
        request.user = usable.user
        return usable


class SessionAuth(APIKeyCookie):
    """The signed-in browser session (same origin). Writes need the CSRF token, as forms do."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> User | None:
        user = getattr(request, "user", None)
        if not isinstance(user, User):  # no session, or an anonymous one
            return None
        if check_csrf(request):
            raise HttpError(403, "CSRF check failed")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> None:
        return None  # __call__ decides; the cookie value itself is Django's to check.


class PerCallerThrottle(SimpleRateThrottle):
    """Requests per token (or per session user, or per address when anonymous), in fixed windows
    counted in the database (ratelimit.py): every worker process sees the same count."""

    scope = "caller"
    cache_format = "%(ident)s"

    def allow_request(self, request: HttpRequest) -> bool:
        if self.num_requests is None or self.duration is None:
            return True
        return count_request(self.get_cache_key(request), self.duration) <= self.num_requests

    def wait(self) -> float | None:
        # Fixed windows end at the same moment for everyone, so no per-request state is needed.
        if self.duration is None:
            return None
        return window_end(self.duration, time.time()) - time.time()

    def get_cache_key(self, request: HttpRequest) -> str:
        # Authentication ran first and left what it returned (a token, or the session's user) there.
        token = getattr(request, "auth", None)
        if isinstance(token, ApiToken):
            ident = f"token-{token.pk}"
        elif getattr(request, "user", None) is not None and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"addr-{address_key(request, 'api')}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
