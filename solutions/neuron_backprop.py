import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def mse(features, labels, weights, bias):
    return np.mean((sigmoid(features @ weights + bias) - labels) ** 2)


def gradients(features, labels, weights, bias):
    p = sigmoid(features @ weights + bias)
    delta = (2 / len(labels)) * (p - labels) * p * (1 - p)  # chain rule: dL/dp * dp/dz
    return features.T @ delta, np.sum(delta)


def train_neuron(features, labels, initial_weights, initial_bias, learning_rate, epochs):
    features = np.asarray(features, dtype=float)
    labels = np.asarray(labels, dtype=float)
    weights = np.array(initial_weights, dtype=float)
    bias = float(initial_bias)
    mse_per_epoch = []
    for _ in range(epochs):
        mse_per_epoch.append(mse(features, labels, weights, bias))
        grad_w, grad_b = gradients(features, labels, weights, bias)
        weights = weights - learning_rate * grad_w
        bias = bias - learning_rate * grad_b
    return weights, bias, mse_per_epoch


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
