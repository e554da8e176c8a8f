#pragma once
// Comma-separated numbers as the learned-term and penalty editors show
// them ("5, 5, 5"; "300, 1.5"), read back with the offending entry named.

#include <QString>
#include <QStringList>

#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

namespace hf::app {

inline QString joinNumbers(const std::vector<double>& values) {
  QStringList parts;
  for (double v : values) parts << QString::number(v, 'g', 12);
  return parts.join(QStringLiteral(", "));
}

inline QString joinCounts(const std::vector<std::size_t>& values) {
  QStringList parts;
  for (std::size_t v : values) parts << QString::number(v);
  return parts.join(QStringLiteral(", "));
}

/// The numbers in `text` (empty text: none); nullopt and `error` set when
/// an entry is not a finite number.
inline std::optional<std::vector<double>> parseNumbers(const QString& text, QString* error) {
  std::vector<double> out;
  if (text.trimmed().isEmpty()) return out;
  for (const QString& part : text.split(',')) {
    bool ok = false;
    const double v = part.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
      if (error) *error = QStringLiteral("'%1' is not a number").arg(part.trimmed());
      return std::nullopt;
    }
    out.push_back(v);
  }
  return out;
}

/// Whole numbers >= 1 (layer widths).
inline std::optional<std::vector<std::size_t>> parseCounts(const QString& text, QString* error) {
  std::vector<std::size_t> out;
  if (text.trimmed().isEmpty()) return out;
  for (const QString& part : text.split(',')) {
    bool ok = false;
    const int v = part.trimmed().toInt(&ok);
    if (!ok || v < 1) {
      if (error) *error = QStringLiteral("'%1' is not a width (a whole number from 1)").arg(part.trimmed());
      return std::nullopt;
    }
    out.push_back(static_cast<std::size_t>(v));
  }
  return out;
}

}  // namespace hf::app
