#!/usr/bin/env bash
# HybridFit developer entry point (Debian 12).
#   bash dev.sh run    install missing packages, build, open the workbench on an example project
#   bash dev.sh test   install missing packages, build, run the whole test suite under Xvfb
# Both are idempotent: installed packages are skipped, builds are incremental.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PACKAGES=(cmake g++ make ccache qt6-base-dev libqt6opengl6-dev libvtk9-dev libceres-dev libeigen3-dev
          nlohmann-json3-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core clang-format
          poppler-utils)  # pdftoppm: the export tests render PDFs back
BUILD_DIR=${HF_BUILD_DIR:-build}
EXAMPLE=projects/cooling/cooling.hfproj

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "Installing missing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
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
  *)
    echo "usage: bash dev.sh run | bash dev.sh test" >&2
    exit 2
    ;;
esac
