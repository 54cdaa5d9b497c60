from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from convenor.core.models import TaskProgress
from convenor.core.permissions import require
from convenor.core.selectors import task_progress_get


def _visible_progress(request: HttpRequest, progress_id: int) -> TaskProgress:
    progress = task_progress_get(progress_id=progress_id)
    if progress is None:
        raise Http404
    require(request.user, "core.view_taskprogress", progress)
    return progress


def _is_running(progress: TaskProgress) -> bool:
    return progress.status in {TaskProgress.Status.QUEUED, TaskProgress.Status.RUNNING}


@never_cache
@login_required
def task_detail(request: HttpRequest, progress_id: int) -> HttpResponse:
    """A progress bar that reloads itself every two seconds while the work runs."""
    progress = _visible_progress(request, progress_id)
    template = "web/_task_progress.html" if request.headers.get("HX-Request") else "web/task.html"
    return render(request, template, {"progress": progress, "running": _is_running(progress)})


@never_cache
@login_required
def task_progress_json(request: HttpRequest, progress_id: int) -> JsonResponse:
    progress = _visible_progress(request, progress_id)
    return JsonResponse(
        {
            "id": progress.pk,
            "kind": progress.kind,
            "label": progress.label,
            "status": progress.status,
            "done": progress.done,
            "total": progress.total,
            "percent": progress.percent,
            "message": progress.message,
            "result": progress.result,
            "running": _is_running(progress),
        }
    )
