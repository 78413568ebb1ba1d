# Hostile: spins in an infinite loop without reading its input; must get TLE (CPU time).
while True:
    pass
