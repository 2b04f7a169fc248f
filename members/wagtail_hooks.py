import datetime
import re
import uuid

from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from localret_site.spreadsheets import NeutralisedSpreadsheetExportMixin
from members.forms import MarkAsMembersForm
from members.models import Comarca, Kind, Member, Province
from members.models.member import current_membership
from members.views import IMPORT_PERMISSION, ImportView

MARK_AS_MEMBER_ACTION = "members.mark_as_member"

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


class MemberIndexView(NeutralisedSpreadsheetExportMixin, IndexView):
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


class MarkAsMembersBulkAction(SnippetBulkAction):
    """Make the selected reference entities members from a date, in one transaction.

    Only entities without a joining date change; the others are listed and left as they are.
    """

    display_name = _("Mark as members")
    action_type = "mark_as_members"
    aria_label = _("Mark the selected entities as members")
    template_name = "members/admin/confirm_mark_as_members.html"
    action_priority = 20
    form_class = MarkAsMembersForm
    models = [Member]
    already_members = ()

    @classmethod
    def get_queryset(cls, model, object_ids):
        # An id that is not a number the database can hold would make the query fail instead
        # of finding nothing.
        return super().get_queryset(
            model, [pk for pk in object_ids if re.fullmatch(r"[0-9]{1,18}", str(pk))]
        )

    def get_all_objects_in_listing_query(self, parent_id):
        """ "Select all" covers the listing as it was filtered and searched, not the registry."""
        listing = MemberFilterSet(
            self.request.GET, queryset=Member.objects.all(), request=self.request
        ).qs
        query = self.request.GET.get("q", "").strip()
        if query:
            listing = listing.search(query)
        return listing.values_list("pk", flat=True)

    def check_perm(self, member):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", member
        )

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        self.already_members = [member for member in objects if member.member_since]
        extra["already_members"] = self.already_members
        return [member for member in objects if not member.member_since], extra

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "member_since": self.cleaned_form.cleaned_data["member_since"],
            "user": self.request.user,
        }

    @classmethod
    def execute_action(cls, objects, member_since=None, user=None, **kwargs):
        # Read again under a lock: an entity made a member since the form was shown stays as is.
        members = Member.objects.select_for_update().filter(
            pk__in=[member.pk for member in objects], member_since__isnull=True
        )
        marked = 0
        for member in members:
            member.member_since = member_since
            member.save(update_fields=["member_since", "updated_at"])
            # An entry of its own: a history shows one entry per action and uuid, whichever
            # entity it belongs to, so entries sharing the request's uuid would hide each other.
            log(
                member,
                MARK_AS_MEMBER_ACTION,
                user=user,
                uuid=uuid.uuid4(),
                data={"member_since": member_since.isoformat()},
            )
            marked += 1
        return marked, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)s entity marked as a member. Joining date: %(date)s.",
            "%(count)s entities marked as members. Joining date: %(date)s.",
            num_parent_objects,
        ) % {
            "count": num_parent_objects,
            "date": date_format(self.cleaned_form.cleaned_data["member_since"], "DATE_FORMAT"),
        }
        if self.already_members:
            message += " " + ngettext(
                "%(count)s entity already had a joining date and was not changed.",
                "%(count)s entities already had a joining date and were not changed.",
                len(self.already_members),
            ) % {"count": len(self.already_members)}
        return message


class MarkAsMemberFormatter(LogFormatter):
    label = _("Mark as member")

    def format_message(self, log_entry):
        try:
            day = datetime.date.fromisoformat(log_entry.data["member_since"])
        except (KeyError, TypeError, ValueError):
            return _("Marked as a member")
        return _("Marked as a member. Joining date: %(date)s.") % {
            "date": date_format(day, "DATE_FORMAT")
        }


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    actions.register_action(MARK_AS_MEMBER_ACTION)(MarkAsMemberFormatter)


hooks.register("register_bulk_action", MarkAsMembersBulkAction)
