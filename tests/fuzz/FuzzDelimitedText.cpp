// libFuzzer harness: the delimited-text importer. The first input byte
// chooses the options (delimiter, header, skipping bad rows, decimal
// separator); the rest is the file. Property: a table that was read, written
// with toCsv and read again (comma, header, decimal point) is the same
// table, value for value. Only hf::Error may escape the reader.
#include "common/Error.h"
#include "data/DelimitedReader.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

bool sameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t o = bytes[0];
  hf::data::ImportOptions options;
  constexpr char kDelimiters[] = {0, ',', '\t', ';', ' ', 0, ',', ';'};
  options.delimiter = kDelimiters[o & 7];
  if (o & 8) options.header = (o & 16) != 0;
  options.skipBadRows = (o & 32) != 0;
  constexpr char kDecimals[] = {0, '.', ',', 0};
  options.decimal = kDecimals[(o >> 6) & 3];
  const std::string_view text(reinterpret_cast<const char*>(bytes + 1), size - 1);
  hf::data::Dataset first;
  try {
    first = hf::data::readDelimitedText(text, "fuzz.csv", options);
  } catch (const hf::Error&) {
    return 0;  // bad input, said properly
  }
  const std::string csv = hf::data::toCsv(first);
  hf::data::ImportOptions back;
  back.delimiter = ',';
  back.header = true;
  back.decimal = '.';
  back.comment = 0;
  hf::data::Dataset second;
  try {
    second = hf::data::readDelimitedText(csv, "roundtrip.csv", back);
  } catch (const hf::Error& e) {
    std::fprintf(stderr, "toCsv output does not read back: %s\n---\n%s\n", e.what(), csv.c_str());
    std::abort();
  }
  if (second.columnCount() != first.columnCount() || second.rowCount() != first.rowCount()) {
    std::fprintf(stderr, "round trip changed the shape: %zu x %zu -> %zu x %zu\n", first.rowCount(),
                 first.columnCount(), second.rowCount(), second.columnCount());
    std::abort();
  }
  for (std::size_t c = 0; c < first.columnCount(); ++c)
    for (std::size_t r = 0; r < first.rowCount(); ++r)
      if (!sameValue(first.columns[c].values[r], second.columns[c].values[r])) {
        std::fprintf(stderr, "round trip changed column %zu row %zu\n", c, r);
        std::abort();
      }
  return 0;
}
