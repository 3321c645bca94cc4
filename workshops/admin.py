from django.contrib import admin

from workshops.models import (
    CalendarFeed,
    Feedback,
    Place,
    Programme,
    Registration,
    TopicProposal,
    Workshop,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "duration_minutes", "level"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["tools", "resources"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "step_free_access", "hearing_loop"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name", "city"]}


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    """Read and fix sessions; seats and emails are handled by the site's own pages, which go
    through the services (capacity, waiting list, notices)."""

    list_display = ["title", "starts_at", "status", "format", "place", "capacity"]
    list_filter = ["status", "format", "topic"]
    search_fields = ["title", "slug"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["report", "created_by", "programme"]
    filter_horizontal = ["facilitators", "tools", "resources"]
    readonly_fields = ["capacity", "status", "erased_at", "final_confirmed", "final_attended"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "workshop__title"]
    raw_id_fields = ["workshop", "user"]
    readonly_fields = ["status"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["workshop", "rating", "created_on"]


@admin.register(TopicProposal)
class TopicProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "created_at"]
    raw_id_fields = ["author"]
    filter_horizontal = ["interested"]


admin.site.register(CalendarFeed)
