import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from governance.models import GoverningBody, Person, Position, Role
from localret_site.open_data import paragraph_text
from localret_site.spreadsheets import NeutralisedSpreadsheetExportMixin


class GovernanceIndexView(NeutralisedSpreadsheetExportMixin, IndexView):
    pass


class GoverningBodyIndexView(GovernanceIndexView):
    # Functions are rich text: a spreadsheet gets their paragraphs, not their HTML.
    custom_field_preprocess = {
        "functions": {"csv": paragraph_text, "xlsx": paragraph_text},
    }


class GoverningBodyViewSet(SnippetViewSet):
    model = GoverningBody
    index_view_class = GoverningBodyIndexView
    icon = "group"
    list_display = ["name", BooleanColumn("is_presidency", label=_("Consortium's presidency"))]
    search_fields = ["name", "functions"]
    list_export = ["name", "is_presidency", "functions"]
    export_filename = "organs-de-govern"


class PersonViewSet(SnippetViewSet):
    model = Person
    index_view_class = GovernanceIndexView
    icon = "user"
    list_display = ["name"]
    search_fields = ["name", "biography"]
    list_export = ["name", "biography"]
    export_filename = "persones"


class PositionFilterSet(WagtailFilterSet):
    body = django_filters.ModelChoiceFilter(
        label=_("governing body"), queryset=GoverningBody.objects.all()
    )
    role = django_filters.ChoiceFilter(label=_("role"), choices=Role.choices)
    current = django_filters.BooleanFilter(label=_("in office today"), method="filter_current")

    class Meta:
        model = Position
        fields = ["body", "role", "current"]

    def filter_current(self, queryset, name, value):
        current = Position.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class PositionViewSet(SnippetViewSet):
    model = Position
    index_view_class = GovernanceIndexView
    icon = "user"
    list_display = [
        "person",
        Column("role_label", label=_("Role")),
        "body",
        "member",
        "start_date",
        "end_date",
    ]
    filterset_class = PositionFilterSet
    search_fields = ["person__name", "body__name", "member__name"]
    list_export = ["person", "role_label", "body", "member", "start_date", "end_date"]
    export_headings = {"role_label": _("Role")}
    export_filename = "carrecs"

    def get_queryset(self, request):
        return Position.objects.select_related("person", "body", "member")


class GovernanceViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Governing bodies")
    menu_icon = "group"
    menu_order = 210
    items = (GoverningBodyViewSet, PersonViewSet, PositionViewSet)


register_snippet(GovernanceViewSetGroup)
