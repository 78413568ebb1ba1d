# Mistake: uses grad(x) as it comes; a gradient returned as a list has no ** (TypeError).
import numpy as np


def rmsprop(grad, x0, learning_rate, rho, epsilon, num_iterations):
    x = np.array(x0, dtype=float)
    s = np.zeros_like(x)
    trajectory = []
    for _ in range(num_iterations):
        g = grad(x)
        # a decaying average of squared gradients, unlike AdaGrad's ever-growing sum
        s = rho * s + (1 - rho) * g**2
        x = x - learning_rate * g / (np.sqrt(s) + epsilon)
        trajectory.append(x)
    return np.array(trajectory)


if __name__ == "__main__":
    grad = eval(input())
    x0 = np.array(eval(input()), dtype=float)
    learning_rate = float(input())
    rho = float(input())
    epsilon = float(input())
    num_iterations = int(input())
    trajectory = rmsprop(grad, x0, learning_rate, rho, epsilon, num_iterations)
    print(np.round(np.asarray(trajectory, dtype=float), 4).tolist())
