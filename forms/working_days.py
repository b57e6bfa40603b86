"""Working days as Dutch law counts them (Algemene termijnenwet): not a Saturday, a Sunday or a
generally recognised public holiday.

The holidays of art. 3 of that act and the decree that adds Good Friday: New Year's Day, Good Friday,
Easter Monday, King's Day (27 April, the 26th when that is a Sunday), 5 May, Ascension Day, Whit
Monday, Christmas Day and Boxing Day. Easter Sunday and Whit Sunday are Sundays anyway. Computed from
`dateutil.easter`, so no list has to be kept up to date.
"""

import datetime
from functools import cache

from dateutil.easter import easter

DAY = datetime.timedelta(days=1)


@cache
def public_holidays(year: int) -> frozenset[datetime.date]:
    easter_sunday = easter(year)
    kings_day = datetime.date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day -= DAY
    return frozenset(
        {
            datetime.date(year, 1, 1),
            easter_sunday - 2 * DAY,  # Good Friday
            easter_sunday + DAY,  # Easter Monday
            kings_day,
            datetime.date(year, 5, 5),
            easter_sunday + 39 * DAY,  # Ascension Day
            easter_sunday + 50 * DAY,  # Whit Monday
            datetime.date(year, 12, 25),
            datetime.date(year, 12, 26),
        }
    )


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `start` ("within 5 working days of Friday" ends on the next
    Friday, or later when a holiday falls in between). `start` itself never counts."""
    day = start
    while count > 0:
        day += DAY
        if is_working_day(day):
            count -= 1
    return day
