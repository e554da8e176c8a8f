#pragma once
// The learned components of a model (issue 12): their functions, the
// bindings formulas call them through, the names of their weights as model
// parameters (after the physics parameters: "NN.w1", "NN.w2", ...), their
// seeded starting weights, and the L2 weight regularisation as extra
// residual blocks: residual sqrt(lambda) w_k per weight, so that the
// least-squares cost gains lambda * sum w_k^2 (one block per component).

#include "expr/LearnedBinding.h"
#include "ml/LearnedSpec.h"

#include <span>
#include <string>
#include <vector>

namespace hf::model {

class LearnedTerms {
 public:
  LearnedTerms() = default;
  /// Components whose weights follow `parameterCount` physics parameters.
  /// Throws hf::Error for a bad spec, a name used twice, or a name that is
  /// a built-in function, a constant or one of `taken` (columns,
  /// parameters, states).
  LearnedTerms(const std::vector<ml::LearnedSpec>& specs, std::size_t parameterCount,
               const std::vector<std::string>& taken);

  bool empty() const { return m_bindings.empty(); }
  const std::vector<expr::LearnedBinding>& bindings() const { return m_bindings; }
  /// "NAME.w1", ... for every component, in parameter order.
  const std::vector<std::string>& weightNames() const { return m_weightNames; }
  /// Every component's seeded starting weights, in parameter order.
  std::vector<double> initialWeights() const;
  /// Every component's seeded weights for seed + offset (restarts).
  std::vector<double> reseededWeights(std::uint64_t offset) const;
  static std::string weightName(const std::string& component, std::size_t k) {
    return component + ".w" + std::to_string(k + 1);
  }

  /// Regularisation blocks: one per component with l2 > 0.
  std::size_t penaltyBlockCount() const { return m_penalised.size(); }
  int penaltyBlockSize(std::size_t block) const;
  /// Every weight penalty's loss term name.
  std::vector<std::string> penaltyLabels() const {
    std::vector<std::string> out;
    for (std::size_t b = 0; b < m_penalised.size(); ++b) out.push_back(penaltyLabel(b));
    return out;
  }
  /// "NAME weights (L2)": the loss term of penalty block `block`.
  std::string penaltyLabel(std::size_t block) const { return m_bindings[m_penalised[block]].name + " weights (L2)"; }
  /// The component (index into bindings()) of penalty block `block`.
  std::size_t penaltyComponent(std::size_t block) const { return m_penalised[block]; }
  /// Residuals sqrt(lambda) w_k, the component's weights being
  /// params[first ..]; jacobian (when not empty) row-major blockSize x
  /// params.size(). `first` is the model's index of weight 1 (the binding's
  /// firstWeight unless the model renumbers its parameters).
  void evaluatePenalty(std::size_t block, std::size_t first, std::span<const double> params,
                       std::span<double> residuals, std::span<double> jacobian) const;

 private:
  std::vector<expr::LearnedBinding> m_bindings;
  std::vector<std::string> m_weightNames;
  std::vector<std::size_t> m_penalised;  ///< indices into m_bindings
};

}  // namespace hf::model
