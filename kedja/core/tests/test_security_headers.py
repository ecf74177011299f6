import pytest


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_base_page_has_no_inline_script(client):
    html = client.get("/accounts/login/").content.decode()
    for chunk in html.split("<script")[1:]:
        assert chunk.lstrip().startswith("src=") or " src=" in chunk.split(">")[0]


def test_production_settings_turn_on_secure_cookies_and_hsts():
    import subprocess
    import sys

    code = (
        "import django, os; from django.conf import settings; django.setup();"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "kedja.settings", "SECRET_KEY": "x" * 60, "DEBUG": "false", "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "True"]


def test_production_settings_refuse_to_start_without_a_secret_key():
    import subprocess
    import sys

    code = "import django; django.setup()"
    env = {"DJANGO_SETTINGS_MODULE": "kedja.settings", "DEBUG": "false", "PATH": ""}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode != 0 and "SECRET_KEY" in out.stderr


@pytest.mark.django_db
def test_missing_page_gets_the_translated_404_page(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_insecure_http_trial_turns_off_secure_cookies_only_when_asked():
    import subprocess
    import sys

    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT,"
        " settings.SECURE_HSTS_SECONDS)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "kedja.settings", "SECRET_KEY": "x" * 60, "DEBUG": "false", "PATH": ""}

    def settings_with(allow_insecure_http: str) -> list[str]:
        env_with = {**env, "ALLOW_INSECURE_HTTP": allow_insecure_http}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env_with, capture_output=True, text=True, check=True
        )
        return run.stdout.split()

    assert settings_with("true") == ["False", "False", "False", "0"]
    assert settings_with("no") == ["True", "True", "True", "31536000"]
