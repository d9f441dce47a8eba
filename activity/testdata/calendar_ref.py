#!/usr/bin/python3
"""Reference periods and working-day counts for activity/calendar_test.go.

Run from activity/testdata with Debian's python3 (pandas 1.5.3, numpy,
zoneinfo over the system tzdata):

    /usr/bin/python3 calendar_ref.py > calendar_ref.json

Nothing here reads the Go code. Each period comes from pandas and zoneinfo:

* the first instant of a local date is found by bisecting Unix seconds for
  the earliest one whose local date (datetime.fromtimestamp in the zone) is
  that date or later, so days of 23, 23.5, 24.5 and 25 hours and days that
  start at 01:00 come out of the tz database, not out of an assumption;
* Gregorian fiscal years and quarters are pandas periods "A-<end month>" and
  "Q-<end month>" (pandas names them by the year they end in); months are
  pandas "M" periods;
* ISO weeks are Timestamp.isocalendar() with pandas "W-SUN" periods; weeks
  starting on another day are pandas "W-<day before>" periods, numbered in
  the fiscal year holding their fourth day, week 1 holding the fiscal
  year's fourth day (the rule activity.Calendar documents);
* retail years are pandas FY5253 and their quarters FY5253Quarter (extra
  week in quarter 4), variation "last" or "nearest"; retail months split
  each 13-week quarter 4-4-5, 4-5-4 or 5-4-4 with a 53rd week added to the
  twelfth month, as the NRF calendar does;
* working days are numpy.busday_count over local dates.

Output: JSON with "calendars" (settings by id); "periods", rows of calendar,
granularity, instant, start, end (Unix seconds) and name, for the first and
last second of dates around daylight-saving changes, year and quarter starts,
ISO 53-week years, retail year ends and a few seeded random dates;
"sequences", the periods overlapping [from, to), each with its start as local
RFC 3339; "working_calendars" and "working_days", rows of calendar, from, to
and count.
"""

import json
import random
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from pandas.tseries.offsets import FY5253, FY5253Quarter

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
# pandas weekday numbers and offset suffixes: 0 Monday .. 6 Sunday.
PD_DAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
# Go's time.Weekday: 0 Sunday .. 6 Saturday.
GO_DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
PATTERNS = {"4-4-5": [4, 4, 5], "4-5-4": [4, 5, 4], "5-4-4": [5, 4, 4]}

CALENDARS = {
    # Gregorian fiscal years.
    "utc": dict(zone="UTC", start=1, naming="end", weeks="iso", months="gregorian"),
    "ny-jul-end": dict(zone="America/New_York", start=7, naming="end", weeks="iso", months="gregorian"),
    "ny-jul-start": dict(zone="America/New_York", start=7, naming="start", weeks="sunday", months="gregorian"),
    "lon-feb-end": dict(zone="Europe/London", start=2, naming="end", weeks="iso", months="gregorian"),
    "lon-oct-start": dict(zone="Europe/London", start=10, naming="start", weeks="sunday", months="gregorian"),
    "lhi-oct-end": dict(zone="Australia/Lord_Howe", start=10, naming="end", weeks="monday", months="gregorian"),
    "lhi-jul-start": dict(zone="Australia/Lord_Howe", start=7, naming="start", weeks="iso", months="gregorian"),
    "kol-apr-end": dict(zone="Asia/Kolkata", start=4, naming="end", weeks="wednesday", months="gregorian"),
    "sao-jan": dict(zone="America/Sao_Paulo", start=1, naming="end", weeks="sunday", months="gregorian"),
    "hav-jan": dict(zone="America/Havana", start=1, naming="start", weeks="iso", months="gregorian"),
    "scl-jul": dict(zone="America/Santiago", start=7, naming="end", weeks="saturday", months="gregorian"),
    "amm-jan": dict(zone="Asia/Amman", start=1, naming="end", weeks="friday", months="gregorian"),
    # Retail 52/53-week years.
    "nrf": dict(zone="America/New_York", start=2, naming="start", weeks="iso", months="4-5-4",
                year_end="nearest", year_end_day="saturday"),
    "ny-445-last": dict(zone="America/New_York", start=2, naming="end", weeks="sunday", months="4-4-5",
                        year_end="last", year_end_day="saturday"),
    "lon-544-last-sep": dict(zone="Europe/London", start=10, naming="end", weeks="iso", months="5-4-4",
                             year_end="last", year_end_day="saturday"),
    "lhi-445-nearest-jun": dict(zone="Australia/Lord_Howe", start=7, naming="end", weeks="monday", months="4-4-5",
                                year_end="nearest", year_end_day="sunday"),
    "utc-454-nearest-dec": dict(zone="UTC", start=1, naming="start", weeks="iso", months="4-5-4",
                                year_end="nearest", year_end_day="friday"),
    "kol-544-nearest-mar": dict(zone="Asia/Kolkata", start=4, naming="start", weeks="thursday", months="5-4-4",
                                year_end="nearest", year_end_day="wednesday"),
}

DAY = timedelta(days=1)


def local_date(x, tz):
    return datetime.fromtimestamp(x, tz).date()


def first_instant(d, tz):
    """Earliest Unix second whose local date in tz is d or later."""
    base = int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp())
    lo, hi = base - 2 * 86400, base + 2 * 86400
    assert local_date(lo, tz) < d <= local_date(hi, tz)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if local_date(mid, tz) >= d:
            hi = mid
        else:
            lo = mid
    return hi


def ts(d):
    return pd.Timestamp(d.year, d.month, d.day)


def end_month(cal):
    return (cal["start"] - 2) % 12 + 1


def label(cal, end_year):
    """Name of the fiscal year whose last nominal month is in end_year."""
    if cal["naming"] == "start" and cal["start"] != 1:
        return end_year - 1
    return end_year


def pd_weekday(go_name):
    return (GO_DAYS.index(go_name) + 6) % 7


def gregorian(cal, g, d):
    abbr = MONTHS[end_month(cal) - 1]
    if g == "month":
        p = pd.Period(ts(d), "M")
        return p.start_time.date(), (p + 1).start_time.date(), p.strftime("%Y-%m")
    if g == "quarter":
        p = pd.Period(ts(d), "Q-" + abbr)
        return p.start_time.date(), (p + 1).start_time.date(), "FY%04d Q%d" % (label(cal, p.qyear), p.quarter)
    if g == "year":
        p = pd.Period(ts(d), "A-" + abbr)
        return p.start_time.date(), (p + 1).start_time.date(), "FY%04d" % label(cal, p.year)
    if g == "week" and cal["weeks"] == "iso":
        iso = ts(d).isocalendar()
        p = pd.Period(ts(d), "W-SUN")
        return p.start_time.date(), (p + 1).start_time.date(), "%04d-W%02d" % (iso[0], iso[1])
    if g == "week":
        first_day = pd_weekday(cal["weeks"])
        freq = "W-" + PD_DAYS[(first_day + 6) % 7]  # weeks ending the day before
        p = pd.Period(ts(d), freq)
        ws = p.start_time.date()
        fy = pd.Period(ts(ws + 3 * DAY), "A-" + abbr)
        fourth = fy.start_time.date() + 3 * DAY
        first = pd.Period(ts(fourth), freq).start_time.date()
        return ws, ws + 7 * DAY, "FY%04d W%02d" % (label(cal, fy.year), (ws - first).days // 7 + 1)
    raise ValueError(g)


def retail(cal, g, d):
    em = end_month(cal)
    wd = pd_weekday(cal["year_end_day"])
    year = FY5253(weekday=wd, startingMonth=em, variation=cal["year_end"])
    ye = year.rollforward(ts(d)).date()
    ys = (pd.Timestamp(ye) - year).date() + DAY
    assert (ye - ys).days + 1 in (364, 371), (ys, ye)
    nominal = [y for y in (ye.year - 1, ye.year) if year.get_year_end(pd.Timestamp(y, em, 1)).date() == ye]
    assert len(nominal) == 1
    name = "FY%04d" % label(cal, nominal[0])
    if g == "year":
        return ys, ye + DAY, name
    if g == "quarter":
        q = FY5253Quarter(weekday=wd, startingMonth=em, qtr_with_extra_week=4, variation=cal["year_end"])
        qe = q.rollforward(ts(d)).date()
        qs = (pd.Timestamp(qe) - q).date() + DAY
        assert ys <= qs <= d <= qe <= ye
        return qs, qe + DAY, "%s Q%d" % (name, (qs - ys).days // 91 + 1)
    if g == "month":
        cum = [0]
        for _ in range(4):
            for w in PATTERNS[cal["months"]]:
                cum.append(cum[-1] + w)
        week = (d - ys).days // 7
        m = max(i for i in range(12) if cum[i] <= week)
        end = ys + 7 * cum[m + 1] * DAY if m < 11 else ye + DAY
        return ys + 7 * cum[m] * DAY, end, "%s M%02d" % (name, m + 1)
    if g == "week":
        p = pd.Period(ts(d), "W-" + PD_DAYS[wd])  # weeks ending on the year-end day
        ws = p.start_time.date()
        return ws, ws + 7 * DAY, "%s W%02d" % (name, (ws - ys).days // 7 + 1)
    raise ValueError(g)


def period(cal, g, d):
    """(first date, date after the last, name) of the g-period holding d."""
    if g == "day":
        return d, d + DAY, d.isoformat()
    if cal["months"] == "gregorian":
        return gregorian(cal, g, d)
    return retail(cal, g, d)


def row(cid, g, x):
    cal = CALENDARS[cid]
    tz = ZoneInfo(cal["zone"])
    a, b, name = period(cal, g, local_date(x, tz))
    s, e = first_instant(a, tz), first_instant(b, tz)
    assert s <= x < e
    return [cid, g, x, s, e, name]


def transition_dates(tz, years):
    """Local dates in years whose length is not 24 hours."""
    out = []
    d = date(years[0], 1, 1)
    while d.year <= years[-1]:
        if first_instant(d + DAY, tz) - first_instant(d, tz) != 86400:
            out.append(d)
        d += DAY
    return out


def interesting_dates(cid, rng):
    cal = CALENDARS[cid]
    tz = ZoneInfo(cal["zone"])
    ds = set(transition_dates(tz, [2025]))
    if cal["zone"] == "America/Sao_Paulo":
        ds |= set(transition_dates(tz, [2018]))
    if cal["zone"] == "Asia/Amman":
        ds |= set(transition_dates(tz, [2021]))
    for y in (2020, 2026):  # ISO years with 53 weeks
        ds |= {date(y, 12, 28), date(y, 12, 31), date(y + 1, 1, 1), date(y + 1, 1, 4)}
    s = date(2025, cal["start"], 1)
    ds |= {s - DAY, s}
    for q in range(4):
        ds.add(date(2025, (cal["start"] - 1 + 3 * q) % 12 + 1, 1))
    if cal["months"] != "gregorian":
        em = end_month(cal)
        year = FY5253(weekday=pd_weekday(cal["year_end_day"]), startingMonth=em, variation=cal["year_end"])
        for y in range(2017, 2028):
            ye = year.get_year_end(pd.Timestamp(y, em, 1)).date()
            ds |= {ye, ye + DAY}
    for _ in range(6):
        ds.add(date(1995, 1, 1) + rng.randrange(365 * 50) * DAY)
    return sorted(ds)


def periods_rows(rng):
    """Rows for the first and the last second of each interesting date."""
    rows = []
    for cid in CALENDARS:
        tz = ZoneInfo(CALENDARS[cid]["zone"])
        for d in interesting_dates(cid, rng):
            s, e = first_instant(d, tz), first_instant(d + DAY, tz)
            for x in (s, e - 1):
                for g in ("day", "week", "month", "quarter", "year"):
                    rows.append(row(cid, g, x))
    return rows


SEQUENCES = [
    ("ny-jul-end", "month", "2024-06-15T12:00:00", "2025-07-01T00:00:00"),
    ("lhi-oct-end", "quarter", "2023-08-01T00:00:00", "2026-01-01T00:00:00"),
    ("lhi-jul-start", "day", "2025-04-04T00:00:00", "2025-04-08T00:00:00"),
    ("lhi-jul-start", "day", "2025-10-03T00:00:00", "2025-10-07T00:00:00"),
    ("utc", "week", "2020-12-20T00:00:00", "2021-01-20T00:00:00"),
    ("utc", "week", "2026-12-20T00:00:00", "2027-01-12T00:00:00"),
    ("lon-oct-start", "week", "2024-09-20T00:00:00", "2024-10-20T00:00:00"),
    ("lon-feb-end", "day", "2025-03-28T00:00:00", "2025-04-01T00:00:00"),
    ("hav-jan", "day", "2025-10-30T00:00:00", "2025-11-05T00:00:00"),
    ("sao-jan", "day", "2018-11-01T00:00:00", "2018-11-07T00:00:00"),
    ("scl-jul", "day", "2025-04-03T00:00:00", "2025-04-08T00:00:00"),
    ("scl-jul", "day", "2025-09-05T00:00:00", "2025-09-09T00:00:00"),
    ("amm-jan", "day", "2021-10-27T00:00:00", "2021-10-31T00:00:00"),
    ("nrf", "month", "2023-01-29T00:00:00", "2024-02-04T00:00:00"),
    ("nrf", "week", "2024-01-20T00:00:00", "2024-02-20T00:00:00"),
    ("ny-445-last", "quarter", "2014-01-01T00:00:00", "2027-01-01T00:00:00"),
    ("lon-544-last-sep", "month", "2019-08-01T00:00:00", "2021-01-01T00:00:00"),
    ("utc-454-nearest-dec", "year", "2010-01-01T00:00:00", "2030-01-01T00:00:00"),
    ("kol-apr-end", "year", "2019-01-01T00:00:00", "2027-01-01T00:00:00"),
    ("kol-544-nearest-mar", "week", "2026-03-15T00:00:00", "2026-04-15T00:00:00"),
]


def sequence(cid, g, frm, to):
    """Periods overlapping [frm, to), local times in the calendar's zone."""
    cal = CALENDARS[cid]
    tz = ZoneInfo(cal["zone"])
    x = int(datetime.fromisoformat(frm).replace(tzinfo=tz).timestamp())
    y = int(datetime.fromisoformat(to).replace(tzinfo=tz).timestamp())
    out = []
    a, b, name = period(cal, g, local_date(x, tz))
    while first_instant(a, tz) < y:
        s, e = first_instant(a, tz), first_instant(b, tz)
        out.append([s, e, datetime.fromtimestamp(s, tz).isoformat(), name])
        a, b, name = period(cal, g, b)
    return dict(calendar=cid, granularity=g, **{"from": x, "to": y}, periods=out)


US_2025 = ["2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
           "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"]

WORKING = [
    # zone, weekend (Go weekdays; None means the default Saturday and Sunday),
    # holidays as given (any order, repeats, weekends included on purpose).
    ("default", "UTC", None, []),
    ("us-2025", "America/New_York", None, US_2025 + ["2026-01-01", "2024-12-25"]),
    ("fri-sat", "Asia/Dubai", ["friday", "saturday"],
     ["2025-03-31", "2025-03-30", "2025-04-01", "2025-03-31", "2025-06-06", "2025-06-05", "2024-12-02"]),
    ("sun-only", "Europe/London", ["sunday"], ["2025-12-25", "2025-12-26", "2025-12-28", "2026-01-01"]),
    ("none", "Australia/Lord_Howe", [], ["2025-01-01", "2025-01-27", "2025-04-18", "2025-04-21", "2025-12-25"]),
]


def working_rows(rng):
    rows = []
    for wid, zone, weekend, holidays in WORKING:
        tz = ZoneInfo(zone)
        off = set(weekend) if weekend is not None else {"saturday", "sunday"}
        mask = "".join("0" if GO_DAYS[(i + 1) % 7] in off else "1" for i in range(7))  # Monday first
        lo = int(datetime(2023, 6, 1, tzinfo=timezone.utc).timestamp())
        hi = int(datetime(2027, 6, 1, tzinfo=timezone.utc).timestamp())
        pairs = [(rng.randrange(lo, hi), rng.randrange(lo, hi)) for _ in range(60)]
        pairs += [(x, x + rng.randrange(86400 * 40)) for x, _ in pairs[:40]]
        pairs += [(x, x) for x, _ in pairs[:3]]
        for x, y in pairs:
            a, b = local_date(x, tz), local_date(y, tz)
            n = int(np.busday_count(a, b, weekmask=mask, holidays=holidays))  # negative when b < a, as numpy counts
            rows.append([wid, x, y, n])
    cals = {wid: dict(zone=z, weekend=w, holidays=h) for wid, z, w, h in WORKING}
    return cals, rows


def main():
    rng = random.Random(20250314)
    periods = periods_rows(rng)
    sequences = [sequence(*s) for s in SEQUENCES]
    wcals, wrows = working_rows(rng)
    out = sys.stdout
    out.write('{\n"calendars": %s,\n' % json.dumps(CALENDARS, sort_keys=True))
    out.write('"working_calendars": %s,\n' % json.dumps(wcals, sort_keys=True))
    out.write('"periods": [\n' + ",\n".join(json.dumps(r) for r in periods) + "\n],\n")
    out.write('"sequences": [\n' + ",\n".join(json.dumps(s) for s in sequences) + "\n],\n")
    out.write('"working_days": [\n' + ",\n".join(json.dumps(r) for r in wrows) + "\n]\n}\n")


if __name__ == "__main__":
    main()
