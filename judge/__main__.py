"""`python -m judge` is the `judge` command."""

from judge.launch import main

main()
