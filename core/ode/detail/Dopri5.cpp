// Dormand-Prince 5(4) (Hairer, Norsett & Wanner, Solving ODEs I, II.5) on the
// states and their forward sensitivities together: z = [y; S], z' = [f;
// (df/dy) S + df/dp]. Output times inside a step come from the method's
// continuous extension of order 4 (ibid., II.6, "dense output"), so outputs
// do not shorten steps; only the last output time ends a step exactly. The
// error of the sensitivities is controlled with
// tolerances scaled by the parameters' magnitudes, and a stiffness test hands
// a stiff system over to the stiff method when asked to: when h * rho(df/dy)
// stays near the method's stability boundary (3.3 on the negative real
// axis) step after step, the step size is limited by stability, not
// accuracy. rho comes from a few power iterations on the exact Jacobian.
// (Hairer's cheaper test from the last two stages underestimates rho at
// tight tolerances, where the stiff components are far below the smooth
// ones.) The step controller holds a stability-limited step well inside the
// boundary: on Robertson's kinetics at rtol 1e-8 with sensitivities, h * rho
// crept from 0.8 at t = 0.01 to 1.5 at t = 0.3 (600 steps) and took until
// t = 2 (7700 steps) to pass 3.0, so the test fires at 1: fifteen steps in
// a row that do not resolve the fastest mode. Steps limited by accuracy
// have h * rho far below 1 at the usual tolerances (about rtol^(1/5)); a
// system taken for stiff by mistake is still solved right, by the stiff
// method.
#include "ode/Integrator.h"
#include "ode/detail/OneStep.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace hf::ode::detail {
namespace {

constexpr double c2 = 1.0 / 5, c3 = 3.0 / 10, c4 = 4.0 / 5, c5 = 8.0 / 9;
constexpr double a21 = 1.0 / 5;
constexpr double a31 = 3.0 / 40, a32 = 9.0 / 40;
constexpr double a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
constexpr double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
constexpr double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176, a65 = -5103.0 / 18656;
constexpr double a71 = 35.0 / 384, a73 = 500.0 / 1113, a74 = 125.0 / 192, a75 = -2187.0 / 6784, a76 = 11.0 / 84;
// Fifth minus fourth order weights: the local error estimate.
// Dense output weights (Hairer's DOPRI5 continuous extension).
constexpr double d1 = -12715105075.0 / 11282082432, d3 = 87487479700.0 / 32700410799, d4 = -10690763975.0 / 1880347072,
                 d5 = 701980252875.0 / 199316789632, d6 = -1453857185.0 / 822651844, d7 = 69997945.0 / 29380423;
constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200, e6 = 22.0 / 525,
                 e7 = -1.0 / 40;

/// The augmented right-hand side z' = [f; J S + df/dp] on flat vectors.
class Augmented {
 public:
  Augmented(RightHandSide& rhs) : m_rhs(rhs), m_n(rhs.stateCount()), m_ns(rhs.sensitivityCount()) {
    m_jy.resize(m_n * m_n);
  }
  std::size_t size() const { return m_n * (1 + m_ns); }
  /// Spectral radius of df/dy at (t, y) by power iteration, warm-started.
  /// NaN if not finite.
  double spectralRadius(double t, const double* z) {
    m_f.resize(m_n);
    if (!m_rhs.jacobians(t, z, m_f.data(), m_jy.data(), nullptr)) return std::nan("");
    if (m_v.size() != m_n) {
      // A start that is no special vector (all-ones is an eigenvector of
      // many symmetric systems, and power iteration would stay on it).
      m_v.resize(m_n);
      for (std::size_t i = 0; i < m_n; ++i)
        m_v[i] = 1.0 + 0.6180339887 * static_cast<double>(i) - std::floor(0.6180339887 * static_cast<double>(i) + 0.5);
      m_w.resize(m_n);
    }
    double logGrowth = 0;
    constexpr int kWarm = 2, kIterations = 6;
    for (int it = 0; it < kIterations; ++it) {
      double norm = 0;
      for (std::size_t i = 0; i < m_n; ++i) {
        double v = 0;
        for (std::size_t k = 0; k < m_n; ++k) v += m_jy[i * m_n + k] * m_v[k];
        m_w[i] = v;
        norm += v * v;
      }
      norm = std::sqrt(norm);
      if (!std::isfinite(norm)) return std::nan("");
      if (norm == 0) return 0;
      for (std::size_t i = 0; i < m_n; ++i) m_v[i] = m_w[i] / norm;
      if (it >= kWarm) logGrowth += std::log(norm);
    }
    return std::exp(logGrowth / (kIterations - kWarm));
  }
  bool operator()(double t, const double* z, double* dz) {
    if (m_ns == 0) return m_rhs.rates(t, z, dz);
    return m_rhs.sensitivityRates(t, z, z + m_n, dz, dz + m_n);
  }

 private:
  RightHandSide& m_rhs;
  std::size_t m_n, m_ns;
  std::vector<double> m_jy, m_f, m_v, m_w;
};

}  // namespace

Solution integrateDopri5(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                         const std::atomic<bool>* cancel, bool stiffnessGiveUp) {
  Solution out;
  const std::size_t n = rhs.stateCount(), ns = rhs.sensitivityCount(), nt = request.times.size();
  const OneStep one(request, settings, n, ns, out);
  Augmented f(rhs);
  const std::size_t m = f.size();
  std::vector<double> z = one.start(), znew(m), stage(m), k1(m), k2(m), k3(m), k4(m), k5(m), k6(m), k7(m);
  std::vector<double> r2(m), r3(m), r4(m), r5(m), dense(m);  // continuous extension
  auto fail = [&](std::string reason) {
    out.status = Solution::Status::Failed;
    out.reason = std::move(reason);
    return out;
  };

  double t = request.t0;
  if (!f(t, z.data(), k1.data())) return fail("a right-hand side is not a finite number at the initial values");
  const double tEnd = nt ? request.times[nt - 1] : t;
  // Initial step (Hairer's hinit).
  double h = one.initialStep([&](double at, const double* zz, double* dz) { return f(at, zz, dz); }, t, tEnd, z, k1,
                             stage, k3);

  int stiffCount = 0, nonStiffCount = 0;
  double errOld = 1e-4;  // PI step control memory
  bool rejectedLast = false;
  std::size_t k = 0;
  while (k < nt && request.times[k] <= t) one.store(k++, z);  // outputs at t0
  // Breakpoints (the right-hand side jumps or kinks there): a step ends
  // just before one, with every stage on the old side, and the next starts
  // on it with a fresh first stage.
  const auto breaks = request.breakpoints;
  std::size_t nb = static_cast<std::size_t>(std::upper_bound(breaks.begin(), breaks.end(), t) - breaks.begin());
  while (k < nt) {
    {
      if (out.steps >= settings.maxSteps)
        return fail("too many steps (more than " + std::to_string(settings.maxSteps) + ")");
      if (cancel && (out.steps & 63) == 0 && cancel->load(std::memory_order_relaxed)) {
        out.status = Solution::Status::Cancelled;
        out.reason = "cancelled";
        return out;
      }
      const double minStep =
          16 * std::numeric_limits<double>::epsilon() * std::max(std::fabs(t), std::numeric_limits<double>::min());
      if (!(h > minStep)) {
        out.tReached = t;
        return fail("the step size became too small: the solution may blow up or be discontinuous");
      }
      const double hPlanned = h;
      const bool toBreak = nb < breaks.size() && breaks[nb] <= tEnd;
      const double stop = toBreak ? std::nextafter(breaks[nb], t) : tEnd;
      if (toBreak && stop <= t) {  // on the breakpoint already: cross it
        t = breaks[nb++];
        if (!f(t, z.data(), k1.data())) {
          out.tReached = t;
          return fail("a right-hand side is not a finite number at t = " + std::to_string(t));
        }
        while (k < nt && request.times[k] <= t) one.store(k++, z);
        continue;
      }
      bool lastStep = false;
      if (t + 1.01 * h >= stop) {
        h = stop - t;
        lastStep = true;
      }
      ++out.steps;
      const double tNew = lastStep ? stop : t + h;  // t + h may round onto a breakpoint
      bool finite = true;
      for (std::size_t i = 0; i < m; ++i) stage[i] = z[i] + h * a21 * k1[i];
      finite = finite && f(t + c2 * h, stage.data(), k2.data());
      for (std::size_t i = 0; finite && i < m; ++i) stage[i] = z[i] + h * (a31 * k1[i] + a32 * k2[i]);
      finite = finite && f(t + c3 * h, stage.data(), k3.data());
      for (std::size_t i = 0; finite && i < m; ++i) stage[i] = z[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
      finite = finite && f(t + c4 * h, stage.data(), k4.data());
      for (std::size_t i = 0; finite && i < m; ++i)
        stage[i] = z[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
      finite = finite && f(t + c5 * h, stage.data(), k5.data());
      for (std::size_t i = 0; finite && i < m; ++i)
        stage[i] = z[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
      finite = finite && f(tNew, stage.data(), k6.data());
      for (std::size_t i = 0; finite && i < m; ++i)
        znew[i] = z[i] + h * (a71 * k1[i] + a73 * k3[i] + a74 * k4[i] + a75 * k5[i] + a76 * k6[i]);
      finite = finite && f(tNew, znew.data(), k7.data());
      if (!finite) {  // a rejected step: try a quarter of it
        h *= 0.25;
        rejectedLast = true;
        continue;
      }
      for (std::size_t i = 0; i < m; ++i)
        k2[i] = h * (e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] + e7 * k7[i]);
      const double err = one.norm(k2, z, znew);
      if (!std::isfinite(err)) {
        h *= 0.25;
        rejectedLast = true;
        continue;
      }
      // PI controller (Hairer's beta = 0.04).
      const double fac11 = std::pow(err, 0.2 - 0.04 * 0.75);
      double factor = fac11 / std::pow(errOld, 0.04) / 0.9;
      factor = std::clamp(factor, 1.0 / 10, 1.0 / 0.2);
      if (err <= 1.0) {
        // Stiffness test: is the step limited by stability?
        const bool check = stiffCount > 0 || out.steps % 8 == 0;
        const double hRho = check ? h * f.spectralRadius(tNew, znew.data()) : 0.0;
        if (hRho > 1.0) {
          nonStiffCount = 0;
          if (++stiffCount == 15 && stiffnessGiveUp) {
            out.tReached = t;
            return fail("stiff");
          }
        } else if (check && ++nonStiffCount == 6) {
          stiffCount = 0;
        }
        errOld = std::max(err, 1e-4);
        // Outputs in (t, tNew]: the step's end, or its continuous extension.
        for (bool coefficients = false; k < nt && request.times[k] <= tNew;) {
          const double tk = request.times[k];
          if (tk == tNew) {
            one.store(k++, znew);
            continue;
          }
          if (!coefficients) {
            for (std::size_t i = 0; i < m; ++i) {
              r2[i] = znew[i] - z[i];
              r3[i] = h * k1[i] - r2[i];
              r4[i] = r2[i] - h * k7[i] - r3[i];
              r5[i] = h * (d1 * k1[i] + d3 * k3[i] + d4 * k4[i] + d5 * k5[i] + d6 * k6[i] + d7 * k7[i]);
            }
            coefficients = true;
          }
          const double theta = (tk - t) / h, theta1 = 1 - theta;
          for (std::size_t i = 0; i < m; ++i)
            dense[i] = z[i] + theta * (r2[i] + theta1 * (r3[i] + theta * (r4[i] + theta1 * r5[i])));
          one.store(k++, dense);
        }
        t = tNew;
        z.swap(znew);
        k1.swap(k7);
        if (lastStep && toBreak) {  // the breakpoint: restart on its far side
          t = breaks[nb++];
          if (!f(t, z.data(), k1.data())) {
            out.tReached = t;
            return fail("a right-hand side is not a finite number at t = " + std::to_string(t));
          }
          while (k < nt && request.times[k] <= t) one.store(k++, z);
        }
        double hNew = h / factor;
        if (rejectedLast) hNew = std::min(hNew, h);
        rejectedLast = false;
        // A step shortened to end on the last output or a breakpoint says little about the next.
        h = lastStep ? std::max(hPlanned, hNew) : hNew;
      } else {
        h /= std::min(1.0 / 0.2, fac11 / 0.9);
        rejectedLast = true;
      }
    }
    out.tReached = t;
  }
  return out;
}

}  // namespace hf::ode::detail
