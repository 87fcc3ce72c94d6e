"""A person's data across every app: exported in one file (GDPR art. 15 and 20), erased in one step (art. 17).

Run over the demo data, which puts people in every app: volunteers' reports (campaigns), working
groups, motions, registrations and consultation answers (policy), planning scenarios (councils)
and status changes (agenda).
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse

from folkvald.organisations.models import Person
from folkvald.organisations.services import person_erase, person_export, person_links

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def demo(db) -> None:
    call_command("demo", quiet_users=True, stdout=StringIO())


def linked_rows(model: type[models.Model], field: str, to_user: bool, person: Person):
    target = person.user if to_user else person
    return model._default_manager.filter(**{field: target}) if target is not None else model._default_manager.none()


def test_every_app_holding_personal_data_is_exported(demo):
    """For every field of any app that points at a person or a sign-in, someone in the demo has a
    row there, and their export holds it (in the app's own section, or row by row)."""
    covered: set[str] = set()
    for model, field, to_user in person_links():
        if model._meta.app_label == "admin":
            continue
        person = next((p for p in Person.objects.select_related("user") if linked_rows(model, field, to_user, p).exists()), None)
        if person is None:
            continue
        data = json.loads(json.dumps(person_export(person=person), cls=DjangoJSONEncoder))
        label = model._meta.label
        if model._meta.app_label in data["apps"]:
            assert data["apps"][model._meta.app_label], f"{person}: the {model._meta.app_label} section is empty"
        else:
            assert len(data["records"].get(label, [])) >= linked_rows(model, field, to_user, person).count(), label
        covered.add(label)
    # The demo reaches the apps that hold people: the test above is not empty.
    assert {"campaigns.Report", "policy.Answer", "policy.GroupMembership", "councils.Scenario"} <= covered


def test_a_volunteer_downloads_everything_in_one_file(client, demo):
    user = get_user_model().objects.get(username="lund-valarbetare")
    person = Person.objects.get(user=user)
    reports = apps.get_model("campaigns.Report").objects.filter(reporter=person)
    client.force_login(user)
    response = client.get(reverse("organisations:my_data_export"))
    assert response["Content-Disposition"] == 'attachment; filename="mina-uppgifter.json"'
    data = response.json()
    assert data["person"]["first_name"] == "Omar"
    assert {role["organisation"] for role in data["roles"]} == {
        "Internationella S-föreningen i Lund", "Socialdemokraterna i Lund"}
    exported = data["records"]["campaigns.Report"]
    assert len(exported) == reports.count() > 0
    assert {row["id"] for row in exported} == {str(pk) for pk in reports.values_list("pk", flat=True)}
    assert "policy" in data["apps"]


def test_erasure_leaves_no_trace_of_anyone_in_any_app(client, demo):
    """Erase every person of the demo; then no text field of any table (history included) holds a
    name, e-mail address or phone number of theirs."""
    people = list(Person.objects.select_related("user"))
    traces = set()
    for person in people:
        traces.update({person.full_name, person.email, person.phone})
        traces.update(person.roles.values_list("contact_email", flat=True))
        traces.update(person.roles.values_list("contact_phone", flat=True))
    registrations = apps.get_model("policy.Registration").objects.filter(person__isnull=False)
    traces.update(registrations.values_list("name", flat=True))
    traces.update(registrations.values_list("email", flat=True))
    traces = {trace for trace in traces if trace and len(trace) >= 6}
    assert len(traces) > 40

    # A failed sign-in leaves its address with the rate limit.
    client.post(reverse("login"), {"username": "lund-valarbetare", "password": "fel"}, REMOTE_ADDR="10.1.2.3")
    axes_attempts = apps.get_model("axes.AccessAttempt").objects
    assert axes_attempts.filter(username="lund-valarbetare").exists()

    for person in people:
        person_erase(person=person)

    assert not axes_attempts.filter(username="lund-valarbetare").exists()
    assert not get_user_model().objects.filter(is_superuser=False).exists()
    # A registration typed by name alone, signed out and without an e-mail address, names nobody
    # folkvald can tell apart (another Hassan Yilmaz?): the 30-day retention after the event erases it.
    unlinked = set(apps.get_model("policy.Registration").objects.filter(person__isnull=True, email="")
                   .exclude(name="").values_list("pk", flat=True))
    found = []
    for model in apps.get_models():
        text_fields = [f.name for f in model._meta.concrete_fields
                       if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        if not text_fields:
            continue
        for row in model._default_manager.values("pk", *text_fields).iterator():
            if model._meta.label == "policy.Registration" and row["pk"] in unlinked:
                continue
            for name, value in row.items():
                if name == "pk":
                    continue
                text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                found.extend(f"{model._meta.label}.{name}: {trace!r}" for trace in traces if trace in text)
    assert found == []


def test_only_failed_sign_ins_are_kept_not_a_log_of_every_sign_in(client, db):
    from tests.conftest import make_user

    make_user("logged")
    assert client.post(reverse("login"), {"username": "logged", "password": "pw-logged"}).status_code == 302
    assert not apps.get_model("axes.AccessLog").objects.exists()
