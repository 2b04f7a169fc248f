from operator import attrgetter

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from governance.forms import CompositionDateForm
from governance.models.people import PORTRAIT_FILTER, GoverningBody, Position
from members.models import Member, MembersIndexPage
from pages.models import AboutSectionPage


def positions_with_people(queryset):
    """Positions with their person, portrait image, represented member and whether that
    member has a public page, all in the positions' own query."""
    member_has_page = Exists(Member.objects.current().filter(pk=OuterRef("member_id")))
    return queryset.select_related("person__photo", "member").annotate(
        member_has_page=member_has_page
    )


def positions_with_portraits(queryset):
    """As `positions_with_people`, plus the portraits' renditions in one more query, however
    many positions there are."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=PORTRAIT_FILTER)
    return positions_with_people(queryset).prefetch_related(
        Prefetch("person__photo__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def link_represented_members(positions, request):
    """Give each position `member_url`: the public page of the entity it represents, or ""
    when there is none (no entity, or one that is not a member today and so has no page)."""
    members_link = None
    for position in positions:
        position.member_url = ""
        if position.member_has_page:
            members_link = members_link or MembersIndexPage.link_for_request(request)
            # A members listing outside this request's site has no URL here.
            if members_link and members_link.url:
                position.member_url = members_link.url + MembersIndexPage.member_path(
                    position.member.slug
                )


class GoverningBodiesPage(AboutSectionPage):
    """ "Òrgans de govern": the consortium's governing bodies and who sits on them."""

    page_description = _(
        "The governing bodies of the consortium with their functions and members. Bodies, "
        "people and positions are edited under “Governing bodies” in the menu."
    )

    class Meta:
        verbose_name = _("governing bodies page")
        verbose_name_plural = _("governing bodies pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        date_form = CompositionDateForm(request.GET)
        on_date = date_form.date_or(today)
        positions = positions_with_portraits(
            Position.objects.composition_on(on_date).in_seat_order()
        )
        bodies = list(
            GoverningBody.objects.prefetch_related(
                Prefetch("positions", queryset=positions, to_attr="shown_positions")
            )
        )
        past_presidents = []
        for body in bodies:
            body.seats = [position for position in body.shown_positions if position.is_held]
            past_presidents += [
                position for position in body.shown_positions if not position.is_held
            ]
        past_presidents.sort(key=attrgetter("start_date"), reverse=True)
        link_represented_members(
            [*(seat for body in bodies for seat in body.seats), *past_presidents], request
        )
        context.update(
            date_form=date_form,
            on_date=on_date,
            is_today=on_date == today,
            bodies=bodies,
            past_presidents=past_presidents,
        )
        return context
