# Hostile: prints a wrong answer from a folder named wrong_answer/, hoping to be expected WA (only --expect-from-folders lets a folder say so); WA
input()
print(0.25)
