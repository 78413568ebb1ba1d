import numpy as np


def nesterov(grad, x0, learning_rate, momentum, num_iterations):
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    trajectory = []
    for _ in range(num_iterations):
        # look ahead to where the velocity alone would carry x, and take the gradient there
        g = np.asarray(grad(x - learning_rate * momentum * v), dtype=float)
        v = momentum * v + g
        x = x - learning_rate * v
        trajectory.append(x)
    return np.array(trajectory)


if __name__ == "__main__":
    grad = eval(input())
    x0 = np.array(eval(input()), dtype=float)
    learning_rate = float(input())
    momentum = float(input())
    num_iterations = int(input())
    trajectory = nesterov(grad, x0, learning_rate, momentum, num_iterations)
    print(np.round(np.asarray(trajectory, dtype=float), 4).tolist())
