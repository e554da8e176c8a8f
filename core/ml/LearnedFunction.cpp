#include "ml/LearnedFunction.h"

#include "common/Error.h"
#include "ml/SeededUniform.h"
#include "ml/detail/Mlp.h"
#include "ml/detail/PolynomialBasis.h"
#include "ml/detail/RbfExpansion.h"

#include <algorithm>

namespace hf::ml {
namespace {

std::vector<double> orDefault(const std::vector<double>& v, std::size_t n, double fallback) {
  return v.empty() ? std::vector<double>(n, fallback) : v;
}

}  // namespace

std::unique_ptr<LearnedFunction> LearnedFunction::create(const LearnedSpec& spec) {
  if (const std::string problem = spec.validate(); !problem.empty()) throw Error(problem);
  switch (spec.kind) {
    case LearnedKind::Mlp:
      return std::make_unique<detail::Mlp>(spec);
    case LearnedKind::Rbf:
      return std::make_unique<detail::RbfExpansion>(spec);
    case LearnedKind::Polynomial:
      return std::make_unique<detail::PolynomialBasis>(spec);
  }
  throw Error("unknown learned component type");
}

LearnedFunction::LearnedFunction(LearnedSpec spec, std::size_t weights, std::size_t innerScratch)
    : m_spec(std::move(spec)),
      m_weights(weights),
      m_inner(innerScratch),
      m_inOffset(orDefault(m_spec.inputOffset, m_spec.inputs, 0.0)),
      m_inScale(orDefault(m_spec.inputScale, m_spec.inputs, 1.0)),
      m_outScale(orDefault(m_spec.outputScale, m_spec.outputs, 1.0)),
      m_outOffset(orDefault(m_spec.outputOffset, m_spec.outputs, 0.0)) {
  if (!m_spec.weights.empty() && m_spec.weights.size() != m_weights)
    throw Error("learned component '" + m_spec.name + "': " + std::to_string(m_spec.weights.size()) +
                " stored weights, but it has " + std::to_string(m_weights) + " weights");
}

std::vector<double> LearnedFunction::initialWeights() const {
  return m_spec.weights.empty() ? seededWeights() : m_spec.weights;
}

std::vector<double> LearnedFunction::seededWeights(std::uint64_t offset) const {
  std::vector<double> w(m_weights, 0.0);
  SeededUniform random(m_spec.seed + offset);
  initialise(w, random);
  return w;
}

// Scratch layout: [xs: inputs][xsBar: inputs][dxs: inputs][raw or rawBar:
// outputs][inner].
void LearnedFunction::evaluate(const double* x, const double* w, double* y, double* scratch) const {
  const std::size_t ni = m_spec.inputs, no = m_spec.outputs;
  double* xs = scratch;
  for (std::size_t i = 0; i < ni; ++i) xs[i] = (x[i] - m_inOffset[i]) / m_inScale[i];
  double* raw = scratch + 3 * ni;
  forwardRaw(xs, w, raw, scratch + 3 * ni + no);
  for (std::size_t k = 0; k < no; ++k) y[k] = m_outScale[k] * raw[k] + m_outOffset[k];
}

void LearnedFunction::reverse(const double* w, double* scratch, const double* ybar, double* xbar, double* wbar) const {
  const std::size_t ni = m_spec.inputs, no = m_spec.outputs;
  double* xs = scratch;
  double* xsBar = scratch + ni;
  double* rawBar = scratch + 3 * ni;
  for (std::size_t k = 0; k < no; ++k) rawBar[k] = ybar[k] * m_outScale[k];
  reverseRaw(xs, w, scratch + 3 * ni + no, rawBar, xsBar, wbar);
  if (xbar)
    for (std::size_t i = 0; i < ni; ++i) xbar[i] += xsBar[i] / m_inScale[i];
}

void LearnedFunction::tangent(const double* w, double* scratch, const double* dx, double* dy) const {
  const std::size_t ni = m_spec.inputs, no = m_spec.outputs;
  double* dxs = scratch + 2 * ni;
  for (std::size_t i = 0; i < ni; ++i) dxs[i] = dx[i] / m_inScale[i];
  tangentRaw(scratch, w, scratch + 3 * ni + no, dxs, dy);
  for (std::size_t k = 0; k < no; ++k) dy[k] *= m_outScale[k];
}

void LearnedFunction::inputDerivative(const double* w, double* scratch, std::size_t j, double* dy) const {
  const std::size_t ni = m_spec.inputs, no = m_spec.outputs;
  double* dxs = scratch + 2 * ni;
  std::fill_n(dxs, ni, 0.0);
  dxs[j] = 1.0 / m_inScale[j];
  tangentRaw(scratch, w, scratch + 3 * ni + no, dxs, dy);
  for (std::size_t k = 0; k < no; ++k) dy[k] *= m_outScale[k];
}

void LearnedFunction::tangentReverse(const double* w, double* scratch, const double* dybar, double* xbar,
                                     double* wbar) const {
  const std::size_t ni = m_spec.inputs, no = m_spec.outputs;
  double* xsBar = scratch + ni;
  double* drawBar = scratch + 3 * ni;
  for (std::size_t k = 0; k < no; ++k) drawBar[k] = dybar[k] * m_outScale[k];
  tangentReverseRaw(scratch, w, scratch + 3 * ni + no, scratch + 2 * ni, drawBar, xsBar, wbar);
  if (xbar)
    for (std::size_t i = 0; i < ni; ++i) xbar[i] += xsBar[i] / m_inScale[i];
}

}  // namespace hf::ml
