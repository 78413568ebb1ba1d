# Test probe, not a submission: reads a JSON list of paths and prints, as JSON, which of them exist and can be listed or read.
import json
import os
import sys

report = {}
for path in json.loads(sys.stdin.read()):
    try:
        if os.path.isdir(path):
            report[path] = sorted(os.listdir(path))[:20]
        else:
            with open(path, "rb") as handle:
                report[path] = handle.read(64).decode("utf-8", "replace")
    except OSError as error:
        report[path] = None if error.errno == 2 else f"error: {error.strerror}"
print(json.dumps(report))
