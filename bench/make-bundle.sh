#!/usr/bin/env bash
# Makes a self-contained folder for a machine with an NVIDIA GPU and no JDK or Maven (see bench/README.md):
#   jre/   a jlinked Java runtime (java.base, jdk.incubator.vector, java.logging, jdk.unsupported, java.management
#          and whatever else jdeps finds our jars and the JUnit launcher need)
#   lib/   our jars and their libraries (the `trm` class path)
#   test/  the runtime's test classes (the conformance suite) and JUnit's console launcher
#   trm, gpu-check.sh, README.txt
# Usage: ./tornado-env.sh --bundle [DIR]   (default: .device-bundle/ of the checkout, which git ignores)
# Builds with Maven first (tests compiled, not run). Written to DIR.tmp and renamed: a failed run leaves no half bundle.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$(readlink -m "${1:-$root/.device-bundle}")"
limit_mib=60
source "$root/tornado-env.sh" --quiet || exit 1

echo "bundle: building (mvn package, tests compiled but not run)..." >&2
(cd "$root" && mvn -q -B -Dstyle.color=never package -DskipTests 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g') >&2 \
  || { echo "bundle: build failed" >&2; exit 1; }

tmp="$out.tmp"
rm -rf "$tmp"
mkdir -p "$tmp/lib" "$tmp/test"
for m in "$root"/*/target; do
  for j in "$m"/trm4j-*.jar "$m"/tornado-api-*.jar; do [ -f "$j" ] && cp "$j" "$tmp/lib/"; done
  if [ -d "$m/lib" ]; then cp -n "$m"/lib/*.jar "$tmp/lib/" 2>/dev/null || true; fi
done
# JMH and its libraries serve the JMH suite (bench/target/benchmarks.jar), not `trm`: left out.
rm -f "$tmp"/lib/jmh-core-*.jar "$tmp"/lib/jopt-simple-*.jar "$tmp"/lib/commons-math3-*.jar
launcher=$(ls "$root"/bench/target/bundle-tools/junit-platform-console-standalone-*.jar)
cp "$launcher" "$tmp/test/"
"$JAVA_HOME/bin/jar" --create --file "$tmp/test/trm4j-runtime-tests.jar" -C "$root/runtime/target/test-classes" .

# The modules: the ones the issue names (the Vector API for the java backend's kernels, JMX for memory checks) and
# whatever jdeps finds in our jars, their libraries and the JUnit launcher.
cp_list=$(ls "$tmp"/lib/*.jar "$tmp"/test/*.jar | paste -sd:)
found=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 --class-path "$cp_list" \
          "$tmp"/lib/trm4j-*.jar "$tmp"/test/*.jar 2>/dev/null) || { echo "bundle: jdeps failed" >&2; exit 1; }
# java.desktop (~15 MiB, which would take the bundle over 60 MiB) is left out: jackson-databind only probes for it
# (optional java.beans support); JFreeChart needs it: from a bundle `trm train` says "chart: not drawn (...)" (TrainingCurves)
# and the curves stay in metrics.jsonl.
modules="java.base,jdk.incubator.vector,java.logging,jdk.unsupported,java.management,$found"
modules=$(echo "$modules" | tr ',' '\n' | grep -vx 'java.desktop' | sort -u | paste -sd,)
echo "bundle: jlink $modules" >&2
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  --output "$tmp/jre" 2>&1 | grep -v 'Using incubator modules' >&2 || true
[ -x "$tmp/jre/bin/java" ] || { echo "bundle: jlink failed" >&2; exit 1; }

cat > "$tmp/trm" <<'LAUNCHER'
#!/usr/bin/env bash
# trm from a bundle: the bundled JRE and jars, no JDK or Maven needed.
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
export LD_PRELOAD="$here/jre/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}" # keeps the JVM's signal handlers first (SignalChaining)
exec "$here/jre/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:-DontCompileHugeMethods -Xss16m -cp "$here/lib/*" org.trm4j.cli.Trm "$@"
LAUNCHER
chmod +x "$tmp/trm"
cp "$root/bench/gpu-check.sh" "$tmp/gpu-check.sh"
chmod +x "$tmp/gpu-check.sh"
commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null | head -1)
cat > "$tmp/README.txt" <<TXT
trm4j bundle, commit $commit${dirty:+ + uncommitted changes}, made $(date -u '+%Y-%m-%d %H:%M UTC') with $("$JAVA_HOME/bin/java" -version 2>&1 | head -1).
Needs: Linux x86-64, glibc; an NVIDIA driver (libcuda.so.1) for cuda devices; no JDK, no Maven.
  ./trm devices -v                         what this machine offers, and why a backend has no device
  OUT=/tmp/gpu-check ./gpu-check.sh        the GPU check (under 8 minutes); everything lands in \$OUT, summary.txt first
TXT

size_kib=$(du -sk "$tmp" | cut -f1)
if [ "$size_kib" -gt $((limit_mib * 1024)) ]; then
  echo "bundle: $((size_kib / 1024)) MiB, over the $limit_mib MiB limit; left in $tmp" >&2
  exit 1
fi
rm -rf "$out"
mv "$tmp" "$out"
echo "bundle: $out ($((size_kib / 1024)) MiB: jre $(du -sm "$out/jre" | cut -f1) MiB, lib $(du -sm "$out/lib" | cut -f1) MiB, test $(du -sm "$out/test" | cut -f1) MiB)"
