# Loops with math.exp(-z): OverflowError when a pre-activation is about -710 or below.
import math

import numpy as np


def single_neuron_model(features, labels, weights, bias):
    probabilities = []
    for x in features:
        z = sum(w * v for w, v in zip(weights, x)) + bias
        probabilities.append(round(1 / (1 + math.exp(-z)), 4))
    mse = sum((p - y) ** 2 for p, y in zip(probabilities, labels)) / len(labels)
    return probabilities, round(mse, 4)


if __name__ == "__main__":
    features = eval(input())
    labels = eval(input())
    weights = eval(input())
    bias = float(input())
    probabilities, mse = single_neuron_model(features, labels, weights, bias)
    print(np.round(np.asarray(probabilities, dtype=float), 4).tolist())
    print(round(float(mse), 4))
