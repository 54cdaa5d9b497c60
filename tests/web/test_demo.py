import pytest
from django.apps import apps
from django.core.management import call_command

from convenor.core.models import AuditEntry, Role, TaskProgress, User
from convenor.web.demo import COORDINATOR_EMAIL, demo_modules


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def run(*args, **kwargs) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing_and_creates_the_coordinator_once():
    first = run("load_demo", sync=True)
    counts = row_counts()
    second = run("load_demo", sync=True)
    assert row_counts() == counts
    assert "Created the coordinator account" in first
    assert "password:" in first
    assert "exists already" in second
    assert "password:" not in second
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    assert coordinator.role == Role.COORDINATOR and coordinator.is_staff
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(user=coordinator).verified


@pytest.mark.django_db
def test_load_demo_records_its_progress_as_done():
    run("load_demo", sync=True)
    progress = TaskProgress.objects.get(kind="demo.load")
    assert progress.status == TaskProgress.Status.DONE
    assert progress.done == progress.total == len(demo_modules())


@pytest.mark.django_db
def test_printed_password_signs_in(client):
    output = run("load_demo", sync=True)
    password = output.split("password:", 1)[1].split()[0]
    response = client.post("/accounts/login/", {"login": COORDINATOR_EMAIL, "password": password})
    assert response.status_code == 302
    assert client.get("/audit/").status_code == 200


@pytest.mark.django_db
def test_reset_password_prints_a_new_working_password():
    first = run("load_demo", sync=True).split("password:", 1)[1].split()[0]
    output = run("load_demo", sync=True, reset_password=True)
    second = output.split("password:", 1)[1].split()[0]
    assert second != first
    assert User.objects.get(email=COORDINATOR_EMAIL).check_password(second)


@pytest.mark.django_db
def test_missing_demo_module_is_skipped_with_a_warning(monkeypatch):
    import convenor.web.demo as demo

    monkeypatch.setattr(
        demo, "FIRST_DEMO_MODULES", ("convenor.nothing_here.demo", *demo.FIRST_DEMO_MODULES)
    )
    output = run("load_demo", sync=True)
    assert "warning: convenor.nothing_here.demo has no demo loader yet; skipped" in output
    assert TaskProgress.objects.get(kind="demo.load").status == TaskProgress.Status.DONE


@pytest.mark.django_db
def test_failing_loader_marks_progress_failed(monkeypatch):
    import convenor.web.demo as demo

    def broken(*, actor=None):
        raise RuntimeError("bad data")

    monkeypatch.setattr(demo, "_loader", lambda name: broken)
    with pytest.raises(RuntimeError):
        run("load_demo", sync=True)
    progress = TaskProgress.objects.get(kind="demo.load")
    assert progress.status == TaskProgress.Status.FAILED
    assert "bad data" in progress.message


@pytest.mark.django_db
def test_load_demo_without_sync_enqueues_the_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("load_demo")
    progress = TaskProgress.objects.get(kind="demo.load")
    assert f"/tasks/{progress.pk}/" in output
    # Tests use the immediate backend: the task has already run.
    assert progress.status == TaskProgress.Status.DONE


@pytest.mark.django_db
def test_demo_command_without_serving_migrates_and_loads():
    output = run("demo", no_serve=True)
    assert "Loading the demo data" in output
    assert User.objects.filter(email=COORDINATOR_EMAIL).exists()
    audit = AuditEntry.objects.count()
    run("demo", no_serve=True)
    assert AuditEntry.objects.count() == audit


@pytest.mark.django_db(transaction=True)
def test_worker_runs_a_queued_demo_load(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from convenor.web.demo import demo_progress
    from convenor.web.tasks import demo_load_task

    progress = demo_progress()
    demo_load_task.enqueue(progress.pk)
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.QUEUED
    run("worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE


def test_demo_serves_with_gunicorn_on_the_given_address():
    from convenor.web.management.commands.demo import Command

    command = Command._server_command("127.0.0.1", 8123)
    assert "gunicorn" in command
    assert "127.0.0.1:8123" in command
    assert "python:convenor.config.gunicorn" in command  # the production settings
