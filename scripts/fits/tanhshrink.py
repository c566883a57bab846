#!/usr/bin/python3
"""Fits the polynomials of tanhshrink's vector path (VectorKernels.tanhshrink).

g(y) = (x - tanh x)/x^3 over y = x^2 is written g = C + t*q(t): on [0, 1/4] with
t = y and C = 1/3, on [1/4, 5/4] with t = (y - 3/4)/(1/2) and C = g(3/4) (C as a
double-double). q interpolates (g - C)/t at the Chebyshev points of its range,
at 50 digits; its coefficients are then rounded to doubles and the rounded
polynomial's worst relative error against g is measured at 600 points.

Run with Debian's /usr/bin/python3 (mpmath): /usr/bin/python3 scripts/fits/tanhshrink.py
"""
import mpmath as mp

mp.mp.dps = 50


def g(y):
    y = mp.mpf(y)
    if y == 0:
        return mp.mpf(1) / 3
    x = mp.sqrt(y)
    return (x - mp.tanh(x)) / x**3


def fit(lo, hi, degree, at_origin):
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    c, h = (mp.mpf(0), mp.mpf(1)) if at_origin else ((lo + hi) / 2, (hi - lo) / 2)
    C = g(c)
    c_hi = float(C)
    c_lo = float(C - c_hi)
    n = degree + 1
    a, b = (lo - c) / h, (hi - c) / h
    nodes = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    values = [(g(c + h * t) - C) / t for t in nodes]
    vandermonde = mp.matrix([[t**j for j in range(n)] for t in nodes])
    exact = mp.lu_solve(vandermonde, mp.matrix(values))
    q = [float(exact[j]) for j in range(n)]
    worst = 0
    for i in range(601):
        t = a + (b - a) * i / 600
        p = mp.mpf(0)
        for j in reversed(range(n)):
            p = p * t + q[j]
        worst = max(worst, abs(mp.mpf(c_hi) + c_lo + t * p - g(c + h * t)) / g(c + h * t))
    return q, c_hi, c_lo, worst


for name, lo, hi, degree, at_origin in (("SMALL", 0, 0.25, 10, True), ("MID", 0.25, 1.25, 15, False)):
    q, c_hi, c_lo, worst = fit(lo, hi, degree, at_origin)
    print(f"{name}: C = {c_hi!r} + {c_lo!r}, worst relative error 2^{float(mp.log(worst, 2)):.2f}")
    print("  q =", ", ".join(repr(v) for v in q))
