from django.http import HttpRequest

from kedja.organisations.queries import actor_for


def navigation(request: HttpRequest) -> dict:
    """The signed-in user's roles, for the navigation and role-dependent buttons."""
    return {"actor": actor_for(request.user)}
