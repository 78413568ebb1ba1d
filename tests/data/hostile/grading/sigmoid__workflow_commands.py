# Hostile: prints GitHub workflow commands (::error::, ::add-mask::, ::stop-commands::, ##[...]) to stdout and stderr and raises an exception whose message holds them, hoping one reaches the CI log; RTE
import sys

COMMANDS = [
    "::error::pwned",
    "::add-mask::0.5000",
    "::stop-commands::pwned",
    "  ::warning file=x.py,line=1::indented",
    "text before ##[add-mask]0.7311",
    "::set-output name=grade::100",
]
for line in COMMANDS:
    print(line)
    print(line, file=sys.stderr)
raise RuntimeError("\n" + "\r\n".join(COMMANDS))
