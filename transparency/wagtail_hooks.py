"""The portal in the admin: published information, and access requests for their staff only."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from localret_site.spreadsheets import NeutralisedSpreadsheetExportMixin
from transparency.models import AccessRequest, TransparencyItem, TransparencySectionPage
from transparency.reminders import open_requests


class TransparencyItemFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"), queryset=TransparencySectionPage.objects.order_by("path")
    )

    class Meta:
        model = TransparencyItem
        fields = ["section", "year"]


class TransparencyItemIndexView(NeutralisedSpreadsheetExportMixin, SnippetIndexView):
    pass


class TransparencyItemViewSet(SnippetViewSet):
    model = TransparencyItem
    index_view_class = TransparencyItemIndexView
    icon = "doc-full"
    menu_label = _("Published information")
    list_display = [
        "title",
        "section",
        Column("period_label", label=_("Period")),
        Column("updated_at", label=_("Last update"), sort_key="updated_at"),
    ]
    list_export = ["title", "section", "legal_reference", "year", "period", "updated_at"]
    filterset_class = TransparencyItemFilterSet
    search_fields = ["title", "description"]
    search_backend_name = None
    ordering = ["section__path", "-year", "title"]

    def get_queryset(self, request):
        return TransparencyItem.objects.select_related("section")


class AccessRequestPermissionPolicy(ModelPermissionPolicy):
    """Requests only ever come in through the public form, which gives them their reference."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class OverdueFilter(django_filters.BooleanFilter):
    def filter(self, queryset, value):
        if value is None:
            return queryset
        overdue = AccessRequest.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class AccessRequestFilterSet(WagtailFilterSet):
    overdue = OverdueFilter(label=_("Overdue"))

    class Meta:
        model = AccessRequest
        fields = ["status", "overdue", "publish", "year"]


class DeadlineColumn(Column):
    """The deadline, flagged when it has passed and the request is still open."""

    cell_template_name = "transparency/admin/deadline_cell.html"


class AccessRequestIndexView(NeutralisedSpreadsheetExportMixin, IndexView):
    """Requests hold what citizens typed: their export must not run it as a formula."""


class AccessRequestInspectView(InspectView):
    def get_id_document_display_value(self):
        # The full number is for the request's edit form only (see masked_id_document).
        return self.object.masked_id_document


class AccessRequestViewSet(ModelViewSet):
    model = AccessRequest
    index_view_class = AccessRequestIndexView
    name = "access_requests"
    url_prefix = "access-requests"
    icon = "mail"
    menu_label = _("Access requests")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = AccessRequestInspectView
    list_display = [
        "reference",
        "subject",
        Column("masked_id_document", label=_("Identity document")),
        Column("received_at", label=_("Entry date"), sort_key="received_at"),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda access_request: (
                access_request.status not in AccessRequest.Status.final()
            ),
        ),
        DeadlineColumn("due_on", label=_("Deadline"), sort_key="due_on"),
        "publish",
    ]
    list_export = [
        "reference",
        "received_at",
        "name",
        "masked_id_document",
        "email",
        "subject",
        "preferred_format",
        "status",
        "due_on",
        "resolved_on",
        "publish",
    ]
    export_headings = {"masked_id_document": _("Identity document")}
    filterset_class = AccessRequestFilterSet
    search_fields = ["reference", "name", "email", "subject"]
    search_backend_name = None


class TransparencyViewSetGroup(ViewSetGroup):
    menu_label = _("Transparency")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = [TransparencyItemViewSet, AccessRequestViewSet]


class OpenAccessRequestsPanel(Component):
    """Dashboard panel of the open access requests, the overdue ones first."""

    name = "open_access_requests"
    order = 30
    template_name = "transparency/admin/open_requests_panel.html"
    # The rest are one click away, in the listing.
    shown = 20

    def get_context_data(self, parent_context):
        return {
            "open_requests": open_requests(timezone.localdate(), limit=self.shown),
            "total": AccessRequest.objects.open().count(),
        }


access_request_permission_policy = AccessRequestPermissionPolicy(AccessRequest)
register_permission_policy(AccessRequest, access_request_permission_policy)


@hooks.register("construct_homepage_panels")
def add_open_access_requests_panel(request, panels):
    if access_request_permission_policy.user_has_permission(request.user, "change"):
        panels.append(OpenAccessRequestsPanel())


@hooks.register("register_admin_viewset")
def register_viewsets():
    return TransparencyViewSetGroup()
