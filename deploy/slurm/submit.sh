#!/usr/bin/env bash
# Submits a sharded schedbench sweep to Slurm: the sweep as a job array of SHARDS
# tasks, then the merge, which starts only if every task ended well and is cancelled
# if one failed. Run it from the schedbench clone on a login node:
#   SCENARIO=scenarios/x.yaml RESULTS=/shared/sweep [SHARDS=4] deploy/slurm/submit.sh
# Extra arguments go to both sbatch calls (e.g. --partition=batch --time=2:00:00).
set -euo pipefail

usage() {
  cat >&2 <<'USAGE'
usage: SCENARIO=<scenario.yaml> RESULTS=<shared folder> [SHARDS=4] deploy/slurm/submit.sh [sbatch options...]
  SCENARIO  the scenario file
  RESULTS   a folder on a filesystem every node shares; the report goes to RESULTS/report
  SHARDS    the number of shards = array tasks (default 4)
USAGE
  exit 2
}

[[ -n "${SCENARIO:-}" && -n "${RESULTS:-}" ]] || usage
shards="${SHARDS:-4}"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: SHARDS must be a whole number above 0, got '$shards'" >&2; exit 2; }
[[ -f "$SCENARIO" ]] || { echo "submit.sh: no scenario file '$SCENARIO' (relative to $PWD)" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
home="$(cd "$here/../.." && pwd)"
# Absolute paths, so that the jobs find them whatever folder they start in.
mkdir -p -- "$RESULTS"
SCENARIO="$(realpath -- "$SCENARIO")"
RESULTS="$(realpath -- "$RESULTS")"
# The jobs get these through --export=ALL (stated, since a site may default to NONE).
# SHARDS is left to the array's size in the sweep; SCHEDBENCH_HOME lets the jobs
# find the CLI from any folder.
export SCENARIO RESULTS SCHEDBENCH_HOME="$home"
unset SHARDS

# --parsable prints "<jobid>" or "<jobid>;<cluster>".
array_id="$(sbatch --parsable --export=ALL --array="0-$((shards - 1))" "$@" "$here/sweep.sbatch")"
array_id="${array_id%%;*}"
# afterok on an array's id waits for all of its tasks; if one fails, Slurm cancels the
# merge instead of leaving it pending for ever.
merge_id="$(SHARDS="$shards" sbatch --parsable --export=ALL --dependency="afterok:$array_id" --kill-on-invalid-dep=yes "$@" "$here/merge.sbatch")"
merge_id="${merge_id%%;*}"

echo "sweep: job array $array_id ($shards shards into $RESULTS/shard-0..$((shards - 1)))"
echo "merge: job $merge_id (after the array; report in $RESULTS/report)"
