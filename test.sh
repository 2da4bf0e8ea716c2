#!/usr/bin/env bash
# The trm4j test command: installs the Debian packages the tests need when missing (as root), then runs
# every test. Backends listed in TRM_REQUIRE_BACKENDS must have a device, or the conformance suite fails:
# a missing backend is a failure, never a silent skip. Ends with the tests run, failed and skipped per module
# (each test's own output is in <module>/target/surefire-reports/*-output.txt) and the kernels per device.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
source ./tornado-env.sh --install --quiet || exit 1
export TRM_REQUIRE_BACKENDS="${TRM_REQUIRE_BACKENDS:-java,opencl,spirv,vector}"
./tornado-env.sh
echo "required backends: $TRM_REQUIRE_BACKENDS"
rm -rf ./*/target/surefire-reports
rc=0
# Maven 3.8's quiet mode still writes colour resets: strip escape codes from what we show. PoCL's compiler writes
# its error count straight to the terminal when OpenClDeviceTest builds a deliberately broken kernel: say so.
mvn -B -q -Dstyle.color=never package "$@" 2>&1 | sed -u -e 's/\x1b\[[0-9;]*m//g' \
  -e 's/^1 error generated\.$/1 error generated. (expected: PoCL compiling the deliberately broken kernel of OpenClDeviceTest)/' || rc=$?

echo
echo "== tests per module =="
total_run=0 total_failed=0 total_skipped=0
for reports in ./*/target/surefire-reports; do
  [ -d "$reports" ] || continue
  module=$(basename "$(dirname "$(dirname "$reports")")")
  read -r run failed skipped < <(cat "$reports"/TEST-*.xml 2>/dev/null | awk '
    /<testsuite / { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
                    if (kv[1] == "tests") t += kv[2]; if (kv[1] == "failures" || kv[1] == "errors") f += kv[2];
                    if (kv[1] == "skipped") s += kv[2] } }
    END { print t + 0, f + 0, s + 0 }')
  printf '%-12s %5d run, %3d failed, %3d skipped\n' "$module" "$run" "$failed" "$skipped"
  total_run=$((total_run + run)); total_failed=$((total_failed + failed)); total_skipped=$((total_skipped + skipped))
done
echo
echo "== conformance: kernels per device =="
cat runtime/target/conformance-summary.txt 2>/dev/null || echo "(no conformance summary: the runtime tests did not run to the end)"
echo
[ "$rc" -ne 0 ] && [ "$total_failed" -eq 0 ] && echo "the build failed before or outside the tests (see above)"
echo "tests: $((total_run - total_failed - total_skipped)) passed, $total_failed failed, $total_skipped skipped"
exit "$rc"
