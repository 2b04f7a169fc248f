import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from pages.statutes import ARTICLE, CHAPTER, TITLE, provision_anchor, statutes_outline


class KeyFigureBlock(blocks.StructBlock):
    """A number with its label, such as "+800 / ens locals adherits"."""

    value = blocks.CharBlock(
        label=_("figure"),
        max_length=20,
        help_text=_('The number or short value, e.g. "+800" or "1997".'),
    )
    label = blocks.CharBlock(
        label=_("label"),
        max_length=120,
        help_text=_('What the figure counts, e.g. "local entities are members".'),
    )
    counts_members = blocks.BooleanBlock(
        label=_("live member count"),
        required=False,
        help_text=_(
            "Once the registry of members holds members, show how many there are today, as "
            "every page that counts them does, instead of this figure and label. Until then "
            "this figure and label are shown."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("Key figure")
        description = _("A highlighted number with a short explanation.")
        template = "blocks/key_figure_block.html"
        preview_value = {"value": "+800", "label": "ens locals adherits"}


# History ------------------------------------------------------------------------------------

MILESTONE_TEXT_FEATURES = ["bold", "italic", "link"]
# The rendition templates/blocks/milestone_block.html asks for, prefetched by HistoryPage.
HISTORY_IMAGE_FILTER = "width-640"
STATUTES_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class MilestoneValue(blocks.StructValue):
    @property
    def year_shown(self):
        date = self.get("date")
        return date.year if date else self.get("year")

    @property
    def sort_key(self):
        """A milestone known only by its year comes before the dated ones of that year."""
        date = self.get("date")
        return (self.year_shown, date is not None, date or datetime.date.min)


class MilestoneBlock(blocks.StructBlock):
    """One event of the consortium's history, dated to the day or to the year."""

    date = blocks.DateBlock(
        label=_("Date"),
        required=False,
        help_text=_("The exact day, if known. Otherwise fill in only the year."),
    )
    year = blocks.IntegerBlock(
        label=_("Year"),
        required=False,
        min_value=1800,
        max_value=2200,
        help_text=_("The year, when the exact day is not known."),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=200,
        help_text=_('What happened, in a few words, e.g. "The consortium is founded".'),
    )
    text = blocks.RichTextBlock(
        label=_("Text"),
        required=False,
        features=MILESTONE_TEXT_FEATURES,
        help_text=_("A short explanation of the milestone."),
    )
    image = ImageBlock(
        label=_("Image"),
        required=False,
        help_text=_(
            "An optional picture. Describe it in the alternative text, or mark it as "
            "decorative if it adds nothing to the text."
        ),
    )

    class Meta:
        icon = "date"
        label = _("Milestone")
        description = _("An event of the history, with its date or year.")
        template = "blocks/milestone_block.html"
        value_class = MilestoneValue
        preview_value = {
            "year": 1997,
            "title": "Naixement de Localret",
            "text": "<p>Les administracions locals de Catalunya creen el consorci, amb el "
            "suport de l’FMC i l’ACM.</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        date, year = value.get("date"), value.get("year")
        if date and year and date.year != year:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "year": ValidationError(_("The year does not match the date; leave it empty."))
                }
            )
        if not date and not year and not self.is_deferred_validation:
            raise blocks.StructBlockValidationError(
                block_errors={"date": ValidationError(_("Give the date or at least the year."))}
            )
        return value


class PeriodValue(blocks.StructValue):
    @property
    def milestones_in_order(self):
        """Oldest first, whatever order editors entered them in."""
        return sorted(self.get("milestones") or [], key=lambda milestone: milestone.sort_key)


class PeriodBlock(blocks.StructBlock):
    """A stage of the history under its own heading, with its milestones."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=200,
        help_text=_("The name of the period, shown as a heading."),
    )
    introduction = blocks.RichTextBlock(
        label=_("Introduction"),
        required=False,
        features=MILESTONE_TEXT_FEATURES,
        help_text=_("An optional short text that presents the period."),
    )
    milestones = blocks.ListBlock(
        MilestoneBlock(),
        label=_("Milestones"),
        help_text=_("They are shown from oldest to newest, whatever order you add them in."),
    )

    class Meta:
        icon = "history"
        label = _("Period")
        description = _("A stage of the history with a heading and its milestones.")
        template = "blocks/period_block.html"
        value_class = PeriodValue
        preview_value = {
            "heading": "Els precedents: la revolució tecnològica i el procés de liberalització",
            "milestones": [
                {"year": 1998, "title": "Liberalització de les telecomunicacions"},
                {"year": 1997, "title": "Naixement de Localret"},
            ],
        }


# Statutes -----------------------------------------------------------------------------------


class StatutesDivisionValue(blocks.StructValue):
    label_format = ""

    @property
    def label(self):
        return self.label_format % {"number": self["number"]}


class StatutesTitleValue(StatutesDivisionValue):
    label_format = _("Title %(number)s")


class StatutesChapterValue(StatutesDivisionValue):
    label_format = _("Chapter %(number)s")


class StatutesArticleValue(StatutesDivisionValue):
    label_format = _("Article %(number)s")


class StatutesTitleBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label=_("Number"),
        max_length=20,
        help_text=_('As the statutes write it, e.g. "I" or "preliminar".'),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=255,
        help_text=_('e.g. "Disposicions generals".'),
    )

    class Meta:
        icon = "title"
        label = _("Title")
        description = _(
            "The start of a title of the statutes; the chapters and articles after it belong to it."
        )
        template = "blocks/statutes_division_block.html"
        value_class = StatutesTitleValue
        preview_value = {"number": "I", "heading": "Disposicions generals"}


class StatutesChapterBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        label=_("Number"),
        max_length=20,
        help_text=_('As the statutes write it, e.g. "I". Numbering may start again in each title.'),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=255,
        help_text=_('e.g. "Òrgans de govern".'),
    )

    class Meta:
        icon = "folder-open-inverse"
        label = _("Chapter")
        description = _("The start of a chapter; the articles after it belong to it.")
        template = "blocks/statutes_division_block.html"
        value_class = StatutesChapterValue
        preview_value = {"number": "II", "heading": "Òrgans de govern"}


class StatutesArticleBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(
        label=_("Number"),
        min_value=1,
        help_text=_(
            "Article numbers go up through the whole statutes. The article can be linked "
            "to as #article-<number>."
        ),
    )
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=255,
        required=False,
        help_text=_('What the article is about, e.g. "Denominació". Optional.'),
    )
    body = blocks.RichTextBlock(
        label=_("Text"),
        features=STATUTES_TEXT_FEATURES,
        help_text=_("The text of the article, with its numbered paragraphs as a list."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Article")
        description = _("An article of the statutes: number, heading and text.")
        template = "blocks/statutes_article_block.html"
        value_class = StatutesArticleValue
        preview_value = {
            "number": 1,
            "heading": "Denominació",
            "body": "<p>El Consorci Localret és una entitat de dret públic formada per ens "
            "locals de Catalunya.</p>",
        }


def numbered_block_error(message):
    """An error shown under the "number" field of a title, chapter or article."""
    return blocks.StructBlockValidationError(block_errors={"number": ValidationError(message)})


class StatutesBlock(blocks.StreamBlock):
    """Titles, chapters and articles, in reading order.

    Article numbers must be unique and ascending, and titles and chapters must not repeat a
    number, because each one's web address (its anchor) is built from its number.
    """

    title = StatutesTitleBlock()
    chapter = StatutesChapterBlock()
    article = StatutesArticleBlock()

    duplicate_messages = {
        TITLE: _("Another title already has this number."),
        CHAPTER: _("Another chapter of the same title already has this number."),
        ARTICLE: _("There is already an article with this number: each article needs its own."),
    }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        anchors = set()
        previous_article = None
        for index, entry in enumerate(statutes_outline(value).entries):
            if entry.anchor in anchors:
                errors[index] = numbered_block_error(self.duplicate_messages[entry.block_type])
            elif entry.block_type == ARTICLE:
                number = entry.value["number"]
                if previous_article is not None and number < previous_article:
                    errors[index] = numbered_block_error(
                        _(
                            "Articles must be in ascending order: article %(number)s comes "
                            "after article %(previous)s."
                        )
                        % {"number": number, "previous": previous_article}
                    )
                previous_article = max(number, previous_article or number)
            anchors.add(entry.anchor)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "list-ol"


class StatutesProvisionValue(blocks.StructValue):
    @property
    def anchor(self):
        return provision_anchor(self["heading"])


class StatutesProvisionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=255,
        help_text=_(
            'e.g. "Disposició addicional primera". It also gives the provision its web address.'
        ),
    )
    body = blocks.RichTextBlock(
        label=_("Text"),
        features=STATUTES_TEXT_FEATURES,
        help_text=_("The text of the provision."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Provision")
        description = _("An additional, transitional, derogating or final provision.")
        template = "blocks/statutes_provision_block.html"
        value_class = StatutesProvisionValue
        preview_value = {
            "heading": "Disposició final",
            "body": "<p>Aquests Estatuts entren en vigor l’endemà de la seva publicació al "
            "DOGC.</p>",
        }


class StatutesProvisionsBlock(blocks.StreamBlock):
    """The provisions after the articles; their headings must differ, as they name the anchors."""

    provision = StatutesProvisionBlock()

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        anchors = set()
        for index, child in enumerate(value):
            if child.value.anchor in anchors:
                errors[index] = blocks.StructBlockValidationError(
                    block_errors={
                        "heading": ValidationError(_("Another provision already has this heading."))
                    }
                )
            anchors.add(child.value.anchor)
        if errors:
            raise blocks.StreamBlockValidationError(block_errors=errors)
        return value


class StatutesAmendmentBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"), help_text=_("The date the amendment was approved."))
    description = blocks.TextBlock(
        label=_("Description"),
        max_length=500,
        help_text=_('What changed, e.g. "Modificació dels articles 8 i 12".'),
    )
    document = DocumentChooserBlock(
        label=_("Document"),
        required=False,
        help_text=_("The text of the amendment or the statutes as they stood before, as a PDF."),
    )

    class Meta:
        icon = "history"
        label = _("Amendment")
        description = _("A change to the statutes: when, what, and the document.")
        template = "blocks/statutes_amendment_block.html"
        preview_value = {
            "date": datetime.date(2010, 5, 20),
            "description": "Modificació dels articles 8 i 12.",
        }
