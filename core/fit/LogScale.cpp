#include "fit/LogScale.h"

#include "common/Error.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace hf::fit {

LogScaledModel::LogScaledModel(const model::ResidualModel& inner, std::vector<bool> logScale)
    : m_inner(inner), m_log(std::move(logScale)) {
  if (m_log.size() != m_inner.parameterCount())
    throw Error("internal: log-scale flags do not match the model's parameters");
}

std::vector<double> LogScaledModel::toValues(std::span<const double> u) const {
  std::vector<double> p(u.begin(), u.end());
  for (std::size_t j = 0; j < p.size(); ++j)
    if (m_log[j]) p[j] = std::exp(p[j]);
  return p;
}

bool LogScaledModel::evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                                   std::span<double> jacobian, model::EvalScratch& scratch) const {
  std::vector<double>& p = scratch.params;
  p.assign(params.begin(), params.end());
  for (std::size_t j = 0; j < p.size(); ++j)
    if (m_log[j]) p[j] = std::exp(p[j]);
  // The inner model does not touch scratch.params (log scaling is applied
  // once, never nested).
  const std::span<const double> values(p);
  const bool ok = m_inner.evaluateBlock(block, values, residuals, jacobian, scratch);
  if (!jacobian.empty()) {
    const std::size_t np = values.size();
    const std::size_t rows = static_cast<std::size_t>(blockSize(block));
    for (std::size_t j = 0; j < np; ++j) {
      if (!m_log[j]) continue;
      for (std::size_t i = 0; i < rows; ++i) jacobian[i * np + j] *= values[j];
    }
  }
  return ok;
}

std::string LogScaledModel::failureAt(std::span<const double> params) const {
  const std::vector<double> p = toValues(params);
  return m_inner.failureAt(p);
}

std::vector<ParameterSetting> logScaledSettings(const std::vector<ParameterSetting>& settings) {
  std::vector<ParameterSetting> out = settings;
  for (ParameterSetting& s : out) {
    if (!s.logScale || s.fixed) continue;
    if (!(s.start > 0)) {
      std::ostringstream msg;
      msg << "parameter '" << s.name << "' is fitted on a log scale, so its start must be positive (it is " << s.start
          << ")";
      throw Error(msg.str());
    }
    if (!(s.upper > 0))
      throw Error("parameter '" + s.name + "' is fitted on a log scale, so its upper bound must be positive");
    s.start = std::log(s.start);
    s.lower = s.lower > 0 ? std::log(s.lower) : -std::numeric_limits<double>::infinity();
    s.upper = std::isfinite(s.upper) ? std::log(s.upper) : std::numeric_limits<double>::infinity();
    s.logScale = false;
  }
  return out;
}

namespace {
std::vector<double> logged(std::vector<double> d, const std::vector<bool>& log) {
  for (std::size_t i = 0; i < d.size() && i < log.size(); ++i)
    if (log[i]) d[i] = d[i] > 0 ? std::log(d[i]) : std::numeric_limits<double>::quiet_NaN();
  return d;
}
}  // namespace

std::vector<double> LogScaledModel::reseededStarts(std::uint64_t offset) const {
  return logged(m_inner.reseededStarts(offset), m_log);
}

std::vector<double> LogScaledModel::defaultStarts() const { return logged(m_inner.defaultStarts(), m_log); }

}  // namespace hf::fit
