import math

import numpy as np


def token_embedding(table, ids):
    table = np.asarray(table, dtype=float)
    d_model = table.shape[1]
    return table[np.asarray(ids, dtype=int)] * math.sqrt(d_model)  # scale by sqrt(d_model), not d_model


if __name__ == "__main__":
    table = eval(input())
    ids = eval(input())
    print(np.round(np.asarray(token_embedding(table, ids), dtype=float), 4).tolist())
