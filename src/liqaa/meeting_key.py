"""Who a meeting participant is, and the keys that tell reports of one meeting together.

A report's key (the ``key`` of a ``liqaa.meetings/1`` meeting) is ``PARTIES|DATE|MODE``:

- PARTIES: the sorted KB person ids of the participants (two or more), else every
  participant's identity (``participant_ident``);
- DATE: the report's date as it gives it (``2025-09-29``, ``2025-09``, ``2025``), ``-`` undated;
- MODE: ``phone`` for a call, ``-`` for any other meeting. The place is not in the key: one
  report names it and another does not, and the kind (talks, host, visit) is not either,
  for the same reason.

The archive stores one meeting for every run of reports with the same parties and mode
whose days follow each other with no gap of more than ``MAX_GAP_DAYS`` (``meeting_keys``):
the 29th and the 30th are one meeting, in any week. The stored meeting's key is the
report key of the run's first day, so it depends only on the set of reports stored —
re-ingesting, or storing the same reports in another order, gives the same keys. A report
dated by month or year only, or undated, is its own key (it may be any day of that time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from liqaa.text import normalize

PHONE, IN_PERSON, UNDATED = "phone", "-", "-"
MAX_GAP_DAYS = 1


def participant_ident(person_id: str | None, type_: str | None, country: str | None, org: str | None,
                      mention: str | None) -> str:
    """Who a participant is: the KB person; an unknown person by the name as written; a
    delegation by its country or organisation ("حماس" and "حركة المقاومة الإسلامية (حماس)"
    are one delegation), else by its words."""
    if person_id:
        return person_id
    type_ = type_ or "person"
    if type_ == "person":
        return f"{type_}:{normalize(mention or '')}"
    return f"{type_}:{country or org or normalize(mention or '')}"


def report_key(parties: Iterable[str], date: str | None, call: bool) -> str:
    return f"{'+'.join(sorted(set(parties)))}|{date or UNDATED}|{PHONE if call else IN_PERSON}"


class KeyParts(NamedTuple):
    parties: str
    date: str
    mode: str

    @property
    def group(self) -> str:
        """The key without its date: the reports that may be one meeting."""
        return f"{self.parties}|{self.mode}"

    @property
    def day(self) -> dt.date | None:
        if len(self.date) != 10:
            return None
        try:
            return dt.date.fromisoformat(self.date)
        except ValueError:
            return None

    def at(self, day: dt.date) -> str:
        return f"{self.parties}|{day.isoformat()}|{self.mode}"


def parse_key(key: str) -> KeyParts | None:
    """The parts of a report key; None for a key of another form (stored as it is)."""
    parts = key.rsplit("|", 2)
    if len(parts) != 3 or not parts[0] or parts[2] not in (PHONE, IN_PERSON):
        return None
    return KeyParts(*parts)


def group_of(key: str) -> str:
    parts = parse_key(key)
    return parts.group if parts else key


def meeting_keys(report_keys: Iterable[str]) -> dict[str, str]:
    """The stored meeting key of each report key: reports of the same group whose days
    follow each other (gaps of at most MAX_GAP_DAYS) share the key of their first day."""
    by_group: dict[str, list[KeyParts]] = {}
    out: dict[str, str] = {}
    for key in set(report_keys):
        parts = parse_key(key)
        if parts is None or parts.day is None:
            out[key] = key
        else:
            by_group.setdefault(parts.group, []).append(parts)
    for dated in by_group.values():
        dated.sort(key=lambda p: p.day)
        first = previous = dated[0].day
        for parts in dated:
            if (parts.day - previous).days > MAX_GAP_DAYS:
                first = parts.day
            previous = parts.day
            out[parts.at(parts.day)] = parts.at(first)
    return out
