import csv
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core import ratelimit
from core.site import SiteReadOnly
from resources.models import Article
from resources.services import render_text
from workshops import calendars, forms, notifications, services
from workshops.models import (
    CalendarFeed,
    Place,
    Programme,
    Registration,
    Topic,
    TopicProposal,
    Workshop,
)

PER_PAGE = 20
ICS_TYPE = "text/calendar; charset=utf-8"


# Public pages ------------------------------------------------------------------------------------


def _filters(request):
    """The filters of the listing read from the address; unknown values are dropped with a
    notice (never an error page)."""
    chosen, notices = {}, []
    checks = {
        "theme": lambda v: v in Topic.values,
        "format": lambda v: v in Workshop.Format.values,
        "lieu": lambda v: Place.objects.filter(slug=v).exists(),
        "date": lambda v: _parse_date(v) is not None,
    }
    labels = {"theme": _("topic"), "format": _("format"), "lieu": _("place"), "date": _("date")}
    for key, valid in checks.items():
        value = request.GET.get(key, "").strip()
        if not value:
            continue
        if valid(value):
            chosen[key] = value
        else:
            notices.append(
                _("The %(filter)s “%(value)s” is unknown: it was ignored.")
                % {"filter": labels[key], "value": value[:60]}
            )
    return chosen, notices


def _parse_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _apply(workshops, chosen):
    if "theme" in chosen:
        workshops = workshops.filter(topic=chosen["theme"])
    if "format" in chosen:
        workshops = workshops.filter(format=chosen["format"])
    if "lieu" in chosen:
        workshops = workshops.filter(place__slug=chosen["lieu"])
    if "date" in chosen:
        start = timezone.make_aware(datetime.combine(_parse_date(chosen["date"]), time.min))
        workshops = workshops.filter(starts_at__gte=start)
    return workshops


@require_safe
def workshop_list(request):
    chosen, notices = _filters(request)
    workshops = _apply(Workshop.objects.upcoming(), chosen).select_related("place").with_counts()
    page = Paginator(workshops, PER_PAGE).get_page(request.GET.get("page"))
    places = Place.objects.filter(workshops__in=Workshop.objects.upcoming()).distinct()
    context = {
        "page": page,
        "chosen": chosen,
        "notices": notices,
        "topics": Topic.choices,
        "formats": Workshop.Format.choices,
        "places": places,
        "agenda_query": "&".join(f"{k}={v}" for k, v in chosen.items() if k in ("theme", "lieu")),
    }
    return render(request, "workshops/workshop_list.html", context)


@require_safe
def workshop_past(request):
    workshops = Workshop.objects.past().select_related("place")
    page = Paginator(workshops, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "workshops/workshop_past.html", {"page": page})


def _registration_of(user, workshop):
    if not user.is_authenticated:
        return None
    return (
        workshop.registrations.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )


@require_safe
def workshop_detail(request, slug):
    workshop = get_object_or_404(
        Workshop.objects.visible_to(request.user)
        .select_related("place", "programme", "report")
        .with_counts(),
        slug=slug,
    )
    registration = _registration_of(request.user, workshop)
    can_manage = Workshop.objects.managed_by(request.user).filter(pk=workshop.pk).exists()
    context = {
        "workshop": workshop,
        "registration": registration,
        "state": workshop.registration_state(),
        "can_manage": can_manage,
        "show_online_link": registration is not None
        and registration.status == Registration.Status.CONFIRMED,
        "description": render_text(workshop.description),
        "facilitators": workshop.facilitators.all(),
        "tools": workshop.tools.all(),
        "resources": workshop.resources.filter(published=True),
        "member_form": forms.MemberRegistrationForm() if request.user.is_authenticated else None,
        "feedback_url": _feedback_url(registration, workshop),
        "report": _visible_report(request.user, workshop),
    }
    return render(request, "workshops/workshop_detail.html", context)


def _visible_report(user, workshop):
    """The report page, when this reader may see it (a new account's page waits for review)."""
    if workshop.report_id is None:
        return None
    return Article.objects.visible_to(user).filter(pk=workshop.report_id).first()


def _feedback_url(registration, workshop):
    if (
        registration is not None
        and registration.status == Registration.Status.CONFIRMED
        and workshop.is_past
        and not registration.feedback_given
    ):
        return reverse(
            "workshops:feedback", args=[notifications.token_for(registration, "feedback")]
        )
    return None


@require_safe
def workshop_ics(request, slug):
    workshop = get_object_or_404(
        Workshop.objects.visible_to(request.user).select_related("place"), slug=slug
    )
    private = _registration_of(request.user, workshop) is not None
    body = calendars.calendar_for([workshop], name=workshop.title, private=private)
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{workshop.slug}.ics"'
    return response


@require_safe
def agenda_ics(request):
    chosen, _notices = _filters(request)
    chosen = {k: v for k, v in chosen.items() if k in ("theme", "lieu", "format")}
    workshops = _apply(Workshop.objects.upcoming(), chosen).select_related("place")[:500]
    body = calendars.calendar_for(workshops, name=_("Présence workshops"))
    return HttpResponse(body, content_type=ICS_TYPE)


@require_safe
@never_cache
def private_ics(request, token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    workshops = (
        Workshop.objects.public()
        .filter(
            registrations__user=feed.user,
            registrations__status__in=Registration.ACTIVE,
            ends_at__gt=timezone.now() - timedelta(days=30),
        )
        .select_related("place")
        .distinct()
    )
    body = calendars.calendar_for(workshops, name=_("My Présence workshops"), private=True)
    return HttpResponse(body, content_type=ICS_TYPE)


@require_safe
def programme_list(request):
    programmes = Programme.objects.annotate(
        upcoming=Count("workshops", filter=Q(workshops__in=Workshop.objects.upcoming()))
    )
    return render(request, "workshops/programme_list.html", {"programmes": programmes})


@require_safe
def programme_detail(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    context = {
        "programme": programme,
        "outline": render_text(programme.outline),
        "workshops": Workshop.objects.upcoming()
        .filter(programme=programme)
        .select_related("place"),
        "tools": programme.tools.all(),
        "resources": programme.resources.filter(published=True),
    }
    return render(request, "workshops/programme_detail.html", context)


# Registration ------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def registration_new(request, slug):
    """The registration page: a visitor's form (name, email, consent) or a member's button."""
    workshop = get_object_or_404(Workshop.objects.public().select_related("place"), slug=slug)
    member = request.user.is_authenticated
    form_class = forms.MemberRegistrationForm if member else forms.RegistrationForm
    form = form_class(request.POST if request.method == "POST" else None)
    ip = request.META.get("REMOTE_ADDR", "")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not ratelimit.allow(action="workshop-register", user=request.user, key=f"ip:{ip}"):
            form.add_error(
                None, _("Many registrations came from here in a short time. Please wait a little.")
            )
            return render(
                request,
                "workshops/registration_form.html",
                {"workshop": workshop, "form": form, "state": "open"},
                status=429,
            )
        try:
            registration = services.registration_create(
                workshop=workshop,
                user=request.user if member else None,
                name=data.get("name", ""),
                email=data.get("email", ""),
                needs=data.get("needs", ""),
                consent_data=True if member else data["consent_data"],
                consent_feedback=data["consent_feedback"],
            )
        except services.WorkshopError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        except SiteReadOnly as error:
            form.add_error(None, error.args[0] if error.args else SiteReadOnly.message)
        else:
            if not member:
                return render(
                    request,
                    "workshops/registration_sent.html",
                    {"workshop": workshop, "email": registration.email},
                )
            messages.success(request, _status_message(registration))
            return redirect(workshop)
    context = {
        "workshop": workshop,
        "form": form,
        "state": workshop.registration_state(),
        "registration": _registration_of(request.user, workshop),
    }
    return render(
        request, "workshops/registration_form.html", context, status=400 if form.errors else 200
    )


def _status_message(registration):
    return {
        "confirmed": _("You are registered. A confirmation was sent to you by email."),
        "waiting": _(
            "The session is full: you are on the waiting list. "
            "We will email you if a seat becomes free."
        ),
        "pending": _(
            "Your registration is received. "
            "The facilitators will approve it; you will get an email."
        ),
    }.get(registration.status, _("Done."))


def _from_token(request, token, purpose):
    registration, problem = notifications.registration_from_token(token, purpose)
    if registration is None:
        response = render(
            request,
            "workshops/token_problem.html",
            {"problem": problem, "purpose": purpose},
            status=410 if problem == "expired" else 404,
        )
        return None, response
    return registration, None


@require_http_methods(["GET", "HEAD", "POST"])
def registration_confirm(request, token):
    """GET shows a button (mail clients open links on their own); POST confirms."""
    registration, problem = _from_token(request, token, "confirm")
    if problem:
        return problem
    error = None
    if request.method == "POST":
        try:
            registration = services.registration_confirm(registration=registration)
        except services.WorkshopError as exc:
            error = exc.message
        except SiteReadOnly as exc:
            error = str(exc)
    context = {
        "registration": registration,
        "workshop": registration.workshop,
        "error": error,
        "done": request.method == "POST" and not error,
    }
    return render(
        request, "workshops/registration_confirm.html", context, status=400 if error else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token):
    registration, problem = _from_token(request, token, "cancel")
    if problem:
        return problem
    error = None
    if request.method == "POST":
        try:
            registration = services.registration_cancel(registration=registration)
        except SiteReadOnly as exc:
            error = str(exc)
    context = {"registration": registration, "workshop": registration.workshop, "error": error}
    return render(request, "workshops/registration_cancel.html", context)


@login_required
@require_POST
def registration_withdraw(request, slug):
    """A member cancels their own registration from the session's page."""
    workshop = get_object_or_404(Workshop.objects.public(), slug=slug)
    registration = _registration_of(request.user, workshop)
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(registration=registration)
    except SiteReadOnly as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(workshop)


@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request, token):
    registration, problem = _from_token(request, token, "feedback")
    if problem:
        return problem
    workshop = registration.workshop
    form = forms.FeedbackForm(request.POST if request.method == "POST" else None)
    done = registration.feedback_given
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.feedback_create(registration=registration, **form.cleaned_data)
        except services.WorkshopError as error:
            form.add_error(None, error.message)
        except SiteReadOnly as error:
            form.add_error(None, str(error))
        else:
            done = True
    context = {"workshop": workshop, "form": form, "done": done}
    return render(
        request, "workshops/feedback_form.html", context, status=400 if form.errors else 200
    )


# Participation -----------------------------------------------------------------------------------


@require_safe
def topic_list(request):
    proposals = TopicProposal.objects.annotate(interest=Count("interested")).order_by(
        "-interest", "-created_at"
    )
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("page"))
    mine = set()
    if request.user.is_authenticated:
        mine = set(request.user.workshop_interests.values_list("pk", flat=True))
    return render(request, "workshops/topic_list.html", {"page": page, "mine": mine})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def topic_propose(request):
    form = forms.TopicProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_propose(author=request.user, **form.cleaned_data)
        except (services.WorkshopError, SiteReadOnly) as error:
            form.add_error(None, getattr(error, "message", str(error)))
        else:
            messages.success(request, _("Thank you: your topic is proposed."))
            return redirect("workshops:topic-list")
    return render(
        request, "workshops/topic_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def topic_interest(request, pk):
    proposal = get_object_or_404(TopicProposal, pk=pk)
    interested = request.POST.get("interested") == "1"
    try:
        services.topic_interest_set(proposal=proposal, user=request.user, interested=interested)
    except SiteReadOnly as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('workshops:topic-list')}#sujet-{proposal.pk}")


@login_required
@require_safe
def my_registrations(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("workshop", "workshop__place")
        .order_by("-workshop__starts_at")
    )
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(
        request, "workshops/my_registrations.html", {"registrations": registrations, "feed": feed}
    )


@login_required
@require_POST
def calendar_feed(request):
    """Create the private calendar address, or replace it (`revoke`: the old one stops)."""
    if request.POST.get("action") in ("revoke", "renew"):
        services.calendar_feed_revoke(user=request.user)
    if request.POST.get("action") != "revoke":
        services.calendar_feed_get(user=request.user)
    messages.success(request, _("Your private calendar address is updated."))
    return redirect("workshops:mine")


# Facilitators ------------------------------------------------------------------------------------


def _require_facilitator(user):
    if not (user.is_facilitator or user.is_moderator):
        raise PermissionDenied


def _managed(request, slug) -> Workshop:
    workshop = get_object_or_404(Workshop, slug=slug)
    if not Workshop.objects.managed_by(request.user).filter(pk=workshop.pk).exists():
        raise PermissionDenied
    return workshop


@login_required
@require_safe
def facilitator_home(request):
    _require_facilitator(request.user)
    mine = (
        Workshop.objects.managed_by(request.user)
        .filter(ends_at__gt=timezone.now())
        .select_related("place")
        .with_counts()
        .order_by("starts_at")[:50]
    )
    demand = (
        TopicProposal.objects.values("topic")
        .annotate(proposals=Count("pk", distinct=True), interest=Count("interested"))
        .order_by("-interest")
    )
    labels = dict(Topic.choices)
    demand = [{**row, "label": labels.get(row["topic"], row["topic"])} for row in demand]
    context = {"mine": mine, "demand": demand, "programmes": Programme.objects.all()}
    return render(request, "workshops/facilitator_home.html", context)


def _save_errors(form, error):
    if isinstance(error, services.WorkshopError):
        form.add_error(error.field if error.field in form.fields else None, error.message)
    else:
        form.add_error(None, str(error))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workshop_create(request):
    _require_facilitator(request.user)
    initial = {"format": Workshop.Format.IN_PERSON, "show_count": True}
    programme = Programme.objects.filter(slug=request.GET.get("programme", "")).first()
    if programme is not None:
        initial.update(services.fields_from_programme(programme))
    form = forms.WorkshopForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        status = Workshop.Status.PUBLISHED if "publish" in request.POST else Workshop.Status.DRAFT
        try:
            workshop = services.workshop_create(
                fields=form.fields_value(), author=request.user, status=status
            )
        except (services.WorkshopError, SiteReadOnly) as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect(workshop)
    context = {"form": form, "programme": programme, "creating": True}
    return render(
        request, "workshops/workshop_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workshop_edit(request, slug):
    workshop = _managed(request, slug)
    initial = vars(services.fields_of(workshop))
    form = forms.WorkshopForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_update(workshop=workshop, fields=form.fields_value())
        except (services.WorkshopError, SiteReadOnly) as error:
            _save_errors(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect(workshop)
    context = {"form": form, "workshop": workshop}
    return render(
        request, "workshops/workshop_form.html", context, status=400 if form.errors else 200
    )


def _act(request, workshop, action, success):
    try:
        result = action()
    except (services.WorkshopError, SiteReadOnly) as error:
        messages.error(request, getattr(error, "message", str(error)))
        return redirect(workshop)
    messages.success(request, success)
    return redirect(result if isinstance(result, Workshop) else workshop)


@login_required
@require_POST
def workshop_publish(request, slug):
    workshop = _managed(request, slug)
    return _act(
        request,
        workshop,
        lambda: services.workshop_publish(workshop=workshop),
        _("The session is published."),
    )


@login_required
@require_POST
def workshop_duplicate(request, slug):
    workshop = _managed(request, slug)
    copy = services.workshop_duplicate(workshop=workshop, author=request.user)
    messages.success(request, _("This is a draft copy, one week later: check it, then publish it."))
    return redirect("workshops:workshop-edit", slug=copy.slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def workshop_cancel(request, slug):
    workshop = _managed(request, slug)
    form = forms.CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        return _act(
            request,
            workshop,
            lambda: services.workshop_cancel(workshop=workshop, reason=reason),
            _("The session is cancelled; the people registered are told."),
        )
    return render(request, "workshops/workshop_cancel.html", {"workshop": workshop, "form": form})


@login_required
@require_POST
def workshop_report(request, slug):
    workshop = _managed(request, slug)
    return _act(
        request,
        workshop,
        lambda: services.workshop_report_create(workshop=workshop, author=request.user),
        _("The report page is created in the resources: write it with the participants."),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def participants(request, slug):
    """The participant list (facilitators and moderators only), attendance and approvals."""
    workshop = _managed(request, slug)
    if request.method == "POST":
        try:
            if "show_count" in request.POST:
                services.workshop_show_count(
                    workshop=workshop, show=request.POST["show_count"] == "1"
                )
            else:
                present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
                count = services.attendance_mark(workshop=workshop, present=present)
                messages.success(
                    request, _("Attendance saved: %(count)s present.") % {"count": count}
                )
        except SiteReadOnly as error:
            messages.error(request, str(error))
        return redirect("workshops:participants", slug=workshop.slug)
    registrations = workshop.registrations.exclude(
        status=Registration.Status.CANCELLED
    ).select_related("user")
    context = {
        "workshop": workshop,
        "confirmed": [r for r in registrations if r.status == "confirmed"],
        "waiting": [r for r in registrations if r.status == "waiting"],
        "pending": [r for r in registrations if r.status == "pending"],
        "unconfirmed": sum(r.status == "unconfirmed" for r in registrations),
    }
    return render(request, "workshops/participants.html", context)


@login_required
@require_POST
def registration_manage(request, slug, pk, action):
    workshop = _managed(request, slug)
    registration = get_object_or_404(workshop.registrations, pk=pk)
    actions = {
        "accepter": services.registration_approve,
        "refuser": services.registration_decline,
        "annuler": services.registration_cancel,
    }
    if action not in actions:
        raise Http404
    try:
        actions[action](registration=registration)
    except (services.WorkshopError, SiteReadOnly) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(
            request, _("Done: %(name)s is told by email.") % {"name": registration.name}
        )
    return redirect("workshops:participants", slug=workshop.slug)


@login_required
@require_safe
def participants_csv(request, slug):
    workshop = _managed(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{workshop.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("name"), _("email address"), _("status"), _("registered"), _("attended"), _("needs")]
    )
    for r in workshop.registrations.exclude(status=Registration.Status.CANCELLED):
        attended = "" if r.attended is None else (_("yes") if r.attended else _("no"))
        row = [
            r.name,
            r.email,
            r.get_status_display(),
            timezone.localtime(r.created_at).isoformat(timespec="minutes"),
            attended,
            r.needs,
        ]
        writer.writerow([_csv_safe(value) for value in row])
    return response


def _csv_safe(value):
    """A cell starting with = + - @ is a formula for spreadsheets: make it text."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def participants_message(request, slug):
    workshop = _managed(request, slug)
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.participants_message(
                workshop=workshop, author=request.user, **form.cleaned_data
            )
        except (services.WorkshopError, SiteReadOnly) as error:
            form.add_error(None, getattr(error, "message", str(error)))
        else:
            messages.success(
                request, _("Message sent to %(count)s participants.") % {"count": count}
            )
            return redirect("workshops:participants", slug=workshop.slug)
    count = workshop.registrations.confirmed().count()
    return render(
        request,
        "workshops/participants_message.html",
        {"workshop": workshop, "form": form, "count": count},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def feedback_results(request, slug):
    workshop = _managed(request, slug)
    context = {"workshop": workshop, "summary": services.feedback_summary(workshop)}
    return render(request, "workshops/feedback_results.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def place_create(request):
    _require_facilitator(request.user)
    form = forms.PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            place = services.place_create(**form.cleaned_data)
        except SiteReadOnly as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The place “%(name)s” is added.") % {"name": place.name})
            return redirect("workshops:create")
    return render(
        request, "workshops/place_form.html", {"form": form}, status=400 if form.errors else 200
    )
