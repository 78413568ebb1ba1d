# Hostile: dereferences a NULL pointer through ctypes; must get RTE naming SIGSEGV.
import ctypes

z = float(input())
ctypes.string_at(0)
