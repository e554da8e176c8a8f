#pragma once
// Prepares what the data-and-model chart shows for a project: the data
// points (once per project change) and the model curve on a fixed grid,
// which is cheap enough to recompute on every progress report of a
// running fit (no model rebuild, no data copy on the GUI thread).

#include "expr/Expression.h"
#include "project/Project.h"

#include <QString>

#include <vector>

namespace hf::app {

class ModelPlotter {
 public:
  /// Rebuilds from the project; false (and empty) when the model is invalid
  /// or does not have exactly one input column.
  bool rebuild(const project::Project& project);
  bool isValid() const { return m_valid; }

  const std::vector<double>& x() const { return m_x; }
  const std::vector<double>& y() const { return m_y; }
  const QString& xTitle() const { return m_xTitle; }
  const QString& yTitle() const { return m_yTitle; }
  const QString& dataName() const { return m_name; }
  /// 1 when every point is shown, k when every k-th point is.
  std::size_t shownEvery() const { return m_shownEvery; }

  /// The curve at `params` (all parameters, model order) over the data's
  /// x range; points where the model is not finite are left out.
  void curve(const std::vector<double>& params, std::vector<double>& cx, std::vector<double>& cy) const;
  /// Parameters to draw when no fit is running: the last result, or starts.
  static std::vector<double> defaultParameters(const project::Project& project, bool* fitted = nullptr);

 private:
  bool m_valid = false;
  expr::Expression m_formula;
  std::vector<double> m_x, m_y, m_grid;
  QString m_xTitle, m_yTitle, m_name;
  std::size_t m_shownEvery = 1;
};

}  // namespace hf::app
