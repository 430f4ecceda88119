#!/usr/bin/env python3
"""Reads every .ics of a built bangtin site the way a calendar app would, with the PyPI
`icalendar` package (and the `python-dateutil` it brings) rather than with our own code, and
checks what a resident's phone would show: how many events, when they start in Vietnam's time,
their status and how they repeat.

    python3 tests/ical_check.py OUT_DIR NAME

NAME picks the expectations below: `example`, `001-tinh-hiep`, `002-bim-son` or
`003-my-phu-dong`. Exit status 0 when everything holds, 1 with every failure listed, 2 when
the `icalendar` package is missing (scripts/test installs it).
"""

import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

try:
    import icalendar
    from dateutil.rrule import rrulestr
except ImportError as e:  # pragma: no cover - the point is the message
    print(f"ical_check: cannot import {e.name}: run `bash scripts/test`, which installs icalendar "
          "into a virtual environment, or `pip install icalendar`", file=sys.stderr)
    sys.exit(2)

ICT = timezone(timedelta(hours=7))
TZID = "Asia/Ho_Chi_Minh"
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


def at(y, m, d, hh, mm):
    return datetime(y, m, d, hh, mm, tzinfo=ICT)


# slug -> what its VEVENT must say. `until` is the last local day of a repeat, `count` the number
# of sessions the rule expands to. Events listed in `absent` have no date and must not appear.
EXPECT = {
    "example": {
        "host": "phuong3.example.gov.vn",
        "events": {
            # Made tentative by tests/schedule.rs, as it stood before it took place.
            "hoi-nghi-lan-1": dict(start=at(2024, 4, 16, 7, 30), end=at(2024, 4, 16, 11, 0), status="TENTATIVE"),
            "hoi-nghi-lan-2": dict(start=at(2024, 4, 23, 7, 30), end=at(2024, 4, 23, 11, 0), status="CONFIRMED"),
            "truc-ho-tro-mot-cua": dict(
                start=at(2024, 5, 6, 7, 30), end=at(2024, 5, 6, 11, 0), status="CONFIRMED",
                freq="WEEKLY", byday=WEEKDAYS, until=date(2024, 9, 30), count=106),
        },
        "absent": ["ra-quan-khu-pho"],
        "units": {f"kp{i}": 3 for i in range(1, 9)},
    },
    "001-tinh-hiep": {
        "host": "tinh-hiep.example.gov.vn",
        "events": {
            # All day: DTEND is the day after the last day.
            "cao-diem-60-ngay": dict(start=date(2024, 8, 10), end=date(2024, 10, 11), status="CONFIRMED"),
            "ra-quan-cac-thon": dict(start=date(2024, 10, 1), end=date(2024, 10, 11), status="CONFIRMED"),
        },
        "absent": ["tap-huan-to-cong-nghe-so"],
        "units": {u: 2 for u in ["an-ky", "tho-nam", "truong-tho", "tho-bac", "tan-hiep"]},
    },
    "002-bim-son": {
        "host": "bim-son.example.gov.vn",
        "events": {
            # Every day from 7:30 to 22:00, 24/3 to 20/4/2023: 8 days of March and 20 of April.
            "ra-quan-cao-diem": dict(
                start=at(2023, 3, 24, 7, 30), end=at(2023, 3, 24, 22, 0), status="CONFIRMED",
                freq="DAILY", until=date(2023, 4, 20), count=28),
            "tap-huan-to-cong-tac": dict(start=date(2023, 3, 20), end=date(2023, 3, 24), status="CONFIRMED"),
        },
        "absent": [],
        "units": {u: 2 for u in ["ba-dinh", "lam-son", "ngoc-trao", "bac-son", "dong-son", "phu-son",
                                 "quang-trung", "ha-lan"]},
    },
    "003-my-phu-dong": {
        "host": "my-phu-dong.example.gov.vn",
        "events": {
            # Weekdays from Friday 9/6 to Friday 30/6/2023: 1 + 3 × 5 sessions.
            "truc-van-phong-ap": dict(
                start=at(2023, 6, 9, 7, 30), end=at(2023, 6, 9, 11, 0), status="CONFIRMED",
                freq="WEEKLY", byday=WEEKDAYS, until=date(2023, 6, 30), count=16),
            "truc-mot-cua": dict(
                start=date(2023, 6, 9), end=date(2023, 6, 10), status="CONFIRMED",
                freq="WEEKLY", byday=WEEKDAYS, until=date(2023, 6, 30), count=16),
        },
        "absent": [],
        "units": {"tan-phu": 2, "tan-my": 2, "tan-dong": 2},
    },
}

failures = []


def fail(where, msg):
    failures.append(f"{where}: {msg}")


def check_bytes(rel, raw):
    """CRLF after every line, no line over 75 octets, UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(rel, f"not UTF-8: {e}")
    if not raw.endswith(b"\r\n"):
        fail(rel, "does not end with CRLF")
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            fail(rel, f"line {n} has a bare LF or CR")
        if len(line) > 75:
            fail(rel, f"line {n} is {len(line)} octets: {line[:40]!r}...")


def check_calendar(rel, cal, host):
    """What every file must hold, whatever the site."""
    tzs = [c for c in cal.walk("VTIMEZONE")]
    if [str(t.get("TZID")) for t in tzs] != [TZID]:
        fail(rel, f"expected one VTIMEZONE {TZID}, got {[str(t.get('TZID')) for t in tzs]}")
    for t in tzs:
        std = t.walk("STANDARD")
        if len(std) != 1 or t.walk("DAYLIGHT"):
            fail(rel, "VTIMEZONE must have one STANDARD and no DAYLIGHT")
        for s in std:
            for prop in ("TZOFFSETFROM", "TZOFFSETTO"):
                if s[prop].td != timedelta(hours=7):
                    fail(rel, f"{prop} is {s[prop].td}, not +07:00")
    events = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID", ""))
        slug, _, uid_host = uid.partition("@")
        if uid_host != host:
            fail(rel, f"UID {uid!r} is not <slug>@{host}")
        if slug in events:
            fail(rel, f"UID {uid} twice")
        events[slug] = ev
        stamp = ev.decoded("DTSTAMP")
        if not isinstance(stamp, datetime) or stamp.utcoffset() != timedelta(0):
            fail(rel, f"{slug}: DTSTAMP {stamp!r} is not UTC")
        start = ev.decoded("DTSTART")
        if isinstance(start, datetime):
            if ev["DTSTART"].params.get("TZID") != TZID:
                fail(rel, f"{slug}: DTSTART has no TZID={TZID}")
            if start.utcoffset() != timedelta(hours=7):
                fail(rel, f"{slug}: DTSTART {start} is not at +07:00")
        elif ev["DTSTART"].params.get("VALUE") != "DATE":
            fail(rel, f"{slug}: an all-day DTSTART needs VALUE=DATE")
        if "DTEND" in ev and not ev.decoded("DTEND") > start:
            fail(rel, f"{slug}: DTEND is not after DTSTART")
        if str(ev.get("STATUS")) not in ("CONFIRMED", "TENTATIVE", "CANCELLED"):
            fail(rel, f"{slug}: STATUS {ev.get('STATUS')!r}")
        if not str(ev.get("SUMMARY", "")).strip():
            fail(rel, f"{slug}: no SUMMARY")
        if not str(ev.get("URL", "")).startswith(f"https://{host}/") or not str(ev["URL"]).endswith(f"/lich/{slug}/"):
            fail(rel, f"{slug}: URL {ev.get('URL')!r} is not the event's page")
    return events


def check_event(rel, slug, ev, want):
    where = f"{rel} {slug}"
    start = ev.decoded("DTSTART")
    if start != want["start"] or type(start) is not type(want["start"]):
        fail(where, f"DTSTART {start!r}, expected {want['start']!r}")
    end = ev.decoded("DTEND") if "DTEND" in ev else None
    if end != want["end"] or type(end) is not type(want["end"]):
        fail(where, f"DTEND {end!r}, expected {want['end']!r}")
    if str(ev.get("STATUS")) != want["status"]:
        fail(where, f"STATUS {ev.get('STATUS')}, expected {want['status']}")
    rule = ev.get("RRULE")
    if "freq" not in want:
        if rule is not None:
            fail(where, f"unexpected RRULE {rule.to_ical()!r}")
        return
    if rule is None:
        fail(where, "no RRULE")
        return
    if rule.get("FREQ") != [want["freq"]]:
        fail(where, f"FREQ {rule.get('FREQ')}, expected {want['freq']}")
    if rule.get("BYDAY", []) != want.get("byday", []):
        fail(where, f"BYDAY {rule.get('BYDAY')}, expected {want.get('byday')}")
    (until,) = rule["UNTIL"]
    if isinstance(start, datetime):
        # With a TZID on DTSTART, RFC 5545 wants UNTIL in UTC; it must still fall on the last
        # local day.
        if not isinstance(until, datetime) or until.utcoffset() != timedelta(0):
            fail(where, f"UNTIL {until!r} is not a UTC date-time")
        elif until.astimezone(ICT).date() != want["until"]:
            fail(where, f"UNTIL {until} is on {until.astimezone(ICT).date()} in Vietnam, expected {want['until']}")
        dtstart = start
    else:
        if isinstance(until, datetime) or until != want["until"]:
            fail(where, f"UNTIL {until!r}, expected the date {want['until']}")
        dtstart = datetime.combine(start, datetime.min.time())
    sessions = list(rrulestr(rule.to_ical().decode(), dtstart=dtstart))
    if len(sessions) != want["count"]:
        fail(where, f"{len(sessions)} sessions, expected {want['count']}")
    if sessions and sessions[-1].date() != want["until"]:
        fail(where, f"last session on {sessions[-1].date()}, expected {want['until']}")
    if isinstance(start, datetime) and any(s.timetz() != start.timetz() for s in sessions):
        fail(where, "a session starts at another time of day")


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in EXPECT:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out, expect = Path(sys.argv[1]), EXPECT[sys.argv[2]]
    host = expect["host"]
    files = sorted(out.rglob("*.ics"))
    parsed = {}
    for path in files:
        rel = path.relative_to(out).as_posix()
        raw = path.read_bytes()
        check_bytes(rel, raw)
        try:
            cal = icalendar.Calendar.from_ical(raw)
        except Exception as e:  # noqa: BLE001 - any parse failure is the finding
            fail(rel, f"icalendar cannot read it: {e}")
            continue
        parsed[rel] = check_calendar(rel, cal, host)

    every = parsed.get("lich.ics")
    if every is None:
        fail("lich.ics", "missing")
        every = {}
    if sorted(every) != sorted(expect["events"]):
        fail("lich.ics", f"events {sorted(every)}, expected {sorted(expect['events'])}")
    for slug, want in expect["events"].items():
        if slug in every:
            check_event("lich.ics", slug, every[slug], want)
        own = f"lich/{slug}/{slug}.ics"
        if own not in parsed:
            fail(own, "missing")
        elif list(parsed[own]) != [slug]:
            fail(own, f"holds {list(parsed[own])}, expected only {slug}")
        else:
            check_event(own, slug, parsed[own][slug], want)
    for slug in expect["absent"]:
        if slug in every or f"lich/{slug}/{slug}.ics" in parsed:
            fail(slug, "has no date, so it must not be in any .ics")
    for unit, count in expect["units"].items():
        rel = f"lich/{unit}/lich.ics"
        if rel not in parsed:
            fail(rel, "missing")
        elif len(parsed[rel]) != count or not set(parsed[rel]) <= set(every):
            fail(rel, f"events {sorted(parsed[rel])}, expected {count} of lich.ics")
    expected_files = 1 + len(expect["events"]) + len(expect["units"])
    if len(files) != expected_files:
        fail(str(out), f"{len(files)} .ics files, expected {expected_files}")

    if failures:
        print(f"ical_check {sys.argv[2]}: {len(failures)} problem(s)", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        sys.exit(1)
    total = sum(len(v) for v in parsed.values())
    print(f"ical_check {sys.argv[2]}: {len(files)} files, {total} events read by icalendar "
          f"{icalendar.__version__}: all as expected")


main()
