"""The legal deadline to answer a request for access to public information.

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

ANSWER_MONTHS = 1


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
        deadline += datetime.timedelta(days=(deadline - entry_date).days // 2)
    return next_working_day(deadline)


def days_left(deadline, today):
    """Calendar days from `today` to the deadline: 0 on its last day, negative once it passed."""
    return (deadline - today).days
