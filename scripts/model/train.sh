#!/usr/bin/env bash
# `pnpm model:train`: installs the pinned trainer (Debian's scikit-learn; PyPI is not reachable from
# our machines) when it is missing, then trains on the training rows and rewrites the artifact.
set -euo pipefail
SKLEARN_VERSION="1.2.1+dfsg-1"
PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import sklearn' 2>/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "python3-sklearn=${SKLEARN_VERSION}"
fi
found="$("$PYTHON" -c 'import sklearn; print(sklearn.__version__)')"
if [ "$found" != "${SKLEARN_VERSION%%+*}" ]; then
  echo "scikit-learn ${SKLEARN_VERSION%%+*} expected, found $found: the artifact would not be reproducible" >&2
  exit 1
fi
# One thread: the run is deterministic and leaves the other core to whoever shares the machine.
OMP_NUM_THREADS=1 exec "$PYTHON" "$(dirname "$0")/train.py" "$@"
