# Leaves the bias out of the pre-activation z = w . x + b.
import numpy as np


def single_neuron_model(features, labels, weights, bias):
    z = np.array(features, dtype=float) @ np.array(weights, dtype=float)
    probabilities = 1 / (1 + np.exp(-z))
    mse = np.mean((probabilities - np.array(labels)) ** 2)
    return np.round(probabilities, 4).tolist(), round(float(mse), 4)


if __name__ == "__main__":
    features = eval(input())
    labels = eval(input())
    weights = eval(input())
    bias = float(input())
    probabilities, mse = single_neuron_model(features, labels, weights, bias)
    print(np.round(np.asarray(probabilities, dtype=float), 4).tolist())
    print(round(float(mse), 4))
