from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from members.models import Comarca, Kind, Member, Province
from members.models.member import current_membership
from members.views import IMPORT_PERMISSION, ImportView

MEMBERSHIP_CHOICES = [
    ("current", _("Members today")),
    ("former", _("Former members")),
    ("future", _("Joining on a later date")),
    ("never", _("Never members")),
]


class MemberFilterSet(WagtailFilterSet):
    kind = ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    comarca = ModelChoiceFilter(label=_("Comarca"), queryset=Comarca.objects.all())
    province = ModelChoiceFilter(label=_("Province"), queryset=Province.objects.all())
    membership = ChoiceFilter(
        label=_("Membership"), choices=MEMBERSHIP_CHOICES, method="filter_membership"
    )

    class Meta:
        model = Member
        fields = ["kind", "comarca", "province"]

    def filter_membership(self, queryset, name, value):
        today = timezone.localdate()
        if value == "current":
            return queryset.filter(current_membership(today))
        if value == "former":
            return queryset.filter(left_on__lte=today)
        if value == "future":
            return queryset.filter(member_since__gt=today)
        return queryset.filter(member_since__isnull=True)


class MemberIndexView(IndexView):
    """The admin list, searched the way the public listing is (accents, apostrophes, codes)."""

    import_url_name = None

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.search(self.search_query)

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(IMPORT_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Import"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                )
            )
        return buttons


class MemberViewSet(SnippetViewSet):
    model = Member
    index_view_class = MemberIndexView
    icon = "group"
    menu_label = _("Local entities")
    list_per_page = 50
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display", sort_key="kind"),
        "comarca",
        "province",
        Column("member_since", label=_("Member since"), sort_key="member_since"),
    ]
    filterset_class = MemberFilterSet
    search_fields = ["name"]
    ordering = ["sort_key", "code"]
    export_filename = "ens-locals"
    # The columns of the import format, so an export can be edited and imported again.
    list_export = [
        "code",
        "name",
        "kind",
        "comarca_id",
        "member_since",
        "left_on",
        "website",
        "province_id",
    ]
    export_headings = {
        "code": "codi",
        "name": "nom",
        "kind": "tipus",
        "comarca_id": "comarca",
        "member_since": "data_adhesio",
        "left_on": "data_baixa",
        "website": "web",
        "province_id": "provincia",
    }

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_urlpatterns(self):
        import_view = ImportView.as_view(
            breadcrumbs_items=self.breadcrumbs_items, index_url_name=self.get_url_name("list")
        )
        return [*super().get_urlpatterns(), path("import/", import_view, name="import")]


class ComarcaViewSet(SnippetViewSet):
    model = Comarca
    icon = "site"
    list_display = ["name", "code"]
    search_fields = ["name"]
    inspect_view_enabled = True


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    list_display = ["name", "code"]
    inspect_view_enabled = True


class MembersViewSetGroup(SnippetViewSetGroup):
    items = (MemberViewSet, ComarcaViewSet, ProvinceViewSet)
    menu_label = _("Member entities")
    menu_icon = "group"
    menu_order = 200


register_snippet(MembersViewSetGroup)
