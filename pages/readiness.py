"""What editors still have to write before the site goes live.

Models say where to look, each with class attributes: `placeholder_fields` (texts that may
still hold the placeholder, "afegir petit text…"; pages, snippets and settings alike),
`main_text_fields` (a page type's main text; see `IntroductionBodyMixin.has_main_text`) and
`launch_required_fields` (settings that must be filled in) and `launch_cleared_fields` (switches
that must be off). Every finder costs one query per
model, however many objects there are.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.html import strip_tags
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Site, get_page_models

from pages.placeholders import holds_placeholder


def has_text(value):
    """Whether a field holds something to read: text other than bare markup, or any block."""
    if isinstance(value, str):
        return bool(strip_tags(value).strip())
    return bool(value)


def fields_holding_placeholder(instance):
    """The names of the instance's `placeholder_fields` that still hold the placeholder."""
    return [
        name
        for name in getattr(instance, "placeholder_fields", ())
        if holds_placeholder(getattr(instance, name))
    ]


def empty_launch_fields(instance):
    """The names of the instance's `launch_required_fields` that are still empty."""
    return [
        name
        for name in getattr(instance, "launch_required_fields", ())
        if not has_text(getattr(instance, name))
    ]


def launch_flags_still_set(instance):
    """The names of the instance's `launch_cleared_fields` (switches such as "demo site" that
    must be off once the site is live) that are still on."""
    return [
        name for name in getattr(instance, "launch_cleared_fields", ()) if getattr(instance, name)
    ]


def placeholder_condition(fields, marker):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": marker})
    return condition


def live_pages_of_type(model):
    """Live pages of exactly this type (a page type's subclasses answer for themselves)."""
    return model.objects.live().filter(content_type=ContentType.objects.get_for_model(model))


def pages_with_placeholders(marker=None):
    """Live pages whose text still holds the placeholder marker, in tree order.

    Each page type names the fields to scan in `placeholder_fields`; one query per such type.
    """
    marker = marker or settings.CONTENT_PLACEHOLDER_MARKER
    found = []
    for model in get_page_models():
        fields = getattr(model, "placeholder_fields", ())
        if fields:
            found.extend(live_pages_of_type(model).filter(placeholder_condition(fields, marker)))
    return sorted(found, key=lambda page: page.path)


def pages_without_main_text():
    """Live pages whose main text is still empty, in tree order; one query per page type."""
    found = []
    for model in get_page_models():
        if getattr(model, "main_text_fields", ()):
            found.extend(page for page in live_pages_of_type(model) if not page.has_main_text())
    return sorted(found, key=lambda page: page.path)


def content_with_placeholders():
    """Objects other than pages and settings (governing bodies, people, published information…)
    whose `placeholder_fields` still hold the placeholder, model by model."""
    marker = settings.CONTENT_PLACEHOLDER_MARKER
    found = []
    for model in apps.get_models():
        fields = getattr(model, "placeholder_fields", ())
        if fields and not issubclass(model, Page) and model not in settings_registry:
            found.extend(model.objects.filter(placeholder_condition(fields, marker)))
    return found


def all_settings():
    """Every registered setting as the admin edits it: one per site for site settings, with
    their default values where none was saved yet (nothing is created here)."""
    sites = list(Site.objects.order_by("-is_default_site", "hostname", "port"))
    found = []
    for model in settings_registry:
        if issubclass(model, BaseSiteSetting):
            saved = {setting.site_id: setting for setting in model.objects.filter(site__in=sites)}
            found.extend(saved.get(site.pk) or model(site=site) for site in sites)
        elif issubclass(model, BaseGenericSetting):
            found.append(model.objects.first() or model())
    return found
