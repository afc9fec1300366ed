"""Private disclosure pages: the list, preparing a draft, the workflow steps (each a POST calling one service), and
the preview of what will be published."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common.policy import has_role_for
from parkcarbon.common.views import member_required, object_for
from parkcarbon.disclosure import services
from parkcarbon.disclosure.content import build_snapshot
from parkcarbon.disclosure.forms import CorrectForm, CreateForm, DisclosureForm, NoteForm, ReturnForm
from parkcarbon.disclosure.models import Disclosure, State
from parkcarbon.disclosure.public import content_charts
from parkcarbon.parks.models import Enterprise, Park


def _entities(user) -> list[tuple[str, str]]:
    """Entities the user may prepare a disclosure for: "p<id>" parks, "e<id>" enterprises."""
    parks = Park.objects.for_user(user, "add_disclosure")
    enterprises = Enterprise.objects.for_user(user, "add_disclosure").select_related("park")[:2000]
    return ([(f"p{p.pk}", _("%(park)s (the park)") % {"park": p}) for p in parks]
            + [(f"e{e.pk}", f"{e} · {e.park}") for e in enterprises])


@member_required
def index(request):
    disclosures = (Disclosure.objects.for_user(request.user).select_related("park", "enterprise")
                   .order_by("-year", "park__name", "enterprise__name", "-version")[:500])
    parks = Park.objects.for_user(request.user).filter(Q(disclosures__state=State.PUBLISHED)).distinct()
    may_create = has_role_for(request.user, "enterprise", "add_disclosure")
    return render(request, "disclosure/index.html", {"disclosures": disclosures, "may_create": may_create,
                                                     "public_parks": parks})


@member_required
def create(request):
    entities = _entities(request.user)
    if not entities:
        raise PermissionDenied
    form = CreateForm(request.POST or None, entities=entities)
    if request.method == "POST" and form.is_valid():
        kind, pk = form.cleaned_data["entity"][0], int(form.cleaned_data["entity"][1:])
        if kind == "p":
            park, enterprise = Park.objects.get(pk=pk), None
        else:
            enterprise = Enterprise.objects.select_related("park").get(pk=pk)
            park = enterprise.park
        try:
            disclosure = services.create(request.user, park, enterprise, form.cleaned_data["year"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Draft created. Choose what to disclose."))
            return redirect("disclosure:edit", disclosure.pk)
    return render(request, "disclosure/create.html", {"form": form}, status=400 if form.errors else 200)


def _preview(disclosure: Disclosure) -> tuple[dict | None, list[str]]:
    """What would be frozen now (a draft), or the frozen content; with the problems that block submission."""
    if disclosure.state != State.DRAFT:
        return disclosure.snapshot, []
    try:
        return build_snapshot(disclosure), []
    except ValidationError as exc:
        return None, exc.messages


def _detail_context(request, disclosure, **forms):
    snapshot, problems = _preview(disclosure)
    versions = Disclosure.objects.filter(series=disclosure.series).order_by("version")
    zh = (get_language() or "zh-hans").startswith("zh")
    return {"disclosure": disclosure, "snapshot": snapshot, "problems": problems, "zh": zh,
            "charts": content_charts(snapshot, zh) if snapshot else None,
            "steps": services.allowed_steps(request.user, disclosure),
            "events": disclosure.events.select_related("by").order_by("-at", "-pk"), "versions": versions,
            "note_form": forms.get("note_form") or NoteForm(), "return_form": forms.get("return_form") or ReturnForm(),
            "correct_form": forms.get("correct_form") or CorrectForm()}


@member_required
def detail(request, pk):
    disclosure = object_for(request, Disclosure.objects.select_related("park", "enterprise"), pk=pk)
    return render(request, "disclosure/detail.html", _detail_context(request, disclosure))


@member_required
def edit(request, pk):
    disclosure = object_for(request, Disclosure.objects.select_related("park", "enterprise"), pk=pk)
    reason = services.refusal(request.user, "edit", disclosure)
    if reason:
        raise PermissionDenied(reason)
    form = DisclosureForm(request.POST or None, instance=disclosure)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved._history_user = request.user
        try:
            saved.save()
        except ValidationError as exc:  # it was published meanwhile
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Saved."))
            return redirect("disclosure:detail", disclosure.pk)
    return render(request, "disclosure/edit.html", {"disclosure": disclosure, "form": form},
                  status=400 if form.errors else 200)


def _run(request, pk, step: str, form_class, form_name: str, call, done: str):
    """Refuse (403) unless the step is allowed now; validate the form; call the service. A refused value or a
    problem with the content comes back on the page (400), nothing changed."""
    disclosure = object_for(request, Disclosure.objects.select_related("park", "enterprise"), pk=pk)
    reason = services.refusal(request.user, step, disclosure)
    if reason:
        raise PermissionDenied(reason)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            result = call(disclosure, form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            return redirect("disclosure:detail", result.pk)
    return render(request, "disclosure/detail.html", _detail_context(request, disclosure, **{form_name: form}),
                  status=400)


@member_required
@require_POST
def submit(request, pk):
    return _run(request, pk, "submit", NoteForm, "note_form", lambda d, c: services.submit(d, request.user),
                _("Submitted for approval. A second person approves it before it can be published."))


@member_required
@require_POST
def approve(request, pk):
    return _run(request, pk, "approve", NoteForm, "note_form",
                lambda d, c: services.approve(d, request.user, c["note"]), _("Approved. It can be published now."))


@member_required
@require_POST
def return_(request, pk):
    return _run(request, pk, "return", ReturnForm, "return_form",
                lambda d, c: services.return_to_draft(d, request.user, c["note"]), _("Returned to draft."))


@member_required
@require_POST
def publish(request, pk):
    return _run(request, pk, "publish", NoteForm, "note_form", lambda d, c: services.publish(d, request.user),
                _("Published on the park's public disclosure page."))


@member_required
@require_POST
def correct(request, pk):
    return _run(request, pk, "correct", CorrectForm, "correct_form",
                lambda d, c: services.correct(d, request.user, c["reason"]),
                _("A correction is open as a new draft version; the published version stays public."))
