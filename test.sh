#!/usr/bin/env bash
# The trm4j test command: installs the Debian packages the tests need when missing (as root), then runs
# every test. Backends listed in TRM_REQUIRE_BACKENDS must have a device, or the conformance suite fails:
# a missing backend is a failure, never a silent skip.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
source ./tornado-env.sh --install --quiet || exit 1
export TRM_REQUIRE_BACKENDS="${TRM_REQUIRE_BACKENDS:-java,opencl,spirv}"
./tornado-env.sh
echo "required backends: $TRM_REQUIRE_BACKENDS"
mvn -B -q package "$@"
echo
echo "== conformance summary =="
cat runtime/target/conformance-summary.txt
