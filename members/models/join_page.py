"""How a local entity joins the consortium: "Com adherir-se", under the members listing."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages.mixins import BODY_FEATURES, IntroductionBodyMixin
from pages.models import ContactPage
from pages.models.base import SitePage
from pages.placeholders import PublishedTextSearchField

STEP_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class JoinStepBlock(blocks.StructBlock):
    """One step of the procedure; the page numbers the steps in the order they are entered."""

    heading = blocks.CharBlock(
        label=_("step"),
        max_length=200,
        help_text=_("What to do, in a few words, e.g. «Acord del ple de l’ajuntament»."),
    )
    text = blocks.RichTextBlock(
        label=_("explanation"),
        features=STEP_TEXT_FEATURES,
        required=False,
        help_text=_("How to do it: who decides, what to send, where and when."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        description = _("A step of the joining procedure, numbered by its position.")
        template = "blocks/join_step_block.html"
        preview_value = {
            "heading": "Acord del ple de l’ajuntament",
            "text": "<p>El ple aprova l’adhesió al consorci i els seus estatuts.</p>",
        }


class JoinDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(
        label=_("description"),
        max_length=255,
        required=False,
        help_text=_("What the document is for, e.g. «Model d’acord del ple»."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        description = _("A document to download, such as a model agreement or a form.")


class JoinPage(IntroductionBodyMixin, SitePage):
    """ "Com adherir-se": the steps to join, the documents to download, the conditions and fees,
    and whom to contact."""

    steps = StreamField(
        [("step", JoinStepBlock())],
        blank=True,
        verbose_name=_("steps"),
        help_text=_("The procedure to join, step by step. The page numbers them in this order."),
    )
    documents = StreamField(
        [("document", JoinDocumentBlock())],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Model agreements and forms that a joining entity needs, in this order."),
    )
    conditions = RichTextField(
        _("conditions"),
        blank=True,
        features=BODY_FEATURES,
        help_text=_("Who may join and what membership commits an entity to."),
    )
    fees = RichTextField(
        _("fees"),
        blank=True,
        features=BODY_FEATURES,
        help_text=_("The fees members pay, and how they are worked out."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("steps"),
        FieldPanel("documents"),
        FieldPanel("conditions"),
        FieldPanel("fees"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        *IntroductionBodyMixin.search_fields,
        PublishedTextSearchField("steps"),
        PublishedTextSearchField("conditions"),
        PublishedTextSearchField("fees"),
    ]
    placeholder_fields = ("introduction", "conditions", "fees", "body")
    main_text_fields = ("introduction", "steps", "conditions")

    parent_page_types = ["members.MembersIndexPage"]
    subpage_types = []
    max_count = 1
    page_description = _(
        "How a local entity joins the consortium: steps, documents, conditions and fees. The "
        "contact details come from Settings, Organisation details."
    )

    class Meta:
        verbose_name = _("joining page")
        verbose_name_plural = _("joining pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["in_preparation"] = not self.steps and self.texts_in_preparation()
        context["contact_page"] = ContactPage.objects.live().first()
        return context
