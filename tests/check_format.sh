#!/usr/bin/env bash
# Style check (ctest label "style"): sources follow .clang-format.
# Exits 77 (reported as skipped) when clang-format is not installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v clang-format >/dev/null || { echo "clang-format not installed: skipped"; exit 77; }
files=$(find core app widgets -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror $files
echo "format: $(echo "$files" | wc -l) files follow .clang-format"
