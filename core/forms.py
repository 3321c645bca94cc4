from django.forms.renderers import TemplatesSetting


class PresenceFormRenderer(TemplatesSetting):
    """Render every form with an error summary and errors tied to their fields (RGAA 11.10)."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
