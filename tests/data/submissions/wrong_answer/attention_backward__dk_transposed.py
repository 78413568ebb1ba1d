# Mistake: dK = Q^T dS, the transpose of dS^T Q, shaped (d, m) instead of K's (m, d).
import numpy as np


def attention_backward(Q, K, V, dO):
    """Q: (n, d); K: (m, d); V: (m, d_v); dO: (n, d_v). Returns (O, dQ, dK, dV), shaped like dO, Q, K, V."""
    scale = 1.0 / np.sqrt(Q.shape[1])
    S = Q @ K.T * scale
    P = np.exp(S - S.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    O = P @ V
    dV = P.T @ dO
    dP = dO @ V.T
    # softmax Jacobian, one row at a time: dS_ij = P_ij * (dP_ij - sum_k P_ik dP_ik)
    dS = P * (dP - (P * dP).sum(axis=1, keepdims=True))
    dQ = dS @ K * scale
    dK = Q.T @ dS * scale
    return O, dQ, dK, dV


if __name__ == "__main__":
    Q = np.array(eval(input()), dtype=float)
    K = np.array(eval(input()), dtype=float)
    V = np.array(eval(input()), dtype=float)
    dO = np.array(eval(input()), dtype=float)
    O, dQ, dK, dV = attention_backward(Q, K, V, dO)
    for label, value in (("O", O), ("dQ", dQ), ("dK", dK), ("dV", dV)):
        print(f"{label}:", (np.round(np.asarray(value, dtype=float), 4) + 0.0).tolist())
