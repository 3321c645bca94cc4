from django.contrib import admin

from revisions.models import Document, Review, Revision


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "protected", "updated_at"]
    list_filter = ["kind", "protected"]
    search_fields = ["title"]
    readonly_fields = ["kind", "title", "path", "current_revision", "created_at", "updated_at"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Revisions are never changed: the admin only shows them."""

    list_display = ["document", "number", "action", "author", "created_at", "needs_review"]
    list_filter = ["action", "needs_review"]
    search_fields = ["document__title", "summary"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["revision", "accepted", "moderator", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False
