"""Form fields that tell assistive technology about their help text and errors."""

from django import template

register = template.Library()


@register.filter
def described(bound_field):
    """The field's widget with aria-describedby pointing at its help and its errors."""
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_help")
    attrs = {}
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return bound_field.as_widget(attrs=attrs)
