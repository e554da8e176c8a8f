#pragma once
// Solver settings for a calibration. Every default is chosen for robustness
// on small scientific problems (the NIST StRD nonlinear suite from both
// official starting points), not for speed on huge ones.

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace hf::fit {

enum class LossKind {
  None,    ///< plain least squares
  Huber,   ///< quadratic up to lossScale, then linear
  Cauchy,  ///< log(1 + (r/scale)^2): strong down-weighting of outliers
  SoftL1,  ///< 2(sqrt(1 + (r/scale)^2) - 1): smooth Huber
};

/// How the parameters move: a curvature-aware trust-region method (the
/// default), or Adam, the first-order method physics-informed networks are
/// usually trained with (an option for comparison, learningRate its step).
enum class Optimizer { LevenbergMarquardt, Adam };

struct CalibrationOptions {
  /// Maximum Levenberg-Marquardt iterations of one solve (>= 1). Hard
  /// problems (MGH10, Bennett5) need a few hundred from poor starts.
  int maxIterations = 2000;
  /// Stop when the relative cost decrease of a step is below this
  /// (Ceres function_tolerance). Deliberately far below rounding: near the
  /// optimum the cost changes with the square of the step, so a 1e-15
  /// cost criterion would stop with only ~8 correct digits. The parameter
  /// tolerance and the trust-region collapse end the solve instead.
  double functionTolerance = 1e-20;
  /// Stop when the max-norm of the projected gradient, relative to its
  /// value at the start, falls below this (Ceres gradient_tolerance).
  double gradientTolerance = 1e-20;
  /// Stop when a step is below this times the parameter norm
  /// (Ceres parameter_tolerance): about machine precision.
  double parameterTolerance = 1e-16;
  /// Restart the solver from its own optimum, up to this many times, while
  /// the cost still drops by more than a relative 1e-12. Restarts reset the
  /// trust region, which lets LM escape a prematurely small one.
  int polishRestarts = 4;
  /// When the first solve from the user's start does not converge, or ends
  /// with a large gradient, retry with other trust-region strategies from
  /// the same start and keep the best result.
  bool tryAlternativeStrategies = true;
  /// Fits from other starts around the user's (each free parameter scaled
  /// by a log-uniform factor between 1/10 and 10, seeded), keeping the
  /// lowest cost: for costs with several minima (oscillations, rates far
  /// off). -1 (automatic): 12 starts, only when the fit from the user's
  /// start did not converge or explains less than 90 % of the variance
  /// (R^2 < 0.9), maxIterations is not below its default and the model has
  /// at most 100,000 residuals; 0: never;
  /// N > 0: N starts always.
  int multistart = -1;
  /// Robust loss applied to every residual, and the residual size (in
  /// weighted residual units) where it starts to down-weight.
  LossKind loss = LossKind::None;
  double lossScale = 1.0;
  /// Wall-clock limit for the whole calibration, in seconds (> 0).
  double maxSeconds = 600.0;
  /// Threads for residual evaluation: 0 = one per core. Used only for
  /// models of 32,768 residuals or more; the result is the same for any
  /// count (each thread evaluates a fixed range of blocks).
  int threads = 0;
  /// Models with learned terms (networks crawl along flat valleys for
  /// thousands of iterations): converged when the cost fell by at most a
  /// relative plateauTolerance over the last plateauWindow iterations,
  /// instead of the stationarity test of physics models. Window >= 1,
  /// tolerance >= 0.
  int plateauWindow = 20;
  double plateauTolerance = 1e-6;
  /// Compute standard errors and correlations at the optimum.
  bool computeCovariance = true;
  /// Models with learned terms, project fits (project/EarlyStopping.h):
  /// this fraction of the data points (seeded random) is held out, its
  /// error followed at every iteration, and the weights at its lowest kept
  /// (the fit stops after earlyStoppingPatience iterations without a new
  /// lowest). 0: off; otherwise below 0.5.
  double validationFraction = 0.0;
  int earlyStoppingPatience = 50;
  /// Adam: every iteration one gradient J^T r, a step of about
  /// learningRate per parameter; ends on the plateau rule (plateauWindow,
  /// plateauTolerance) or maxIterations; least squares only (no robust
  /// loss), keeping the lowest cost seen.
  Optimizer optimizer = Optimizer::LevenbergMarquardt;
  double learningRate = 1e-3;

  /// What is wrong, one entry per field: {field name, message}.
  std::vector<std::pair<std::string, std::string>> problems() const;
  /// Empty when valid, otherwise what is wrong, on one line.
  std::string validate() const;
};

std::string toString(LossKind kind);
std::string toString(Optimizer optimizer);
/// Parses "levenberg-marquardt" or "adam"; false if unknown.
bool parseOptimizer(const std::string& text, Optimizer& out);
/// Parses "none", "huber", "cauchy", "soft_l1"/"softl1"; false if unknown.
bool parseLossKind(const std::string& text, LossKind& out);

/// Per-parameter settings.
struct ParameterSetting {
  std::string name;
  double start = 1.0;
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  bool fixed = false;
  std::string unit;  ///< shown in tables; not used by the solver
  /// The user gave no start: before the fit, a start is chosen from a few
  /// candidates scaled to the data (fit/StartGuess.h), `start` among them.
  bool autoStart = false;
  /// Fitted as log(value): for rate constants that span decades. The start
  /// must be positive; the value stays positive (a lower bound of 0 is
  /// implied); standard errors are those of the value (delta method).
  bool logScale = false;
};

}  // namespace hf::fit
