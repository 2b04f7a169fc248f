from typing import NamedTuple

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from localret_site.open_data import requested_format
from members.exports import open_data_response
from members.listing import MemberListing
from members.models.member import Member
from pages.mixins import ChildPagesBeforeRoutesMixin
from pages.models import AboutSectionPage


class MembersLink(NamedTuple):
    """The members page as other pages link to it."""

    title: str
    url: str | None  # None when the page is not on the request's site


class MembersIndexPage(ChildPagesBeforeRoutesMixin, RoutablePageMixin, AboutSectionPage):
    """ "Municipis adherits": the public listing of member entities.

    Besides the listing, it answers `?format=csv` and `?format=json` with the filtered listing
    as open data, `?format=schema` with the Table Schema of the CSV (see `members.exports`), and
    `<slug>/` with one member's page. An entity that is not a member today (it never was, it
    left, or it has not joined yet) has no page: its address answers 404.
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
        export_format = requested_format(request)
        if export_format is not None:
            return open_data_response(self, request, export_format)
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
            context_overrides={
                "member": member,
                "ancestors": self.get_ancestors(inclusive=True).filter(depth__gt=1),
            },
        )

    @staticmethod
    def member_path(slug):
        """The address of a member's page (the `member` route), after the listing's."""
        return f"{slug}/"

    @classmethod
    def link_for_request(cls, request):
        """A link to the live members page for the request's site, or None if there is none."""
        page = cls.objects.live().public().first()
        return MembersLink(page.title, page.get_url(request)) if page else None

    def get_sitemap_urls(self, request=None):
        page_url = self.get_full_url(request)
        return [
            *super().get_sitemap_urls(request),
            *(
                {"location": page_url + self.member_path(slug), "lastmod": updated_at}
                for slug, updated_at in Member.objects.current().values_list("slug", "updated_at")
            ),
        ]
