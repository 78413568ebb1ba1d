# Hostile: reads a second line that stdin does not have; must get RTE with EOFError in the message.
z = float(input())
extra = input()
print(z, extra)
