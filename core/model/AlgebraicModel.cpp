#include "model/AlgebraicModel.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace hf::model {
namespace {

Error modelError(const std::string& what, const std::string& formula, const Error& cause) {
  return Error(what + " '" + formula + "': " + cause.message(), cause.location());
}

}  // namespace

std::vector<std::string> AlgebraicModel::parameterNamesIn(const std::string& formula, const data::Dataset& data) {
  std::vector<std::string> params;
  for (const std::string& n : expr::Expression::freeNames(formula))
    if (data.findColumn(n) < 0) params.push_back(n);
  return params;
}

AlgebraicModel::AlgebraicModel(const data::Dataset& data, const AlgebraicModelSpec& spec) : m_spec(spec) {
  const std::vector<std::string> columns = data.columnNames();
  const std::set<std::string> paramSet(spec.parameters.begin(), spec.parameters.end());
  if (paramSet.size() != spec.parameters.size()) throw Error("a parameter name is listed twice");
  for (const std::string& p : spec.parameters)
    if (std::find(columns.begin(), columns.end(), p) != columns.end())
      throw Error("'" + p + "' is both a data column and a parameter; rename the parameter");

  std::vector<std::string> names;
  try {
    names = expr::Expression::freeNames(spec.formula, /*includeConstants=*/true);
  } catch (const Error& e) {
    throw modelError("in the model formula", spec.formula, e);
  }
  for (const std::string& n : names)
    if (std::find(columns.begin(), columns.end(), n) != columns.end()) m_variables.push_back(n);
  try {
    m_formula = expr::Expression::compile(spec.formula, m_variables, spec.parameters);
  } catch (const Error& e) {
    throw modelError("in the model formula", spec.formula, e);
  }

  if (spec.response.empty()) throw Error("no response given: name the column (or expression of columns) to fit");
  expr::Expression response;
  try {
    response = expr::Expression::compile(spec.response, columns, {});
  } catch (const Error& e) {
    throw modelError("in the response", spec.response, e);
  }
  std::vector<int> used;  // columns whose missing cells drop a row
  for (const std::string& v : m_variables) used.push_back(data.findColumn(v));
  for (const std::string& n : expr::Expression::freeNames(spec.response, true)) used.push_back(data.findColumn(n));
  int weightCol = -1;
  if (spec.weightKind != WeightKind::None) {
    if (spec.weightColumn.empty()) throw Error("weights are on, but no weight column is chosen");
    weightCol = data.findColumn(spec.weightColumn);
    if (weightCol < 0) throw Error("weight column '" + spec.weightColumn + "' is not in the data");
    used.push_back(weightCol);
  }

  std::vector<double> rowValues(columns.size());
  for (std::size_t r = 0; r < data.rowCount(); ++r) {
    bool complete = true;
    for (int c : used)
      if (c >= 0 && data::Dataset::isMissing(data.columns[static_cast<std::size_t>(c)].values[r])) complete = false;
    if (!complete) continue;
    for (std::size_t c = 0; c < columns.size(); ++c) rowValues[c] = data.columns[c].values[r];
    const double y = response.evaluate(rowValues, {});
    if (!std::isfinite(y))
      throw Error("the response '" + spec.response + "' is not a finite number at data row " + std::to_string(r + 1));
    double scale = 1.0;
    if (weightCol >= 0) {
      const double w = data.columns[static_cast<std::size_t>(weightCol)].values[r];
      if (spec.weightKind == WeightKind::Sigma) {
        if (!(w > 0.0) || !std::isfinite(w))
          throw Error("sigma must be positive, but column '" + spec.weightColumn + "' holds " + std::to_string(w) +
                      " at data row " + std::to_string(r + 1));
        scale = 1.0 / w;
      } else {
        if (!(w >= 0.0) || !std::isfinite(w))
          throw Error("weights must be zero or positive, but column '" + spec.weightColumn + "' holds " +
                      std::to_string(w) + " at data row " + std::to_string(r + 1));
        if (w == 0.0) continue;  // contributes nothing, and must not count as a point
        scale = std::sqrt(w);
      }
    }
    m_rows.push_back(r);
    for (const std::string& v : m_variables)
      m_inputs.push_back(data.columns[static_cast<std::size_t>(data.findColumn(v))].values[r]);
    m_observed.push_back(y);
    m_scale.push_back(scale);
  }
  if (m_rows.empty()) throw Error("no complete data rows: every row has a missing value in a column the model uses");
}

std::span<const double> AlgebraicModel::inputs(std::size_t i) const {
  const std::size_t nv = m_variables.size();
  return {m_inputs.data() + i * nv, nv};
}

double AlgebraicModel::predict(std::size_t i, std::span<const double> params) const {
  thread_local expr::Workspace ws;
  return m_formula.evaluate(inputs(i), params, ws);
}

double AlgebraicModel::totalSumOfSquares() const {
  double sw = 0.0, swy = 0.0;
  for (std::size_t i = 0; i < m_observed.size(); ++i) {
    const double w = m_scale[i] * m_scale[i];
    sw += w;
    swy += w * m_observed[i];
  }
  const double mean = swy / sw;
  double tss = 0.0;
  for (std::size_t i = 0; i < m_observed.size(); ++i) {
    const double d = m_scale[i] * (m_observed[i] - mean);
    tss += d * d;
  }
  return tss;
}

bool AlgebraicModel::evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                                   std::span<double> jacobian, EvalScratch& scratch) const {
  const double s = m_scale[block];
  double f;
  if (jacobian.empty()) {
    f = m_formula.evaluate(inputs(block), params, scratch.expr);
  } else {
    // Non-finite derivatives are passed on, not judged here: they may
    // belong to fixed parameters (d/dn of x^n at x < 0 with n fixed), which
    // the solver never sees; the calibrator checks the columns it uses.
    f = m_formula.gradient(inputs(block), params, jacobian, {}, scratch.expr);
    for (double& d : jacobian) d *= s;
  }
  residuals[0] = s * (f - m_observed[block]);
  return std::isfinite(residuals[0]);
}

}  // namespace hf::model
