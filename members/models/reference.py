from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Province(models.Model):
    """One of Catalonia's four provinces. A member's province comes from its code."""

    code = models.CharField(
        _("code"),
        max_length=2,
        primary_key=True,
        help_text=_("The province's two-digit INE code: 08, 17, 25 or 43."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The province's name, e.g. “Girona”.")
    )

    panels = [FieldPanel("code", read_only=True), FieldPanel("name")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class Comarca(models.Model):
    """A comarca (or Aran), with the code IDESCAT gives it."""

    code = models.CharField(
        _("code"),
        max_length=2,
        primary_key=True,
        help_text=_("The comarca's two-digit IDESCAT code, e.g. “13” for the Barcelonès."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The comarca's name, e.g. “Baix Llobregat”.")
    )

    panels = [FieldPanel("code", read_only=True), FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("comarca")
        verbose_name_plural = _("comarques")

    def __str__(self):
        return self.name
