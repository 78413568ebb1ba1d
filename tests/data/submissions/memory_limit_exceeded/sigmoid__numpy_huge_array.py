# Hostile: asks numpy for one 8 GiB array at once (the limit is 512 MB); must get MLE, not RTE.
import numpy as np

z = float(input())
ones = np.ones(1 << 30)
print(1 / (1 + np.exp(-z)) * ones[0])
