# Mistake: fits the AR coefficients without the intercept c (and prints 0 for it).
import numpy as np


def fit_ar(y, p):
    y = np.array(y, dtype=float)
    X = np.array([y[t - p : t][::-1] for t in range(p, len(y))])
    phi, *_ = np.linalg.lstsq(X, y[p:], rcond=None)
    return np.concatenate([[0.0], phi])


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
