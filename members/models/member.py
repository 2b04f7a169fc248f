from contextlib import suppress

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from members.codes import normalise_municipality_code, normalise_own_code, province_code_for
from members.names import display_name, normalise_search_key, search_key_for, sort_key, sort_name


class Kind(models.TextChoices):
    """The kinds of local entity; the keys are part of the import and export formats."""

    MUNICIPALITY = "municipi", _("municipality")
    COUNTY_COUNCIL = "consell_comarcal", _("county council")
    PROVINCIAL_COUNCIL = "diputacio", _("provincial council")
    DECENTRALISED_ENTITY = "emd", _("decentralised municipal entity")
    ASSOCIATION_OF_MUNICIPALITIES = "mancomunitat", _("association of municipalities")
    CONSORTIUM = "consorci", _("consortium")
    MUNICIPALIST_ASSOCIATION = "entitat_municipalista", _("municipalist association")
    OTHER = "altres", _("other")


def current_membership(on=None):
    """The condition for being a member on a day (today by default).

    A member joined on or before that day and has not left by then: a leaving date is the
    first day the entity is no longer a member.
    """
    on = on or timezone.localdate()
    return Q(member_since__lte=on) & (Q(left_on__isnull=True) | Q(left_on__gt=on))


def normalise_code(kind, code):
    """The code as it is stored for an entity of this kind; raises ValidationError if invalid."""
    if kind == Kind.MUNICIPALITY:
        return normalise_municipality_code(code)
    return normalise_own_code(code)


def clean_member_values(kind, code, comarca_code, member_since, left_on):
    """Check what makes an entity valid beyond each field on its own.

    Returns the normalised code and a dict of field name → ValidationError. The admin form and
    the importer both use it, so an entity is held to the same rules whichever way it comes in.
    """
    errors = {}
    if code:
        try:
            code = normalise_code(kind, code)
        except ValidationError as error:
            errors["code"] = error
    if kind == Kind.MUNICIPALITY and not comarca_code:
        errors["comarca"] = ValidationError(
            _("A municipality belongs to a comarca: choose it."), code="comarca_required"
        )
    if left_on and not member_since:
        errors["left_on"] = ValidationError(
            _("An entity can only leave after it joined: fill in the date it became a member."),
            code="left_without_joining",
        )
    elif left_on and left_on <= member_since:
        errors["left_on"] = ValidationError(
            _("The date it stopped being a member must be later than the date it joined."),
            code="left_before_joining",
        )
    return code, errors


def search_terms(query):
    """What a search looks for: (a part of the search key, the start of the code in upper case).

    A name matches when its search key contains the first; a code when it starts with the
    second. Accents, case, apostrophes, hyphens, spaces and middle dots do not matter (see
    `normalise_search_key`). None for a query with nothing searchable in it.
    """
    key = normalise_search_key(query)
    if not key:
        return None
    return key, "".join(str(query).split()).upper()


def search_condition(query):
    """The condition for an entity to match a search (see `search_terms`); a query with nothing
    searchable in it matches nothing."""
    terms = search_terms(query)
    if terms is None:
        return Q(pk__in=[])
    key, code_prefix = terms
    return Q(search_key__contains=key) | Q(code__istartswith=code_prefix)


def candidate_slugs(name, code):
    """Slugs to try for a new entity, best first: its name, then its name and code."""
    base = slugify(name)[:200] or slugify(code)
    yield base
    yield f"{base}-{slugify(code)}"
    number = 2
    while True:
        yield f"{base}-{slugify(code)}-{number}"
        number += 1


class MemberQuerySet(models.QuerySet):
    def current(self, on=None):
        """The entities that are members on a day (today by default)."""
        return self.filter(current_membership(on))

    def not_current(self, on=None):
        """The entities that are not members on a day: never were, left, or not yet joined."""
        return self.exclude(current_membership(on))

    def search(self, query):
        """Entities whose name contains the query, or whose code starts with it (see
        `search_condition`)."""
        return self.filter(search_condition(query))

    def in_listing_order(self):
        """Alphabetical by sort name, the same on every database.

        Sort keys are plain ASCII; PostgreSQL's language collations would skip the spaces in
        them ("santa coloma" before "sant andreu"), so there the byte order is asked for.
        """
        if connections[self.db].vendor == "postgresql":
            return self.order_by(Collate("sort_key", "C"), "code")
        return self.order_by("sort_key", "code")


class Member(models.Model):
    """A Catalan local entity: a municipality, a consell comarcal, a diputació…

    Any entity can be in the registry; it is a member while its membership is current (see
    `current_membership`). Name forms, search key and province are derived when it is saved.
    """

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_(
            "The official name as it is read, e.g. “l'Hospitalet de Llobregat”. The form "
            "IDESCAT uses for sorting (“Hospitalet de Llobregat, l'”) is also accepted."
        ),
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=255,
        editable=False,
        help_text=_("The name with its article at the end, as IDESCAT sorts it."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the entity's web address. Leave it empty to make it from the "
            "name; change it only if you must, as links to the old address will stop working."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.MUNICIPALITY,
        help_text=_("What kind of local entity this is."),
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_(
            "Municipalities: the INE code, 5 digits (the control digit is added) or 6 digits "
            "as IDESCAT writes it, e.g. 080193 for Barcelona. Other entities: their own code."
        ),
        error_messages={"unique": _("Another entity already has this code.")},
    )
    comarca = models.ForeignKey(
        "members.Comarca",
        verbose_name=_("comarca"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        help_text=_("The comarca the entity belongs to. Required for municipalities."),
    )
    province = models.ForeignKey(
        "members.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        editable=False,
        help_text=_("Taken from the first two digits of the code, never from the comarca."),
    )
    member_since = models.DateField(
        _("member since"),
        null=True,
        blank=True,
        help_text=_(
            "The date the entity joined the consortium. Leave it empty if it is not a member."
        ),
    )
    left_on = models.DateField(
        _("member until"),
        null=True,
        blank=True,
        help_text=_(
            "The first day the entity is no longer a member, if it left. Leave it empty "
            "while it is a member."
        ),
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("The entity's own website, e.g. https://www.bcn.cat.")
    )
    search_key = models.CharField(
        _("search key"),
        max_length=600,
        editable=False,
        help_text=_("The name forms without accents, spaces or punctuation, for searching."),
    )
    sort_key = models.CharField(
        _("sort key"),
        max_length=255,
        editable=False,
        db_index=True,
        help_text=_("The sort name without accents or punctuation, for ordering."),
    )
    # Empty for entities last saved before it was recorded: the sitemap then gives no date.
    updated_at = models.DateTimeField(
        _("last changed"),
        auto_now=True,
        null=True,
        editable=False,
        help_text=_(
            "When the entity's record last changed; search engines read it in the sitemap."
        ),
    )

    objects = MemberQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("code"),
        FieldPanel("comarca"),
        MultiFieldPanel(
            [FieldPanel("member_since"), FieldPanel("left_on")], heading=_("Membership")
        ),
        FieldPanel("website"),
        FieldPanel("slug"),
    ]

    class Meta:
        ordering = ["sort_key", "code"]
        verbose_name = _("local entity")
        verbose_name_plural = _("local entities")
        permissions = [("import_member", "Can import local entities")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    def clean(self):
        self.code, errors = clean_member_values(
            self.kind, self.code, self.comarca_id, self.member_since, self.left_on
        )
        if errors:
            raise ValidationError(errors)

    def refresh_derived_fields(self):
        """Recompute what follows from the name and the code (the importer calls this too)."""
        # Saving does not validate: `clean()` reports a wrong code to whoever typed it.
        with suppress(ValidationError):
            self.code = normalise_code(self.kind, self.code)
        self.name = display_name(self.name)
        self.sort_name = sort_name(self.name)
        self.sort_key = sort_key(self.sort_name)
        self.search_key = search_key_for(self.name, self.sort_name)
        self.province_id = province_code_for(self.code)

    def free_slug(self):
        base = next(candidate_slugs(self.name, self.code))
        taken = set(
            Member.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        return next(slug for slug in candidate_slugs(self.name, self.code) if slug not in taken)

    @property
    def kind_label(self):
        """What kind of entity this is, in words (quicker than `get_kind_display` in a long
        list, which rebuilds the choices on every call)."""
        return Kind(self.kind).label

    @property
    def is_municipality(self):
        return self.kind == Kind.MUNICIPALITY

    @property
    def ine_code(self):
        """The 5-digit INE code of a municipality; None for other entities."""
        return self.code[:5] if self.is_municipality else None

    @property
    def idescat_code(self):
        """The 6-digit IDESCAT code (INE code and control digit) of a municipality."""
        return self.code if self.is_municipality else None
