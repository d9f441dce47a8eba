#!/usr/bin/env python3
"""Reference week numbers for activity TestWeekOfYear: Python's strftime
%U (weeks from Sunday, days before the first Sunday in week 0), %W (from
Monday) and %V (ISO 8601), for every day of 2023 to 2028 (years starting on
each weekday, 2024 and 2028 leap). Run:

    python3 weeknumber_ref.py > weeknumber_ref.txt

Each line: YYYY-MM-DD U W V."""
from datetime import date, timedelta

d = date(2023, 1, 1)
while d.year < 2029:
    print(d.isoformat(), int(d.strftime("%U")), int(d.strftime("%W")), int(d.strftime("%V")))
    d += timedelta(days=1)
