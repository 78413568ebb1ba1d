# Hostile: looks for problems/sigmoid.yaml on disk and prints the stored answer; under bwrap it must find nothing and print nan (WA); without a sandbox it cheats its way to AC.
import glob
import os
import sys

z_text = sys.stdin.read()


def candidates():
    """Where a judge's problems may live: beside the package of an editable install, in site-packages, in usual folders."""
    for entry in sys.path:
        for finder in glob.glob(os.path.join(entry, "__editable__*finder.py")):
            try:
                text = open(finder, encoding="utf-8").read()
            except OSError:
                continue
            for quoted in text.split("'"):
                if quoted.startswith("/") and quoted.endswith("/judge"):
                    yield os.path.join(os.path.dirname(quoted), "problems", "sigmoid.yaml")
        yield os.path.join(entry, "judge", "problems", "sigmoid.yaml")
    for pattern in ("/work/*/problems/sigmoid.yaml", "/root/*/problems/sigmoid.yaml", "/home/*/*/problems/sigmoid.yaml"):
        yield from glob.glob(pattern)


for path in candidates():
    try:
        import yaml

        with open(path, encoding="utf-8") as handle:
            problem = yaml.safe_load(handle)
    except (OSError, ImportError, ValueError):
        continue
    for case in problem["cases"]:
        if case["stdin"] == z_text:
            print(case["stdout"], end="")
            sys.exit(0)
print("nan")
