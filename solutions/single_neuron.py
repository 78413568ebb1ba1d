import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def single_neuron_model(features, labels, weights, bias):
    features = np.asarray(features, dtype=float)
    labels = np.asarray(labels, dtype=float)
    weights = np.asarray(weights, dtype=float)
    probabilities = sigmoid(features @ weights + bias)
    mse = np.mean((probabilities - labels) ** 2)  # from the unrounded probabilities
    return probabilities, mse


if __name__ == "__main__":
    features = eval(input())
    labels = eval(input())
    weights = eval(input())
    bias = float(input())
    probabilities, mse = single_neuron_model(features, labels, weights, bias)
    print(np.round(np.asarray(probabilities, dtype=float), 4).tolist())
    print(round(float(mse), 4))
