# Mistake: scales by the square root of the vocabulary size (rows) instead of d_model (columns).
import math

import numpy as np


def token_embedding(table, ids):
    table = np.asarray(table, dtype=float)
    return table[np.asarray(ids)] * math.sqrt(len(table))


if __name__ == "__main__":
    table = eval(input())
    ids = eval(input())
    print(np.round(np.asarray(token_embedding(table, ids), dtype=float), 4).tolist())
