#include "ModelPlotter.h"

#include "common/Error.h"
#include "model/AlgebraicModel.h"

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
  m_valid = false;
  m_x.clear();
  m_y.clear();
  m_grid.clear();
  try {
    const data::Dataset& d = p.modelDataset();
    const model::AlgebraicModel m(d, p.model.spec);
    if (m.variables().size() != 1) return false;
    m_formula = m.formula();
    const data::Column& xc = d.columns[static_cast<std::size_t>(d.findColumn(m.variables().front()))];
    const int yi = d.findColumn(p.model.spec.response);
    m_xTitle = axisTitle(xc);
    m_yTitle =
        yi >= 0 ? axisTitle(d.columns[static_cast<std::size_t>(yi)]) : QString::fromStdString(p.model.spec.response);
    m_name = QString::fromStdString(d.name);
    // Show at most kMaxShownPoints markers: more cannot be told apart on a
    // screen, and drawing hundreds of thousands would stall the GUI thread
    // on every redraw (live curves during a fit redraw often).
    const std::size_t n = m.rows().size();
    const std::size_t stride = (n + kMaxShownPoints - 1) / kMaxShownPoints;
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
      const double xv = m.inputs(i)[0];
      lo = std::min(lo, xv);
      hi = std::max(hi, xv);
      if (i % stride) continue;
      m_x.push_back(xv);
      m_y.push_back(m.observed()[i]);
    }
    m_shownEvery = stride;
    if (stride > 1) m_name += QStringLiteral(" (every %1th point shown)").arg(stride);
    for (int i = 0; i <= kCurvePoints; ++i) m_grid.push_back(lo + (hi - lo) * i / double(kCurvePoints));
    m_valid = true;
  } catch (const Error&) {
  }
  return m_valid;
}

void ModelPlotter::curve(const std::vector<double>& params, std::vector<double>& cx, std::vector<double>& cy) const {
  cx.clear();
  cy.clear();
  if (!m_valid || params.size() != m_formula.parameterCount()) return;
  expr::Workspace ws;
  for (double xv : m_grid) {
    const double v = m_formula.evaluate(std::span<const double>(&xv, 1), params, ws);
    if (std::isfinite(v)) {
      cx.push_back(xv);
      cy.push_back(v);
    }
  }
}

std::vector<double> ModelPlotter::defaultParameters(const project::Project& p, bool* fitted) {
  std::vector<double> params;
  for (const fit::ParameterSetting& s : p.parameters) params.push_back(s.start);
  if (fitted) *fitted = false;
  if (p.lastResult && p.lastResult->parameters.size() == params.size()) {
    bool same = true;
    for (std::size_t i = 0; i < params.size(); ++i)
      same = same && p.lastResult->parameters[i].name == p.parameters[i].name;
    if (same) {
      for (std::size_t i = 0; i < params.size(); ++i) params[i] = p.lastResult->parameters[i].value;
      if (fitted) *fitted = true;
    }
  }
  return params;
}

}  // namespace hf::app
