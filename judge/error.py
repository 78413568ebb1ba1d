"""The one root of the judge's expected errors: each says what is wrong, where, and what to do.

`cli` is the only place a JudgeError becomes stderr text and exit code 2; anything else is a bug.
"""

from __future__ import annotations


class JudgeError(Exception):
    """An error in the user's input (files, arguments), not in the judge."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
