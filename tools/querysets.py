from django.db import models


class ToolQuerySet(models.QuerySet):
    def listing(self):
        return self.filter(published=True).prefetch_related("categories")
