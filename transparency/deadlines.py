"""The procedure of a request for access to public information: its deadlines, and the sentences
that tell the public about them.

Every text about the procedure (the request page, the form, its confirmation, the
acknowledgement email and the admin's help) uses the sentences below, so that none can say
something else; the numbers in them are the constants used to compute the dates.

Llei 19/2014, art. 33: the answer is due one month after the request is registered, and that
period may be extended by half of it when the volume or complexity of the information justifies
it (counted here in days and rounded down: 15 days after a 30- or 31-day month). Months count
from date to date (Llei 39/2015, art. 30.4): the deadline is the same day of the month as the
entry, or the month's last day when it has no such day; a deadline that falls on a Saturday or
Sunday moves to the next Monday (art. 30.5). Public holidays are not known here, so staff should
check the date shown when a holiday is near.
"""

import calendar
import datetime

from django.utils.translation import gettext_lazy as _

ANSWER_MONTHS = 1
# An extension adds the initial period divided by this (half of it: art. 33.2).
EXTENSION_DIVISOR = 2

WHO_MAY_ASK = _(
    "Anyone aged 16 or over, individually or on behalf of a legal person, may request public "
    "information from us, without having to give a reason (Llei 19/2014, art. 18)."
)
ANSWER_DEADLINE = _(
    "We have one month from the entry date to answer. If the volume or complexity of the "
    "information justifies it, the deadline may be extended by half of the initial period, and "
    "we will tell you before the first deadline ends (Llei 19/2014, art. 33)."
)
SILENCE = _(
    "If we do not answer in time, the request is deemed granted, except where a law limits "
    "access to that information (art. 35)."
)
DELIVERY = _(
    "When access is granted, the information is delivered within 30 days of the resolution. "
    "Access is free, but paper copies and conversion to a format other than the original may be "
    "charged for; you will be told the amount beforehand (arts. 36 and 37)."
)
COMPLAINT = _(
    "If you disagree with the resolution, or get none in time, you may file a free complaint "
    "with the Comissió de Garantia del Dret d’Accés a la Informació Pública (GAIP) within one "
    "month, and ask it for mediation instead; or else lodge an optional appeal for "
    "reconsideration (recurs de reposició) or go straight to the administrative courts (recurs "
    "contenciós administratiu) (arts. 39 to 42)."
)
GAIP_URL = "https://www.gaip.cat"

# The public's account of the procedure, in reading order.
PROCEDURE = [ANSWER_DEADLINE, SILENCE, DELIVERY, COMPLAINT]
# What the admin says about the deadline of one request.
DEADLINE_HELP = _(
    "One month from entry; once extended, half of the initial period more (Llei 19/2014, "
    "art. 33.2). Weekends move it to Monday."
)


def add_months(day, months):
    """The same day `months` later, or that month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_working_day(day):
    """`day` itself on a weekday; the following Monday on a weekend."""
    weekday = day.weekday()
    return day + datetime.timedelta(days=7 - weekday) if weekday >= 5 else day


def answer_deadline(entry_date, extended=False):
    """The last day to answer a request registered on `entry_date`."""
    deadline = add_months(entry_date, ANSWER_MONTHS)
    if extended:
        deadline += datetime.timedelta(days=(deadline - entry_date).days // EXTENSION_DIVISOR)
    return next_working_day(deadline)


def days_left(deadline, today):
    """Calendar days from `today` to the deadline: 0 on its last day, negative once it passed."""
    return (deadline - today).days
