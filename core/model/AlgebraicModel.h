#pragma once
// y = f(x; p) fitted to one dataset: a model formula in the columns and
// parameters, a response that is a column or an expression of columns
// (e.g. log(y)), and optional per-point weights or standard deviations.
// Rows with a missing value in any column the model uses are left out.

#include "data/Dataset.h"
#include "expr/Expression.h"
#include "model/Collocation.h"
#include "model/LearnedTerms.h"
#include "model/ResidualModel.h"

#include <string>
#include <vector>

namespace hf::model {

enum class WeightKind {
  None,    ///< every point counts once
  Sigma,   ///< column holds the standard deviation of y: residual / sigma
  Weight,  ///< column holds a weight w: residual * sqrt(w)
};

struct AlgebraicModelSpec {
  std::string formula;                  ///< e.g. "b1*(1-exp(-b2*x))"
  std::string response;                 ///< a column name or expression, e.g. "y" or "log(y)"
  std::vector<std::string> parameters;  ///< every name in `formula` that is not a column
  WeightKind weightKind = WeightKind::None;
  std::string weightColumn;  ///< for Sigma / Weight
  /// Learned components the formula may call (NN(x, T), U(x)[2]); their
  /// weights become parameters after `parameters` (LearnedTerms).
  std::vector<ml::LearnedSpec> learned;
  /// Theory-guided penalties at collocation points over the columns
  /// (PenaltySpec.h); an empty expression is the formula.
  std::vector<PenaltySpec> penalties;
};

class AlgebraicModel final : public ResidualModel {
 public:
  /// Throws hf::Error when the formula does not compile, names an unknown
  /// column, or a weight/response value is invalid (naming the row).
  AlgebraicModel(const data::Dataset& data, const AlgebraicModelSpec& spec);

  /// Rows per residual block: large enough that Ceres' per-block
  /// bookkeeping and the tape's per-instruction dispatch are paid once for
  /// many rows, small enough that a chunk's tape slots stay in cache.
  static constexpr std::size_t kChunkRows = 128;

  /// The spec's parameters, then the learned components' weights.
  const std::vector<std::string>& parameterNames() const override { return m_parameterNames; }
  /// 1 for physics parameters (NaN: no default), the seeded weights.
  std::vector<double> defaultStarts() const override;
  std::vector<double> reseededStarts(std::uint64_t offset) const override;
  std::size_t learnedWeightCount() const override { return m_learned.weightNames().size(); }
  /// One block per chunk of kChunkRows used rows (the last may be
  /// shorter), then one weight-regularisation block per learned component
  /// with l2 > 0, then one block per penalty of the spec.
  std::size_t blockCount() const override {
    return dataBlockCount() + m_learned.penaltyBlockCount() + m_penalties.size();
  }
  std::size_t dataBlockCount() const override { return (m_rows.size() + kChunkRows - 1) / kChunkRows; }
  const LearnedTerms& learned() const { return m_learned; }
  int blockSize(std::size_t block) const override;
  std::string blockTerm(std::size_t block) const override;
  /// The collocation grid of penalty k (of spec().penalties).
  const CollocationGrid& penaltyGrid(std::size_t k) const { return m_penalties[k].grid; }
  /// Residuals scale * (f(x_i; p) - y_i) of the block's rows, in row order.
  bool evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                     std::span<double> jacobian, EvalScratch& scratch) const override;
  double totalSumOfSquares() const override;
  /// Median |value| of the response, then of each input.
  std::vector<double> typicalMagnitudes() const override;

  const AlgebraicModelSpec& spec() const { return m_spec; }
  const expr::Expression& formula() const { return m_formula; }
  /// Columns the formula reads, in the order of formula().variableCount().
  const std::vector<std::string>& variables() const { return m_variables; }
  /// Dataset rows used in the fit (0-based), one per block.
  const std::vector<std::size_t>& rows() const { return m_rows; }
  /// Response value (after the response expression) of each used row.
  const std::vector<double>& observed() const { return m_observed; }
  /// Number of used rows (= residuals).
  std::size_t pointCount() const { return m_rows.size(); }
  /// Value of variable `variable` (index into variables()) at used row i.
  double input(std::size_t i, std::size_t variable) const { return m_inputs[variable][i]; }
  /// All used rows of variable `variable`.
  std::span<const double> inputColumn(std::size_t variable) const { return m_inputs[variable]; }
  /// Residual weight of used row i: 1/sigma_i, sqrt(w_i), or 1 without
  /// weights (residual = scale * (f - y)).
  double scale(std::size_t i) const { return m_scale.empty() ? 1.0 : m_scale[i]; }
  /// Prediction f(x_i; p) for used row i.
  double predict(std::size_t i, std::span<const double> params) const;

  /// The names in `formula` that are not columns of `data`, in order: what a
  /// quick fit treats as parameters.
  static std::vector<std::string> parameterNamesIn(const std::string& formula, const data::Dataset& data);

 private:
  AlgebraicModelSpec m_spec;
  LearnedTerms m_learned;
  std::vector<std::string> m_parameterNames;
  expr::Expression m_formula;
  std::vector<std::string> m_variables;
  std::vector<std::size_t> m_rows;
  std::vector<std::vector<double>> m_inputs;  ///< per variable, one value per used row
  std::vector<double> m_observed;
  std::vector<double> m_scale;  ///< 1/sigma or sqrt(w) per used row; empty without weights
  struct Penalty {
    expr::Expression g;  ///< over grid.variables
    CollocationGrid grid;
    std::size_t residuals = 0;
  };
  std::vector<Penalty> m_penalties;
  void compilePenalties(const data::Dataset& data);
  bool evaluatePenalty(const Penalty& k, std::span<const double> params, std::span<double> residuals,
                       std::span<double> jacobian, EvalScratch& scratch) const;
};

}  // namespace hf::model
