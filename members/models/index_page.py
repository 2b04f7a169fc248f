from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from localret_site.open_data import schema_response
from members.exports import csv_response, csv_table_schema, json_response
from members.forms import MemberFilterForm
from members.listing import MemberListing, filtered_members
from members.models.member import Member
from pages.mixins import ChildPagesBeforeRoutesMixin
from pages.models import AboutSectionPage
from pages.navigation import PageLink, breadcrumb_trail, menu_tree


class MembersIndexPage(ChildPagesBeforeRoutesMixin, RoutablePageMixin, AboutSectionPage):
    """ "Municipis adherits": the public listing of member entities.

    Besides the listing, it answers `<slug>/` with one member's page, `export.csv` and
    `export.json` with the listing as open data (see `export`), and `export.schema.json` with
    the Table Schema of the CSV. An entity that is not a member today (it never was, it left,
    or it has not joined yet) has no page: its address answers 404.
    """

    subpage_types = ["members.JoinPage"]
    page_description = _(
        "The list of local entities that are members of the consortium, with search, filters "
        "and downloads. The list itself comes from the registry of local entities."
    )

    class Meta:
        verbose_name = _("member entities page")
        verbose_name_plural = _("member entities pages")

    @path("")
    def listing(self, request):
        return self.render(
            request,
            context_overrides={"listing": MemberListing.from_request(request)},
        )

    @path("<slug:slug>/", name="member")
    def member(self, request, slug):
        try:
            member = Member.objects.current().select_related("comarca", "province").get(slug=slug)
        except Member.DoesNotExist:
            raise Http404("not a current member") from None
        return self.render(
            request,
            template="members/member_page.html",
            context_overrides={"member": member, "trail": breadcrumb_trail(request, self)},
        )

    def export(self, request, extension):
        """The listing's members as a `csv` or `json` file, or a 400 that says what is wrong;
        `schema.json`, the CSV's Table Schema, whatever the filters.

        A file must hold exactly what was asked for, so a filter that names nothing is an
        error here, where the listing would just leave it out and say so. (Wagtail's page
        URLs cannot end in ".csv"; members/urls.py routes these addresses here.)
        """
        if extension == "schema.json":
            return schema_response(csv_table_schema(), filename=self.slug)
        form = MemberFilterForm(request.GET)
        filters = form.filters()
        if form.notices:
            return HttpResponseBadRequest(
                "".join(f"{notice}\n" for notice in form.notices),
                content_type="text/plain; charset=utf-8",
            )
        members = filtered_members(filters)
        if extension == "csv":
            return csv_response(
                members,
                filename=self.slug,
                schema_url=request.build_absolute_uri(self.schema_path(request)),
            )
        page_url = self.get_full_url(request)
        return json_response(
            members,
            filename=self.slug,
            member_url=lambda member: page_url + self.member_path(member.slug),
        )

    def schema_path(self, request):
        """The address of the CSV's Table Schema, beside the CSV."""
        return self.get_url(request) + "export.schema.json"

    @staticmethod
    def member_path(slug):
        """The address of a member's page (the `member` route), after the listing's."""
        return f"{slug}/"

    @classmethod
    def link_for_request(cls, request):
        """A link to the live members page, from the menu that the request loads anyway when
        the page is in it (no query then)."""
        for entry in menu_tree(request):
            for child in entry.children:
                if child.specific_class is cls:
                    return child
        page = cls.objects.live().public().first()
        return PageLink.to(page, request) if page else None

    def get_sitemap_urls(self, request=None):
        page_url = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": page_url + self.member_path(slug), "lastmod": updated_at}
                for slug, updated_at in Member.objects.current().values_list("slug", "updated_at")
            ),
        ]
