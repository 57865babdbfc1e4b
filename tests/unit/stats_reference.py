#!/usr/bin/env python3
"""Independent values for tests/unit/test_stats.c, from the textbook
formulas in the standard library's math only (never the C code):

  Wilson (1927): (x + z^2/2 +- z sqrt(x (n - x) / n + z^2 / 4)) / (n + z^2)
  Newcombe (1998), method 10: d = p2 - p1,
      d - sqrt((p2 - l2)^2 + (u1 - p1)^2), d + sqrt((u2 - p2)^2 + (p1 - l1)^2)
  pooled z-test: z = (p2 - p1) / sqrt(P (1 - P) (1/n1 + 1/n2)), p = erfc(|z|/sqrt 2)
  Mann-Whitney: U counted pair by pair over the expanded values (a tie
      counts 1/2), var = n1 n2 / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1)))

Run: python3 tests/unit/stats_reference.py
"""
import math

Z = 1.959963984540054


def wilson(x, n):
    z2 = Z * Z
    centre = x + z2 / 2
    half = Z * math.sqrt(x * (n - x) / n + z2 / 4)
    return (centre - half) / (n + z2), (centre + half) / (n + z2)


def newcombe(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1)
    l2, u2 = wilson(x2, n2)
    d = p2 - p1
    return d, d - math.hypot(p2 - l2, u1 - p1), d + math.hypot(u2 - p2, p1 - l1)


def ztest(x1, n1, x2, n2):
    P = (x1 + x2) / (n1 + n2)
    z = (x2 / n2 - x1 / n1) / math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))


def mann_whitney(a, b):
    """a, b: lists of values (expanded, not histograms)."""
    u = sum(1.0 if x > y else 0.5 if x == y else 0.0 for x in a for y in b)
    n1, n2 = len(a), len(b)
    N = n1 + n2
    allv = a + b
    ties = sum(allv.count(v) ** 3 - allv.count(v) for v in set(allv))
    var = n1 * n2 / 12 * ((N + 1) - ties / (N * (N - 1)))
    z = (u - n1 * n2 / 2) / math.sqrt(var)
    return u, math.erfc(abs(z) / math.sqrt(2))


def show(name, *v):
    print(name, " ".join("%.12f" % x for x in v))


show("wilson 840/1200", *wilson(840, 1200))
show("wilson 1274/1300", *wilson(1274, 1300))
show("newcombe 840/1200 1274/1300", *newcombe(840, 1200, 1274, 1300))
show("newcombe 14/20 20/20", *newcombe(14, 20, 20, 20))
show("wilson 0/10", *wilson(0, 10))
show("wilson 10/10", *wilson(10, 10))
show("ztest 840/1200 1274/1300", ztest(840, 1200, 1274, 1300))
show("ztest 14/20 20/20", ztest(14, 20, 20, 20))
show("ztest 45/100 55/100", ztest(45, 100, 55, 100))
# waits 1,2,2,3 before against 2,3,3,4,5 after
show("mw A", *mann_whitney([1, 2, 2, 3], [2, 3, 3, 4, 5]))
# no ties: 1,2,3 against 4,5,6
show("mw B", *mann_whitney([1, 2, 3], [4, 5, 6]))
# many ties: 10 x 0s, 5 x 20s against 4 x 0s, 8 x 20s, 3 x 40s
show("mw C", *mann_whitney([0] * 10 + [20] * 5, [0] * 4 + [20] * 8 + [40] * 3))
# test_compare.c: the worked example of sample-data/example split at its
# go_live (2025-03-03): the town's answered calls waited 14, 18 before and
# 2, 1, 1, 9, 31, 1 after (calls.md); 2 of 2 answered before, 6 of 10 after
show("example town answer_rate", *newcombe(2, 2, 6, 10))
show("example town ztest", ztest(2, 2, 6, 10))
show("example town mw", *mann_whitney([14, 18], [2, 1, 1, 9, 31, 1]))
