#!/bin/bash
# Queue the grading array, then the merge once every task has ended (afterany: a merge with a shard
# missing says it is incomplete and exits 1, rather than never running).
# Run from the folder holding submissions/, with dl-judge installed (`pip install dl-judge`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p reports
array=$(sbatch --parsable "$here/grade.sbatch")
sbatch --dependency="afterany:${array%%;*}" "$here/merge.sbatch"
