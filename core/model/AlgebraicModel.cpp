#include "model/AlgebraicModel.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace hf::model {
namespace {

// A formula that fails to compile and mentions a header text with spaces or
// symbols ("substrate conc") gets told the column's formula name.
std::string renamedColumnHint(const std::string& formula, const data::Dataset* data) {
  if (!data) return {};
  std::string hint;
  for (const data::Column& c : data->columns)
    if (!c.label.empty() && c.label != c.name && formula.find(c.label) != std::string::npos)
      hint += (hint.empty() ? "" : "; ") + ("column '" + c.label + "' is called " + c.name + " in formulas");
  return hint.empty() ? hint : " (" + hint + ")";
}

Error modelError(const std::string& what, const std::string& formula, const Error& cause,
                 const data::Dataset* data = nullptr) {
  return Error(what + " '" + formula + "': " + cause.message() + renamedColumnHint(formula, data), cause.location());
}

}  // namespace

std::vector<std::string> AlgebraicModel::parameterNamesIn(const std::string& formula, const data::Dataset& data) {
  std::vector<std::string> params;
  std::vector<std::string> names;
  try {
    names = expr::Expression::freeNames(formula);
  } catch (const Error& e) {
    throw Error(e.message() + renamedColumnHint(formula, &data), e.location());
  }
  for (const std::string& n : names)
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
    throw modelError("in the model formula", spec.formula, e, &data);
  }
  for (const std::string& n : names)
    if (std::find(columns.begin(), columns.end(), n) != columns.end()) m_variables.push_back(n);
  std::vector<std::string> taken = columns;
  taken.insert(taken.end(), spec.parameters.begin(), spec.parameters.end());
  m_learned = LearnedTerms(spec.learned, spec.parameters.size(), taken);
  m_parameterNames = spec.parameters;
  m_parameterNames.insert(m_parameterNames.end(), m_learned.weightNames().begin(), m_learned.weightNames().end());
  try {
    m_formula = expr::Expression::compile(spec.formula, m_variables, m_parameterNames, m_learned.bindings());
  } catch (const Error& e) {
    throw modelError("in the model formula", spec.formula, e, &data);
  }

  if (spec.response.empty()) throw Error("no response given: name the column (or expression of columns) to fit");
  expr::Expression response;
  try {
    response = expr::Expression::compile(spec.response, columns, {});
  } catch (const Error& e) {
    throw modelError("in the response", spec.response, e, &data);
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

  m_inputs.resize(m_variables.size());
  // A response that is a plain column is read directly; an expression of
  // columns is evaluated per row over the columns it names.
  const int responseColumn = data.findColumn(spec.response);
  std::vector<double> rowValues(columns.size());
  std::vector<const double*> usedValues, inputValues;
  for (int c : used)
    if (c >= 0) usedValues.push_back(data.columns[static_cast<std::size_t>(c)].values.data());
  for (const std::string& v : m_variables)
    inputValues.push_back(data.columns[static_cast<std::size_t>(data.findColumn(v))].values.data());
  const std::size_t rowCount = data.rowCount();
  m_rows.reserve(rowCount);
  m_observed.reserve(rowCount);
  for (auto& in : m_inputs) in.reserve(rowCount);
  if (weightCol >= 0) m_scale.reserve(rowCount);
  for (std::size_t r = 0; r < rowCount; ++r) {
    bool complete = true;
    for (const double* values : usedValues) complete = complete && !data::Dataset::isMissing(values[r]);
    if (!complete) continue;
    double y;
    if (responseColumn >= 0) {
      y = data.columns[static_cast<std::size_t>(responseColumn)].values[r];
    } else {
      for (int c : used)
        if (c >= 0) rowValues[static_cast<std::size_t>(c)] = data.columns[static_cast<std::size_t>(c)].values[r];
      y = response.evaluate(rowValues, {});
    }
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
    for (std::size_t v = 0; v < inputValues.size(); ++v) m_inputs[v].push_back(inputValues[v][r]);
    m_observed.push_back(y);
    if (weightCol >= 0) m_scale.push_back(scale);
  }
  if (m_rows.empty()) throw Error("no complete data rows: every row has a missing value in a column the model uses");
  compilePenalties(data);
}

void AlgebraicModel::compilePenalties(const data::Dataset& data) {
  const std::vector<std::string> columns = data.columnNames();
  const RangeOf range = [&](const std::string& v, double& lo, double& hi) {
    lo = std::numeric_limits<double>::infinity();
    hi = -lo;
    const auto used = std::find(m_variables.begin(), m_variables.end(), v);
    const std::vector<double>& values = used != m_variables.end()
                                            ? m_inputs[static_cast<std::size_t>(used - m_variables.begin())]
                                            : data.columns[static_cast<std::size_t>(data.findColumn(v))].values;
    for (double x : values)
      if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
    return lo <= hi;
  };
  checkPenalties(m_spec.penalties, m_learned.penaltyLabels());
  for (const PenaltySpec& spec : m_spec.penalties) {
    const std::string who = "penalty '" + spec.label() + "'";
    Penalty k;
    std::vector<std::string> variables;
    if (spec.expression.empty()) {
      k.g = m_formula;
      variables = m_variables;
    } else {
      try {
        for (const std::string& n : expr::Expression::freeNames(spec.expression, true))
          if (std::find(columns.begin(), columns.end(), n) != columns.end()) variables.push_back(n);
        k.g = expr::Expression::compile(spec.expression, variables, m_parameterNames, m_learned.bindings());
      } catch (const Error& e) {
        throw modelError("in " + who + ", expression", spec.expression, e, &data);
      }
    }
    k.grid = collocationGrid(spec, variables, range);
    k.residuals = penaltyResidualCount(spec, k.grid);
    if (k.residuals == 0) throw Error(who + ": its grid has no pair of points to compare");
    m_penalties.push_back(std::move(k));
  }
}

bool AlgebraicModel::evaluatePenalty(const Penalty& k, std::span<const double> params, std::span<double> residuals,
                                     std::span<double> jacobian, EvalScratch& scratch) const {
  const std::size_t n = k.grid.points(), P = params.size();
  scratch.variables.resize(k.grid.variables.size());
  for (std::size_t v = 0; v < k.grid.variables.size(); ++v) scratch.variables[v] = k.grid.values[v].data();
  scratch.penalty.resize(jacobian.empty() ? n : n * (P + 1));
  const std::span<double> g(scratch.penalty.data(), n), dg(scratch.penalty.data() + n, jacobian.empty() ? 0 : n * P);
  if (jacobian.empty())
    k.g.evaluateRows(scratch.variables, n, params, g, scratch.expr);
  else
    k.g.gradientRows(scratch.variables, n, params, g, dg, scratch.expr);
  const PenaltySpec& spec = m_spec.penalties[static_cast<std::size_t>(&k - m_penalties.data())];
  assemblePenalty(spec, k.grid, g, dg, P, residuals, jacobian);
  bool finite = true;
  for (double r : residuals) finite = finite && std::isfinite(r);
  return finite;
}

std::vector<double> AlgebraicModel::defaultStarts() const {
  if (m_learned.empty()) return {};
  std::vector<double> starts(m_spec.parameters.size(), std::numeric_limits<double>::quiet_NaN());
  const std::vector<double> w = m_learned.initialWeights();
  starts.insert(starts.end(), w.begin(), w.end());
  return starts;
}

std::vector<double> AlgebraicModel::reseededStarts(std::uint64_t offset) const {
  if (m_learned.empty()) return {};
  std::vector<double> starts(m_spec.parameters.size(), std::numeric_limits<double>::quiet_NaN());
  const std::vector<double> w = m_learned.reseededWeights(offset);
  starts.insert(starts.end(), w.begin(), w.end());
  return starts;
}

int AlgebraicModel::blockSize(std::size_t block) const {
  const std::size_t l2 = dataBlockCount() + m_learned.penaltyBlockCount();
  if (block >= l2) return static_cast<int>(m_penalties[block - l2].residuals);
  if (block >= dataBlockCount()) return m_learned.penaltyBlockSize(block - dataBlockCount());
  return static_cast<int>(std::min(kChunkRows, m_rows.size() - block * kChunkRows));
}

std::string AlgebraicModel::blockTerm(std::size_t block) const {
  const std::size_t l2 = dataBlockCount() + m_learned.penaltyBlockCount();
  if (block >= l2) return m_spec.penalties[block - l2].label();
  if (block >= dataBlockCount()) return m_learned.penaltyLabel(block - dataBlockCount());
  return {};
}

double AlgebraicModel::predict(std::size_t i, std::span<const double> params) const {
  thread_local expr::Workspace ws;
  thread_local std::vector<double> row;
  row.resize(m_inputs.size());
  for (std::size_t v = 0; v < m_inputs.size(); ++v) row[v] = m_inputs[v][i];
  return m_formula.evaluate(row, params, ws);
}

std::vector<double> AlgebraicModel::typicalMagnitudes() const {
  const auto medianAbs = [](const std::vector<double>& v) {
    std::vector<double> a;
    a.reserve(v.size());
    for (double x : v) a.push_back(std::fabs(x));
    if (a.empty()) return 0.0;
    std::nth_element(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(a.size() / 2), a.end());
    return a[a.size() / 2];
  };
  std::vector<double> out{medianAbs(m_observed)};
  for (const std::vector<double>& in : m_inputs) out.push_back(medianAbs(in));
  return out;
}

double AlgebraicModel::totalSumOfSquares() const {
  double sw = 0.0, swy = 0.0;
  for (std::size_t i = 0; i < m_observed.size(); ++i) {
    const double w = scale(i) * scale(i);
    sw += w;
    swy += w * m_observed[i];
  }
  const double mean = swy / sw;
  double tss = 0.0;
  for (std::size_t i = 0; i < m_observed.size(); ++i) {
    const double d = scale(i) * (m_observed[i] - mean);
    tss += d * d;
  }
  return tss;
}

bool AlgebraicModel::evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                                   std::span<double> jacobian, EvalScratch& scratch) const {
  if (const std::size_t l2 = dataBlockCount() + m_learned.penaltyBlockCount(); block >= l2)
    return evaluatePenalty(m_penalties[block - l2], params, residuals, jacobian, scratch);
  if (block >= dataBlockCount()) {
    const std::size_t b = block - dataBlockCount();
    m_learned.evaluatePenalty(b, m_learned.bindings()[m_learned.penaltyComponent(b)].firstWeight, params, residuals,
                              jacobian);
    return true;
  }
  const std::size_t first = block * kChunkRows;
  const std::size_t m = residuals.size();
  scratch.variables.resize(m_inputs.size());
  for (std::size_t v = 0; v < m_inputs.size(); ++v) scratch.variables[v] = m_inputs[v].data() + first;
  if (jacobian.empty()) {
    m_formula.evaluateRows(scratch.variables, m, params, residuals, scratch.expr);
  } else {
    // Non-finite derivatives are passed on, not judged here: they may
    // belong to fixed parameters (d/dn of x^n at x < 0 with n fixed), which
    // the solver never sees; the calibrator checks the columns it uses.
    m_formula.gradientRows(scratch.variables, m, params, residuals, jacobian, scratch.expr);
    const std::size_t p = params.size();
    for (std::size_t i = 0; i < m && !m_scale.empty(); ++i) {
      const double s = m_scale[first + i];
      for (std::size_t k = 0; k < p; ++k) jacobian[i * p + k] *= s;
    }
  }
  bool finite = true;
  for (std::size_t i = 0; i < m; ++i) {
    residuals[i] = scale(first + i) * (residuals[i] - m_observed[first + i]);
    finite = finite && std::isfinite(residuals[i]);
  }
  return finite;
}

}  // namespace hf::model
