"""The one root of the judge's expected errors: each says what is wrong, where, and what to do.

`cli` is the only place a JudgeError becomes stderr text and exit code 2; anything else is a bug.
An error a learner meets is made with `JudgeError.say`: a key of the message catalogue, so that it
can be shown in the learner's language.
"""

from __future__ import annotations

from collections.abc import Mapping


class JudgeError(Exception):
    """An error in the user's input (files, arguments), not in the judge."""

    def __init__(
        self, message: str, key: str | None = None, values: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.values = dict(values or {})

    @classmethod
    def say(cls, key: str, /, **values: object) -> JudgeError:
        from judge.messages import say

        return cls(say("en", key, **values), key, values)

    def text(self, lang: str) -> str:
        """The message in `lang` (in English when it has no catalogue key)."""
        if self.key is None:
            return self.message
        from judge.messages import say

        return say(lang, self.key, **self.values)

    def __str__(self) -> str:
        return self.message
