# Mistake: builds the lag columns oldest-first, so the reported phi_1 belongs to y[t-p], and forecasts with that order.
import numpy as np


def fit_ar(y, p):
    y = np.array(y, dtype=float)
    X = np.array([[1.0] + list(y[t - p : t]) for t in range(p, len(y))])
    coef, *_ = np.linalg.lstsq(X, y[p:], rcond=None)
    return coef


def forecast(y, coef, k):
    history = list(y)
    out = []
    for _ in range(k):
        value = coef[0] + sum(coef[i] * history[-i] for i in range(1, len(coef)))
        history.append(value)
        out.append(value)
    return out


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
