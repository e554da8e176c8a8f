#pragma once
// An ODE system fitted to the time series of one or more experiments. One
// residual block per experiment (all its observations), evaluated by one
// solve of the states and their forward sensitivities; the Jacobian is
// exact: d obs / d p = (d h / d y) S + d h / d p, with S(t0) = d y0 / d p
// from the initial-value expressions.
//
// Parameters are the system's names (rates, initial values, observables);
// a name listed as local takes one value per experiment, called
// "name[experiment]" in parameterNames(). A solve that fails makes
// evaluateBlock() return false (a rejected step); failureAt() says why.

#include "data/Dataset.h"
#include "model/Collocation.h"
#include "model/LearnedTerms.h"
#include "model/ResidualModel.h"
#include "ode/InputSeries.h"
#include "ode/Integrator.h"
#include "ode/OdeSystem.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace hf::model {

struct OdeObservable {
  std::string column;       ///< the data column it is compared with
  std::string expression;   ///< of time, states, inputs and parameters, e.g. "s*B"
  std::string sigmaColumn;  ///< optional: standard deviation of each value
};

struct OdeModelSpec {
  ode::OdeEquations equations;
  std::vector<std::string> initial;     ///< per state: a number or an expression of parameters
  std::vector<std::string> parameters;  ///< every parameter name, in order
  std::vector<OdeObservable> observables;
  std::vector<std::string> localParameters;  ///< names with one value per experiment
  ode::IntegratorSettings integrator;
  /// Learned components the rates (and observables, initial values) may
  /// call, e.g. dx/dt = a*x + U(x, y)[1]; their weights become shared
  /// parameters after `parameters` ("U.w1", ...), fitted through the exact
  /// sensitivities.
  std::vector<ml::LearnedSpec> learned;
  /// Theory-guided penalties (PenaltySpec.h) of time, states, inputs and
  /// parameters at collocation times (the grid's one axis is time; by
  /// default 50 times from t0 to the experiment's last observation), in
  /// the experiment named or in each one.
  std::vector<PenaltySpec> penalties;
};

struct OdeExperiment {
  std::string name;
  const data::Dataset* data = nullptr;  ///< must outlive the model's construction only
  std::string timeColumn = "t";
  double t0 = 0;
  /// Per state: overrides the model's initial value in this experiment
  /// (empty entries, or an empty vector, keep the model's).
  std::vector<std::string> initial;
  /// Per input of the system: the column holding it (empty: the input's name).
  std::vector<std::string> inputColumns;
  std::vector<ode::Interpolation> inputInterpolation;
};

class OdeModel final : public ResidualModel {
 public:
  /// Throws hf::Error naming the experiment, column or expression at fault.
  OdeModel(const OdeModelSpec& spec, const std::vector<OdeExperiment>& experiments);

  const std::vector<std::string>& parameterNames() const override { return m_names; }
  /// One block per experiment, then one weight-regularisation block per
  /// learned component with l2 > 0, then one block per penalty and
  /// experiment it applies to (each its own solve at the collocation times).
  std::size_t blockCount() const override {
    return m_experiments.size() + m_learned.penaltyBlockCount() + m_penaltyRuns.size();
  }
  std::size_t dataBlockCount() const override { return m_experiments.size(); }
  int blockSize(std::size_t block) const override;
  std::string blockTerm(std::size_t block) const override;
  /// NaN for physics parameters, the seeded weights of learned components.
  std::vector<double> defaultStarts() const override;
  std::vector<double> reseededStarts(std::uint64_t offset) const override;
  std::size_t learnedWeightCount() const override { return m_learned.weightNames().size(); }
  const LearnedTerms& learned() const { return m_learned; }
  /// The system's parameters: spec().parameters, then the learned weights.
  const std::vector<std::string>& systemParameters() const { return m_parameters; }
  bool evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                     std::span<double> jacobian, EvalScratch& scratch) const override;
  double totalSumOfSquares() const override;
  std::vector<double> typicalMagnitudes() const override;

  /// The parameter names of a specification: every name in the rates,
  /// initial values (the model's and `experimentInitials`) and observables
  /// that is not time, a state, an input or a constant, in order of first
  /// appearance. Throws hf::Error on a syntax error.
  static std::vector<std::string> parameterNamesIn(const OdeModelSpec& spec,
                                                   const std::vector<std::string>& experimentInitials = {});

  /// Read between integrator step batches: a long solve stops when it is set.
  void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }
  /// Why the model cannot be evaluated at `params` ("experiment 'dose 2':
  /// the solve stopped at t = 3.1: ..."), or empty when it can.
  std::string failureAt(std::span<const double> params) const override;
  double relativePrecision() const override { return m_spec.integrator.rtol; }

  const OdeModelSpec& spec() const { return m_spec; }
  const ode::OdeSystem& system() const { return m_system; }
  std::size_t experimentCount() const { return m_experiments.size(); }
  const std::string& experimentName(std::size_t e) const { return m_experiments[e].name; }
  /// The experiment a global parameter belongs to, or -1 when shared.
  int experimentOf(std::size_t parameter) const { return m_experimentOf[parameter]; }
  /// The global parameter vector's values for experiment e, in systemParameters() order.
  std::vector<double> localValues(std::size_t e, std::span<const double> params) const;
  /// States at `times` (sorted, >= t0) for experiment e, without sensitivities.
  ode::Solution simulate(std::size_t e, std::span<const double> params, std::span<const double> times) const;
  /// Observable o (of spec().observables) from a solution of experiment e at its k-th time.
  double observe(std::size_t e, std::size_t o, std::span<const double> params, const ode::Solution& s,
                 std::span<const double> times, std::size_t k) const;

 private:
  struct Experiment {
    std::string name;
    double t0 = 0;
    std::vector<double> times;        ///< distinct observation times, sorted
    std::vector<std::size_t> global;  ///< system parameter j -> global index
    std::vector<expr::Expression> initial;
    ode::InputSeries inputs;
    std::vector<double> breakpoints;  ///< where the inputs jump or kink
    // One entry per residual: observable, time index, observed value, 1/sigma.
    std::vector<std::size_t> observable, timeIndex;
    std::vector<double> values, scale;
  };
  ode::Solution solve(const Experiment& x, std::span<const double> local, bool sensitivities,
                      std::atomic<bool>* stiff) const;
  std::size_t globalIndexOf(const std::string& name) const;
  std::vector<double> startsFrom(std::uint64_t offset, bool reseeded) const;
  /// A penalty in one experiment: the experiment's copy with the
  /// collocation times as its times.
  struct PenaltyRun {
    std::size_t penalty = 0, experiment = 0;
    std::size_t solve = 0;  ///< index into m_collocation (shared by runs with the same times)
    CollocationGrid grid;
    expr::Expression g;  ///< of [t, states, inputs]
    std::size_t residuals = 0;
  };
  std::vector<PenaltyRun> m_penaltyRuns;
  /// One solve at a set of collocation times of one experiment, shared by
  /// every penalty there (four penalties at the default times cost one
  /// solve, not four): the last few solutions by parameter vector, and the
  /// data blocks' look-ahead (a trial solved with sensitivities while
  /// trials keep being accepted).
  struct CollocationSolve {
    struct Entry {
      std::vector<double> params;
      bool sensitivities = false;
      std::shared_ptr<const ode::Solution> solution;
    };
    std::size_t experiment = 0;
    Experiment at;  ///< the experiment's copy with the collocation times as its times
    std::mutex mutex;
    Entry entries[3];
    int next = 0;
    std::vector<double> trial;
    bool trialAccepted = true;
  };
  std::unique_ptr<CollocationSolve[]> m_collocation;
  std::shared_ptr<const ode::Solution> collocationSolve(std::size_t index, std::span<const double> params,
                                                        bool sensitivities) const;
  void compilePenalties();
  bool evaluatePenalty(const PenaltyRun& run, std::span<const double> params, std::span<double> residuals,
                       std::span<double> jacobian, EvalScratch& scratch) const;
  bool evaluateFresh(std::size_t block, std::span<const double> params, std::span<double> residuals,
                     std::span<double> jacobian, EvalScratch& scratch) const;

  /// Per experiment: the last two successful evaluations with a Jacobian.
  /// A fit asks for the same point again (the check that the solver's
  /// result is an optimum, and the statistics, at its last or next-to-last
  /// step), and a solve with sensitivities is the whole cost of an
  /// evaluation. Levenberg-Marquardt also evaluates each trial point
  /// without a Jacobian and, when it accepts the step, with one: while
  /// trials keep being accepted, a trial is solved with sensitivities at
  /// once (look-ahead), and the second request is answered from here.
  struct Memo {
    struct Entry {
      std::vector<double> params, residuals, jacobian;
    };
    std::mutex mutex;
    Entry entries[2];
    int next = 0;
    std::vector<double> trial;  ///< the last point evaluated without a Jacobian
    bool trialAccepted = true;  ///< its Jacobian was asked for next
  };

  OdeModelSpec m_spec;
  LearnedTerms m_learned;
  std::vector<std::string> m_parameters;  ///< spec parameters, then learned weights
  ode::OdeSystem m_system;
  std::vector<expr::Expression> m_observables;
  std::vector<Experiment> m_experiments;
  /// Per experiment: an automatic solve has found it stiff, so later solves
  /// (the next fit iterations) start with BDF instead of finding out again.
  std::unique_ptr<std::atomic<bool>[]> m_stiff;
  std::unique_ptr<Memo[]> m_memo;
  std::vector<std::string> m_names;
  std::vector<int> m_experimentOf;
  const std::atomic<bool>* m_cancel = nullptr;
};

}  // namespace hf::model
