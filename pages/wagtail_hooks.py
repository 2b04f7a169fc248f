from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.models import ContactMessage, ContactTopic
from pages.readiness import (
    all_settings,
    content_with_placeholders,
    empty_launch_fields,
    fields_holding_placeholder,
    launch_flags_still_set,
    pages_with_placeholders,
    pages_without_main_text,
)


@dataclass
class MissingItem:
    """One row of the panel: what to fix, which of its fields, and where (None: the user may
    not edit it)."""

    label: str
    kind: str
    fields: list
    edit_url: str | None


def field_labels(model, names):
    return [model._meta.get_field(name).verbose_name for name in names]


class ReadyToPublishPanel(Component):
    """Dashboard panel listing everything still missing before the site can go live."""

    name = "ready_to_publish"
    order = 50
    template_name = "pages/admin/ready_to_publish_panel.html"

    def get_context_data(self, parent_context):
        finder = AdminURLFinder(parent_context["request"].user)

        def item(instance, field_names, label=None, kind=None):
            model = type(instance)
            return MissingItem(
                label=label or str(instance),
                kind=kind or model._meta.verbose_name,
                fields=field_labels(model, field_names),
                edit_url=finder.get_edit_url(instance),
            )

        site_settings = all_settings()
        sections = {
            "placeholder_pages": [
                item(page, fields_holding_placeholder(page), page.title)
                for page in pages_with_placeholders()
            ],
            "empty_pages": [
                item(page, page.main_text_fields, page.title) for page in pages_without_main_text()
            ],
            "placeholder_content": [
                item(instance, fields_holding_placeholder(instance))
                for instance in content_with_placeholders()
            ],
            "placeholder_settings": [
                item(setting, names, setting._meta.verbose_name, _("Settings"))
                for setting in site_settings
                if (names := fields_holding_placeholder(setting))
            ],
            "empty_settings": [
                item(setting, names, setting._meta.verbose_name, _("Settings"))
                for setting in site_settings
                if (names := empty_launch_fields(setting))
            ],
            "flagged_settings": [
                item(setting, names, setting._meta.verbose_name, _("Settings"))
                for setting in site_settings
                if (names := launch_flags_still_set(setting))
            ],
        }
        return {
            **sections,
            "missing_count": sum(len(items) for items in sections.values()),
            "marker": settings.CONTENT_PLACEHOLDER_MARKER,
        }


@hooks.register("construct_homepage_panels")
def add_ready_to_publish_panel(request, panels):
    panels.append(ReadyToPublishPanel())


class ContactTopicViewSet(SnippetViewSet):
    model = ContactTopic
    icon = "tag"
    menu_label = _("Contact topics")
    list_display = ["name", "email"]


class ContactMessagePermissionPolicy(ModelPermissionPolicy):
    """Messages only ever come in through the public form."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class ContactMessageViewSet(ModelViewSet):
    """What visitors wrote, for staff to follow up: they read a message and mark it handled."""

    model = ContactMessage
    name = "contact_messages"
    url_prefix = "contact-messages"
    icon = "mail"
    menu_label = _("Contact messages")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["handled"]
    list_display = [
        "name",
        "topic",
        Column("received_at", label=_("Received at"), sort_key="received_at"),
        BooleanColumn("handled", label=_("Handled")),
    ]
    list_filter = ["topic", "handled"]
    search_fields = ["name", "email", "message"]
    search_backend_name = None

    def get_queryset(self, request):
        return ContactMessage.objects.select_related("topic")


register_permission_policy(ContactMessage, ContactMessagePermissionPolicy(ContactMessage))
register_snippet(ContactTopicViewSet)


@hooks.register("register_admin_viewset")
def register_contact_messages():
    return ContactMessageViewSet()
