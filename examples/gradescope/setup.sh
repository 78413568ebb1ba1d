#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu): it installs
# bubblewrap (the sandbox) and dl-judge in its own virtualenv. Zip setup.sh and run_autograder (and,
# for a course's own bank, a problems/ and solutions/ folder) at the root of the archive.
set -euo pipefail

apt-get update -qq
apt-get install -y -qq python3 python3-venv python3-pip bubblewrap

python3 -m venv /opt/dl-judge
/opt/dl-judge/bin/pip install --quiet --upgrade pip
# Where dl-judge comes from: PyPI, a git URL, or a wheel zipped with the autograder
# (/autograder/source/dl_judge-*.whl).
if compgen -G "/autograder/source/dl_judge-*.whl" > /dev/null; then
    /opt/dl-judge/bin/pip install --quiet /autograder/source/dl_judge-*.whl
else
    /opt/dl-judge/bin/pip install --quiet dl-judge
fi

# Says what isolation this image gives; run_autograder refuses to grade without the sandbox.
/opt/dl-judge/bin/judge doctor || echo "dl-judge: bubblewrap cannot isolate code in this image (see the README)"
