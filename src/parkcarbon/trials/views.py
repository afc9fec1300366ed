"""Public front door (landing page, application form) and the platform operator's review of applications."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.common import views as common_views
from parkcarbon.common.history import history_entries
from parkcarbon.common.policy import has_role_for
from parkcarbon.common.views import member_required, object_for
from parkcarbon.disclosure.models import Disclosure
from parkcarbon.parks import industry
from parkcarbon.parks.models import Park
from parkcarbon.trials import services
from parkcarbon.trials.forms import ApplicationForm, ApproveForm, ExtendForm, RejectForm
from parkcarbon.trials.models import Status, TrialApplication

SESSION_KEY = "trials_submitted"


def front(request):
    """'/': the signed-in overview for users, the landing page for visitors."""
    if request.user.is_authenticated:
        return common_views.home(request)
    return render(request, "trials/landing.html", {"trial_days": settings.PARKCARBON_TRIAL_DAYS,
                                                   "disclosing_parks": _disclosing_parks()})


def _disclosing_parks():
    """Parks with at least one published disclosure: the public's way in to ``/disclosure/<code>/``."""
    published = Disclosure.objects.published().values("park_id")
    return Park.objects.filter(pk__in=published).only("code", "name").order_by("name")


def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.rate_limited(request.META.get("REMOTE_ADDR", ""), form.cleaned_data["email"]):
            form.add_error(None, _("Too many applications from this address. Please try again in an hour."))
        else:
            application = form.save(commit=False)
            application.language = get_language() or "zh-hans"
            try:
                services.submit(application)
            except services.TrialError as exc:
                form.add_error(None, str(exc))
            else:
                request.session[SESSION_KEY] = {"reference": application.reference, "email": application.email}
                return redirect("trials:apply_done")
    return render(request, "trials/apply.html", {"form": form}, status=400 if form.errors else 200)


def apply_done(request):
    submitted = request.session.get(SESSION_KEY)
    if not submitted:
        return redirect("trials:apply")
    return render(request, "trials/apply_done.html", {"submitted": submitted})


@member_required
def queue(request):
    if not has_role_for(request.user, "trial_application", "view"):
        raise PermissionDenied
    applications = TrialApplication.objects.for_user(request.user).select_related("park", "decided_by")
    counts = applications.aggregate(**{s: Count("pk", filter=Q(status=s)) for s in Status.values})
    status = request.GET.get("status", Status.PENDING)
    if status in Status.values:
        applications = applications.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        applications = applications.filter(Q(park_name__icontains=query) | Q(contact_name__icontains=query)
                                           | Q(email__icontains=query) | Q(division__startswith=query))
    order = "created_at" if status == Status.PENDING else "-decided_at"  # oldest waiting first
    page = Paginator(applications.order_by(order), 50).get_page(request.GET.get("page"))
    trials = Park.objects.for_user(request.user, "manage_trial").filter(trial_ends_on__isnull=False)
    return render(request, "trials/queue.html", {
        "page": page, "status": status, "query": query,
        "statuses": [(value, label, counts[value]) for value, label in Status.choices],
        "trial_parks": trials.order_by("trial_ends_on"),
    })


@member_required
def application_detail(request, pk):
    application = object_for(request, TrialApplication, pk=pk)
    return render(request, "trials/detail.html", _detail_context(application, ApproveForm(), RejectForm()))


def _detail_context(application, approve_form, reject_form) -> dict:
    codes = [industry.lookup(c) for c in application.industries.split(",") if c]
    return {"application": application, "approve_form": approve_form, "reject_form": reject_form,
            "industries": "; ".join(str(c) for c in codes if c), "history": history_entries(application)}


def _decide(request, pk, step):
    application = object_for(request, TrialApplication, "decide", pk=pk)
    form_class = ApproveForm if step == "approve" else RejectForm
    form = form_class(request.POST)
    if form.is_valid():
        try:
            if step == "approve":
                services.approve(application.pk, request.user, form.cleaned_data["trial_days"], request=request)
                messages.success(request, _("Approved: the park and its administrator were created, and the "
                                            "set-password link was e-mailed to %(email)s.") % {"email": application.email})
            else:
                services.reject(application.pk, request.user, form.cleaned_data["reason"])
                messages.success(request, _("Rejected: the reason was e-mailed to %(email)s.")
                                 % {"email": application.email})
            return redirect("trials:detail", pk=application.pk)
        except services.TrialError as exc:
            messages.error(request, str(exc))
            return redirect("trials:detail", pk=application.pk)
    context = _detail_context(application, form if step == "approve" else ApproveForm(),
                              form if step == "reject" else RejectForm())
    return render(request, "trials/detail.html", context, status=400)


@member_required
@require_POST
def approve(request, pk):
    return _decide(request, pk, "approve")


@member_required
@require_POST
def reject(request, pk):
    return _decide(request, pk, "reject")


@member_required
def park_trial(request, pk):
    park = object_for(request, Park, "manage_trial", pk=pk)
    form = ExtendForm(request.POST if request.POST.get("action") == "extend" else None, park=park)
    if request.method == "POST":
        if request.POST.get("action") == "convert":
            services.convert_to_full(park)
            messages.success(request, _("%(park)s is now a full account.") % {"park": park})
            return redirect(park.get_absolute_url())
        if form.is_valid():
            services.extend_trial(park, form.cleaned_data["until"])
            messages.success(request, _("The trial of %(park)s now ends on %(date)s.")
                             % {"park": park, "date": park.trial_ends_on.isoformat()})
            return redirect(park.get_absolute_url())
    return render(request, "trials/park_trial.html", {"park": park, "form": form, "history": history_entries(park)},
                  status=400 if form.errors else 200)
