#pragma once
// Integration of y' = f(t, y) together with forward sensitivities
// S' = (df/dy) S + df/dp_j, S(t0) = dy0/dp_j, for the directions j a fit
// needs. Three families (DESIGN.md, "Small systems"): an explicit
// Dormand-Prince 5(4) pair on states and sensitivities together for
// non-stiff systems, the Rosenbrock method Rodas4 on states and
// sensitivities together (one n x n LU per step) for small stiff ones, and
// SUNDIALS CVODES (BDF or Adams, exact dense Jacobian, simultaneous
// corrector on the sensitivities) for large stiff ones. Failures are values (Solution::status), never exceptions:
// during a fit a failed solve is a rejected step.

#include <atomic>
#include <span>
#include <string>
#include <vector>

namespace hf::ode {

struct IntegratorSettings {
  enum class Method {
    Auto,    ///< Dormand-Prince while the system is not stiff, else stiffMethod(n)
    Bdf,     ///< CVODES BDF (stiff, any size)
    Adams,   ///< CVODES Adams-Moulton (non-stiff, smooth, long)
    Dopri5,  ///< explicit Dormand-Prince 5(4) (non-stiff)
    Rodas4,  ///< Rosenbrock Rodas4 (stiff, small: dense n x n LU every step)
  };
  Method method = Method::Auto;
  double rtol = 1e-8;
  double atol = 1e-10;
  long maxSteps = 100000;  ///< over the whole solve
};

/// "auto", "bdf", "adams", "dopri5", "rodas4"; parse throws hf::Error on anything else.
std::string methodName(IntegratorSettings::Method method);
IntegratorSettings::Method parseMethod(const std::string& name);

/// Systems of up to this many states count as small: Auto integrates them,
/// once found stiff, with Rodas4, larger ones with CVODES BDF.
inline constexpr std::size_t kSmallSystemStates = 32;
/// The stiff method Auto uses for a system of `stateCount` states.
IntegratorSettings::Method stiffMethod(std::size_t stateCount);

/// What an integrator sees of a system: n states, ns sensitivity directions.
class RightHandSide {
 public:
  virtual ~RightHandSide() = default;
  virtual std::size_t stateCount() const = 0;
  virtual std::size_t sensitivityCount() const = 0;
  /// f = dy/dt. False when a value is not finite (the step is retried smaller).
  virtual bool rates(double t, const double* y, double* f) = 0;
  /// f, jy = df/dy (row-major n x n) and jp = df/dp over the ns directions
  /// (row-major n x ns; jp may be null: not wanted, and not written when
  /// ns = 0). False when not finite.
  virtual bool jacobians(double t, const double* y, double* f, double* jy, double* jp) = 0;
  /// f and the sensitivity rates ds = (df/dy) s + df/dp (s and ds
  /// row-major n x ns). False when not finite. The default forms both
  /// Jacobians; a system that can do better (one forward sweep with ns
  /// tangents) overrides it.
  virtual bool sensitivityRates(double t, const double* y, const double* s, double* f, double* ds);
  /// True when f does not depend on t (no time, no inputs): a Rosenbrock
  /// step then needs no time derivative.
  virtual bool autonomous() const { return false; }

 private:
  std::vector<double> m_jy, m_jp;  ///< the default sensitivityRates' scratch
};

struct SolveRequest {
  double t0 = 0;
  std::span<const double> y0;     ///< n initial values
  std::span<const double> s0;     ///< n x ns initial sensitivities, row-major (empty: ns = 0 or all zero)
  std::span<const double> times;  ///< output times, non-decreasing, >= t0
  /// Typical magnitude of each sensitivity direction's parameter (ns values;
  /// empty = 1): scales the sensitivities' share of the error control.
  std::span<const double> parameterScales;
  /// Sorted times where the right-hand side jumps or kinks (an input held
  /// piecewise constant or interpolated linearly): no step straddles one.
  /// Dormand-Prince and Rodas4 end a step just before it and restart on it;
  /// CVODES stops there and restarts its history.
  std::span<const double> breakpoints;
};

struct Solution {
  enum class Status { Ok, Failed, Cancelled };
  Status status = Status::Ok;
  std::string reason;   ///< why it failed, in words
  double tReached = 0;  ///< the last time the integrator reached
  std::size_t stateCount = 0, sensitivityCount = 0;
  std::vector<double> states;         ///< times x n, row-major
  std::vector<double> sensitivities;  ///< times x n x ns: [k][i][j] = d y_i(t_k) / d p_j
  long steps = 0;
  bool usedStiffSolver = false;
  bool ok() const { return status == Status::Ok; }
  double state(std::size_t k, std::size_t i) const { return states[k * stateCount + i]; }
  double sensitivity(std::size_t k, std::size_t i, std::size_t j) const {
    return sensitivities[(k * stateCount + i) * sensitivityCount + j];
  }
};

/// Integrates from request.t0 and reports states (and sensitivities when
/// ns > 0) at every requested time. `cancel` is read between step batches.
Solution integrate(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                   const std::atomic<bool>* cancel = nullptr);

namespace detail {
Solution integrateCvodes(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                         const std::atomic<bool>* cancel);
/// Dormand-Prince 5(4). With `stiffnessGiveUp`, returns Status::Failed with
/// reason "stiff" as soon as the stiffness test fires (Auto then uses BDF).
Solution integrateDopri5(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                         const std::atomic<bool>* cancel, bool stiffnessGiveUp);
/// Rodas4 on states and sensitivities together.
Solution integrateRodas4(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                         const std::atomic<bool>* cancel);
}  // namespace detail

}  // namespace hf::ode
