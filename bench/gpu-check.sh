#!/usr/bin/env bash
# The one-command GPU check, run from a bundle (./tornado-env.sh --bundle makes one; copy it to the GPU machine):
#   OUT=/tmp/gpu-check ./gpu-check.sh
# Runs, each part bounded in time and all of them by a deadline 470 s after the start (GPU_CHECK_SECONDS changes it),
# everything written under $OUT:
#   1. devices.txt         trm devices -v, and nvidia-smi when present (machine.txt)
#   2. conformance-cuda/   the conformance suite on every cuda device, against java
#   3. conformance-nvidia-opencl/  the same on NVIDIA's OpenCL devices, if that platform is installed
#      (without any NVIDIA device: conformance-selfcheck/ on the first OpenCL device, to show the bundle's suite runs)
#   4. step-check.txt      the step and inference graphs of tiny-mlp and tiny-att on every device against java
#   5. bench-kernels/      the linear kernels at Sudoku-MLP's shapes (batch 64, 768) on cuda, with roofline fractions,
#                          beside cuBLAS where libcublas and libcudart are installed
#   6. bench-step/         the Sudoku-MLP training step and inference at batch 64 and 768 on cuda
# summary.txt lists each part as ok, FAILED, or "no cuda device". Exit status: 0 all ran and passed; 1 a part failed;
# 3 nothing failed but there was no cuda device (the cuda parts could not run).
set -uo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
if [ ! -x "$here/jre/bin/java" ]; then
  echo "gpu-check: run me from a bundle (./tornado-env.sh --bundle makes one in .device-bundle/)" >&2
  exit 2
fi
OUT="${OUT:-$here/gpu-check-out}"
mkdir -p "$OUT" || { echo "gpu-check: cannot create OUT=$OUT" >&2; exit 2; }
OUT="$(cd "$OUT" && pwd)"
java=("$here/jre/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:-DontCompileHugeMethods -Xss16m)
export LD_PRELOAD="$here/jre/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}" # the JVM's signal handlers stay first (SignalChaining)
summary="$OUT/summary.txt"
: > "$summary"
failed=0 nocuda=0
t0=$(date +%s)
deadline=$((t0 + ${GPU_CHECK_SECONDS:-470}))   # every part ends by then: the whole check stays under 8 minutes

trm="$here/trm"
note() { printf '%-40s %s\n' "$1" "$2" | tee -a "$summary"; }
# run NAME SECONDS CMD...: output to $OUT/NAME.txt, ok/FAILED (with the time taken) in the summary.
run() {
  local name="$1" secs="$2"; shift 2
  local s=$(date +%s) rc=0
  [ $((deadline - s)) -lt "$secs" ] && secs=$((deadline - s))
  if [ "$secs" -lt 5 ]; then note "$name" "FAILED: not run, the time budget is spent"; failed=1; return; fi
  echo "gpu-check: $name ..." >&2
  timeout --kill-after=10 "$secs" "$@" > "$OUT/$name.txt" 2>&1 || rc=$?
  if [ $rc -eq 0 ]; then note "$name" "ok ($(( $(date +%s) - s )) s)"
  elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then note "$name" "FAILED: over its ${secs} s limit (see $name.txt)"; failed=1
  else note "$name" "FAILED: exit $rc (see $name.txt: $(grep -v '^\s*$' "$OUT/$name.txt" | tail -1 | cut -c1-120))"; failed=1; fi
}
# conformance NAME BACKEND DEVICE_IDS: the suite on those devices only, JUnit's reports under $OUT/NAME/.
conformance() {
  local name="$1" backend="$2" ids="$3"
  mkdir -p "$OUT/$name"
  run "$name" 200 env TRM_REQUIRE_BACKENDS="java,$backend" "${java[@]}" -Dbasedir="$OUT/$name" -Dtrm.conformance.devices="$ids" \
      -cp "$here/lib/*:$here/test/*" org.junit.platform.console.ConsoleLauncher execute --disable-banner --details=summary \
      --reports-dir="$OUT/$name" --select-class=org.trm4j.conformance.ConformanceSuiteTest
}

{ date -u; uname -a; echo; command -v nvidia-smi >/dev/null && nvidia-smi; echo; cat "$here/README.txt"; } > "$OUT/machine.txt" 2>&1
run devices 60 "$trm" devices -v
cuda=$(awk '$1 ~ /^cuda:[0-9]+$/ {print $1}' "$OUT/devices.txt" | paste -sd, -)
# NVIDIA's OpenCL devices: an opencl:P:D line whose name or version (next line) says NVIDIA or CUDA.
nvcl=$(awk '$1 ~ /^opencl:/ {id=$1; line=$0; getline nxt; if ((line nxt) ~ /NVIDIA|CUDA/) print id}' "$OUT/devices.txt" | paste -sd, -)
firstcl=$(awk '$1 ~ /^opencl:/ {print $1; exit}' "$OUT/devices.txt")
why=$(awk '$1 == "cuda:" {$1=""; print; exit}' "$OUT/devices.txt" | sed 's/^ *//')

if [ -n "$cuda" ]; then conformance conformance-cuda cuda "$cuda"
else note conformance-cuda "no cuda device (${why:-trm devices lists none})"; nocuda=1; fi
if [ -n "$nvcl" ]; then conformance conformance-nvidia-opencl opencl "$nvcl"
else
  note conformance-nvidia-opencl "no NVIDIA OpenCL platform"
  if [ -z "$cuda" ] && [ -n "$firstcl" ]; then conformance conformance-selfcheck opencl "$firstcl"; fi
fi

run step-check 120 "$trm" step-check --presets tiny-mlp,tiny-att

if [ -n "$cuda" ]; then
  run bench-kernels 90 "$trm" bench --suite kernels --kernel-presets sudoku-mlp --batch 64,768 --device "$cuda" --out "$OUT/bench-kernels"
  run bench-step 150 "$trm" bench --suite train,infer --preset sudoku-mlp --batch 64,768 --steps 2 --infer-steps 4 --no-pytorch \
      --device "$cuda" --out "$OUT/bench-step"
else
  note bench-kernels "no cuda device"
  note bench-step "no cuda device"
fi

note total "$(( $(date +%s) - t0 )) s; results in $OUT"
[ $failed -ne 0 ] && exit 1
[ $nocuda -ne 0 ] && exit 3
exit 0
