"""Who a service is for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """The values are what /serveis/?public= takes."""

    TOWN_COUNCILS = "ajuntaments", _("Town councils")
    COUNTY_COUNCILS = "consells-comarcals", _("County councils")
    OTHER_LOCAL_BODIES = "altres-ens-locals", _("Other local bodies")
    CITIZENS = "ciutadania", _("Citizens")


# Each audience is a yes/no field of a service: plain columns that SQLite and PostgreSQL
# filter on alike, and one tick box each in the admin.
AUDIENCE_FIELDS = {
    Audience.TOWN_COUNCILS: "for_town_councils",
    Audience.COUNTY_COUNCILS: "for_county_councils",
    Audience.OTHER_LOCAL_BODIES: "for_other_local_bodies",
    Audience.CITIZENS: "for_citizens",
}
