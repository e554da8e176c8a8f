#pragma once
// What a calibration returns: outcome, history, statistics and estimates.
// Stored in project files and shown in the UI.

#include "fit/LossTerm.h"

#include <limits>
#include <string>
#include <vector>

namespace hf::fit {

enum class Termination {
  Converged,      ///< a convergence tolerance was met
  NoConvergence,  ///< iteration or time limit reached first
  Cancelled,      ///< stopped by the user; parameters are the best so far
  Failed,         ///< could not proceed (e.g. the model is not finite at the start)
};

std::string toString(Termination t);
bool parseTermination(const std::string& text, Termination& out);

struct IterationRecord {
  int iteration = 0;
  double cost = 0.0;
  double gradientNorm = 0.0;
  double stepNorm = 0.0;
  double seconds = 0.0;  ///< since the start of the calibration
  /// Models with penalty blocks: each penalty term's sum of squares at the
  /// accepted point, in the order of FitSummary::penaltyTerms.
  std::vector<double> terms;
  /// Early stopping (CalibrationOptions::validationFraction): the held-out
  /// points' sum of squares at the accepted point; NaN otherwise.
  double validation = std::numeric_limits<double>::quiet_NaN();
};

struct ParameterEstimate {
  std::string name;
  std::string unit;
  double value = 0.0;
  double start = 0.0;
  /// Standard error sqrt(s^2 (J^T J)^-1)_ii with s^2 = RSS/(n - p); NaN when
  /// fixed, not identifiable, or no degrees of freedom are left.
  double standardError = 0.0;
  bool fixed = false;
  bool atBound = false;      ///< within a relative 1e-10 of a bound
  bool identifiable = true;  ///< false when in the Jacobian's null space
  /// Half-width of the 95 % confidence interval: t(0.975, dof) times the
  /// standard error (linearised; NaN when there is no standard error).
  double ci95 = std::numeric_limits<double>::quiet_NaN();
  /// The experiment a local parameter of an ODE model belongs to (its name
  /// is then "name[experiment]"); empty when shared by all.
  std::string experiment;
};

struct FitSummary {
  Termination termination = Termination::Failed;
  std::string message;   ///< plain words: why it stopped
  std::string strategy;  ///< solver strategy that produced the result
  int iterations = 0;
  double initialCost = 0.0;
  double finalCost = 0.0;
  std::vector<IterationRecord> history;
  double solveSeconds = 0.0;  ///< solver time only (no setup, no covariance)

  std::size_t pointCount = 0;  ///< observations (residuals of data blocks)
  std::size_t freeParameterCount = 0;
  long degreesOfFreedom = 0;
  double rss = 0.0;  ///< weighted residual sum of squares of the data (no robust loss, no penalties)
  /// Sum of squares of the penalty residuals (weight regularisation,
  /// physics penalties); 0 for models without penalties.
  double penalty = 0.0;
  /// `penalty` term by term, in the model's block order.
  std::vector<LossTerm> penaltyTerms;
  /// Early stopping: the held-out points (0: off), the lowest sum of
  /// squares they reached and the iteration whose parameters were kept.
  std::size_t validationPoints = 0;
  double validationRss = std::numeric_limits<double>::quiet_NaN();
  int bestValidationIteration = -1;
  bool weighted = false;    ///< residuals scaled by 1/sigma or sqrt(w): rss is a chi-square
  double residualSd = 0.0;  ///< sqrt(rss / dof)
  double rSquared = 0.0;    ///< 1 - rss / weighted total sum of squares

  std::vector<ParameterEstimate> parameters;  ///< all parameters, in model order
  /// Correlation matrix of all parameters (row-major, size p x p); NaN rows
  /// for fixed or non-identifiable parameters. Empty when not computed.
  std::vector<double> correlation;
  double conditionNumber = 0.0;  ///< of the column-scaled Jacobian
  std::vector<std::string> nonIdentifiable;
  /// Doubts about the result in plain words (R^2 below zero, a pole or a
  /// non-finite value of the curve inside the data range), one per entry.
  std::vector<std::string> warnings;

  bool converged() const { return termination == Termination::Converged; }
  /// One paragraph for logs and the command line. A learned component's
  /// weights ("NAME.w1", ...) are summed up in one line each, and left out
  /// of the correlation table.
  std::string briefReport() const;
  /// The lower triangle of the correlation matrix of the free, identifiable
  /// parameters, with their names, on lines of its own ("" for fewer than
  /// two such parameters). Part of briefReport().
  std::string correlationTable() const;
};

}  // namespace hf::fit
