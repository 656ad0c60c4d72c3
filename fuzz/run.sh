#!/usr/bin/env bash
# make fuzz: builds the targets with libFuzzer's coverage flags (stable Rust is
# enough: no sanitizer) and runs each for FUZZ_SECONDS (default 60). What a
# target finds lands in fuzz/artifacts/<target>/; copy it to
# fuzz/regressions/<target>/ once fixed, and `make test` replays it for good.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-60}
targets=(cue_code episode production_time cue_sidecar tags_to_track)
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"
cargo build --release --target-dir target "${targets[@]/#/--bin=}"
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t" "work/$t"
  echo "== $t: ${seconds} s"
  # New inputs go to work/ (not kept in git); the seeds in corpus/ stay as they are.
  "target/release/$t" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" "work/$t" "corpus/$t"
done
