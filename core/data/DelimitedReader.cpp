#include "data/DelimitedReader.h"

#include "common/Error.h"
#include "data/detail/RowParser.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <thread>

namespace hf::data {
namespace {

using detail::CellKind;
using detail::parseCell;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Blanks and U+FEFF (a byte-order mark, or a zero-width no-break space that
// editors leave inside files) are trimmed from both ends of a cell: a header
// made only of one would otherwise become a label that is not written back
// the same (a fuzzing finding, tests/data/fuzz-regressions/DelimitedText).
std::string_view trim(std::string_view s) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  for (std::size_t before = s.size() + 1; s.size() != before;) {
    before = s.size();
    while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
    while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
    if (s.starts_with(kBom)) s.remove_prefix(kBom.size());
    if (s.ends_with(kBom)) s.remove_suffix(kBom.size());
  }
  return s;
}

// Splits one line into cells (trimmed). For ' ' runs of blanks separate
// cells; otherwise the delimiter does, honouring double quotes. Returns 0,
// or the 1-based column of a quoted field that is not closed.
std::size_t splitLine(std::string_view line, char delim, std::vector<std::string_view>& cells) {
  cells.clear();
  if (delim == ' ') {
    std::size_t i = 0;
    while (true) {
      while (i < line.size() && isBlank(line[i])) ++i;
      if (i >= line.size()) break;
      std::size_t j = i;
      if (line[i] == '"') {
        j = line.find('"', i + 1);
        if (j == std::string_view::npos) return cells.size() + 1;
        ++j;
      }
      while (j < line.size() && !isBlank(line[j])) ++j;
      cells.push_back(line.substr(i, j - i));
      i = j;
    }
    return 0;
  }
  std::size_t start = 0;
  bool inQuotes = false;
  std::size_t quoteColumn = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i < line.size() && line[i] == '"') {
      inQuotes = !inQuotes;
      if (inQuotes) quoteColumn = cells.size() + 1;
    }
    if (i == line.size() || (!inQuotes && line[i] == delim)) {
      cells.push_back(trim(line.substr(start, i - start)));
      start = i + 1;
    }
  }
  return inQuotes ? quoteColumn : 0;
}

std::string unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') ++i;  // "" inside quotes
    out += s[i];
  }
  return out;
}

std::string shorten(std::string_view s) {
  std::string out(s.substr(0, 40));
  if (s.size() > 40) out += "...";
  return out;
}

// A hint for a cell that would be a number with the other decimal
// separator: "76,5" in a file read with decimal points, and vice versa.
std::string decimalHint(std::string_view cell, char decimal) {
  double v;
  const char other = decimal == '.' ? ',' : '.';
  if (cell.find(other) == std::string_view::npos || parseCell(cell, other, v) != CellKind::Number) return {};
  return other == ',' ? " (a decimal comma? choose ',' as the decimal separator)"
                      : " (a decimal point? choose '.' as the decimal separator)";
}

const char* delimiterName(char d) {
  switch (d) {
    case ',':
      return "comma";
    case '\t':
      return "tab";
    case ';':
      return "semicolon";
    default:
      return "whitespace";
  }
}

// In whitespace-separated headers "T [K]" splits into "T" and "[K]", and
// "p [J/(mol K)]" into three pieces: glue a cell that starts with '[' or
// '(' onto the cell before it, and keep gluing while brackets are open.
void mergeUnitTokens(std::vector<std::string_view>& cells) {
  std::vector<std::string_view> merged;
  int open = 0;
  for (std::string_view c : cells) {
    if (!merged.empty() && (open > 0 || c.front() == '[' || c.front() == '(')) {
      const char* begin = merged.back().data();
      merged.back() = std::string_view(begin, static_cast<std::size_t>(c.data() + c.size() - begin));
    } else {
      merged.push_back(c);
      open = 0;
    }
    for (char ch : c) {
      if (ch == '[' || ch == '(') ++open;
      if (ch == ']' || ch == ')') --open;
    }
  }
  cells = std::move(merged);
}

struct Line {
  std::string_view text;
  std::size_t number;  // 1-based
};

}  // namespace

Dataset readDelimitedText(std::string_view text, const std::string& sourceName, const ImportOptions& options,
                          ImportReport* reportOut) {
  ImportReport report;
  auto fail = [&](const std::string& msg, std::size_t line, std::size_t column) -> void {
    ErrorLocation where;
    where.file = sourceName;
    where.line = static_cast<int>(line);
    where.column = static_cast<int>(column);
    throw Error(msg, where);
  };

  if (text.find('\0') != std::string_view::npos) fail("this is not a text file (it contains NUL bytes)", 0, 0);
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF && static_cast<unsigned char>(text[1]) == 0xBB &&
      static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);  // UTF-8 byte-order mark

  // Cut into lines once; keeps line numbers for messages.
  std::vector<Line> lines;
  lines.reserve(text.size() / 16 + 1);
  {
    std::size_t pos = 0, number = 0;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      ++number;
      std::string_view l = text.substr(pos, end - pos);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      const std::string_view t = trim(l);
      if (t.empty())
        ++report.blankLines;
      else if (options.comment && t.front() == options.comment)
        ++report.commentLines;
      else
        lines.push_back({l, number});
      pos = end + 1;
    }
  }
  if (lines.empty()) fail("the file contains no data (only blank or comment lines)", 0, 0);

  // Delimiter: the first candidate that splits the first lines into the same
  // number (> 1) of cells.
  std::vector<std::string_view> cells;
  char delim = options.delimiter;
  if (!delim) {
    // Probe data lines after the first (which may be a header whose cells
    // contain spaces, e.g. "T [K]"), or the only line there is.
    const std::size_t probe = std::min<std::size_t>(lines.size(), 50);
    const std::size_t from = lines.size() > 1 ? 1 : 0;
    // The first candidate, in order of preference, that splits most probed
    // lines into the same number (> 1) of cells wins; requiring a majority
    // rather than all lines lets one bad row be reported as such. Semicolon
    // goes before comma: "0,02;76,5" (decimal commas) splits on both, and
    // a semicolon that splits every line is almost always the delimiter.
    std::size_t bestAgree = 0;
    for (char cand : {'\t', ';', ',', ' '}) {
      std::map<std::size_t, std::size_t> counts;
      for (std::size_t i = from; i < probe; ++i)
        if (splitLine(lines[i].text, cand, cells) == 0 && cells.size() > 1) ++counts[cells.size()];
      std::size_t agree = 0;
      for (const auto& [n, times] : counts) agree = std::max(agree, times);
      if (agree * 2 > probe - from && agree > bestAgree) {
        bestAgree = agree;
        delim = cand;
      }
    }
    if (!delim) delim = ',';  // a single column: any delimiter reads it
  }
  report.delimiter = delim;

  // Decimal separator: ',' when the delimiter is not a comma and the probed
  // data cells have numbers with a decimal comma ("76,5") and none with a
  // decimal point.
  char decimal = options.decimal;
  if (!decimal) {
    decimal = '.';
    if (delim != ',') {
      std::size_t commas = 0, points = 0;
      const std::size_t probe = std::min<std::size_t>(lines.size(), 50);
      for (std::size_t i = lines.size() > 1 ? 1 : 0; i < probe; ++i) {
        if (splitLine(lines[i].text, delim, cells) != 0) continue;
        for (std::string_view c : cells) {
          double v;
          if (c.find('.') != std::string_view::npos && parseCell(c, '.', v) == CellKind::Number) ++points;
          if (c.find(',') != std::string_view::npos && parseCell(c, ',', v) == CellKind::Number) ++commas;
        }
      }
      if (commas > 0 && points == 0) decimal = ',';
    }
  }
  report.decimal = decimal;

  // Header detection.
  if (const std::size_t col = splitLine(lines[0].text, delim, cells))
    fail("a quoted field is not closed on this line", lines[0].number, col);
  if (delim == ' ') mergeUnitTokens(cells);
  bool header = false;
  if (options.header) {
    header = *options.header;
  } else {
    double v;
    for (std::string_view c : cells)
      if (parseCell(c, decimal, v) == CellKind::Text) header = true;
  }
  report.header = header;
  const std::size_t ncols = cells.size();

  Dataset ds;
  ds.columns.resize(ncols);
  std::set<std::string> used;
  for (std::size_t c = 0; c < ncols; ++c) {
    Column& col = ds.columns[c];
    if (header) splitUnit(unquote(cells[c]), col.label, col.unit);
    if (col.label.empty()) col.label = "col" + std::to_string(c + 1);
    std::string name = toIdentifier(col.label);
    if (used.count(name)) {
      std::string base = name;
      for (int k = 2; used.count(name); ++k) name = base + "_" + std::to_string(k);
      report.warnings.push_back("column " + std::to_string(c + 1) + " '" + col.label + "' renamed to '" + name +
                                "' (duplicate name)");
    }
    used.insert(name);
    col.name = name;
    if (header && name == toIdentifier(col.label) && name != col.label)
      report.notes.push_back("column '" + col.label + "' is called " + name +
                             " in formulas (names have no spaces or symbols)");
    col.values.reserve(lines.size());
  }

  // Data rows, on all cores for large files: each thread parses a fixed
  // range of lines into the rows of the same index (no second copy), then
  // rows left out are squeezed out in order. The first problem in file
  // order is the one reported.
  const std::size_t first = header ? 1 : 0;
  const std::size_t nrows = lines.size() - first;
  for (Column& col : ds.columns) col.values.resize(nrows);
  struct Range {
    std::size_t begin = 0, end = 0;
    std::size_t missing = 0;
    std::vector<ImportReport::SkippedRow> problems;  // in line order
    std::vector<char> keep;                          // per row of the range
  };
  const auto parseRange = [&](Range& rg) {
    std::vector<std::string_view> rowCells;
    std::vector<double> row(ncols);
    rg.keep.assign(rg.end - rg.begin, 1);
    for (std::size_t i = rg.begin; i < rg.end; ++i) {
      const Line& line = lines[first + i];
      std::size_t missing = 0;
      if (detail::parseNumberLine(line.text, delim, decimal, ncols, row.data(), missing)) {
        rg.missing += missing;
        for (std::size_t c = 0; c < ncols; ++c) ds.columns[c].values[i] = row[c];
        continue;
      }
      // The careful path: a row goes in whole or not at all, and a problem
      // is described.
      std::string problem;
      std::size_t problemColumn = 0;
      if (const std::size_t col = splitLine(line.text, delim, rowCells)) {
        problem = "a quoted field is not closed on this line";
        problemColumn = col;
      } else if (rowCells.size() != ncols) {
        problem = "expected " + std::to_string(ncols) + " " + delimiterName(delim) + "-separated fields" +
                  (header ? " (as in the header)" : " (as in the first row)") + ", found " +
                  std::to_string(rowCells.size());
        problemColumn = std::min(rowCells.size(), ncols) + 1;
      }
      missing = 0;
      for (std::size_t c = 0; c < ncols && problem.empty(); ++c) {
        switch (parseCell(rowCells[c], decimal, row[c])) {
          case CellKind::Number:
            break;
          case CellKind::Missing:
            ++missing;
            break;
          case CellKind::Text:
            problem = "column '" + ds.columns[c].label +
                      "': expected a number (or empty/NA/NaN for a missing value), found '" + shorten(rowCells[c]) +
                      "'" + decimalHint(rowCells[c], decimal);
            problemColumn = c + 1;
        }
      }
      if (problem.empty()) {
        rg.missing += missing;
        for (std::size_t c = 0; c < ncols; ++c) ds.columns[c].values[i] = row[c];
        continue;
      }
      rg.keep[i - rg.begin] = 0;
      rg.problems.push_back({line.number, problemColumn, problem});
      // Quoting problems are about the file's structure: never skipped.
      if (!options.skipBadRows || problem.rfind("a quoted field", 0) == 0) return;
    }
  };
  std::size_t threads = nrows >= 20000 ? std::max(1u, std::min(8u, std::thread::hardware_concurrency())) : 1;
  std::vector<Range> ranges(threads);
  for (std::size_t t = 0; t < threads; ++t) {
    ranges[t].begin = nrows * t / threads;
    ranges[t].end = nrows * (t + 1) / threads;
  }
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back([&, t] { parseRange(ranges[t]); });
    parseRange(ranges[0]);
  }
  std::size_t kept = 0;
  for (const Range& rg : ranges) {
    for (const ImportReport::SkippedRow& p : rg.problems) {
      if (!options.skipBadRows || p.reason.rfind("a quoted field", 0) == 0) fail(p.reason, p.line, p.column);
      report.skippedRows.push_back(p);
    }
    report.missingCells += rg.missing;
    for (std::size_t i = rg.begin; i < rg.end; ++i) {
      if (!rg.keep[i - rg.begin]) continue;
      if (kept != i)
        for (Column& col : ds.columns) col.values[kept] = col.values[i];
      ++kept;
    }
  }
  for (Column& col : ds.columns) col.values.resize(kept);
  report.rows = ds.rowCount();
  if (report.rows == 0 && report.skippedRows.empty())
    fail("the file has a header but no data rows", lines[0].number, 0);
  if (report.rows == 0) {
    // Every row is bad: the first one says why (as a strict read would).
    const ImportReport::SkippedRow& bad = report.skippedRows.front();
    fail("no data row can be read; the first bad one: " + bad.reason, bad.line, bad.column);
  }
  if (reportOut) *reportOut = std::move(report);
  return ds;
}

Dataset readDelimitedFile(const std::string& path, const ImportOptions& options, ImportReport* report) {
  ErrorLocation where;
  where.file = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error("file not found", where);
  if (std::filesystem::is_directory(path, ec)) throw Error("this is a folder, not a data file", where);
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error("cannot read the file: " + ec.message(), where);
  if (size > options.maxBytes) throw Error("file is too large (" + std::to_string(size) + " bytes)", where);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw Error("cannot open the file for reading", where);
  std::string text(size, '\0');
  if (size && std::fread(text.data(), 1, size, f.get()) != size) throw Error("cannot read the whole file", where);
  Dataset ds = readDelimitedText(text, path, options, report);
  ds.sourcePath = path;
  ds.name = std::filesystem::path(path).stem().string();
  return ds;
}

std::string toCsv(const Dataset& data) {
  std::string out;
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    const Column& col = data.columns[c];
    if (c) out += ',';
    std::string h = col.label.empty() ? col.name : col.label;
    if (!col.unit.empty()) h += " [" + col.unit + "]";
    // Quoted also when trimming would change it (blanks or U+FEFF at an
    // end, e.g. a header that is only a byte-order mark): quotes keep it.
    if (h.find_first_of(",\"") != std::string::npos || trim(h) != std::string_view(h) ||
        h.find("\xEF\xBB\xBF") != std::string::npos) {
      std::string q = "\"";
      for (char ch : h) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      h = q + "\"";
    }
    out += h;
  }
  out += '\n';
  char buf[32];
  for (std::size_t r = 0; r < data.rowCount(); ++r) {
    bool allMissing = true;
    for (std::size_t c = 0; c < data.columns.size(); ++c) {
      if (c) out += ',';
      const double v = data.columns[c].values[r];
      if (!std::isnan(v)) {
        auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
        out.append(buf, ptr);
        allMissing = false;
      }
    }
    // A one-column row of a missing value would be a blank line, which a
    // reader skips: write NaN so the row survives a round trip.
    if (allMissing && data.columns.size() == 1) out += "NaN";
    out += '\n';
  }
  return out;
}

}  // namespace hf::data
