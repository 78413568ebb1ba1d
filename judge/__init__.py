"""dl-judge: a command-line judge for hand-written deep-learning code."""

__version__ = "0.1.0"
