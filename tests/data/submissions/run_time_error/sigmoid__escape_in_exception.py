# Hostile: raises an exception whose message holds rich markup and terminal escapes; must get RTE, the message shown escaped.
z = float(input())
raise ValueError("[bold red]x[/] \x1b[2J\x1b[31mcleared\x07")
