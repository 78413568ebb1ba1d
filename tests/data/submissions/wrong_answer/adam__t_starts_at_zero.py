# Mistake: counts steps from t = 0, so the first bias correction divides by 1 - beta^0 = 0.
import numpy as np


def adam_optimizer(f, grad, x0, learning_rate, beta1, beta2, epsilon, num_iterations):
    x = np.array(x0, dtype=float)
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    for t in range(num_iterations):
        g = np.asarray(grad(x), dtype=float)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        # both moments start at zero, so early averages are too small: divide by 1 - beta^t
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        x = x - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return x


if __name__ == "__main__":
    f = eval(input())
    grad = eval(input())
    x0 = np.array(eval(input()), dtype=float)
    learning_rate = float(input())
    beta1 = float(input())
    beta2 = float(input())
    epsilon = float(input())
    num_iterations = int(input())
    x = adam_optimizer(f, grad, x0, learning_rate, beta1, beta2, epsilon, num_iterations)
    print(np.round(np.asarray(x, dtype=float), 4).tolist())
