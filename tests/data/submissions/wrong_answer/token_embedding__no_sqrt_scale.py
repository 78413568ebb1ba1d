# Mistake: returns the raw table rows, forgetting to multiply by sqrt(d_model).
import numpy as np


def token_embedding(table, ids):
    table = np.asarray(table, dtype=float)
    return table[np.asarray(ids)]


if __name__ == "__main__":
    table = eval(input())
    ids = eval(input())
    print(np.round(np.asarray(token_embedding(table, ids), dtype=float), 4).tolist())
