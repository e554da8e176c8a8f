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
  /// or has neither one nor two input columns.
  bool rebuild(const project::Project& project);
  bool isValid() const { return m_valid; }
  /// Two inputs: x() and x2() are the inputs, the model is a surface.
  bool isSurface() const { return m_surface; }
  const std::vector<double>& x2() const { return m_x2; }
  const QString& x2Title() const { return m_x2Title; }
  static constexpr int kSurfaceGrid = 40;  ///< grid points per input
  const std::vector<double>& grid1() const { return m_grid; }
  const std::vector<double>& grid2() const { return m_grid2; }
  /// Model values on grid1 x grid2, row-major in grid2 (z[j * n1 + i]);
  /// NaN where the model is not finite.
  void surface(const std::vector<double>& params, std::vector<double>& z) const;

  const std::vector<double>& x() const { return m_x; }
  const std::vector<double>& y() const { return m_y; }
  /// Whether the fit weights its residuals (sigma or weight column).
  bool isWeighted() const { return m_weighted; }
  /// Residual weight of each shown point (1/sigma or sqrt(w); 1 unweighted).
  const std::vector<double>& scale() const { return m_scale; }
  const QString& xTitle() const { return m_xTitle; }
  const QString& yTitle() const { return m_yTitle; }
  const QString& dataName() const { return m_name; }
  /// 1 when every point is shown, k when every k-th point is.
  std::size_t shownEvery() const { return m_shownEvery; }

  /// The curve at `params` (all parameters, model order) over the data's
  /// x range; points where the model is not finite are left out.
  void curve(const std::vector<double>& params, std::vector<double>& cx, std::vector<double>& cy) const;
  /// Model predictions at the shown data points (same order as x(), y()).
  void predictions(const std::vector<double>& params, std::vector<double>& out) const;
  /// Parameters to draw when no fit is running: the last result, or starts.
  static std::vector<double> defaultParameters(const project::Project& project, bool* fitted = nullptr);

 private:
  bool m_valid = false;
  expr::Expression m_formula;
  bool m_surface = false;
  std::vector<double> m_x, m_y, m_grid, m_x2, m_grid2, m_scale;
  bool m_weighted = false;
  QString m_xTitle, m_yTitle, m_name, m_x2Title;
  std::size_t m_shownEvery = 1;
};

}  // namespace hf::app
