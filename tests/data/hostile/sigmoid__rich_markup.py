# Hostile: prints rich markup and terminal escape sequences instead of a number; must get WA, and the output must be shown escaped, never interpreted.
print("[bold red]x[/] \x1b[2J\x1b[H\x1b]0;pwned\x07 [link=file:///etc/passwd]click[/link]")
