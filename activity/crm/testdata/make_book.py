#!/usr/bin/env python3
"""Write the sample sales book under book/: one fictional company's 2025
deals, stage history, activities, roster, quotas and exchange rates, in
several forms that describe exactly the same data:

    book/json/         salesmetrics records (activity.Records JSON)
    book/salesforce/   Salesforce exports (report, OpportunityHistory, Task, Event)
    book/salesforce-eu/  the Opportunities report as a German-locale user exports it
    book/salesforce-api/  the Opportunity and OpportunityFieldHistory objects
                       (API names, as Data Loader writes them), Task, Event
    book/hubspot/      HubSpot exports (deals with Date entered columns, calls,
                       emails, meetings)
    book/hubspot-history/  HubSpot with the stage history as a property
                       history export, emails as tasks
    book/records-csv/  the deals with the Deal record's JSON names as headers,
                       the rest as in salesforce/

so that every built-in layout of builtin.go has a sample file. A Go test
reads the forms and checks that the KPIs agree, so every value is derived
once here and then only formatted per form.

Run it from activity/crm/testdata:

    python3 make_book.py

Standard library only (zoneinfo over the system tz database). The output is
deterministic: random.Random(20261204), no clock, no set iteration.

Where each layout's headers and value forms come from (the research notes
on CRM export layouts, crm-layouts.md, cited as "notes"; the headers are the
built-in layouts' of builtin.go, verbatim):

  salesforce-opportunities-report: field labels from the Salesforce Field Reference, Opportunity
      (https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-opportunity.html);
      "Amount Currency" before "Amount" from help article 000382314
      (https://help.salesforce.com/s/articleView?id=000382314&language=en_US&type=1);
      footer lines as in the CPAN module WWW::Salesforce::Report and a 2026 fixture (notes §1; M/D/YYYY dates,
      integer percent and 1/0 booleans are weak/unconfirmed there).
  salesforce-opportunities-report, German locale (salesforce-eu/): ";" separator, D.M.YYYY, decimal comma --
      the notes' caveat that report values follow the user's locale (notes, Caveats); no verbatim sample found.
  salesforce-opportunity-history: OpportunityHistory fields
      (https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-opportunityhistory.html);
      ForecastCategory API values from
      https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-opportunitystage.html
  salesforce-task: Task fields (https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-task.html);
      TaskSubtype values and CallDisposition labels are unconfirmed (notes §4).
  salesforce-event: Event fields (https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-event.html)
  hubspot-deals: deal property labels from a real portal's property dump (GitHub hairsolutionsco/automations_hub,
      hubspot/objects/deals/properties.md; notes §6); "YYYY-MM-DD HH:mm" times are unconfirmed.
  hubspot-calls: hs_call_duration in milliseconds and the default outcome labels
      (https://developers.hubspot.com/docs/api/crm/calls); the export labels are unconfirmed (notes §7).
  hubspot-emails: no source for the export labels (notes §7: internal names weak, labels unconfirmed).
  hubspot-meetings: hs_meeting_start_time / hs_meeting_end_time (https://developers.hubspot.com/docs/api/crm/meetings);
      export labels unconfirmed (notes §7).
  salesforce-opportunity: Opportunity API names, same Field Reference page as the report's labels; ForecastCategory
      API values and ForecastCategoryName labels as above. That Data Loader writes exactly these headers (case,
      quoting) is unconfirmed.
  salesforce-opportunity-field-history: OpportunityFieldHistory fields (Field, OldValue, NewValue; key prefix 017)
      as builtin.go names them. The first StageName row of a deal, with a blank OldValue, is the entry into its
      first stage: a choice of this book (a real org may log the creation as a row of Field "created" instead).
  hubspot-deal-stage-history: HubSpot documents no export of a property history; builtin.go's layout follows the
      API's propertiesWithHistory (value, timestamp) with the record id beside it.
  hubspot-tasks: hs_task_type values CALL, EMAIL, TODO as builtin.go maps them; export labels unconfirmed.
  roster, quotas, rates, salesmetrics-deals: this package's own layouts (builtin.go), hand-kept sheets.

Choices that keep the forms identical:

  * Deals are created at local midnight (America/New_York): the Salesforce
    report writes Created Date as a day, which the reader takes as the day's
    first instant. The first stage change (into Discovery) is the real
    creation time later that day.
  * Every stage is entered at most once, because HubSpot has only one
    Date entered cell per stage.
  * Activities carry no account in any form (Task/Event AccountId is left
    blank): HubSpot's activity exports here have no company column.
    Unlinked Salesforce tasks may have an account id (001...) in WhatId;
    the reader links only opportunity ids (006...).
  * Meetings have no outcome in any form (Salesforce events have none), so
    HubSpot's meetings.csv has no "Meeting outcome" column.
  * Deals come in the same order in every form and have unique names, so a
    test can pair Salesforce and HubSpot deals. The columns the layouts read
    as extra attributes differ: Fiscal Period (Salesforce report) and
    Pipeline (HubSpot) are not in the JSON deals' attributes.
  * The forms added later (salesforce-api/, hubspot-history/, records-csv/)
    draw no number from the book's generator, so that they changed none of
    the others; the OpportunityFieldHistory ids come from a second one.
    Files they share with salesforce/ or hubspot/ are byte-identical copies.
  * opportunities.csv starts with a BOM and quotes every cell, so its first
    header cell is `\ufeff"Opportunity ID"`: strip the BOM before
    encoding/csv reads it, as crm.CSV does (a BOM before a quote is a
    bare-quote error there).
"""

import csv
import json
import os
import random
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

SEED = 20261204
TZ = ZoneInfo("America/New_York")
UTC = timezone.utc
YEAR = 2025
FIRST_DAY = date(YEAR, 1, 1)
LAST_DAY = date(YEAR, 12, 31)
N_DEALS = 360
N_ACTIVITIES = 2500
LINKED_SHARE = 0.70

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "book")

# Stages in funnel order: name, probability (text as written in JSON and
# HubSpot), Salesforce percent, status.
STAGES = [
    ("Discovery", "0.1", 10, "open"),
    ("Demo", "0.3", 30, "open"),
    ("Proposal", "0.5", 50, "open"),
    ("Negotiation", "0.75", 75, "open"),
    ("Closed Won", "1", 100, "won"),
    ("Closed Lost", "0", 0, "lost"),
]
OPEN_STAGES = 4
WON, LOST = 4, 5
PIPELINE = "Enterprise Pipeline"

# Forecast category per stage index (JSON name).
STAGE_CATEGORY = ["pipeline", "pipeline", "best_case", "commit", "closed", "omitted"]
# The same category as each form writes it.
SF_CATEGORY_LABEL = {"pipeline": "Pipeline", "best_case": "Best Case", "commit": "Commit",
                     "closed": "Closed", "omitted": "Omitted"}
SF_CATEGORY_API = {"pipeline": "Pipeline", "best_case": "BestCase", "commit": "Forecast",
                   "closed": "Closed", "omitted": "Omitted"}
HS_CATEGORY_LABEL = {"pipeline": "Pipeline", "best_case": "Best case", "commit": "Commit",
                     "closed": "Closed won", "omitted": "Not forecasted"}

# Call outcomes: JSON name, Salesforce CallDisposition, HubSpot "Call outcome".
CALL_OUTCOMES = {"connected": ("Connected", "Connected"),
                 "voicemail": ("Left voicemail", "Left voicemail"),
                 "no_answer": ("No answer", "No answer")}

REPORT = {
    "time_zone": "America/New_York",
    "currency": "USD",
    "funnel": {"stages": [
        {"stage": "Discovery", "probability": "0.1"},
        {"stage": "Demo", "probability": "0.3"},
        {"stage": "Proposal", "probability": "0.5"},
        {"stage": "Negotiation", "probability": "0.75"},
        {"stage": "Closed Won", "probability": "1", "won": True},
        {"stage": "Closed Lost", "probability": "0", "lost": True},
    ]},
}

COMPANY = "Northwind Analytics"
REPORT_TITLE = "All Opportunities 2025"
FOOTER = [
    REPORT_TITLE,
    "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.",
    "Confidential Information - Do Not Distribute",
    "Generated By:  Dana Whitfield  12/4/2026 9:12 AM",
    COMPANY,
]

# Reps: full name, team. Hire dates are drawn below (six before 2025, two in 2025).
REP_NAMES = [
    ("Avery Brooks", "East"), ("Jordan Mehta", "East"), ("Camille Laurent", "East"),
    ("Diego Alvarez", "West"), ("Hannah Kowalski", "West"), ("Tomás Reyes", "West"),
    ("Naomi Okafor", "Central"), ("Samuel Whitaker", "Central"),
]
MANAGERS = {"East": "Harriet Cole", "West": "Marcus Bell", "Central": "Ines Carvalho"}

ACCOUNTS = [
    "Acorn Ridge Foods", "Altamira Health", "Apex Freightways", "Baker, Holt & Partners", "Bellwether Insurance",
    "Birchwood Schools", "Bluestem Energy", "Brightline Dental", "Calder & Finch", "Cascadia Outfitters",
    "Cedar Point Credit Union", "Clearwater Labs", "Cobalt Robotics", "Copperleaf Hotels", "Crescent Bay Realty",
    "Delta Meridian Bank", "Driftwood Media", "Eastgate Pharmacy", "Emberline Software", "Fairhaven Clinics",
    "Fieldstone Builders", "Foxglove Cosmetics", "Granite Peak Capital", "Greenmark Grocers", "Harborview Logistics",
    "Highland Dairy Co-op", "Ironbridge Manufacturing", "Juniper Travel", "Keystone Legal", "Lakeshore Utilities",
    "Lantern Education", "Larkspur Wines", "Maple & Main Retail", "Meridian Aerospace", "Müller Logistik GmbH",
    "Northstar Telecom", "Oakhurst Senior Living", "O'Connell Engineering", "Orchard Valley Farms", "Pinecrest Hospital",
    "Quarry Stone Supply", "Redwood Analytics", "Riverbend Brewing", "Saffron Kitchens", "Sable Point Security",
    "Silverline Fitness", "Société Lumière SA", "Stonegate Property", "Summit Ridge Outdoor", "Tamarack Paper",
    "The \"Blue Fern\" Co.", "Thistle & Thorn Books", "Trident Marine", "Union Square Apparel", "Vantage Point Media",
    "Verdant Gardens", "Westbrook Automotive", "Willowmere Spa", "Yellowstone Outfitters", "Zephyr Wind Power",
]

NEW_PRODUCTS = ["Analytics Platform", "Data Warehouse", "Forecasting Suite", "Pilot", "Enterprise License",
                "Dashboards", "Data Pipeline", "Team Edition"]
EXISTING_PRODUCTS = ["Renewal", "Expansion", "Upsell", "Add-on Seats", "Premium Support"]
EMAIL_SUBJECTS = ["Following up on our call", "Pricing overview", "Next steps", "Agenda for our meeting",
                  "Proposal attached", "Quick question", "Case study you asked for", "Contract redlines",
                  "Introductions", "Checking in"]
MEETING_TOPICS = ["Discovery call", "Product demo", "Proposal review", "Negotiation", "Quarterly business review",
                  "Technical deep dive", "Kickoff"]


# ---------------------------------------------------------------- helpers

def local(day, minutes):
    """The instant at minutes past local midnight of day (minutes < 24h)."""
    return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=TZ)


def midnight(day):
    return datetime(day.year, day.month, day.day, tzinfo=TZ)


def utc(t):
    return t.astimezone(UTC)


# Days nobody at the company works, besides weekends: fixed-date holidays
# every year, and 2025's others.
FIXED_HOLIDAYS = {(1, 1), (7, 4), (12, 24), (12, 25)}
HOLIDAYS = {date(YEAR, 5, 26), date(YEAR, 9, 1), date(YEAR, 11, 27), date(YEAR, 11, 28)}


def is_workday(d):
    return d.weekday() < 5 and (d.month, d.day) not in FIXED_HOLIDAYS and d not in HOLIDAYS


def workday_on_or_after(d):
    while not is_workday(d):
        d += timedelta(days=1)
    return d


def workdays(a, b):
    """Weekdays from a to b, both included."""
    out = []
    d = a
    while d <= b:
        if is_workday(d):
            out.append(d)
        d += timedelta(days=1)
    return out


def minute_of(t):
    return t.hour * 60 + t.minute


def time_between(rng, start, end, earliest=8 * 60, latest=17 * 60 + 30, step=1):
    """A local working time strictly between start and end (local aware
    datetimes), at a minute that is a multiple of step, or None."""
    days = workdays(start.date(), end.date())
    if not days:
        return None
    for _ in range(60):
        d = rng.choice(days)
        lo, hi = earliest, latest
        if d == start.date():
            lo = max(lo, minute_of(start) + 1)
        if d == end.date():
            hi = min(hi, minute_of(end) - 1)
        lo = -(-lo // step) * step
        if lo > hi:
            continue
        m = rng.randrange(lo, hi + 1, step)
        return local(d, m)
    return None


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def sf_id(prefix, n):
    """An 18-character Salesforce id: the 10-character prefix (key prefix,
    pod, zeros), n in base 62 over 5 characters, and the 3-character
    case-safe suffix (a bit per upper-case letter in each 5-character run)."""
    body = prefix
    digits = ""
    for _ in range(5):
        n, r = divmod(n, 62)
        digits = B62[r] + digits
    body += digits
    assert len(body) == 15
    suffix = ""
    for i in range(3):
        bits = 0
        for j, c in enumerate(body[i * 5:(i + 1) * 5]):
            if "A" <= c <= "Z":
                bits |= 1 << j
        suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]
    return body + suffix


class Sequence:
    """Increasing record numbers with random gaps, as ids are handed out."""

    def __init__(self, rng, start, gap):
        self.rng, self.n, self.gap = rng, start, gap

    def next(self):
        self.n += self.rng.randint(1, self.gap)
        return self.n


def money(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def money_us(cents):
    return f"{cents // 100:,}.{cents % 100:02d}"


def money_de(cents):
    return f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


def mdy(d):
    return f"{d.month}/{d.day}/{d.year}"


def dmy_de(d):
    return f"{d.day}.{d.month}.{d.year}"


def iso_z(t):
    return utc(t).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def hs_time(t):
    return t.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


def rfc3339(t):
    """RFC 3339 with the local offset: for local midnights."""
    return t.isoformat()


def rfc3339_z(t):
    """RFC 3339 in UTC: for the instants of changes and activities."""
    return utc(t).strftime("%Y-%m-%dT%H:%M:%SZ")


def quarter_of(d):
    return (d.month - 1) // 3 + 1


def weighted(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


# ---------------------------------------------------------------- the book

def build():
    rng = random.Random(SEED)

    # Reps.
    user_ids = Sequence(rng, rng.randint(200000, 400000), 900)
    reps = []
    for i, (name, team) in enumerate(REP_NAMES):
        if i in (2, 5):  # hired in 2025: one in the spring, one in the summer
            lo, hi = (date(2025, 3, 1), date(2025, 4, 15)) if i == 2 else (date(2025, 6, 16), date(2025, 7, 31))
        else:
            lo, hi = date(2023, 1, 9), date(2024, 11, 29)
        hired = workday_on_or_after(lo + timedelta(days=rng.randint(0, (hi - lo).days)))
        reps.append({"id": sf_id("0055g00000", user_ids.next()), "name": name, "team": team,
                     "manager": MANAGERS[team], "hired": hired})

    # Each rep's working days in 2025 (from the hire), and the days they can
    # open deals on (two weeks after the hire, until a week before Christmas).
    for r in reps:
        start = max(FIRST_DAY, r["hired"])
        r["days"] = workdays(start, LAST_DAY)
        r["deal_days"] = workdays(max(date(YEAR, 1, 2), r["hired"] + timedelta(days=14)), date(YEAR, 12, 23))
        r["skill"] = rng.uniform(0.8, 1.25)

    # Accounts and their Salesforce ids.
    account_ids = Sequence(rng, rng.randint(3000000, 5000000), 4000)
    accounts = {a: sf_id("0015g00000", account_ids.next()) for a in ACCOUNTS}

    # Deals.
    end_change = local(LAST_DAY, 17 * 60 + 59)
    deals = []
    rep_weights = [len(r["deal_days"]) * r["skill"] for r in reps]
    for _ in range(N_DEALS):
        rep = weighted(rng, reps, rep_weights)
        created_day = rng.choice(rep["deal_days"])
        x = rng.random()
        currency = "USD" if x < 0.60 else "EUR" if x < 0.85 else "GBP"
        cents = int(rng.lognormvariate(10.1, 0.65) * 100)
        cents = max(250000, min(cents, 45000000))
        kind = "New Business" if rng.random() < 0.65 else "Existing Business"
        account = rng.choice(ACCOUNTS)
        product = rng.choice(NEW_PRODUCTS if kind == "New Business" else EXISTING_PRODUCTS)

        # How far the deal goes through the open stages, and how it ends.
        reach = weighted(rng, [0, 1, 2, 3], [30, 25, 20, 25])
        plan = weighted(rng, ["won", "lost", "open"], [[0, 60, 40], [0, 65, 35], [15, 55, 30], [55, 25, 20]][reach])

        first = local(created_day, rng.randint(8 * 60, 12 * 60))
        changes = [(0, first)]
        t = first
        truncated = False
        for s in range(1, reach + 1):
            d = workday_on_or_after(t.date() + timedelta(days=rng.randint(3, 24)))
            if d > LAST_DAY:
                truncated = True
                break
            t = local(d, rng.randint(8 * 60, 17 * 60 + 59))
            changes.append((s, t))
        status = "open"
        if plan != "open" and not truncated:
            d = workday_on_or_after(t.date() + timedelta(days=rng.randint(2, 30)))
            if d <= LAST_DAY:
                t = local(d, rng.randint(9 * 60, 17 * 60 + 30))
                changes.append((WON if plan == "won" else LOST, t))
                status = plan
        assert all(c[1] <= end_change for c in changes)
        stage = changes[-1][0]
        deal = {
            "rep": rep, "created_day": created_day, "created": midnight(created_day),
            "currency": currency, "cents": cents, "type": kind, "account": account,
            "name": f"{account} - {product}", "changes": changes, "stage": stage, "status": status,
            "category": STAGE_CATEGORY[stage],
        }
        if status == "open":
            deal["close_day"] = workday_on_or_after(changes[-1][1].date() + timedelta(days=rng.randint(10, 75)))
        else:
            deal["close_day"] = changes[-1][1].date()
        deals.append(deal)

    # Ids in creation order, as a CRM hands them out.
    deals.sort(key=lambda d: (d["changes"][0][1], d["rep"]["id"], d["name"], d["cents"]))
    opp_ids = Sequence(rng, rng.randint(8000000, 9000000), 3000)
    hs_ids = Sequence(rng, rng.randint(31000000000, 31900000000), 40000)
    names = {}
    for d in deals:
        # Deal names are unique (a second deal of an account and product
        # gets " (2)"), so that a test can pair the forms' deals by name.
        k = names.get(d["name"], 0) + 1
        names[d["name"]] = k
        if k > 1:
            d["name"] += f" ({k})"
        d["id"] = sf_id("0065g00000", opp_ids.next())
        d["hs_id"] = hs_ids.next()

    # About 3% of the deals open in Discovery are left out of the forecast.
    disc_open = [d for d in deals if d["status"] == "open" and d["stage"] == 0]
    for d in rng.sample(disc_open, min(len(disc_open), round(0.03 * N_DEALS))):
        d["category"] = "omitted"

    # OpportunityHistory: a row per stage change, and for about 15% of the
    # deals a row that changes only the amount (the earlier rows carry the
    # amount as it was before).
    hist_ids = Sequence(rng, rng.randint(20000000, 30000000), 500)
    history = []
    n_amount_rows = 0
    amount_changed = [False] * len(deals)
    for i in rng.sample(range(len(deals)), round(0.15 * len(deals))):
        amount_changed[i] = True
    for d, changed in zip(deals, amount_changed):
        ch = d["changes"]
        amount_change = None
        if changed:
            gaps = len(ch) - 1 if d["status"] != "open" else len(ch)
            i = rng.randrange(gaps)
            nxt = ch[i + 1][1] if i + 1 < len(ch) else end_change
            at = time_between(rng, ch[i][1], nxt, latest=17 * 60 + 59)
            if at is not None:
                old = int(d["cents"] * rng.uniform(0.7, 1.3))
                amount_change = (i, at, old)
        rows = []
        for k, (s, at) in enumerate(ch):
            cents = d["cents"]
            if amount_change and k <= amount_change[0]:
                cents = amount_change[2]
            rows.append((at, s, cents))
            if amount_change and k == amount_change[0]:
                rows.append((amount_change[1], s, d["cents"]))
                n_amount_rows += 1
        for at, s, cents in rows:
            cat = STAGE_CATEGORY[s] if s != d["stage"] else d["category"]
            history.append({"deal": d, "at": at, "stage": s, "cents": cents, "category": cat})
    history.sort(key=lambda h: (utc(h["at"]), h["deal"]["id"]))
    for h in history:
        h["id"] = sf_id("0085g00000", hist_ids.next())

    # Activities.
    end_act = local(LAST_DAY, 17 * 60 + 30)
    deals_of = {r["id"]: [d for d in deals if d["rep"] is r] for r in reps}
    act_weights = [len(r["days"]) * r["skill"] for r in reps]
    activities = []
    while len(activities) < N_ACTIVITIES:
        rep = weighted(rng, reps, act_weights)
        kind = weighted(rng, ["call", "email", "meeting"], [45, 35, 20])
        deal = None
        if rng.random() < LINKED_SHARE and deals_of[rep["id"]]:
            deal = rng.choice(deals_of[rep["id"]])
            start = deal["created"]
            end = deal["changes"][-1][1] if deal["status"] != "open" else end_act
        else:
            start = midnight(rep["days"][0])
            end = end_act
        step, latest = (15, 17 * 60) if kind == "meeting" else (1, 17 * 60 + 30)
        at = time_between(rng, start, end, latest=latest, step=step)
        if at is None:
            continue
        a = {"rep": rep, "kind": kind, "at": at, "deal": deal}
        if kind == "call":
            outcome = weighted(rng, ["connected", "voicemail", "no_answer"], [45, 30, 25])
            a["outcome"] = outcome
            a["seconds"] = {"connected": rng.randint(120, 1800), "voicemail": rng.randint(25, 90),
                            "no_answer": rng.randint(15, 40)}[outcome]
            a["subject"] = f"Call with {deal['account']}" if deal else "Call"
        elif kind == "email":
            a["subject"] = rng.choice(EMAIL_SUBJECTS)
        else:
            minutes = weighted(rng, [15, 30, 45, 60, 90], [10, 40, 15, 30, 5])
            a["seconds"] = minutes * 60
            a["end"] = at + timedelta(minutes=minutes)
            topic = rng.choice(MEETING_TOPICS)
            a["subject"] = f"{topic}: {deal['account']}" if deal else topic
        if deal is None:
            # Salesforce links some unlinked tasks to an account (not a deal).
            a["what_account"] = accounts[rng.choice(ACCOUNTS)] if rng.random() < 0.5 else ""
        activities.append(a)
    activities.sort(key=lambda a: (utc(a["at"]), a["rep"]["id"], a["kind"]))
    task_ids = Sequence(rng, rng.randint(40000000, 50000000), 700)
    event_ids = Sequence(rng, rng.randint(10000000, 20000000), 700)
    hs_act = {"call": Sequence(rng, 45100000000, 90000), "email": Sequence(rng, 52300000000, 90000),
              "meeting": Sequence(rng, 61700000000, 90000)}
    for a in activities:
        a["id"] = sf_id("00U5g00000", event_ids.next()) if a["kind"] == "meeting" else \
            sf_id("00T5g00000", task_ids.next())
        a["hs_id"] = hs_act[a["kind"]].next()

    # Quotas: a rep per quarter of 2025, from the hire quarter.
    quotas = []
    for r in reps:
        base = rng.choice([120000, 135000, 150000, 165000, 180000])
        for q in range(1, 5):
            qstart = date(YEAR, 3 * q - 2, 1)
            qnext = date(YEAR + 1, 1, 1) if q == 4 else date(YEAR, 3 * q + 1, 1)
            if r["hired"] >= qnext:
                continue
            amount = base + {1: 0, 2: 0, 3: 10000, 4: 15000}[q]
            quotas.append({"rep": r, "start": qstart, "next": qnext, "last": qnext - timedelta(days=1),
                           "amount": f"{amount}.00"})

    # Exchange rates to USD on the first of each month.
    eur_path = [1.035, 1.041, 1.040, 1.081, 1.132, 1.134, 1.172, 1.163, 1.170, 1.168, 1.158, 1.162]
    gbp_path = [1.251, 1.243, 1.262, 1.292, 1.331, 1.337, 1.371, 1.344, 1.352, 1.341, 1.312, 1.318]
    rates = []
    for m in range(12):
        on = date(YEAR, m + 1, 1)
        rates.append(("EUR", "USD", on, f"{eur_path[m] + rng.uniform(-0.004, 0.004):.4f}"))
        rates.append(("GBP", "USD", on, f"{gbp_path[m] + rng.uniform(-0.004, 0.004):.4f}"))

    return reps, accounts, deals, history, n_amount_rows, activities, quotas, rates


# ---------------------------------------------------------------- writers

def open_out(*parts):
    path = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return open(path, "w", encoding="utf-8", newline="")


def write_csv(path_parts, header, rows, quoting=csv.QUOTE_MINIMAL, delimiter=",", bom=False, footer=None):
    with open_out(*path_parts) as f:
        if bom:
            f.write("\ufeff")
        w = csv.writer(f, quoting=quoting, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(header)
        n = 0
        for row in rows:
            w.writerow(row)
            n += 1
        if footer:
            f.write("\r\n")
            for line in footer:
                w.writerow([line])
    return n


def write_json(path_parts, obj):
    with open_out(*path_parts) as f:
        f.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def write_records(path_parts, lists):
    """activity.Records as JSON, one record a line."""
    with open_out(*path_parts) as f:
        f.write("{\n")
        keys = list(lists)
        for i, k in enumerate(keys):
            f.write(f' "{k}": [\n')
            items = lists[k]
            for j, rec in enumerate(items):
                f.write("  " + json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
                f.write(",\n" if j + 1 < len(items) else "\n")
            f.write(" ]" + (",\n" if i + 1 < len(keys) else "\n"))
        f.write("}\n")


def write_common(folder, rates, rep_key, reps, quotas):
    """rates.csv, report.json and (except json/) roster.csv and quotas.csv."""
    write_csv((folder, "rates.csv"), ["From", "To", "Date", "Rate"],
              [[f, t, on.isoformat(), rate] for f, t, on, rate in rates])
    write_json((folder, "report.json"), REPORT)
    if rep_key is None:
        return
    write_csv((folder, "roster.csv"), ["Rep", "Name", "Team", "Manager", "Hire Date"],
              [[r[rep_key], r["name"], r["team"], r["manager"], r["hired"].isoformat()] for r in reps])
    write_csv((folder, "quotas.csv"), ["Rep", "Start", "End", "Quota", "Currency"],
              [[q["rep"][rep_key], q["start"].isoformat(), q["last"].isoformat(), q["amount"], "USD"] for q in quotas])


def json_form(reps, deals, history, activities, quotas, rates):
    j_deals = []
    for d in deals:
        s = d["stage"]
        rec = {"id": d["id"], "name": d["name"], "owner": d["rep"]["id"], "account": d["account"],
               "amount": money(d["cents"]), "currency": d["currency"], "stage": STAGES[s][0],
               "status": d["status"], "created_at": rfc3339(d["created"])}
        if d["status"] == "open":
            rec["expected_close_date"] = d["close_day"].isoformat()
        else:
            rec["close_date"] = d["close_day"].isoformat()
        rec["probability"] = STAGES[s][1]
        rec["forecast_category"] = d["category"]
        rec["attributes"] = {"type": d["type"]}
        j_deals.append(rec)
    changes = [{"deal": d["id"], "to": STAGES[s][0], "at": rfc3339_z(at)}
               for d in deals for s, at in d["changes"]]
    j_acts = []
    for a in activities:
        rec = {"id": a["id"], "rep": a["rep"]["id"], "kind": a["kind"], "at": rfc3339_z(a["at"])}
        if a["deal"]:
            rec["deal"] = a["deal"]["id"]
        if "outcome" in a:
            rec["outcome"] = a["outcome"]
        if "seconds" in a:
            rec["duration_seconds"] = a["seconds"]
        j_acts.append(rec)
    j_reps = [{"id": r["id"], "name": r["name"], "hired_at": rfc3339(midnight(r["hired"])),
               "assignments": [{"from": rfc3339(midnight(r["hired"])), "team": r["team"], "manager": r["manager"]}]}
              for r in reps]
    j_quotas = [{"rep": q["rep"]["id"], "period": {"start": rfc3339(midnight(q["start"])),
                                                    "end": rfc3339(midnight(q["next"]))},
                 "amount": q["amount"], "currency": "USD"} for q in quotas]
    write_records(("json", "records.json"), {"deals": j_deals, "stage_changes": changes, "activities": j_acts,
                                             "reps": j_reps, "quotas": j_quotas})
    write_common("json", rates, None, reps, quotas)
    return {"deals": len(j_deals), "stage_changes": len(changes), "activities": len(j_acts),
            "reps": len(j_reps), "quotas": len(j_quotas)}


SF_REPORT_HEADER = ["Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Owner ID", "Type",
                    "Stage", "Amount Currency", "Amount", "Probability (%)", "Forecast Category", "Close Date",
                    "Created Date", "Closed", "Won", "Fiscal Period"]


def sf_report_rows(deals, amount, day):
    for d in deals:
        s = d["stage"]
        cd = d["close_day"]
        # Reports write the 15-character ids (case-sensitive); the API and
        # Data Loader the 18-character ones with their case-safe suffix.
        yield [d["id"][:15], d["name"], d["account"], d["rep"]["name"], d["rep"]["id"][:15], d["type"], STAGES[s][0],
               d["currency"], amount(d["cents"]), str(STAGES[s][2]), SF_CATEGORY_LABEL[d["category"]],
               day(cd), day(d["created_day"]), "1" if d["status"] != "open" else "0",
               "1" if d["status"] == "won" else "0", f"Q{quarter_of(cd)}-{cd.year}"]


def salesforce_form(reps, deals, history, activities, quotas, rates):
    n = {}
    n["opportunities"] = write_csv(("salesforce", "opportunities.csv"), SF_REPORT_HEADER,
                                   sf_report_rows(deals, money_us, mdy), quoting=csv.QUOTE_ALL, bom=True,
                                   footer=FOOTER)
    n["opportunities-eu"] = write_csv(("salesforce-eu", "opportunities.csv"), SF_REPORT_HEADER,
                                      sf_report_rows(deals, money_de, dmy_de), quoting=csv.QUOTE_ALL,
                                      delimiter=";", bom=True, footer=FOOTER)
    n["opportunity_history"] = write_csv(
        ("salesforce", "opportunity_history.csv"),
        ["Id", "OpportunityId", "StageName", "Amount", "CloseDate", "Probability", "ForecastCategory", "CreatedDate"],
        ([h["id"], h["deal"]["id"], STAGES[h["stage"]][0], money(h["cents"]), h["deal"]["close_day"].isoformat(),
          str(STAGES[h["stage"]][2]), SF_CATEGORY_API[h["category"]], iso_z(h["at"])] for h in history))
    tasks, events = [], []
    for a in activities:
        what = a["deal"]["id"] if a["deal"] else a["what_account"]
        if a["kind"] == "meeting":
            events.append([a["id"], a["rep"]["id"], what, "", a["subject"], "Meeting", iso_z(a["at"]),
                           iso_z(a["end"]), str(a["seconds"] // 60)])
            continue
        call = a["kind"] == "call"
        subject = a["subject"] if call else "Email: " + a["subject"]
        tasks.append([a["id"], a["rep"]["id"], what, "", subject, "Call" if call else "Email",
                      a["at"].date().isoformat(), iso_z(a["at"]), "Completed",
                      str(a["seconds"]) if call else "", CALL_OUTCOMES[a["outcome"]][0] if call else ""])
    n["tasks"] = write_csv(("salesforce", "tasks.csv"),
                           ["Id", "OwnerId", "WhatId", "AccountId", "Subject", "TaskSubtype", "ActivityDate",
                            "CompletedDateTime", "Status", "CallDurationInSeconds", "CallDisposition"], tasks)
    n["events"] = write_csv(("salesforce", "events.csv"),
                            ["Id", "OwnerId", "WhatId", "AccountId", "Subject", "Type", "StartDateTime",
                             "EndDateTime", "DurationInMinutes"], events)
    write_common("salesforce", rates, "id", reps, quotas)
    n["roster"], n["quotas"] = len(reps), len(quotas)
    return n


HS_DEALS_HEADER = ["Record ID", "Deal Name", "Pipeline", "Deal Stage", "Amount", "Currency", "Close Date",
                   "Create Date", "Deal owner", "Deal Type", "Associated Company", "Deal probability",
                   "Forecast category", "Is Closed Won", "Is Deal Closed?"]


def hs_deal_rows(deals, entered_columns):
    """HubSpot's deals export, with or without the Date entered columns."""
    header = list(HS_DEALS_HEADER)
    if entered_columns:
        header += [f'Date entered "{name} ({PIPELINE})"' for name, _, _, _ in STAGES]
    rows = []
    for d in deals:
        s = d["stage"]
        row = [str(d["hs_id"]), d["name"], PIPELINE, STAGES[s][0], money(d["cents"]), d["currency"],
               d["close_day"].isoformat(), hs_time(d["created"]), d["rep"]["name"], d["type"], d["account"],
               STAGES[s][1], HS_CATEGORY_LABEL[d["category"]],
               "true" if d["status"] == "won" else "false", "true" if d["status"] != "open" else "false"]
        if entered_columns:
            entered = [""] * len(STAGES)
            for st, at in d["changes"]:
                assert entered[st] == ""
                entered[st] = hs_time(at)
            row += entered
        rows.append(row)
    return header, rows


def hs_deal_ref(a):
    return str(a["deal"]["hs_id"]) if a["deal"] else ""


def hubspot_form(reps, deals, history, activities, quotas, rates):
    n = {}
    header, rows = hs_deal_rows(deals, True)
    n["deals"] = write_csv(("hubspot", "deals.csv"), header, rows)

    acts = {k: [a for a in activities if a["kind"] == k] for k in ("call", "email", "meeting")}
    n["calls"] = write_csv(("hubspot", "calls.csv"),
                           ["Record ID", "Activity date", "Activity assigned to", "Call outcome", "Call duration",
                            "Associated Deal IDs"],
                           ([str(a["hs_id"]), hs_time(a["at"]), a["rep"]["name"], CALL_OUTCOMES[a["outcome"]][1],
                             str(a["seconds"] * 1000), hs_deal_ref(a)] for a in acts["call"]))
    n["emails"] = write_csv(("hubspot", "emails.csv"),
                            ["Record ID", "Activity date", "Activity assigned to", "Email subject",
                             "Associated Deal IDs"],
                            ([str(a["hs_id"]), hs_time(a["at"]), a["rep"]["name"], a["subject"], hs_deal_ref(a)]
                             for a in acts["email"]))
    n["meetings"] = write_csv(("hubspot", "meetings.csv"),
                              ["Record ID", "Meeting start time", "Meeting end time", "Activity assigned to",
                               "Associated Deal IDs"],
                              ([str(a["hs_id"]), hs_time(a["at"]), hs_time(a["end"]), a["rep"]["name"], hs_deal_ref(a)]
                               for a in acts["meeting"]))
    write_common("hubspot", rates, "name", reps, quotas)
    n["roster"], n["quotas"] = len(reps), len(quotas)
    return n


def copy_out(src, dst, names):
    """Copy files of one form's folder into another, byte for byte."""
    for name in names:
        with open(os.path.join(OUT, src, name), "rb") as f:
            data = f.read()
        path = os.path.join(OUT, dst, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def amount_changes(history):
    """The amount changes in OpportunityHistory: per deal id, in time order,
    (at, old cents, new cents) for each row that kept the stage of the
    deal's previous row and changed the amount."""
    prev = {}
    out = {}
    for h in history:
        d = h["deal"]
        p = prev.get(d["id"])
        if p is not None and p["stage"] == h["stage"]:
            assert p["cents"] != h["cents"]
            out.setdefault(d["id"], []).append((h["at"], p["cents"], h["cents"]))
        prev[d["id"]] = h
    return out


SF_OPPORTUNITY_HEADER = ["Id", "Name", "AccountId", "OwnerId", "Amount", "CurrencyIsoCode", "StageName", "Probability",
                         "CloseDate", "CreatedDate", "ForecastCategory", "ForecastCategoryName", "IsClosed", "IsWon",
                         "Type"]


def salesforce_api_form(accounts, deals, history):
    """salesforce-api/: the Opportunity and OpportunityFieldHistory objects
    as Data Loader writes them; tasks, events, roster, quotas, rates and
    report.json copied from salesforce/."""
    n = {}
    rows = []
    for d in deals:
        s = d["stage"]
        rows.append([d["id"], d["name"], accounts[d["account"]], d["rep"]["id"], money(d["cents"]), d["currency"],
                     STAGES[s][0], str(STAGES[s][2]), d["close_day"].isoformat(), iso_z(d["created"]),
                     SF_CATEGORY_API[d["category"]], SF_CATEGORY_LABEL[d["category"]],
                     "true" if d["status"] != "open" else "false", "true" if d["status"] == "won" else "false",
                     d["type"]])
    n["opportunity"] = write_csv(("salesforce-api", "opportunity.csv"), SF_OPPORTUNITY_HEADER, rows)

    # OpportunityFieldHistory, from OpportunityHistory's rows (sorted by
    # time): a StageName row per stage change (no old value for the first,
    # the entry into the first stage), an Amount row per amount change.
    # Its own random ids, from a second generator, so that adding this form
    # changed none of the others.
    rng = random.Random(SEED + 1)
    ids = Sequence(rng, rng.randint(60000000, 70000000), 500)
    prev = {}
    rows = []
    for h in history:
        d = h["deal"]
        p = prev.get(d["id"])
        if p is None:
            field, old, new = "StageName", "", STAGES[h["stage"]][0]
        elif p["stage"] != h["stage"]:
            field, old, new = "StageName", STAGES[p["stage"]][0], STAGES[h["stage"]][0]
        else:
            field, old, new = "Amount", money(p["cents"]), money(h["cents"])
        prev[d["id"]] = h
        rows.append([sf_id("0175g00000", ids.next()), d["id"], field, old, new, iso_z(h["at"])])
    n["opportunity_field_history"] = write_csv(("salesforce-api", "opportunity_field_history.csv"),
                                               ["Id", "OpportunityId", "Field", "OldValue", "NewValue", "CreatedDate"],
                                               rows)
    n["amount_rows"] = sum(1 for r in rows if r[2] == "Amount")
    copy_out("salesforce", "salesforce-api",
             ["tasks.csv", "events.csv", "roster.csv", "quotas.csv", "rates.csv", "report.json"])
    return n


def hubspot_history_form(deals, history, activities):
    """hubspot-history/: deals without Date entered columns, the stage (and
    amount) property history, emails as tasks; calls, meetings, roster,
    quotas, rates and report.json copied from hubspot/."""
    n = {}
    header, rows = hs_deal_rows(deals, False)
    n["deals"] = write_csv(("hubspot-history", "deals.csv"), header, rows)

    # A dealstage row per stage entered; for the deals whose amount changed,
    # an amount row with the amount as it was when the deal entered its
    # first stage and one at the change. Grouped by deal, in time order.
    changed = amount_changes(history)
    rows = []
    n_amount = 0
    for d in deals:
        recs = [(at, "dealstage", STAGES[st][0]) for st, at in d["changes"]]
        if d["id"] in changed:
            first = d["changes"][0][1]
            recs.append((first, "amount", money(changed[d["id"]][0][1])))
            recs += [(at, "amount", money(new)) for at, _, new in changed[d["id"]]]
        # Stage first where an amount row has the same time (the first stage's).
        recs.sort(key=lambda x: (x[0], x[1] != "dealstage"))
        for at, prop, value in recs:
            rows.append([str(d["hs_id"]), prop, value, hs_time(at)])
            n_amount += prop == "amount"
    n["deal_stage_history"] = write_csv(("hubspot-history", "deal_stage_history.csv"),
                                        ["Record ID", "Property", "Value", "Timestamp"], rows)
    n["amount_rows"] = n_amount
    n["tasks"] = write_csv(("hubspot-history", "tasks.csv"),
                           ["Record ID", "Activity date", "Activity assigned to", "Task type", "Associated Deal IDs"],
                           ([str(a["hs_id"]), hs_time(a["at"]), a["rep"]["name"], "EMAIL", hs_deal_ref(a)]
                            for a in activities if a["kind"] == "email"))
    copy_out("hubspot", "hubspot-history",
             ["calls.csv", "meetings.csv", "roster.csv", "quotas.csv", "rates.csv", "report.json"])
    return n


RECORDS_DEALS_HEADER = ["id", "name", "owner", "account", "amount", "currency", "stage", "status", "created_at",
                        "closed_at", "expected_close_at", "probability", "forecast_category"]


def records_csv_form(deals):
    """records-csv/: the deals with the Deal record's JSON names as headers
    (layout salesmetrics-deals); the rest copied from salesforce/."""
    n = {}
    rows = []
    for d in deals:
        s = d["stage"]
        closed = d["status"] != "open"
        rows.append([d["id"], d["name"], d["rep"]["id"], d["account"], money(d["cents"]), d["currency"],
                     STAGES[s][0], d["status"], rfc3339(d["created"]),
                     d["close_day"].isoformat() if closed else "", "" if closed else d["close_day"].isoformat(),
                     STAGES[s][1], d["category"]])
    n["deals"] = write_csv(("records-csv", "deals.csv"), RECORDS_DEALS_HEADER, rows)
    copy_out("salesforce", "records-csv",
             ["opportunity_history.csv", "tasks.csv", "events.csv", "roster.csv", "quotas.csv", "rates.csv",
              "report.json"])
    return n


README = """\
# Sample sales book (generated)

One fictional company's ({company}) 2025 sales book, written several ways
that describe exactly the same deals, stage history, activities, roster,
quotas and exchange rates, so that every built-in layout of `builtin.go`
has a sample file. Times are in America/New_York; `report.json` in each
folder gives the zone, the report currency (USD) and the funnel (custom
stages Discovery, Demo, Proposal, Negotiation, Closed Won, Closed Lost).

- `json/`: `records.json` (salesmetrics `activity.Records`: deals with
  Salesforce opportunity ids, stage changes, activities, reps with Salesforce
  user ids, quotas), `rates.csv`, `report.json`.
- `salesforce/`: `opportunities.csv` (Opportunities report export, layout
  salesforce-opportunities-report, with BOM and footer),
  `opportunity_history.csv` (OpportunityHistory; some rows change only the
  amount), `tasks.csv` (Task: calls and emails), `events.csv` (Event:
  meetings), `roster.csv` and `quotas.csv` (reps by user id), `rates.csv`,
  `report.json`.
- `salesforce-eu/`: `opportunities.csv`, the same report as a German-locale
  user exports it (`;`, `12.500,00`, `4.3.2025`).
- `salesforce-api/`: the objects as Data Loader writes them, API names as
  headers: `opportunity.csv` (Opportunity, layout salesforce-opportunity:
  `12500.00`, CloseDate `2025-03-04`, CreatedDate in UTC
  `2025-01-02T05:00:00.000Z`, ForecastCategory and ForecastCategoryName,
  IsClosed and IsWon `true`/`false`; the account as AccountId `001...`, not
  its name) and `opportunity_field_history.csv` (OpportunityFieldHistory,
  layout salesforce-opportunity-field-history: a StageName row per stage
  change, OldValue blank for the entry into the first stage, and Amount
  rows that the reader leaves out); `tasks.csv`, `events.csv`,
  `roster.csv`, `quotas.csv`, `rates.csv` and `report.json` are copies of
  salesforce/'s.
- `hubspot/`: `deals.csv` (deals export with `Date entered "<stage>
  (Enterprise Pipeline)"` columns, the only stage history), `calls.csv`,
  `emails.csv`, `meetings.csv`, `roster.csv` and `quotas.csv` (reps by full
  name), `rates.csv`, `report.json`.
- `hubspot-history/`: `deals.csv` (hubspot/'s without the Date entered
  columns), `deal_stage_history.csv` (layout hubspot-deal-stage-history: a
  `dealstage` row per stage entered, the stage label and
  `YYYY-MM-DD HH:mm`, and `amount` rows that the reader leaves out),
  `tasks.csv` (layout hubspot-tasks: the emails, Task type `EMAIL`; there is
  no emails.csv here); `calls.csv`, `meetings.csv`, `roster.csv`,
  `quotas.csv`, `rates.csv` and `report.json` are copies of hubspot/'s.
- `records-csv/`: `deals.csv` (layout salesmetrics-deals: the Deal record's
  JSON names as headers, status `open`/`won`/`lost`, created_at in RFC
  3339, closed_at the close day of won and lost deals, expected_close_at
  the expected close day of open ones, probability a fraction, the
  forecast category by its salesmetrics name); `opportunity_history.csv`,
  `tasks.csv`, `events.csv`, `roster.csv`, `quotas.csv`, `rates.csv` and
  `report.json` are copies of salesforce/'s (the deal ids are the same).

Deal and rep ids differ between the forms (Salesforce ids vs HubSpot record
ids and owner names); deals are in the same order in every form and their
names are unique. The report's Fiscal Period column adds the attribute
`fiscal_period` to Salesforce deals and HubSpot's Pipeline column adds
`pipeline`; the JSON deals have only `type`, and records-csv/'s deals have
no attributes (layout salesmetrics-deals reads none). salesforce-api/'s
deals carry account ids where the others carry account names; stage
changes read from its field history carry a from stage, the others' none.
Everything else is the same data. To read the CSVs as intended: zone
America/New_York (Options.Location); strip the UTF-8 BOM of
`opportunities.csv` before encoding/csv sees it, as crm.CSV does (its first
header cell is quoted, which a BOM in front of makes a CSV syntax error);
`salesforce-eu/opportunities.csv` needs the separator ';' (crm.CSV sniffs
it), Options.DecimalComma and Options.Dates `D.M.YYYY`.

Do not edit these files by hand: regenerate them, from
`activity/crm/testdata/`, with

    python3 make_book.py

The script is seeded and writes identical bytes on every run.
"""


def main():
    reps, accounts, deals, history, n_amount_rows, activities, quotas, rates = build()
    nj = json_form(reps, deals, history, activities, quotas, rates)
    ns = salesforce_form(reps, deals, history, activities, quotas, rates)
    nh = hubspot_form(reps, deals, history, activities, quotas, rates)
    na = salesforce_api_form(accounts, deals, history)
    nhh = hubspot_history_form(deals, history, activities)
    nr = records_csv_form(deals)
    with open_out("README.md") as f:
        f.write(README.format(company=COMPANY))

    by_status = {s: sum(1 for d in deals if d["status"] == s) for s in ("won", "lost", "open")}
    by_cur = {c: sum(1 for d in deals if d["currency"] == c) for c in ("USD", "EUR", "GBP")}
    by_kind = {k: sum(1 for a in activities if a["kind"] == k) for k in ("call", "email", "meeting")}
    linked = sum(1 for a in activities if a["deal"])
    omitted = sum(1 for d in deals if d["status"] == "open" and d["category"] == "omitted")
    total = 0
    for root, _, files in os.walk(OUT):
        for fn in files:
            total += os.path.getsize(os.path.join(root, fn))
    print(f"reps {len(reps)}, accounts {len(accounts)}, quotas {len(quotas)}, rates {len(rates)}")
    print(f"deals {len(deals)}: won {by_status['won']}, lost {by_status['lost']}, open {by_status['open']} "
          f"({omitted} open ones omitted from the forecast); USD {by_cur['USD']}, EUR {by_cur['EUR']}, "
          f"GBP {by_cur['GBP']}")
    print(f"stage changes {nj['stage_changes']}; OpportunityHistory rows {ns['opportunity_history']} "
          f"({n_amount_rows} change only the amount)")
    print(f"activities {len(activities)}: calls {by_kind['call']}, emails {by_kind['email']}, "
          f"meetings {by_kind['meeting']}; linked to a deal {linked} ({100 * linked / len(activities):.0f}%)")
    print(f"json: {nj}")
    print(f"salesforce: {ns}")
    print(f"hubspot: {nh}")
    print(f"salesforce-api: {na}")
    print(f"hubspot-history: {nhh}")
    print(f"records-csv: {nr}")
    print(f"book/ holds {total} bytes")


if __name__ == "__main__":
    sys.exit(main())
