#!/usr/bin/env bash
# Regenerates the README screenshots of the workbench before, during and
# after a fit of an example project. Usage: bash docs/make-screenshots.sh
# (after a build in build/; needs xvfb-run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
app=build/app/gui/hybridfit
[ -x "$app" ] || { echo "build first: bash dev.sh test (or cmake --build build)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp projects/cooling/cooling.csv "$work/"
# Start from the project without its stored result, with k away from the
# optimum, so "before" shows the model at its start values.
python3 - "$work" <<'PY'
import json, sys
p = json.load(open("projects/cooling/cooling.hfproj"))
p.pop("lastResult", None)
for q in p["parameters"]:
    if q["name"] == "k": q["start"] = 0.004
json.dump(p, open(sys.argv[1] + "/cooling.hfproj", "w"), indent=1)
PY
export XDG_CONFIG_HOME="$work/config"  # keep the user's settings out of it
xvfb-run -a -s "-screen 0 1280x800x24" "$app" "$work/cooling.hfproj" --screenshot-sequence docs/screenshots/workbench
ls -l docs/screenshots/workbench-*.png
