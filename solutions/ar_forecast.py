import numpy as np


def fit_ar(y, p):
    y = np.asarray(y, dtype=float)
    n = len(y)
    # row for target y[t]: [1, y[t-1], y[t-2], ..., y[t-p]], for t = p .. n-1
    X = np.array([[1.0] + [y[t - i] for i in range(1, p + 1)] for t in range(p, n)])
    coef, *_ = np.linalg.lstsq(X, y[p:], rcond=None)
    return coef  # [c, phi_1, ..., phi_p]


def forecast(y, coef, k):
    c, phi = coef[0], coef[1:]
    history = list(map(float, y))
    for _ in range(k):
        history.append(c + sum(phi[i - 1] * history[-i] for i in range(1, len(phi) + 1)))
    return history[len(y):]


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
