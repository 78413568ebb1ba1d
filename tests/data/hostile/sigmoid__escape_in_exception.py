# Hostile: raises an exception whose message holds rich markup and terminal escapes; must get RTE, the message shown escaped.
def sigmoid(z: float) -> float:
    raise ValueError("[bold red]x[/] \x1b[2J\x1b[31mcleared\x07")


if __name__ == "__main__":
    z = float(input())
    print(f"{sigmoid(z):.4f}")
