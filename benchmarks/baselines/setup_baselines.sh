#!/usr/bin/env bash
# Create the baselines' own virtual environment (medspaCy pins spaCy 3.7, which pins NumPy 1.x; the product's
# environment must not be pulled back to it). Only PyPI packages are installed: no spaCy model downloads, the
# baselines run on spacy.blank("en") plus their own rule sets.
#
#     bash benchmarks/baselines/setup_baselines.sh [VENV_DIR]
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/../out/baseline-venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt"
"$venv/bin/python" -c "import medspacy, negspacy, pynegex, spacy, numpy; print('baseline venv ready:', 'spacy', spacy.__version__, \
'medspacy', medspacy.__version__, 'numpy', numpy.__version__)"
