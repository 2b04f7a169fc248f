"""The agenda as readers see it: what is still to come (or going on), soonest first, then what
has passed, newest first, year by year.

What has passed is worked out when the page renders: a cached agenda moves an event that has
just ended to the past with the next change of content, or within PAGE_CACHE_TIMEOUT.
"""

from dataclasses import dataclass
from itertools import groupby

from django.utils import timezone


@dataclass
class PastYear:
    year: int
    events: list


class Agenda:
    def __init__(self, events, now):
        """`events`, soonest first, split at `now`; one query."""
        events = list(events)
        self.upcoming = [event for event in events if event.end >= now]
        past = [event for event in reversed(events) if event.end < now]
        self.past_years = [
            PastYear(year, list(of_year))
            for year, of_year in groupby(
                past, key=lambda event: timezone.localtime(event.start).year
            )
        ]

    def __bool__(self):
        return bool(self.upcoming or self.past_years)
