"""Dates as people type them on the command line (``--from``, ``--to``, ``--published``), read one way everywhere.

Accepted forms, each read exactly, never by a guess:

- ISO dates and date-times: ``2022-01-07``, ``2022-1-7``, ``2022/01/07``, ``2022.01.07``, ``2022-01-07T10:00``,
  ``2022-01-07 10:00:30``, ``2022-01-07T10:00+06:00``, ``2022-01-07T04:00Z``;
- month names in English and Russian, with or without a weekday: ``7 Jan 2022``, ``January 7, 2022``,
  ``Friday, 7 January 2022``, ``7 января 2022 г.``, optionally followed by a time (``7 Jan 2022 10:00``);
- partial dates, which stand for a period: ``2022`` (the year), ``2022-01``, ``January 2022``, ``январь 2022``.
  ``--from`` takes a period's first day and ``--to`` its last;
- day-first or month-first numeric dates (``13/01/2022``, ``01/13/2022``) only when just one reading is a real date.
  ``01/07/2022`` or ``07.01.22`` could be either: that is an error showing both readings, never a guess.

No part is ever taken from today: ``7 January`` without a year is an error, and so is an empty string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final, Literal

from kztimeline.errors import KztimelineError

# Month and weekday names as English and Russian texts print them (Russian: nominative and genitive); the parser's
# lexicon reads article text with the same tables.
MONTHS: Final[dict[str, int]] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7, "август": 8,
    "сентябрь": 9, "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "сент": 9,
    "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}  # fmt: skip

WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4, "пятница": 4,
    "субботу": 5, "суббота": 5, "воскресенье": 6,
    "понедельника": 0, "вторника": 1, "среды": 2, "четверга": 3, "пятницы": 4, "субботы": 5, "воскресенья": 6,
}  # fmt: skip

# Weekday abbreviations a person may type before a date ("Fri 7 Jan 2022", "пт, 7 января 2022").
_WEEKDAY_ABBREVIATIONS: Final[dict[str, int]] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
    "пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6,
}  # fmt: skip

Precision = Literal["year", "month", "day", "minute"]

_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,6})?)?"
_OFFSET = r"(?P<offset>Z|UTC|[+-]\d{2}(?::?\d{2})?)"
_ISO = re.compile(
    rf"(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?:(?:T|\s+){_TIME}\s*{_OFFSET}?)?",
    re.IGNORECASE,
)
_YEAR_MONTH = re.compile(r"(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2}))?")
_NUMERIC = re.compile(r"(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{2}|\d{4})")
_WORD = r"[^\W\d_]+"
# "7 Jan 2022", "7th of January 2022", "7 января 2022 г.", "7 января 2022 года"
_DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th|-?го|-?е)?\s+(?:of\s+)?(?P<month>{_WORD})\.?,?\s+(?P<year>\d{{4}})"
    rf"(?:\s*(?:г\.|года|год|г\b))?(?:,?\s+(?:at\s+)?{_TIME}\s*{_OFFSET}?)?",
    re.IGNORECASE,
)
# "January 7, 2022", "Jan. 7th 2022"
_MONTH_DAY_YEAR = re.compile(
    rf"(?P<month>{_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"(?:,?\s+(?:at\s+)?{_TIME}\s*{_OFFSET}?)?",
    re.IGNORECASE,
)
# "January 2022", "январь 2022", "января 2022 года"
_MONTH_YEAR = re.compile(rf"(?P<month>{_WORD})\.?,?\s+(?P<year>\d{{4}})(?:\s*(?:г\.|года|год|г\b))?", re.IGNORECASE)
_LEADING_WEEKDAY = re.compile(rf"(?P<weekday>{_WORD})\.?,?\s+(?=\d|{_WORD})", re.IGNORECASE)


_FORMS: Final = "YYYY-MM-DD (or YYYY-MM, YYYY, 7 January 2022)"


class DateInputError(KztimelineError):
    """What a person typed is not a date this tool reads without guessing; the message says how to write it."""


@dataclass(frozen=True)
class DateInput:
    """A typed date: the period it stands for (one day, a month or a year), and a time of day when one was given.

    ``first`` and ``last`` bound the period; for a date-time both are its day (in its own offset's calendar).
    """

    text: str
    first: dt.date
    last: dt.date
    precision: Precision
    time: dt.time | None = None
    utc_offset: dt.timedelta | None = None

    @property
    def day(self) -> dt.date | None:
        """The one day meant, or None for a month or a year."""
        return self.first if self.precision in ("day", "minute") else None

    def local_first(self, zone: str = "Asia/Almaty") -> dt.date:
        """The first day in ``zone``'s calendar: a time given with a UTC offset may fall on another day there."""
        moment = self.aware_datetime(zone)
        return moment.date() if moment is not None and self.utc_offset is not None else self.first

    def local_last(self, zone: str = "Asia/Almaty") -> dt.date:
        moment = self.aware_datetime(zone)
        return moment.date() if moment is not None and self.utc_offset is not None else self.last

    def aware_datetime(self, zone: str = "Asia/Almaty") -> dt.datetime | None:
        """The moment in ``zone`` (a time without an offset is read as ``zone``'s local time); None without a time."""
        if self.time is None:
            return None
        from zoneinfo import ZoneInfo

        local = ZoneInfo(zone)
        naive = dt.datetime.combine(self.first, self.time)
        if self.utc_offset is None:
            return naive.replace(tzinfo=local)
        return naive.replace(tzinfo=dt.timezone(self.utc_offset)).astimezone(local)

    def iso(self) -> str:
        """ISO 8601 as written into seeds: ``2022-01``, ``2022-01-07``, or ``2022-01-07T10:00+06:00``.

        A date-time always carries its offset: one typed without an offset is Almaty local time, the project's rule
        for dates the source gives without a zone.
        """
        if self.precision == "year":
            return f"{self.first.year:04d}"
        if self.precision == "month":
            return f"{self.first.year:04d}-{self.first.month:02d}"
        if self.time is None:
            return self.first.isoformat()
        if self.utc_offset is None:
            moment = self.aware_datetime()
            assert moment is not None
        else:
            moment = dt.datetime.combine(self.first, self.time, dt.timezone(self.utc_offset))
        timespec = "seconds" if self.time.second else "minutes"
        return moment.isoformat(timespec=timespec)


def parse_date_input(text: str) -> DateInput:
    """Read ``text`` as one of the documented forms; anything else raises :class:`DateInputError` saying why."""
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise DateInputError("an empty date; use YYYY-MM-DD")
    for reader in (_iso, _year_month, _numeric, _named):
        found = reader(cleaned)
        if found is not None:
            return found
    if not re.search(r"\d{4}", cleaned):
        if re.search(r"\d", cleaned) and _has_month_name(cleaned):
            raise DateInputError(f"{cleaned!r} has no year; add one, or use YYYY-MM-DD")
        raise DateInputError(f"{cleaned!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY, 7 January 2022)")
    raise DateInputError(
        f"{cleaned!r} is not a date this tool reads; use YYYY-MM-DD (or YYYY-MM, YYYY, 7 January 2022)"
    )


def _day(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateInputError(f"{text!r} is not a real date ({_why_not(year, month, day)})") from None


def _why_not(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if not year >= 1:
        return f"there is no year {year}"
    return f"{_month_name(month)} {year} has no day {day}"


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B")


def _time(text: str, match: re.Match[str]) -> tuple[dt.time | None, dt.timedelta | None]:
    if match.group("hour") is None:
        return None, None
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second = int(match.group("second") or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateInputError(f"{text!r} has no such time of day ({match.group('hour')}:{match.group('minute')})")
    return dt.time(hour, minute, second), _offset(text, match.group("offset"))


def _offset(text: str, offset: str | None) -> dt.timedelta | None:
    if offset is None:
        return None
    if offset.upper() in ("Z", "UTC"):
        return dt.timedelta(0)
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        raise DateInputError(f"{text!r} has no such UTC offset ({offset})")
    sign = -1 if offset[0] == "-" else 1
    return sign * dt.timedelta(hours=hours, minutes=minutes)


def _dated(text: str, day: dt.date, match: re.Match[str]) -> DateInput:
    time, offset = _time(text, match)
    return DateInput(text, day, day, "minute" if time else "day", time, offset)


def _iso(text: str) -> DateInput | None:
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    day = _day(text, int(match.group("year")), int(match.group("month")), int(match.group("day")))
    return _dated(text, day, match)


def _year_month(text: str) -> DateInput | None:
    match = _YEAR_MONTH.fullmatch(text)
    if match is None:
        return None
    year = int(match.group("year"))
    if match.group("month") is None:
        return DateInput(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    return _month_period(text, year, int(match.group("month")))


def _month_period(text: str, year: int, month: int) -> DateInput:
    if not 1 <= month <= 12:
        raise DateInputError(f"{text!r} is not a real month (there is no month {month})")
    import calendar

    last_day = calendar.monthrange(year, month)[1]
    return DateInput(text, dt.date(year, month, 1), dt.date(year, month, last_day), "month")


def _numeric(text: str) -> DateInput | None:
    """``13/01/2022`` or ``01/13/2022``: read only when one order gives a real date; otherwise show both readings."""
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    first, second, year_text = int(match.group("first")), int(match.group("second")), match.group("year")
    iso_hint = "write it as YYYY-MM-DD"
    if len(year_text) == 2:
        readings = _readings(first, second, 2000 + int(year_text))
        shown = " or ".join(f"{_long(day)} ({day.isoformat()})" for day in readings) or "no real date"
        raise DateInputError(f"{text!r} is ambiguous (a two-digit year, and day or month first): {shown}; {iso_hint}")
    readings = _readings(first, second, int(year_text))
    if len(readings) == 1:
        return DateInput(text, readings[0], readings[0], "day")
    if not readings:
        raise DateInputError(f"{text!r} is not a real date, day first or month first; {iso_hint}")
    day_first, month_first = readings
    raise DateInputError(
        f"{text!r} is ambiguous: {_long(day_first)} (day first) or {_long(month_first)} (month first); "
        f"{iso_hint}: {day_first.isoformat()} or {month_first.isoformat()}"
    )


def _readings(first: int, second: int, year: int) -> list[dt.date]:
    """The distinct real dates of day-first and month-first readings (one when both orders agree: 07/07)."""
    found: list[dt.date] = []
    for day, month in ((first, second), (second, first)):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate not in found:
            found.append(candidate)
    return found


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _has_month_name(text: str) -> bool:
    return any(word.casefold().rstrip(".") in MONTHS for word in re.findall(_WORD, text))


def _named(text: str) -> DateInput | None:
    """Dates with a month name, after an optional weekday that must agree with the date."""
    weekday: int | None = None
    body = text
    leading = _LEADING_WEEKDAY.match(text)
    if leading is not None:
        word = leading.group("weekday").casefold()
        if word in WEEKDAYS or word in _WEEKDAY_ABBREVIATIONS:
            weekday = WEEKDAYS.get(word, _WEEKDAY_ABBREVIATIONS.get(word))
            body = text[leading.end() :]
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.fullmatch(body)
        if match is None:
            continue
        month = MONTHS.get(match.group("month").casefold())
        if month is None:
            raise DateInputError(f"{text!r}: {match.group('month')!r} is not a month name; use YYYY-MM-DD")
        day = _day(text, int(match.group("year")), month, int(match.group("day")))
        if weekday is not None and day.weekday() != weekday:
            raise DateInputError(f"{text!r}: {_long(day)} is a {day:%A}, not a {_WEEKDAY_NAMES[weekday]}")
        return _dated(text, day, match)
    match = _MONTH_YEAR.fullmatch(body)
    if match is not None and weekday is None:
        month = MONTHS.get(match.group("month").casefold())
        if month is not None:
            return _month_period(text, int(match.group("year")), month)
    return None


_WEEKDAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
