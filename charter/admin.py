from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from charter import services
from charter.loaded import questionnaires_edited
from charter.models import Action, Answer, Diagnostic, Question, Questionnaire, Theme


class ForgetsLoadedQuestionnaires:
    """Any change made in the admin reaches the pages at once (charter/loaded.py)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        questionnaires_edited()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        questionnaires_edited()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        questionnaires_edited()


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ["position", "slug", "title", "description"]
    extra = 0
    show_change_link = True


@admin.register(Questionnaire)
class QuestionnaireAdmin(ForgetsLoadedQuestionnaires, admin.ModelAdmin):
    list_display = ["version", "title", "is_published", "saved_results", "created_at"]
    inlines = [ThemeInline]
    actions = ["copy_as_new_version", "publish"]
    readonly_fields = ["created_at"]
    # Results are read with the version they were taken on: to change a version on which
    # results were saved, copy it as a new version, edit the copy, then publish it.

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(saved=Count("diagnostics"))

    @admin.display(description=_("saved results"), ordering="saved")
    def saved_results(self, questionnaire):
        return questionnaire.saved

    @admin.action(description=_("Copy as a new unpublished version"))
    def copy_as_new_version(self, request, queryset):
        for questionnaire in queryset:
            copy = services.questionnaire_copy(questionnaire=questionnaire)
            self.message_user(
                request, _("Version %(version)s created.") % {"version": copy.version}
            )

    @admin.action(description=_("Publish"))
    def publish(self, request, queryset):
        for questionnaire in queryset:
            try:
                services.questionnaire_publish(questionnaire=questionnaire)
            except ValidationError as exc:
                self.message_user(request, exc.messages[0], level=messages.ERROR)


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "key", "text"]
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(ForgetsLoadedQuestionnaires, admin.ModelAdmin):
    list_display = ["title", "questionnaire", "position"]
    list_filter = ["questionnaire"]
    inlines = [QuestionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ["position", "value", "label", "score"]
    extra = 0


class ActionInline(admin.StackedInline):
    model = Action
    fields = ["title", "text", "effort", "impact", "links"]


@admin.register(Question)
class QuestionAdmin(ForgetsLoadedQuestionnaires, admin.ModelAdmin):
    list_display = ["key", "theme", "version"]
    list_filter = ["theme__questionnaire"]
    list_select_related = ["theme__questionnaire"]
    search_fields = ["key", "text"]
    inlines = [AnswerInline, ActionInline]

    @admin.display(description=_("version"), ordering="theme__questionnaire__version")
    def version(self, question):
        return question.theme.questionnaire.version


@admin.register(Diagnostic)
class DiagnosticAdmin(admin.ModelAdmin):
    """Saved results are their owners' data: admins see what is public and can unpublish it."""

    list_display = ["__str__", "questionnaire", "created_at", "published_at"]
    list_filter = [("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation_name"]
    fields = ["questionnaire", "organisation_name", "public_slug", "published_at", "created_at"]
    readonly_fields = fields
    actions = ["unpublish"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Stop publishing"))
    def unpublish(self, request, queryset):
        for diagnostic in queryset.published():
            services.diagnostic_unpublish(diagnostic=diagnostic)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d result handled.", "%(count)d results handled.", count)
            % {"count": count},
        )
