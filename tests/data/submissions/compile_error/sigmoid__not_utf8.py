# Hostile: Latin-1 bytes (é) in a comment, not UTF-8; must get CE saying the file is not UTF-8.
print(0.5)
