#!/bin/sh
# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
# Issue 18's targets on real repositories, two exported source trees side by side:
#   sh benchmarks/issue18_targets.sh BASE_SRC NEW_SRC HISTORY_REPOS... -- NO_HISTORY_REPOS...
# History rules against `git cat-file --batch-all-objects --batch` (5 rounds), then the
# whole check without history against `reuse lint` (2 rounds). Run it on a quiet
# machine (or in a CPU group that has the machine to itself): the figures are ratios
# of medians within one run.
set -eu
here=$(dirname "$0")
python=${PYTHON:-python3}
base=$1 new=$2
shift 2
history="" rest=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do history="$history $1"; shift; done
[ $# -gt 0 ] && shift
rest="$*"
if [ -n "$history" ]; then
    # shellcheck disable=SC2086
    "$python" "$here/real_speed.py" --rounds 5 --spread \
        --compare "base=$base" --compare "new=$new" \
        --only floor-history,base/history,new/history $history
fi
if [ -n "$rest" ]; then
    # shellcheck disable=SC2086
    "$python" "$here/real_speed.py" --rounds 2 \
        --compare "base=$base" --compare "new=$new" \
        --only reuse-lint,base/no-history,new/no-history $rest
fi
