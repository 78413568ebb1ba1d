# Updates the weights but never the bias.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_neuron(features, labels, initial_weights, initial_bias, learning_rate, epochs):
    X = np.array(features, dtype=float)
    y = np.array(labels, dtype=float)
    w = np.array(initial_weights, dtype=float)
    b = float(initial_bias)
    m = len(y)
    losses = []
    for _ in range(epochs):
        p = sigmoid(X @ w + b)
        losses.append(np.mean((p - y) ** 2))
        delta = (2 / m) * (p - y) * p * (1 - p)
        w = w - learning_rate * (X.T @ delta)
    return np.round(w, 4).tolist(), round(b, 4), [round(float(v), 4) for v in losses]


if __name__ == "__main__":
    features = eval(input())
    labels = eval(input())
    initial_weights = eval(input())
    initial_bias = float(input())
    learning_rate = float(input())
    epochs = int(input())
    weights, bias, mse_per_epoch = train_neuron(
        features, labels, initial_weights, initial_bias, learning_rate, epochs
    )
    print(np.round(np.asarray(weights, dtype=float), 4).tolist())
    print(round(float(bias), 4))
    print(np.round(np.asarray(mse_per_epoch, dtype=float), 4).tolist())
