# Hostile: recurses without end (no base case); must get RTE with RecursionError in the message.
def sigmoid(z: float) -> float:
    return sigmoid(z + 1)


print(sigmoid(float(input())))
