#!/usr/bin/env bash
# trm4j environment: finds a JDK >= 25 and exports JAVA_HOME, puts `trm` on PATH, and reports the
# OpenCL platforms, libcuda, ptxas, spirv-val and llvm-spirv-15 it finds.
#   source ./tornado-env.sh            # set up this shell
#   ./tornado-env.sh --install         # as root: install the Debian packages (PoCL, SPIR-V tools), then report
#   ./tornado-env.sh --quiet           # set up without the report (used by ./trm and ./test.sh)
#   ./tornado-env.sh --bundle [DIR]    # a self-contained folder (JRE, jars, gpu-check.sh) for a GPU machine without a JDK
TRM4J_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export TRM4J_HOME

# python3-torch, numpy, pydantic: the reference oracle (parity tests, the PyTorch race, .pt files for `trm convert` tests);
# libopenblas0-pthread: OpenBLAS for torch and for our sgemm comparison (without it torch uses a 30x slower BLAS).
TRM4J_PACKAGES="pocl-opencl-icd ocl-icd-libopencl1 clinfo spirv-tools llvm-spirv-15 python3-torch python3-numpy python3-pydantic libopenblas0-pthread"

trm4j_java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

trm4j_find_jdk() {
  local c major
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    major=$(trm4j_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}

trm4j_missing_packages() {
  local p missing=""
  for p in $TRM4J_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  echo "$missing"
}

trm4j_install() {
  local missing; missing=$(trm4j_missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "tornado-env: missing packages:$missing -- run as root: apt-get install -y$missing" >&2
    return 1
  fi
  echo "tornado-env: installing$missing" >&2
  (apt-get install -y -q $missing >/tmp/trm4j-apt.log 2>&1 || { apt-get update -q >>/tmp/trm4j-apt.log 2>&1 && apt-get install -y -q $missing >>/tmp/trm4j-apt.log 2>&1; }) \
    || { echo "tornado-env: apt-get failed, see /tmp/trm4j-apt.log" >&2; tail -5 /tmp/trm4j-apt.log >&2; return 1; }
}

trm4j_report() {
  echo "JAVA_HOME=$JAVA_HOME ($("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
  if command -v clinfo >/dev/null 2>&1; then
    echo "OpenCL platforms:"; clinfo -l 2>/dev/null | sed 's/^/  /' || echo "  (none)"
  else
    echo "OpenCL: clinfo not installed (./tornado-env.sh --install)"
  fi
  local lib
  lib=$(ldconfig -p 2>/dev/null | awk '/libcuda\.so\.1 /{print $NF; exit}')
  echo "libcuda.so.1: ${lib:-not found (no NVIDIA driver: no cuda devices)}"
  local t
  for t in ptxas spirv-val spirv-dis llvm-spirv-15; do
    printf '%-14s %s\n' "$t:" "$(command -v $t || echo 'not found')"
  done
}

trm4j_main() {
  local install=0 quiet=0 a
  if [ "${1:-}" = --bundle ]; then shift; "$TRM4J_HOME/bench/make-bundle.sh" "$@"; return $?; fi
  for a in "$@"; do
    case "$a" in
      --install) install=1 ;;
      --quiet) quiet=1 ;;
      -h|--help) sed -n '2,7p' "$TRM4J_HOME/tornado-env.sh"; return 0 ;;
      *) echo "tornado-env: unknown option $a" >&2; return 2 ;;
    esac
  done
  if [ $install = 1 ]; then trm4j_install || return 1; fi
  local jdk
  if ! jdk=$(trm4j_find_jdk); then
    echo "tornado-env: no JDK >= 25 found (looked at \$JAVA_HOME and /usr/lib/jvm); install Temurin 25" >&2
    return 1
  fi
  export JAVA_HOME="$jdk"
  # Maven 3.8's bundled guava touches sun.misc.Unsafe; JDK 25 warns on every build unless told it is allowed.
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
  case ":$PATH:" in *":$TRM4J_HOME:"*) ;; *) export PATH="$TRM4J_HOME:$PATH" ;; esac
  [ $quiet = 1 ] || trm4j_report
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  trm4j_main "$@"; exit $?
else
  trm4j_main "$@"
fi
