from django.contrib import admin

from resources.models import Article, Comment, Follow, Image, Tag


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles are edited through the wiki (with history); the admin shows them."""

    list_display = ["title", "kind", "published", "updated_at"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "slug"]
    readonly_fields = [
        "document",
        "slug",
        "title",
        "summary",
        "kind",
        "published",
        "created_at",
        "updated_at",
    ]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["article", "author", "created_at", "hidden"]
    list_filter = ["hidden"]
    list_editable = ["hidden"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["file", "alt_text", "decorative", "uploaded_by", "created_at"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "article", "tag", "frequency"]
