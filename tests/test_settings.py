"""Production settings pass Django's deployment checks; migrations match the models."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        # The browser tests' async escape hatch must not leak into a deployment check.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x7Gq!t2#pL9vR4wZ8mN1cB6yH3kJ5sD0fA-qW_eE*rT&uI(oP)zX",
        DJANGO_ALLOWED_HOSTS="portaal.samenlanderd.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_models_have_no_missing_migrations():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def without(*names):
    """The environment of this run without `names`, as the portal would start elsewhere."""
    return {k: v for k, v in os.environ.items() if k not in (*names, "DJANGO_ALLOW_ASYNC_UNSAFE")}


def settings_value(expression, env):
    return subprocess.run(
        [sys.executable, "-c", f"from landerd_portal import settings; print({expression})"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_secret_key_the_portal_refuses_to_start_with_a_clear_message():
    result = settings_value("settings.SECRET_KEY", without("DJANGO_SECRET_KEY"))
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_the_environment_turns_it_on():
    env = {**without("DJANGO_DEBUG"), "DJANGO_SECRET_KEY": "k"}
    assert settings_value("settings.DEBUG", env).stdout.strip() == "False"
    assert settings_value("settings.DEBUG", {**env, "DJANGO_DEBUG": "true"}).stdout.strip() == (
        "True"
    )
