# Mistake: uses grad(x) as it comes; a gradient returned as a list has no ** (TypeError).
import numpy as np


def adagrad(grad, x0, learning_rate, epsilon, num_iterations):
    x = np.array(x0, dtype=float)
    G = np.zeros_like(x)
    trajectory = []
    for _ in range(num_iterations):
        g = grad(x)
        G = G + g**2
        # eps is added after the square root, only to avoid dividing by zero
        x = x - learning_rate * g / (np.sqrt(G) + epsilon)
        trajectory.append(x)
    return np.array(trajectory)


if __name__ == "__main__":
    grad = eval(input())
    x0 = np.array(eval(input()), dtype=float)
    learning_rate = float(input())
    epsilon = float(input())
    num_iterations = int(input())
    trajectory = adagrad(grad, x0, learning_rate, epsilon, num_iterations)
    print(np.round(np.asarray(trajectory, dtype=float), 4).tolist())
