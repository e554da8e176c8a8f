#!/usr/bin/env bash
# HybridFit developer entry point (Debian 12).
#   bash dev.sh run    install missing packages, build, open the workbench on an example project
#   bash dev.sh test   install missing packages, build, run the whole test suite under Xvfb
#   bash dev.sh sanitize  the whole suite built with AddressSanitizer + UndefinedBehaviorSanitizer
#                      (leak detection on) in build-sanitize/, run under Xvfb
#   bash dev.sh tsan   the Qt-free core and its tests (fits on worker threads included) built
#                      with ThreadSanitizer in build-tsan/; any report fails
#   bash dev.sh fuzz [SECONDS]  each libFuzzer harness (tests/fuzz: importer, formula compiler,
#                      project loader, ODE quick-form texts) for SECONDS (default 60), clang 14
#                      with ASan + UBSan
# All are idempotent: installed packages are skipped, builds are incremental.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PACKAGES=(cmake g++ make ccache qt6-base-dev libqt6opengl6-dev libvtk9-dev libceres-dev libeigen3-dev
          nlohmann-json3-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core clang-format
          poppler-utils)  # pdftoppm: the export tests render PDFs back
# libsundials-dev (CVODES, ODE models) recommends PETSc and MPI development
# packages that HybridFit never uses: installed without recommends.
LEAN_PACKAGES=(libsundials-dev)
BUILD_DIR=${HF_BUILD_DIR:-build}
EXAMPLE=projects/cooling/cooling.hfproj

missing_of() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_missing() {
  local missing lean
  mapfile -t missing < <(missing_of "${PACKAGES[@]}")
  mapfile -t lean < <(missing_of "${LEAN_PACKAGES[@]}")
  if ((${#missing[@]} + ${#lean[@]})); then
    echo "Installing missing Debian packages: ${missing[*]} ${lean[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update
    if ((${#missing[@]})); then DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"; fi
    if ((${#lean[@]})); then
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${lean[@]}"
    fi
  fi
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

case "${1:-}" in
  run)
    install_missing
    build
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "No display found: starting the workbench under Xvfb and saving a screenshot to $BUILD_DIR/workbench.png"
      xvfb-run -a -s "-screen 0 1280x800x24" "$BUILD_DIR/app/gui/hybridfit" "$EXAMPLE" --screenshot "$BUILD_DIR/workbench.png"
    else
      exec "$BUILD_DIR/app/gui/hybridfit" "$EXAMPLE"
    fi
    ;;
  test)
    install_missing
    build
    xvfb-run -a -s "-screen 0 1280x800x24" ctest --test-dir "$BUILD_DIR" --output-on-failure -j2
    ;;
  sanitize)
    install_missing
    # Its own folder; of the benchmarks only the cancel latency ones. Any
    # report fails the test that triggered it (-fno-sanitize-recover, and
    # LeakSanitizer exits non-zero); third-party leaks are suppressed by
    # tests/sanitizers/lsan.supp, each entry with its reason.
    san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    # Mesa's software GL driver is dlopen()ed and unloaded again at exit,
    # before LeakSanitizer reports: its allocations would show as an
    # "<unknown module>" that no suppression can name. Preloaded (after the
    # ASan runtime, which must come first) it stays loaded.
    preload="$(readlink -f "$(gcc -print-file-name=libasan.so)")"
    for d in /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so /usr/lib/*/dri/swrast_dri.so; do
      if [ -e "$d" ]; then preload="$preload:$d"; break; fi
    done
    cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHF_TEST_PRELOAD="$preload" \
      -DHF_BUILD_BENCH=ON -DHF_BENCH_LATENCY_ONLY=ON \
      -DCMAKE_CXX_FLAGS="$san" -DCMAKE_C_FLAGS="$san" \
      -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
      -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined"
    cmake --build build-sanitize -j"$(nproc)"
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1"
    export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export QTEST_FUNCTION_TIMEOUT=1800000  # QtTest stops a test function after 300 s by default
    xvfb-run -a -s "-screen 0 1280x800x24" ctest --test-dir build-sanitize --output-on-failure -j2 --timeout 900
    # Cancel and destruction during a fit, timed under the sanitizers (the
    # goal is 200 ms; the figures go to docs/benchmarks.md, not into tests).
    build-sanitize/bench/bench_cancel 300000 3
    QT_QPA_PLATFORM=offscreen build-sanitize/bench/bench_fit_controller 300000 3
    ;;
  tsan)
    install_missing
    # The core only: TSan cannot judge Qt's futex-based locks, so what
    # crosses threads goes through the Qt-free fit::FitHandoff, which the
    # core tests drive from std::threads (tests/core/fit/FitHandoffTest).
    tsan="-fsanitize=thread -fno-omit-frame-pointer"
    cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHF_BUILD_GUI=OFF -DHF_BUILD_BENCH=OFF \
      -DCMAKE_CXX_FLAGS="$tsan" -DCMAKE_C_FLAGS="$tsan" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread"
    cmake --build build-tsan -j"$(nproc)"
    export TSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1"
    # QtTest's own watchdog stops a test function after 300 s; the fits with
    # five seeded networks take longer than that under ThreadSanitizer.
    export QTEST_FUNCTION_TIMEOUT=1800000
    ctest --test-dir build-tsan -L core --output-on-failure -j2 --timeout 900
    ;;
  fuzz)
    install_missing
    PACKAGES=(clang-14 libclang-rt-14-dev)
    install_missing
    secs=${2:-60}
    fz="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHF_BUILD_GUI=OFF -DHF_BUILD_BENCH=OFF -DHF_BUILD_FUZZ=ON \
      -DCMAKE_CXX_FLAGS="$fz" -DCMAKE_C_FLAGS="$fz" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
    cmake --build build-fuzz -j"$(nproc)" --target fuzz_DelimitedText fuzz_Formula fuzz_ProjectFile fuzz_OdeText
    # Seed corpora from the repository: data files (options byte 0:
    # detect everything), the library's and the NIST problems' formulas,
    # the example projects; plus every input that once failed.
    corpus=build-fuzz/corpus
    mkdir -p "$corpus"/DelimitedText "$corpus"/Formula "$corpus"/ProjectFile "$corpus"/OdeText
    for f in projects/*/*.csv tests/data/nist/*.csv; do
      { printf '\0'; head -c 4000 "$f"; } > "$corpus/DelimitedText/$(basename "$f")"
    done
    cp projects/*/*.hfproj "$corpus/ProjectFile/"
    # The documented ODE example (schema 2) as a seed too.
    python3 -c 'import sys; t = open("docs/project-format.md").read(); b = t.index("```json\n") + 8; sys.stdout.write(t[b:t.index("```", b)])' \
      > "$corpus/ProjectFile/ode-example.hfproj"
    python3 - "$corpus/Formula" <<'PY'
import glob, json, sys
formulas = [e["formula"] for e in json.load(open("resources/equations.json"))["equations"]]
formulas += [json.load(open(f))["model"] for f in glob.glob("tests/data/nist/*.json")]
formulas += ["a*x + N(x, y)[1]", "N(a*x, exp(y))[2] - N(a*x, exp(y))[1]*b"]  # the learned component N
for i, f in enumerate(formulas):
    open(f"{sys.argv[1]}/seed{i:03d}", "w").write(f)
PY
    status=0
    cp tests/data/fuzz-regressions/OdeText/* "$corpus/OdeText/"
    for h in DelimitedText Formula ProjectFile OdeText; do
      # Only this run's findings: an artifact kept from an earlier run (already
      # copied to the regression inputs) must not fail this one.
      rm -rf build-fuzz/artifacts/$h
      mkdir -p build-fuzz/artifacts/$h
      echo "== fuzz_$h for ${secs} s"
      log=build-fuzz/fuzz_$h.log
      if ! build-fuzz/tests/fuzz/fuzz_$h "$corpus/$h" tests/data/fuzz-regressions/$h -dict=tests/fuzz/$h.dict \
          -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
          -artifact_prefix=build-fuzz/artifacts/$h/ > "$log" 2>&1; then
        status=1
        grep -E -A30 "ERROR|runtime error|==[0-9]+==|deadly signal|Test unit written" "$log" | head -n 60
      fi
      # The figures: last coverage line (edges, features, corpus) and totals.
      grep -E "^#[0-9]+.*cov:" "$log" | tail -n 1
      grep -E "^Done|number_of_executed_units|new_units_added|peak_rss" "$log"
      # Keep whatever failed as a regression input (to be fixed and committed).
      for a in build-fuzz/artifacts/$h/*; do
        [ -e "$a" ] || continue
        cp "$a" tests/data/fuzz-regressions/$h/ && echo "new regression input: tests/data/fuzz-regressions/$h/$(basename "$a")"
        status=1
      done
    done
    exit $status
    ;;
  *)
    echo "usage: bash dev.sh run | bash dev.sh test | bash dev.sh sanitize | bash dev.sh tsan | bash dev.sh fuzz [SECONDS]" >&2
    exit 2
    ;;
esac
