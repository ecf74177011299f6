"""Single sign-on with OpenID Connect against a real provider started by the tests: an officer signs
in through the region's provider and out again; unknown people, unverified e-mail addresses and ID
tokens meant for another application are refused; memberships come only from a configured mapping."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse

from kedja.core.models import AuditEntry
from kedja.organisations.models import ExternalIdentity, Membership, Role, User

from .sso_provider import provider_knows, sign_in_at_provider

pytestmark = pytest.mark.django_db


def signed_in_user(client: Client):
    return client.get(reverse("tokens:list")).context["user"]


def test_sign_in_page_offers_the_provider_in_swedish_and_english(sso, settings, client):
    swedish = client.get(reverse("login")).content.decode()
    assert "Logga in med Region Skåne" in swedish
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("login")).content.decode()
    assert "Sign in with Region Skåne" in english
    assert 'name="password"' in english, "suppliers and auditors keep their passwords"


def test_without_configuration_there_is_no_button_and_no_sign_in(client):
    assert "sso/start" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sso:start")).status_code == 404
    assert client.get(reverse("sso:callback")).status_code == 404


def test_officer_signs_in_by_verified_email_and_stays_linked(sso, personas, client):
    provider_knows(sso, "olle-4711", email="Olle@Stockholm.test", email_verified=True)
    response = sign_in_at_provider(client, sso, "olle-4711", next_url="/contracts/")
    assert response.status_code == 302 and response["Location"] == "/contracts/"
    assert signed_in_user(client) == personas.olle
    assert ExternalIdentity.objects.get(user=personas.olle).subject == "olle-4711"
    assert AuditEntry.objects.filter(action="organisations.identity.linked", actor=personas.olle).exists()
    # Later sign-ins go by the link: a changed address at the provider cannot move it to someone else.
    provider_knows(sso, "olle-4711", email=personas.stina.email, email_verified=True)
    again = Client()
    assert sign_in_at_provider(again, sso, "olle-4711").status_code == 302
    assert signed_in_user(again) == personas.olle


def test_unknown_person_is_refused_and_no_account_is_created(sso, personas, client):
    provider_knows(sso, "new-1", email="nyanstalld@stockholm.test", email_verified=True)
    users = User.objects.count()
    response = sign_in_at_provider(client, sso, "new-1")
    assert response.status_code == 403
    assert "Kedja har inget konto för nyanstalld@stockholm.test" in response.content.decode()
    assert User.objects.count() == users and not ExternalIdentity.objects.exists()
    assert client.get(reverse("tokens:list")).status_code == 302


def test_unverified_email_is_refused(sso, personas, client):
    provider_knows(sso, "olle-x", email=personas.olle.email, email_verified=False)
    response = sign_in_at_provider(client, sso, "olle-x")
    assert response.status_code == 403
    assert "har inte bekräftat att e-postadressen är din" in response.content.decode()
    provider_knows(sso, "olle-y", email=personas.olle.email)
    assert sign_in_at_provider(client, sso, "olle-y").status_code == 403
    assert not ExternalIdentity.objects.exists()


def test_id_token_for_another_application_is_refused(sso, personas, client, caplog):
    """The provider signs a token whose audience is another client: its signature is valid, its
    audience is not Kedja (though it names Kedja as the authorised party)."""
    provider_knows(
        sso, "olle-4711", email=personas.olle.email, email_verified=True, aud="another-app", azp="kedja"
    )
    response = sign_in_at_provider(client, sso, "olle-4711")
    assert response.status_code == 403
    assert "svaret kunde inte godtas" in response.content.decode()
    assert "'aud'" in caplog.text, "the log tells the administrator which claim was wrong"
    assert client.get(reverse("tokens:list")).status_code == 302


def test_denied_at_the_provider_or_replayed_answer_is_refused(sso, personas, client):
    provider_knows(sso, "olle-4711", email=personas.olle.email, email_verified=True)
    assert sign_in_at_provider(client, sso, "olle-4711", deny=True).status_code == 403
    started = client.get(reverse("sso:start"))
    answer = requests.post(started["Location"], data={"sub": "olle-4711"}, allow_redirects=False, timeout=10)
    assert client.get(answer.headers["Location"]).status_code == 302
    client.post(reverse("logout"))
    assert client.get(answer.headers["Location"]).status_code == 403, "a code and state work once"


def test_account_linked_to_another_identity_is_refused(sso, personas, client):
    provider_knows(sso, "olle-4711", email=personas.olle.email, email_verified=True)
    sign_in_at_provider(client, sso, "olle-4711")
    provider_knows(sso, "intruder", email=personas.olle.email, email_verified=True)
    response = sign_in_at_provider(Client(), sso, "intruder")
    assert response.status_code == 403 and "redan kopplat" in response.content.decode()


def test_sign_out_ends_the_session_at_kedja_and_at_the_provider(sso, personas, client):
    provider_knows(sso, "olle-4711", email=personas.olle.email, email_verified=True)
    sign_in_at_provider(client, sso, "olle-4711")
    signed_out = client.post(reverse("logout"))
    assert signed_out.status_code == 302 and signed_out["Location"].startswith(f"{sso}/oauth2/end_session")
    query = parse_qs(urlsplit(signed_out["Location"]).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"] and query["id_token_hint"]
    assert client.get(reverse("tokens:list")).status_code == 302
    confirm = requests.post(
        f"{sso}/oauth2/end_session/confirm",
        data={"redirect_uri": query["post_logout_redirect_uri"][0]},
        allow_redirects=False,
        timeout=10,
    )
    assert confirm.headers["Location"] == "http://testserver/"


def test_password_sign_out_stays_at_kedja(sso, personas, client_for):
    client = client_for(personas.lev)
    assert client.post(reverse("logout"))["Location"] == "/"


def test_group_claim_grants_only_configured_memberships(sso, settings, personas, client):
    provider_knows(
        sso,
        "olle-4711",
        email=personas.olle.email,
        email_verified=True,
        groups=["skane-officers", "it-admins", "buyers", "unmapped"],
    )
    sign_in_at_provider(client, sso, "olle-4711")
    assert not Membership.objects.filter(user=personas.olle, organisation=personas.skane).exists()
    settings.KEDJA_OIDC_GROUP_MEMBERSHIPS = [
        "skane-officers=region-skane:officer",
        "it-admins=no-such-region:officer",
        "buyers=supplier-a:officer",
    ]
    sign_in_at_provider(Client(), sso, "olle-4711")
    granted = Membership.objects.get(user=personas.olle, organisation=personas.skane)
    assert granted.role == Role.OFFICER
    assert Membership.objects.filter(user=personas.olle).count() == 2
    assert AuditEntry.objects.filter(action="organisations.membership.granted_by_group").count() == 1


def test_half_a_configuration_or_a_bad_mapping_fails_the_system_check(settings):
    settings.KEDJA_OIDC_ISSUER = "https://idp.example.org"
    with pytest.raises(SystemCheckError, match="KEDJA_OIDC_CLIENT_ID"):
        call_command("check")
    settings.KEDJA_OIDC_CLIENT_ID = "kedja"
    settings.KEDJA_OIDC_GROUP_MEMBERSHIPS = ["officers-region-skane"]
    with pytest.raises(SystemCheckError, match="group=organisation-slug:role"):
        call_command("check")
