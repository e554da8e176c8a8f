#include "project/StatedOde.h"

#include "common/Error.h"
#include "expr/Expression.h"
#include "ml/LearnedFunction.h"
#include "model/AlgebraicModel.h"
#include "ode/Integrator.h"
#include "project/ParameterValues.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace hf::project {
namespace {

// dN/dt = -A^-1 g0 from the penalties' residuals g, with N replaced by the
// polynomial line c0 + c1 t (weights after the model's parameters).
class StatedRates final : public ode::RightHandSide {
 public:
  StatedRates(std::vector<expr::Expression> residuals, std::vector<double> params, std::size_t firstLine,
              std::size_t outputs)
      : m_residuals(std::move(residuals)), m_params(std::move(params)), m_first(firstLine), m_n(outputs) {}

  std::size_t stateCount() const override { return m_n; }
  std::size_t sensitivityCount() const override { return 0; }

  /// Row r of A (every output) and g0 at (t, y).
  void linearise(double t, const double* y, Eigen::MatrixXd& a, Eigen::VectorXd& g0) {
    const std::size_t rows = m_residuals.size();
    a.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(m_n));
    g0.resize(static_cast<Eigen::Index>(rows));
    line(y, nullptr, t);
    for (std::size_t r = 0; r < rows; ++r) g0(static_cast<Eigen::Index>(r)) = value(r, t);
    for (std::size_t j = 0; j < m_n; ++j) {
      line(y, &j, t);
      for (std::size_t r = 0; r < rows; ++r)
        a(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = value(r, t) - g0(static_cast<Eigen::Index>(r));
    }
  }

  bool rates(double t, const double* y, double* f) override {
    Eigen::MatrixXd a;
    Eigen::VectorXd g0;
    linearise(t, y, a, g0);
    const Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
    if (!lu.isInvertible()) return false;
    const Eigen::VectorXd d = lu.solve(-g0);
    for (std::size_t k = 0; k < m_n; ++k) {
      f[k] = d(static_cast<Eigen::Index>(k));
      if (!std::isfinite(f[k])) return false;
    }
    return true;
  }

  // Forward differences: only a stiff method would ask, for a plot.
  bool jacobians(double t, const double* y, double* f, double* jy, double*) override {
    if (!rates(t, y, f)) return false;
    std::vector<double> yy(y, y + m_n), ff(m_n);
    for (std::size_t j = 0; j < m_n; ++j) {
      const double h = 1e-7 * std::max(1.0, std::fabs(y[j]));
      yy[j] = y[j] + h;
      if (!rates(t, yy.data(), ff.data())) return false;
      for (std::size_t i = 0; i < m_n; ++i) jy[i * m_n + j] = (ff[i] - f[i]) / h;
      yy[j] = y[j];
    }
    return true;
  }

 private:
  // The line through y at t with slope e_j (or 0): c0 + c1 t.
  void line(const double* y, const std::size_t* slopeIn, double t) {
    for (std::size_t k = 0; k < m_n; ++k) {
      const double slope = slopeIn && *slopeIn == k ? 1.0 : 0.0;
      m_params[m_first + 2 * k] = y[k] - slope * t;
      m_params[m_first + 2 * k + 1] = slope;
    }
  }
  double value(std::size_t r, double t) {
    return m_residuals[r].evaluate(std::span<const double>(&t, 1), m_params, m_ws);
  }

  std::vector<expr::Expression> m_residuals;
  std::vector<double> m_params;
  std::size_t m_first, m_n;
  expr::Workspace m_ws;
};

StatedOde solve(const Project& p, const std::string& component, std::span<const double> times) {
  StatedOde out;
  out.times.assign(times.begin(), times.end());
  if (p.model.isOde()) throw Error("an ODE model integrates its equations itself");
  const auto& learned = p.model.spec.learned;
  const auto spec =
      std::find_if(learned.begin(), learned.end(), [&](const ml::LearnedSpec& s) { return s.name == component; });
  if (spec == learned.end()) throw Error("the model has no learned component '" + component + "'");
  if (spec->inputs != 1) throw Error("'" + component + "' has more than one input");
  const std::vector<std::string> args = expr::Expression::learnedArguments(p.model.spec.formula, component);
  if (args.size() != 1 || args[0].empty() || p.modelDataset().findColumn(args[0]) < 0)
    throw Error("the formula does not call '" + component + "' with a data column");
  out.time = args[0];
  if (times.empty()) return out;

  const model::AlgebraicModel m(p.modelDataset(), p.model.spec);
  std::vector<double> params = currentParameterValues(p);
  if (params.size() != m.parameterCount()) throw Error("the parameters do not match the model");
  std::vector<std::string> names = m.parameterNames();
  const std::size_t first = names.size(), n = spec->outputs;
  ml::LearnedSpec line;
  line.name = component;
  line.kind = ml::LearnedKind::Polynomial;
  line.inputs = 1;
  line.outputs = n;
  line.degree = 1;  // weights per output: c0, c1
  std::vector<expr::LearnedBinding> bindings;
  std::shared_ptr<const ml::LearnedFunction> network;
  std::size_t networkFirst = 0;
  for (const expr::LearnedBinding& b : m.learned().bindings()) {
    if (b.name != component) {
      bindings.push_back(b);
    } else {
      network = b.function;
      networkFirst = b.firstWeight;
      bindings.push_back({component, ml::LearnedFunction::create(line), first});
    }
  }
  for (std::size_t k = 0; k < 2 * n; ++k) names.push_back("#line" + std::to_string(k));
  params.resize(names.size(), 0.0);

  std::vector<expr::Expression> residuals;
  for (const model::PenaltySpec& s : p.model.spec.penalties) {
    if (!differentiates(s, component)) continue;
    const std::vector<std::string> free = expr::Expression::freeNames(s.expression);
    const bool onlyTime = std::all_of(free.begin(), free.end(), [&](const std::string& v) {
      return v == out.time || p.modelDataset().findColumn(v) < 0;
    });
    if (!onlyTime) continue;  // reads another column: not an ODE in time alone
    residuals.push_back(expr::Expression::compile(s.expression, {out.time}, names, bindings));
  }

  // N(t0) from the network, then the rows that hold a derivative.
  std::vector<double> y0(n), scratch(network->scratchSize());
  network->evaluate(&times[0], params.data() + networkFirst, y0.data(), scratch.data());
  StatedRates probe(residuals, params, first, n);
  Eigen::MatrixXd a;
  Eigen::VectorXd g0;
  probe.linearise(times[0], y0.data(), a, g0);
  std::vector<expr::Expression> kept;
  for (std::size_t r = 0; r < residuals.size(); ++r)
    if (a.row(static_cast<Eigen::Index>(r)).cwiseAbs().maxCoeff() > 0) kept.push_back(residuals[r]);
  if (kept.size() < n)
    throw Error("the equation penalties state the derivatives of " + std::to_string(kept.size()) + " of '" + component +
                "''s " + std::to_string(n) + " outputs; an ODE needs one equation per output");
  if (kept.size() > n)
    throw Error(std::to_string(kept.size()) + " equation penalties with derivatives of '" + component +
                "', which has " + std::to_string(n) + " output" + (n == 1 ? "" : "s") +
                "; an ODE needs one equation per output");

  StatedRates rates(std::move(kept), params, first, n);
  ode::IntegratorSettings settings;
  settings.method = ode::IntegratorSettings::Method::Dopri5;
  const ode::Solution sol = ode::integrate(rates, {times[0], y0, {}, times, {}, {}}, settings);
  out.states.assign(times.size() * n, std::numeric_limits<double>::quiet_NaN());
  std::copy(sol.states.begin(),
            sol.states.begin() + static_cast<std::ptrdiff_t>(std::min(sol.states.size(), out.states.size())),
            out.states.begin());
  if (!sol.ok()) out.problem = "the stated ODE could not be solved: " + sol.reason;
  return out;
}

}  // namespace

bool differentiates(const model::PenaltySpec& penalty, const std::string& component) {
  if (penalty.kind != model::PenaltyKind::Equation) return false;
  std::string text = penalty.expression;
  text.erase(std::remove_if(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }), text.end());
  return text.find("diff(" + component + "(") != std::string::npos;
}

bool statesOde(const Project& project, const std::string& component) {
  if (project.model.isOde()) return false;
  const auto& penalties = project.model.spec.penalties;
  return std::any_of(penalties.begin(), penalties.end(),
                     [&](const model::PenaltySpec& p) { return differentiates(p, component); });
}

StatedOde solveStatedOde(const Project& project, const std::string& component, std::span<const double> times) {
  try {
    return solve(project, component, times);
  } catch (const Error& e) {
    StatedOde out;
    out.times.assign(times.begin(), times.end());
    out.problem = e.message();
    return out;
  }
}

}  // namespace hf::project
