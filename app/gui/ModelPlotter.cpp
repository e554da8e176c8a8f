#include "ModelPlotter.h"

#include "common/Error.h"
#include "model/AlgebraicModel.h"
#include "project/ParameterValues.h"

#include <algorithm>
#include <cmath>

namespace hf::app {
namespace {
QString axisTitle(const data::Column& c) {
  const QString label = QString::fromStdString(c.label.empty() ? c.name : c.label);
  return c.unit.empty() ? label : QStringLiteral("%1 [%2]").arg(label, QString::fromStdString(c.unit));
}
constexpr int kCurvePoints = 300;
constexpr std::size_t kMaxShownPoints = 2000;
}  // namespace

bool ModelPlotter::rebuild(const project::Project& p) {
  m_valid = m_surface = false;
  m_x.clear();
  m_x2.clear();
  m_y.clear();
  m_scale.clear();
  m_grid.clear();
  m_grid2.clear();
  try {
    const data::Dataset& d = p.modelDataset();
    const model::AlgebraicModel m(d, p.model.spec);
    const std::size_t inputs = m.variables().size();
    if (inputs != 1 && inputs != 2) return false;
    m_surface = inputs == 2;
    m_formula = m.formula();
    auto column = [&d](const std::string& name) -> const data::Column& {
      return d.columns[static_cast<std::size_t>(d.findColumn(name))];
    };
    m_xTitle = axisTitle(column(m.variables()[0]));
    if (m_surface) m_x2Title = axisTitle(column(m.variables()[1]));
    const int yi = d.findColumn(p.model.spec.response);
    m_yTitle =
        yi >= 0 ? axisTitle(d.columns[static_cast<std::size_t>(yi)]) : QString::fromStdString(p.model.spec.response);
    m_name = QString::fromStdString(d.name);
    // Show at most kMaxShownPoints markers: more cannot be told apart on a
    // screen, and drawing hundreds of thousands would stall the GUI thread
    // on every redraw (live curves during a fit redraw often).
    const std::size_t n = m.rows().size();
    const std::size_t stride = (n + kMaxShownPoints - 1) / kMaxShownPoints;
    double lo = INFINITY, hi = -INFINITY, lo2 = INFINITY, hi2 = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
      const double x0 = m.input(i, 0);
      const double x1 = m_surface ? m.input(i, 1) : 0.0;
      lo = std::min(lo, x0);
      hi = std::max(hi, x0);
      if (m_surface) {
        lo2 = std::min(lo2, x1);
        hi2 = std::max(hi2, x1);
      }
      if (i % stride) continue;
      m_x.push_back(x0);
      if (m_surface) m_x2.push_back(x1);
      m_y.push_back(m.observed()[i]);
      m_scale.push_back(m.scale(i));
    }
    m_weighted = p.model.spec.weightKind != model::WeightKind::None;
    m_shownEvery = stride;
    if (stride > 1) m_name += QStringLiteral(" (every %1th point shown)").arg(stride);
    const int points = m_surface ? kSurfaceGrid - 1 : kCurvePoints;
    for (int i = 0; i <= points; ++i) m_grid.push_back(lo + (hi - lo) * i / double(points));
    if (m_surface)
      for (int i = 0; i <= points; ++i) m_grid2.push_back(lo2 + (hi2 - lo2) * i / double(points));
    m_valid = true;
  } catch (const Error&) {
  }
  return m_valid;
}

void ModelPlotter::surface(const std::vector<double>& params, std::vector<double>& z) const {
  z.clear();
  if (!m_valid || !m_surface || params.size() != m_formula.parameterCount()) return;
  expr::Workspace ws;
  for (double b : m_grid2)
    for (double a : m_grid) {
      const double in[2] = {a, b};
      const double v = m_formula.evaluate(std::span<const double>(in, 2), params, ws);
      z.push_back(std::isfinite(v) ? v : NAN);
    }
}

void ModelPlotter::curve(const std::vector<double>& params, std::vector<double>& cx, std::vector<double>& cy) const {
  cx.clear();
  cy.clear();
  if (!m_valid || m_surface || params.size() != m_formula.parameterCount()) return;
  expr::Workspace ws;
  for (double xv : m_grid) {
    const double v = m_formula.evaluate(std::span<const double>(&xv, 1), params, ws);
    if (std::isfinite(v)) {
      cx.push_back(xv);
      cy.push_back(v);
    }
  }
}

void ModelPlotter::predictions(const std::vector<double>& params, std::vector<double>& out) const {
  out.clear();
  if (!m_valid || params.size() != m_formula.parameterCount()) return;
  expr::Workspace ws;
  for (std::size_t i = 0; i < m_x.size(); ++i) {
    const double in[2] = {m_x[i], m_surface ? m_x2[i] : 0.0};
    out.push_back(m_formula.evaluate(std::span<const double>(in, m_surface ? 2 : 1), params, ws));
  }
}

std::vector<double> ModelPlotter::defaultParameters(const project::Project& p, bool* fitted) {
  return project::currentParameterValues(p, fitted);
}

}  // namespace hf::app
