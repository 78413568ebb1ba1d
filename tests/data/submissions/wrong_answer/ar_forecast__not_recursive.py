# Mistake: never feeds forecasts back in, so every step repeats the one-step-ahead forecast.
import numpy as np


def fit_ar(y, p):
    y = np.array(y, dtype=float)
    X = np.array([[1.0] + [y[t - i] for i in range(1, p + 1)] for t in range(p, len(y))])
    coef, *_ = np.linalg.lstsq(X, y[p:], rcond=None)
    return coef


def forecast(y, coef, k):
    p = len(coef) - 1
    one_step = coef[0] + sum(coef[i] * y[-i] for i in range(1, p + 1))
    return [one_step] * k


def ar_forecast(y, p, k):
    coef = fit_ar(y, p)
    return coef, forecast(y, coef, k)


if __name__ == "__main__":
    y = eval(input())
    p = int(input())
    k = int(input())
    coef, forecasts = ar_forecast(y, p, k)
    print((np.round(np.asarray(coef, dtype=float), 4) + 0.0).tolist())
    print((np.round(np.asarray(forecasts, dtype=float), 4) + 0.0).tolist())
