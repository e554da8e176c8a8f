#include "model/LearnedTerms.h"

#include "common/Error.h"
#include "expr/FunctionTable.h"

#include <algorithm>
#include <cmath>

namespace hf::model {

LearnedTerms::LearnedTerms(const std::vector<ml::LearnedSpec>& specs, std::size_t parameterCount,
                           const std::vector<std::string>& taken) {
  std::size_t next = parameterCount;
  for (const ml::LearnedSpec& spec : specs) {
    const std::string who = "learned component '" + spec.name + "'";
    double constant = 0;
    if (expr::findFunction(spec.name) >= 0) throw Error(who + ": the name is a built-in function");
    if (expr::findConstant(spec.name, constant)) throw Error(who + ": the name is a constant");
    if (std::find(taken.begin(), taken.end(), spec.name) != taken.end())
      throw Error(who + ": the name is already a column, parameter or state");
    for (const expr::LearnedBinding& b : m_bindings)
      if (b.name == spec.name) throw Error(who + " is declared twice");
    std::shared_ptr<const ml::LearnedFunction> f = ml::LearnedFunction::create(spec);
    m_bindings.push_back({spec.name, f, next});
    for (std::size_t k = 0; k < f->weightCount(); ++k) m_weightNames.push_back(weightName(spec.name, k));
    next += f->weightCount();
    if (spec.l2 > 0) m_penalised.push_back(m_bindings.size() - 1);
  }
}

std::vector<double> LearnedTerms::initialWeights() const {
  std::vector<double> w;
  for (const expr::LearnedBinding& b : m_bindings) {
    const std::vector<double> own = b.function->initialWeights();
    w.insert(w.end(), own.begin(), own.end());
  }
  return w;
}

std::vector<double> LearnedTerms::reseededWeights(std::uint64_t offset) const {
  std::vector<double> w;
  for (const expr::LearnedBinding& b : m_bindings) {
    const std::vector<double> own = b.function->seededWeights(offset);
    w.insert(w.end(), own.begin(), own.end());
  }
  return w;
}

int LearnedTerms::penaltyBlockSize(std::size_t block) const {
  return static_cast<int>(m_bindings[m_penalised[block]].function->weightCount());
}

void LearnedTerms::evaluatePenalty(std::size_t block, std::size_t first, std::span<const double> params,
                                   std::span<double> residuals, std::span<double> jacobian) const {
  const expr::LearnedBinding& b = m_bindings[m_penalised[block]];
  const std::size_t nw = b.function->weightCount(), np = params.size();
  const double root = std::sqrt(b.function->spec().l2);
  for (std::size_t k = 0; k < nw; ++k) residuals[k] = root * params[first + k];
  if (jacobian.empty()) return;
  std::fill(jacobian.begin(), jacobian.begin() + static_cast<std::ptrdiff_t>(nw * np), 0.0);
  for (std::size_t k = 0; k < nw; ++k) jacobian[k * np + first + k] = root;
}

}  // namespace hf::model
