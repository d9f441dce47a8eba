# Expected values of TestTrack, from the definitions in exact fractions
# (python3 fractions), printed to 20 decimal places, half away from zero.
from fractions import Fraction as F
from decimal import Decimal, ROUND_HALF_UP, getcontext
getcontext().prec = 60

def d20(x):
    return str((Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal('1e-20'), rounding=ROUND_HALF_UP))

# FY2026 Q1: 1 January to 1 April 2026, 90 days; as of 1 March, 59 days in.
elapsed = F(59, 90)
tools_q1 = F(12000) * F(90, 365)        # an annual 12,000 line, Q1's days
budget = 3 * F(10000) + tools_q1 + 3 * F(50000)
actual = F(9000) + F(12500) + F(3000) + F(52000) + F(50000)
print("budget", d20(budget))
print("elapsed", d20(elapsed))
print("budget to date", d20(budget * elapsed))
print("variance", d20(actual - budget))
print("variance pct", d20((actual - budget) / budget))
print("projection", d20(actual / elapsed))
print("projected variance", d20(actual / elapsed - budget))
# By category: marketing 30,000 budget, 21,500 actual; tools; staff.
for name, b, a in [("marketing", F(30000), F(21500)), ("staff", F(150000), F(102000)), ("tools", tools_q1, F(3000))]:
    print(name, d20(b), d20(a), d20(a / elapsed))
# By month: January budget 10,000 + 50,000 + 12,000 x 31/365; actual 9,000 + 3,000 + 52,000.
jan = F(60000) + F(12000) * F(31, 365)
feb = F(60000) + F(12000) * F(28, 365)
mar = F(60000) + F(12000) * F(31, 365)
print("jan", d20(jan), "feb", d20(feb), "mar", d20(mar))
