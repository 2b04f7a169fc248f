"""Requests for access to public information (Llei 19/2014, títol III) and their follow-up."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from transparency.deadlines import DEADLINE_HELP, answer_deadline

REFERENCE_PREFIX = "SAI"


class AccessRequestCounter(models.Model):
    """The last reference number given out in a year."""

    year = models.PositiveSmallIntegerField(
        _("year"), primary_key=True, help_text=_("The year the numbers belong to.")
    )
    last_number = models.PositiveIntegerField(
        _("last number"), default=0, help_text=_("The number of the year's latest request.")
    )

    class Meta:
        verbose_name = _("access request counter")
        verbose_name_plural = _("access request counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def take_next(cls, year):
        """The next number of `year`; call it inside the transaction that stores the request.

        The UPDATE locks the year's row (PostgreSQL) or the database (SQLite) until that
        transaction ends, so concurrent requests queue up and each gets its own number; a year's
        first row may be created by two requests at once, and the loser then takes the next one.
        """
        if not cls.objects.filter(year=year).update(last_number=F("last_number") + 1):
            try:
                with transaction.atomic():
                    cls.objects.create(year=year, last_number=1)
                return 1
            except IntegrityError:
                cls.objects.filter(year=year).update(last_number=F("last_number") + 1)
        return cls.objects.values_list("last_number", flat=True).get(year=year)


class AccessRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=AccessRequest.Status.open())

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def published(self):
        return self.filter(publish=True, status__in=AccessRequest.Status.final()).exclude(
            public_summary=""
        )

    def past_retention(self, cutoff):
        """Requests resolved before `cutoff` whose personal data are not anonymised yet."""
        return self.filter(
            status__in=AccessRequest.Status.final(),
            resolved_on__lt=cutoff,
            anonymised_at__isnull=True,
        )

    def anonymise(self):
        """Blank every personal detail and everything the requester wrote, keeping what
        statistics need: reference, dates, status, subject and the public summary."""
        return self.update(
            **dict.fromkeys(AccessRequest.PERSONAL_DATA_FIELDS, ""),
            anonymised_at=timezone.now(),
        )


class AccessRequest(models.Model):
    """One request, from its entry through the public form to its resolution."""

    class Status(models.TextChoices):
        """The steps of a request, then its outcomes in the law's terms (arts. 29 and 34)."""

        RECEIVED = "received", _("received")
        IN_PROGRESS = "in_progress", _("in progress")
        EXTENDED = "extended", _("deadline extended")
        GRANTED = "granted", _("granted")
        PARTIALLY_GRANTED = "partially_granted", _("partially granted")
        DENIED = "denied", _("denied")
        INADMISSIBLE = "inadmissible", _("inadmissible")

        @classmethod
        def open(cls):
            """The statuses of a request still waiting for its resolution."""
            return [cls.RECEIVED, cls.IN_PROGRESS, cls.EXTENDED]

        @classmethod
        def final(cls):
            """The outcomes: the request is resolved."""
            return [cls.GRANTED, cls.PARTIALLY_GRANTED, cls.DENIED, cls.INADMISSIBLE]

    class Capacity(models.TextChoices):
        OWN_BEHALF = "own", _("On my own behalf")
        LEGAL_PERSON = "legal_person", _("On behalf of a legal person (company, association…)")

    class Format(models.TextChoices):
        ELECTRONIC = "electronic", _("Electronic copy sent by email")
        REUSABLE = "reusable", _("Reusable data file (CSV, XLSX, JSON)")
        PAPER = "paper", _("Paper copy")
        IN_PERSON = "in_person", _("Consultation in person")

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Given on entry: SAI, the year and a number that restarts every year."),
    )
    year = models.PositiveSmallIntegerField(_("year of entry"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    received_at = models.DateTimeField(
        _("entry date"),
        default=timezone.now,
        editable=False,
        help_text=_("When the request was registered; the deadline counts from this date."),
    )
    name = models.CharField(
        _("name and surname"), max_length=200, help_text=_("Who makes the request.")
    )
    capacity = models.CharField(
        _("acting"),
        max_length=20,
        choices=Capacity.choices,
        default=Capacity.OWN_BEHALF,
        help_text=_(
            "Whether the requester asks individually or on behalf of a legal person "
            "(Llei 19/2014, art. 18)."
        ),
    )
    represented_name = models.CharField(
        _("represented entity"),
        max_length=200,
        blank=True,
        help_text=_("The name of the legal person the requester represents, if any."),
    )
    represented_tax_id = models.CharField(
        _("NIF of the represented entity"),
        max_length=20,
        blank=True,
        help_text=_("The tax identification number of the legal person represented, if any."),
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_(
            "Where the acknowledgement and the answer are sent, if the requester gave one."
        ),
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("A contact phone number, if the requester gave one."),
    )
    postal_address = models.TextField(
        _("postal address"),
        max_length=500,
        blank=True,
        help_text=_("Where a paper copy is sent, if the requester asked for one."),
    )
    id_document = models.CharField(
        _("identity document number"),
        max_length=20,
        blank=True,
        help_text=_("DNI, NIE or passport number, if the requester gave one."),
    )
    subject = models.CharField(
        _("subject"), max_length=200, help_text=_("A short title for the request.")
    )
    information = models.TextField(
        _("information requested"),
        max_length=10_000,
        help_text=_("The public information the requester asks for, as precisely as possible."),
    )
    preferred_format = models.CharField(
        _("preferred format"),
        max_length=20,
        choices=Format.choices,
        default=Format.ELECTRONIC,
        help_text=_("How the requester would like to receive the information."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        help_text=_(
            'Choose "deadline extended" when the volume or complexity of the information '
            "justifies extending the deadline by half (Llei 19/2014, art. 33.2); tell the "
            "requester before the first deadline."
        ),
    )
    due_on = models.DateField(
        _("deadline"),
        editable=False,
        help_text=DEADLINE_HELP,
    )
    extended_on = models.DateField(
        _("extended on"),
        null=True,
        editable=False,
        help_text=_('When the status became "deadline extended".'),
    )
    resolved_on = models.DateField(
        _("resolution date"),
        null=True,
        blank=True,
        help_text=_(
            "Filled in with today's date when an outcome is chosen; correct it if the "
            "resolution was signed on another day."
        ),
    )
    notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("Steps taken, people consulted… Never shown to the public."),
    )
    publish = models.BooleanField(
        _("publish the resolution"),
        default=False,
        help_text=_(
            "List this resolved request on the portal, with its outcome and the public summary "
            "only: never the requester's personal data."
        ),
    )
    public_summary = models.TextField(
        _("public summary"),
        blank=True,
        help_text=_(
            "What was asked and what was decided, written without any personal data. Required "
            "to publish."
        ),
    )
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    anonymised_at = models.DateTimeField(
        _("anonymised on"),
        null=True,
        editable=False,
        help_text=_(
            "When the requester's personal data were erased, once the retention period after "
            "the resolution had passed (manage.py purge_personal_data)."
        ),
    )

    # What the retention period erases (the internal notes may name people too).
    PERSONAL_DATA_FIELDS = [
        "name",
        "represented_name",
        "represented_tax_id",
        "email",
        "phone",
        "postal_address",
        "id_document",
        "information",
        "notes",
    ]

    objects = AccessRequestQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("reference", read_only=True),
                        FieldPanel("received_at", read_only=True),
                    ]
                ),
                FieldPanel("subject", read_only=True),
                FieldPanel("information", read_only=True),
                FieldPanel("preferred_format", read_only=True),
            ],
            heading=_("Request"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldPanel("id_document", read_only=True),
                FieldPanel("capacity", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("represented_name", read_only=True),
                        FieldPanel("represented_tax_id", read_only=True),
                    ]
                ),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
                FieldPanel("postal_address", read_only=True),
                FieldPanel("anonymised_at", read_only=True),
            ],
            heading=_("Requester"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel(
                    [
                        FieldPanel("due_on", read_only=True),
                        FieldPanel("extended_on", read_only=True),
                        FieldPanel("resolved_on"),
                    ]
                ),
                FieldPanel("notes"),
            ],
            heading=_("Follow-up"),
        ),
        MultiFieldPanel(
            [FieldPanel("publish"), FieldPanel("public_summary")],
            heading=_("Publication on the portal"),
        ),
    ]

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="unique_access_request_number")
        ]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")

    def __str__(self):
        return f"{self.reference} · {self.subject}"

    def save(self, *args, **kwargs):
        self.follow_status()
        with transaction.atomic():
            if not self.reference:
                self.year = self.entry_date.year
                self.number = AccessRequestCounter.take_next(self.year)
                self.reference = f"{REFERENCE_PREFIX}-{self.year}-{self.number:04d}"
            super().save(*args, **kwargs)

    @property
    def masked_id_document(self):
        """The identity document with all but its last four characters hidden, for listings and
        exports; the full number is shown only on the request's own edit form."""
        if not self.id_document:
            return ""
        return "****" + self.id_document[-4:]

    @property
    def entry_date(self):
        return timezone.localdate(self.received_at)

    @property
    def is_overdue(self):
        return self.status in self.Status.open() and self.due_on < timezone.localdate()

    def clean(self):
        if self.publish and self.status not in self.Status.final():
            raise ValidationError({"publish": _("Only requests with an outcome can be published.")})
        if self.publish and not self.public_summary.strip():
            raise ValidationError(
                {"public_summary": _("Write the public summary before publishing.")}
            )

    def follow_status(self):
        """Keep the extension, deadline and resolution dates in step with the status."""
        today = timezone.localdate()
        if self.status == self.Status.EXTENDED:
            self.extended_on = self.extended_on or today
        elif self.status not in self.Status.final():
            # Back to an earlier step: the extension was chosen by mistake.
            self.extended_on = None
        if self.status in self.Status.final():
            self.resolved_on = self.resolved_on or today
        else:
            self.resolved_on = None
        self.due_on = answer_deadline(self.entry_date, extended=self.extended_on is not None)
