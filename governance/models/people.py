"""Who governs the consortium: people, its governing bodies and the seats people hold in them."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, ExpressionWrapper, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

# The square portrait every public page shows; prefetched with the people who need it.
PORTRAIT_FILTER = "fill-240x240"
FUNCTIONS_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class FormOfAddress(models.TextChoices):
    """How a person's offices are written: Catalan offices take the holder's gender."""

    FEMININE = "feminine", _("Feminine (Presidenta, Secretària)")
    MASCULINE = "masculine", _("Masculine (President, Secretari)")
    NEUTRAL = "neutral", _("Both forms (President/a, Secretari/ària)")


class Person(models.Model):
    """Someone who holds or held a seat in a governing body."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Full name, as it should appear on the website."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A portrait, shown square. The image's description in the image library is read "
            "out as its alternative text; leave the description empty if the photo adds "
            "nothing to the name shown beside it."
        ),
    )
    biography = models.TextField(
        _("short biography"),
        max_length=1000,
        blank=True,
        help_text=_(
            "A few public lines: current office, background. Only what the person agreed to "
            "publish."
        ),
    )

    form_of_address = models.CharField(
        _("form of the offices"),
        max_length=10,
        choices=FormOfAddress.choices,
        default=FormOfAddress.NEUTRAL,
        help_text=_(
            "How this person's offices are written on the website, as the person prefers: "
            "Presidenta, President, or both forms together."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("form_of_address", widget=forms.RadioSelect),
        FieldPanel("photo"),
        FieldPanel("biography"),
    ]
    placeholder_fields = ("biography",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    @property
    def photo_alt(self):
        """The photo's alternative text: its description, or nothing beside the name."""
        return self.photo.description if self.photo else ""


class GoverningBody(Orderable):
    """A governing body of the consortium, as its statutes define it."""

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        help_text=_('As the statutes name it, e.g. "Consell d\'Administració".'),
    )
    functions = RichTextField(
        _("functions"),
        blank=True,
        features=FUNCTIONS_FEATURES,
        help_text=_("What the body does and decides, in a few sentences or a list."),
    )
    is_presidency = models.BooleanField(
        _("consortium's presidency"),
        default=False,
        help_text=_(
            "Tick it for the Presidència only: whoever holds the president role in this body "
            "is the consortium's president, shown on the president's message page and in the "
            "list of past presidents."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("functions"), FieldPanel("is_presidency")]
    placeholder_fields = ("functions",)

    class Meta(Orderable.Meta):
        verbose_name = _("governing body")
        verbose_name_plural = _("governing bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_presidency"],
                condition=Q(is_presidency=True),
                name="governance_single_presidency",
                violation_error_message=_("Another body is already the consortium's presidency."),
            )
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    """Seats in a governing body, in the order a body lists them."""

    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    SECRETARY = "secretary", _("Secretary")
    AUDITOR = "auditor", _("Auditor")
    TREASURER = "treasurer", _("Treasurer")
    MANAGER = "manager", _("Manager")
    MEMBER = "member", _("Member")


# The offices as a woman or a man holds them; the role's own label (both forms, or a word that
# does not change, as "Gerent" and "Vocal") is used otherwise.
GENDERED_ROLE_LABELS = {
    FormOfAddress.FEMININE: {
        Role.PRESIDENT: pgettext_lazy("feminine", "President"),
        Role.VICE_PRESIDENT: pgettext_lazy("feminine", "Vice-president"),
        Role.SECRETARY: pgettext_lazy("feminine", "Secretary"),
        Role.AUDITOR: pgettext_lazy("feminine", "Auditor"),
        Role.TREASURER: pgettext_lazy("feminine", "Treasurer"),
    },
    FormOfAddress.MASCULINE: {
        Role.PRESIDENT: pgettext_lazy("masculine", "President"),
        Role.VICE_PRESIDENT: pgettext_lazy("masculine", "Vice-president"),
        Role.SECRETARY: pgettext_lazy("masculine", "Secretary"),
        Role.AUDITOR: pgettext_lazy("masculine", "Auditor"),
        Role.TREASURER: pgettext_lazy("masculine", "Treasurer"),
    },
}

# Every role but "member" is a one-person seat: one president (or one first vice-president…)
# per body at any time.
SHARED_ROLES = {Role.MEMBER}

VICE_PRESIDENT_ORDINALS = [
    (1, pgettext_lazy("vice-president", "first")),
    (2, pgettext_lazy("vice-president", "second")),
    (3, pgettext_lazy("vice-president", "third")),
    (4, pgettext_lazy("vice-president", "fourth")),
    (5, pgettext_lazy("vice-president", "fifth")),
    (6, pgettext_lazy("vice-president", "sixth")),
]


def held_on(date):
    """Positions held on `date`: started by then and not yet ended. An end date is the day
    the successor takes over, so on that day the seat is the successor's."""
    return Q(start_date__lte=date) & (Q(end_date__isnull=True) | Q(end_date__gt=date))


GENDERED_ORDINALS = {
    FormOfAddress.FEMININE: {
        1: pgettext_lazy("vice-president, feminine", "first"),
        2: pgettext_lazy("vice-president, feminine", "second"),
        3: pgettext_lazy("vice-president, feminine", "third"),
        4: pgettext_lazy("vice-president, feminine", "fourth"),
        5: pgettext_lazy("vice-president, feminine", "fifth"),
        6: pgettext_lazy("vice-president, feminine", "sixth"),
    },
    FormOfAddress.MASCULINE: {
        1: pgettext_lazy("vice-president, masculine", "first"),
        2: pgettext_lazy("vice-president, masculine", "second"),
        3: pgettext_lazy("vice-president, masculine", "third"),
        4: pgettext_lazy("vice-president, masculine", "fourth"),
        5: pgettext_lazy("vice-president, masculine", "fifth"),
        6: pgettext_lazy("vice-president, masculine", "sixth"),
    },
}


# The consortium's presidents: the president seat of the presidency body.
CONSORTIUM_PRESIDENTS = Q(body__is_presidency=True, role=Role.PRESIDENT)


class PositionQuerySet(models.QuerySet):
    def active_on(self, date):
        return self.filter(held_on(date))

    def current(self):
        return self.active_on(timezone.localdate())

    def overlapping(self, start, end):
        """Positions that share at least one day with the period from `start` to `end`."""
        queryset = self.filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
        return queryset.filter(start_date__lt=end) if end else queryset

    def presidents(self):
        return self.filter(CONSORTIUM_PRESIDENTS)

    def composition_on(self, date):
        """What the governing bodies page shows of `date` in one query: the positions held
        that day (`is_held` true) and the consortium's presidents whose term had ended."""
        return self.filter(
            held_on(date) | (CONSORTIUM_PRESIDENTS & Q(end_date__lte=date))
        ).annotate(is_held=ExpressionWrapper(held_on(date), output_field=models.BooleanField()))

    def in_seat_order(self):
        """President first, then vice-presidents by ordinal, other offices, members by name."""
        rank = Case(
            *(When(role=role, then=Value(index)) for index, role in enumerate(Role.values)),
            output_field=models.IntegerField(),
        )
        return self.annotate(role_rank=rank).order_by(
            "body__sort_order", "role_rank", "ordinal", "person__name", "start_date"
        )


class Position(models.Model):
    """A seat someone holds in a governing body, for a period, perhaps on behalf of a member."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="positions",
        help_text=_("Who holds the seat."),
    )
    body = models.ForeignKey(
        GoverningBody,
        verbose_name=_("governing body"),
        on_delete=models.PROTECT,
        related_name="positions",
        help_text=_("Where the seat is."),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.MEMBER,
        help_text=_("Every role but member can be held by only one person at a time."),
    )
    ordinal = models.PositiveSmallIntegerField(
        _("vice-presidency"),
        choices=VICE_PRESIDENT_ORDINALS,
        null=True,
        blank=True,
        help_text=_("For vice-presidents only: first, second…"),
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("represented entity"),
        null=True,
        blank=True,
        # A position is part of the consortium's record: an entity someone represented
        # cannot disappear from it by being deleted from the registry.
        on_delete=models.PROTECT,
        related_name="governance_positions",
        help_text=_("The member entity the person represents in this body, if any."),
    )
    start_date = models.DateField(_("start date"), help_text=_("The day the person took office."))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_(
            "The day the term ended; a successor may start that same day. Leave it empty "
            "while the person is in office."
        ),
    )

    objects = PositionQuerySet.as_manager()

    panels = [
        FieldPanel("person"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("ordinal")]),
        FieldPanel("member"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])],
            heading=_("Term"),
        ),
    ]

    class Meta:
        ordering = ["body__sort_order", "-start_date"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self):
        return f"{self.person} · {self.role_label} · {self.body}"

    @property
    def role_label(self):
        """The role as the public reads it in the person's form, e.g. "Vicepresidenta primera"
        or "Vicepresident/a primer/a"."""
        form = self.person.form_of_address
        role = GENDERED_ROLE_LABELS.get(form, {}).get(self.role, self.get_role_display())
        if self.role == Role.VICE_PRESIDENT and self.ordinal:
            ordinal = GENDERED_ORDINALS.get(form, {}).get(self.ordinal)
            ordinal = ordinal or self.get_ordinal_display()
            return _("%(role)s %(ordinal)s") % {"role": role, "ordinal": ordinal}
        return role

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must be later than the start date.")}
            )
        if self.ordinal and self.role != Role.VICE_PRESIDENT:
            raise ValidationError({"ordinal": _("Only vice-presidents have an ordinal.")})
        clash = self.clashing_position()
        if clash is not None:
            raise ValidationError(self.clash_message(clash))

    def clashing_position(self):
        """Another position that would hold the same seat on some day of this one's term."""
        if not (self.person_id and self.body_id and self.start_date):
            return None
        others = (
            Position.objects.filter(body_id=self.body_id, role=self.role)
            .exclude(pk=self.pk)
            .overlapping(self.start_date, self.end_date)
            .select_related("person")
        )
        if self.role in SHARED_ROLES:
            others = others.filter(person_id=self.person_id)
        else:
            others = others.filter(ordinal=self.ordinal)
        return others.order_by("start_date").first()

    def clash_message(self, clash):
        if self.role in SHARED_ROLES:
            return _("This person is already a member of this body for part of this period.")
        values = {
            "person": clash.person.name,
            "start": date_format(clash.start_date, "DATE_FORMAT"),
            "end": clash.end_date and date_format(clash.end_date, "DATE_FORMAT"),
        }
        if clash.end_date:
            return (
                _(
                    "%(person)s holds this seat from %(start)s to %(end)s, and only one person "
                    "can hold it at a time."
                )
                % values
            )
        return (
            _(
                "%(person)s holds this seat since %(start)s, and only one person can hold it at "
                "a time. Give that term an end date first."
            )
            % values
        )
