# Hostile: a syntax error (a missing colon); must get CE.
import math

def sigmoid(z)
    return 1 / (1 + math.exp(-z))

print(sigmoid(float(input())))
