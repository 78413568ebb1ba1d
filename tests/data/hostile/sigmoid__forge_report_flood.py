# Hostile: raises an exception after writing 8 MB and then a fake "R ..." result line to descriptor 3, to fill the judge's reading and pass for a message; bounded, and RTE.
import os

z = float(input())
chunk = b"R 0 0 0 0 0 0 1 0\n" * 4096
for _ in range(100):
    try:
        os.write(3, chunk)
    except BlockingIOError:
        break
raise ValueError("after the flood")
