#!/usr/bin/python3
"""Expected values for TestWinModelReference (learned_test.go), computed
from the generated history in learned_ref_input.json without the Go code:

    go test ./forecast -run TestWinModelReference -learned.write   # the input
    /usr/bin/python3 forecast/testdata/learned_ref.py > forecast/testdata/learned_ref.json

The input lists every deal (id, team as the index resolves it, source,
segment, current stage, status, created and closed in Unix seconds) and
every stage change (deal, from, to, at), the open stages in funnel order,
as_of and start.

Naive Bayes, as Odoo's predictive lead scoring computes it
(crm.lead._pls_prepare_frequencies, _pls_update_frequency_table and
_pls_get_naive_bayes_probabilities), written out again here: a frequency
table per team of the deals closed before as_of, each count plus the
smoothing as a float; a won deal counts in every open stage, a lost deal in
every open stage up to the highest it was shown in (created in, moved to,
in now); the company table (Odoo's result[-1]) sums the teams' smoothed
frequencies; a deal open at as_of, in the stage it was in then, is scored
with its team's table, or the company's when its team has none or it has
no team; empty values and values the table lacks are skipped.

Stage rates: the deals closed in [start, as_of), by source, minimum 30:
rate = won / reached as an exact fraction, rounded half away from zero to
20 places; a source whose stage has fewer than 30 reached deals takes the
company's rate."""
import json
import os
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
inp = json.load(open(os.path.join(HERE, "learned_ref_input.json")))
stages = inp["stages"]
pos = {s: i for i, s in enumerate(stages)}
as_of, start = inp["as_of"], inp["start"]

changes = defaultdict(list)
for deal, frm, to, at in inp["changes"]:
    changes[deal].append((frm, to, int(at)))
for cs in changes.values():
    cs.sort(key=lambda c: c[2])  # stable: input order among equal times

deals = []
for did, team, source, segment, stage, status, created, closed in inp["deals"]:
    deals.append(dict(id=did, team=team, source=source, segment=segment, stage=stage, status=status,
                      created=int(created), closed=int(closed) if closed else None))


def highest(d):
    shown = [d["stage"]] + [c[1] for c in changes[d["id"]]]
    if changes[d["id"]]:
        shown.append(changes[d["id"]][0][0])
    ks = [pos[s] for s in shown if s in pos]
    return max(ks) if ks else -1


def reached(d):
    """The open stages d reached (ReachedOrLater)."""
    if d["status"] == "won":
        return list(stages)
    return stages[: highest(d) + 1]


def stage_at(d, t):
    if d["created"] > t:
        return None
    if not (d["status"] == "open" or (d["closed"] is not None and d["closed"] > t)):
        return None
    cs = changes[d["id"]]
    st = d["stage"]
    if cs:
        st = cs[0][0]
        for frm, to, at in cs:
            if at <= t:
                st = to
            else:
                break
    return st if st in pos else None


def value(d, field, t):
    if field == "stage":
        return stage_at(d, t)
    return d[field] or None


def model(fields, by_team, s):
    train = [d for d in deals if d["status"] in ("won", "lost") and d["closed"] < as_of]
    freq = defaultdict(lambda: defaultdict(dict))  # team -> field -> value -> [won, lost]
    count = defaultdict(lambda: [0, 0])
    for d in train:
        team = d["team"] if by_team else ""
        w = 0 if d["status"] == "won" else 1
        count[team][w] += 1
        for f in fields:
            vals = reached(d) if f == "stage" else ([d[f]] if d[f] else [])
            for v in vals:
                freq[team][f].setdefault(v, [0, 0])[w] += 1
    # smoothing, as Odoo adds it when it creates a frequency
    for team in freq:
        for f in freq[team]:
            for v in freq[team][f]:
                freq[team][f][v] = [freq[team][f][v][0] + s, freq[team][f][v][1] + s]
    prior = {team: [count[team][0] + s, count[team][1] + s] for team in count}
    tables = {}
    if by_team:
        for team in count:
            if team:
                tables[team] = (prior[team], freq[team])
        pooled = defaultdict(dict)
        pw = [0.0, 0.0]
        for team in count:
            pw = [pw[0] + prior[team][0], pw[1] + prior[team][1]]
            for f in freq[team]:
                for v, (a, b) in freq[team][f].items():
                    x = pooled[f].setdefault(v, [0.0, 0.0])
                    x[0] += a
                    x[1] += b
        company = (pw, pooled)
    else:
        company = (prior[""], freq[""])
    out = {}
    for d in deals:
        st = stage_at(d, as_of)
        if st is None:
            continue
        pr, table = tables.get(d["team"], company) if by_team else company
        tw, tl = pr
        sw, sl = tw / (tw + tl), tl / (tw + tl)
        for f in fields:
            v = value(d, f, as_of)
            if v is None or v not in table[f]:
                continue
            a, b = table[f][v]
            if f == "stage":
                dw, dl = tw, tl
            else:
                dw = sum(x[0] for x in table[f].values())
                dl = sum(x[1] for x in table[f].values())
            sw *= a / dw
            sl *= b / dl
        out[d["id"]] = sw / (sw + sl)
    won = sum(1 for d in train if d["status"] == "won")
    return dict(fields=fields, by_team=by_team, smoothing=s, won=won, lost=len(train) - won, probabilities=out)


def stage_rates():
    train = [d for d in deals if d["status"] in ("won", "lost") and start <= d["closed"] < as_of]

    def rates(ds):
        r = {}
        for s in stages:
            n = [d for d in ds if s in reached(d)]
            w = sum(1 for d in n if d["status"] == "won")
            r[s] = (len(n), Fraction(w, len(n)) if n else None)
        return r

    company = rates(train)
    groups = {}
    for src in sorted({d["source"] for d in train if d["source"]}):
        g = rates([d for d in train if d["source"] == src])
        groups[src] = {s: (rate if n >= 30 else company[s][1]) for s, (n, rate) in g.items()}
    out = {}
    for d in deals:
        st = stage_at(d, as_of)
        if st is None:
            continue
        rate = groups.get(d["source"], {}).get(st)
        if rate is None:
            rate = company[st][1]
        if rate is None:
            continue
        # exact: scale the fraction to 20 places and round half away from zero
        scaled = rate * 10**20
        n = scaled.numerator // scaled.denominator
        rem = scaled - n
        if rem * 2 >= 1:
            n += 1
        out[d["id"]] = str(Decimal(n).scaleb(-20).quantize(Decimal(1).scaleb(-20), rounding=ROUND_HALF_UP))
    return out


print(json.dumps({
    "models": [
        dict(name="stage, source, segment by team (Odoo)", **model(["stage", "source", "segment"], True, 0.1)),
        dict(name="stage, source, segment, team pooled, Laplace", **model(["stage", "source", "segment", "team"], False, 1.0)),
    ],
    "stage_rates": stage_rates(),
}, indent=1, sort_keys=True))
