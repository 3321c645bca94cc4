from django.contrib import admin

from core.models import OutboxEmail, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "read_only"]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def save_model(self, request, obj, form, change):
        from core.site import site_settings_save

        site_settings_save(read_only=obj.read_only, message=obj.read_only_message)


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "status", "attempts", "send_after", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "subject",
        "text",
        "html",
        "headers",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    actions = ["retry_now"]

    @admin.action(description="Retry now")
    def retry_now(self, request, queryset):
        from django.utils import timezone

        queryset.exclude(status=OutboxEmail.Status.SENT).update(
            status=OutboxEmail.Status.PENDING, send_after=timezone.now()
        )
