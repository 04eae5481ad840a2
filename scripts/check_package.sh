#!/usr/bin/env bash
# Install the package as a user would and use it outside the repository (issue 11).
#
# `python -m build` makes the sdist, then the wheel *from that sdist*, so a file missing from the sdist
# fails here too. The wheel goes into a fresh virtualenv in a temporary folder (no editable install, no
# repository on sys.path), which then runs a scripted-backend suite through pytest and `overrefusal
# validate`: the schema, judge data and report templates must all have been packaged.
set -euo pipefail
PYTHON=${PYTHON:-python3}
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$PYTHON" -m build --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }
sdist=("$WORK"/dist/*.tar.gz)
wheel=("$WORK"/dist/*.whl)
[[ -f "${sdist[0]}" && -f "${wheel[0]}" ]] || { echo "check_package: build made no sdist or wheel"; exit 1; }

# Everything listed as package data must exist, and the data the code reads must be in the wheel.
"$PYTHON" - "${wheel[0]}" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = [
    "pytest_overrefusal/schema/suite.schema.json",
    "pytest_overrefusal/judges/data/en.yaml",
    "pytest_overrefusal/judges/data/classifier.npz",
    "pytest_overrefusal/schema/record.schema.json",
    "pytest_overrefusal/report/templates/report.html.j2",
    "pytest_overrefusal/report/templates/report.css",
    "pytest_overrefusal/report/templates/report.js",
    "pytest_overrefusal/py.typed",
]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"check_package: wheel lacks {missing}")
print(f"check_package: wheel has {len(names)} files, package data present")
PY

"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet "${wheel[0]}" >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log"; exit 1; }
mkdir "$WORK/project"
cp "$ROOT"/examples/basic/*.yaml "$WORK/project/"
cd "$WORK/project"
"$WORK/venv/bin/overrefusal" validate assistant.suite.yaml
"$WORK/venv/bin/python" - <<'PY'
import pytest_overrefusal, sys
assert "site-packages" in pytest_overrefusal.__file__, pytest_overrefusal.__file__
for name in ("torch", "transformers", "llama_cpp", "httpx"):
    assert name not in sys.modules, name
# jsonschema-rs is a core dependency: without it suites still load, only slower (issue 16).
from pytest_overrefusal.fastschema import FastCheck
assert FastCheck({"type": "object"}).available, "jsonschema-rs was not installed with the wheel"
PY
set +e
"$WORK/venv/bin/python" -m pytest -p no:cacheprovider -q --overrefusal-model=scripted:responses.yaml \
  --overrefusal-thresholds=thresholds.yaml --overrefusal-json=out.json --overrefusal-html=out.html >"$WORK/run.log" 2>&1
code=$?
set -e
# The example's thresholds fail one cell on purpose: exit 1 with a results file is the expected outcome.
if [[ $code -ne 1 || ! -s out.json || ! -s out.html ]]; then
  cat "$WORK/run.log"; echo "check_package: installed plugin run exited $code"; exit 1
fi
grep -q "overrefusal: scripted:responses.yaml judged by" "$WORK/run.log" || { cat "$WORK/run.log"; exit 1; }
echo "check_package: sdist and wheel build, install into a fresh virtualenv and run a suite outside the repository"
