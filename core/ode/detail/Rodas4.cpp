// A Rosenbrock method of the Rodas4 family for small stiff systems,
// integrated together with their forward sensitivities (DESIGN.md, "Small
// systems"). The coefficients are Steinebach's RODASP as improved in 2020
// ("Rodas4P2": six stages, L-stable, stiffly accurate, order 4 with an
// embedded order 3 solution; Hairer & Wanner, Solving ODEs II, IV.7, for the
// method class). Hairer's original Rodas4 coefficients lose order on a stiff
// component that follows a forcing term (a Prothero-Robinson problem): on
// dA/dt = -2e4 (A - sin(3t)) + B^2 it needed 7700 steps at rtol 1e-8 where
// these need 560.
//
// The augmented system z = [y; S], z' = F(z) = [f(y); J(y) S + df/dp(y)]
// has the block lower triangular Jacobian
//     [ J   0 ]
//     [ B   J ]   (J on every diagonal block, B = d(J S + df/dp)/dy),
// so W = 1/(gamma h) - dF/dz is solved with ONE n x n LU of
// 1/(gamma h) - J per step: the state part first, then every sensitivity
// column against the same factors, its right-hand side corrected by B times
// the state part. B comes from differences of exact Jacobians (the tape
// gives first derivatives only): for fewer than 6 states its slices along
// each state once per step, else its action on that vector in each stage.
// It enters the method's stage equations, not the sensitivities'
// definition, and its relative error is near sqrt(machine epsilon). For a system that depends
// on time, dF/dt is a difference of two exact evaluations likewise.
//
// Stages in the transformed form (Hairer & Wanner IV.7, (7.25)):
//   W k_i = F(t + c_i h, z + sum_j a_ij k_j) + sum_j (c_ij / h) k_j + h d_i F_t,
//   z1 = the sixth stage point + k6, and k6 is the error estimate.
// Every output time ends a step: the method's continuous extension is one
// order lower and its error is not controlled, which moved fitted optima by
// 1e-5 (relative) at rtol 1e-8; stopping cost the Robertson fit nothing
// measurable.
#include "ode/Integrator.h"
#include "ode/detail/OneStep.h"

#include "common/AllFinite.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace hf::ode::detail {
namespace {

/// A six-stage, stiffly accurate Rosenbrock method of order 4(3) in the
/// transformed form.
struct Tableau {
  double gamma;
  std::array<double, 4> c;                 ///< stage times of stages 1..4 (stages 5, 6 at t + h)
  std::array<double, 4> d;                 ///< time-derivative weights of stages 1..4
  std::array<std::array<double, 4>, 4> a;  ///< a[i][j], stage i + 2 from k_j (row 4 = stage 5)
  std::array<std::array<double, 5>, 5> k;  ///< C[i][j]/h, stage i + 2 from k_j
};

// Steinebach's RODASP improved (2020).
constexpr Tableau kRodas4P2{
    0.25,
    {0, 0.75, 0.321448134013046, 0.519745732277726},
    {0.25, -0.5, -0.189532918363016, 0.085612108792769},
    {{{3, 0, 0, 0},
      {0.906377755268814, -0.189707390391685, 0, 0},
      {3.758617027739064, 1.161741776019525, -0.849258085312803, 0},
      {7.089566927282776, 4.573591406461604, -8.423496976860259, -0.959280113459775}}},
    {{{-12, 0, 0, 0, 0},
      {-6.354581592719008, 0.338972550544623, 0, 0, 0},
      {-8.575016317114033, -7.606483992117508, 12.22499765012482, 0, 0},
      {-5.888975457523102, -8.157396617841821, 24.805546872612922, 12.790401512796979, 0},
      {-4.408651676063871, -6.692003137674639, 24.625568527593117, 16.627521966636085, -5.714285714285718}}}};

/// LU with partial pivoting of a small dense row-major matrix, in place.
class SmallLu {
 public:
  void resize(std::size_t n) {
    m_n = n;
    m_a.resize(n * n);
    m_inverse.resize(n);
    m_pivot.resize(n);
  }
  double* matrix() { return m_a.data(); }
  /// False when a pivot is zero or not finite.
  bool factor() {
    const std::size_t n = m_n;
    for (std::size_t c = 0; c < n; ++c) {
      std::size_t p = c;
      for (std::size_t r = c + 1; r < n; ++r)
        if (std::fabs(m_a[r * n + c]) > std::fabs(m_a[p * n + c])) p = r;
      m_pivot[c] = p;
      if (p != c)
        for (std::size_t k = 0; k < n; ++k) std::swap(m_a[c * n + k], m_a[p * n + k]);
      const double d = m_a[c * n + c];
      if (d == 0 || !std::isfinite(d)) return false;
      m_inverse[c] = 1.0 / d;
      for (std::size_t r = c + 1; r < n; ++r) {
        const double l = m_a[r * n + c] / d;
        m_a[r * n + c] = l;
        if (l != 0)
          for (std::size_t k = c + 1; k < n; ++k) m_a[r * n + k] -= l * m_a[c * n + k];
      }
    }
    return true;
  }
  /// Solves A X = B in place for B row-major n x w (w right-hand sides).
  void solve(double* b, std::size_t w) const {
    const std::size_t n = m_n;
    for (std::size_t c = 0; c < n; ++c) {
      double* bc = b + c * w;
      if (m_pivot[c] != c) std::swap_ranges(bc, bc + w, b + m_pivot[c] * w);
      for (std::size_t r = c + 1; r < n; ++r) {
        const double l = m_a[r * n + c];
        if (l == 0) continue;
        double* br = b + r * w;
        for (std::size_t j = 0; j < w; ++j) br[j] -= l * bc[j];
      }
    }
    for (std::size_t c = n; c-- > 0;) {
      double* bc = b + c * w;
      for (std::size_t k = c + 1; k < n; ++k) {
        const double u = m_a[c * n + k];
        if (u == 0) continue;
        const double* bk = b + k * w;
        for (std::size_t j = 0; j < w; ++j) bc[j] -= u * bk[j];
      }
      const double inverse = m_inverse[c];
      for (std::size_t j = 0; j < w; ++j) bc[j] *= inverse;
    }
  }

 private:
  std::size_t m_n = 0;
  std::vector<double> m_a, m_inverse;
  std::vector<std::size_t> m_pivot;
};

/// The augmented system and the linear algebra of one Rodas4 step.
class AugmentedRosenbrock {
 public:
  AugmentedRosenbrock(RightHandSide& rhs, std::span<const double> atol, double rtol, double gamma)
      : m_rhs(rhs), m_n(rhs.stateCount()), m_ns(rhs.sensitivityCount()), m_atol(atol), m_rtol(rtol), m_gamma(gamma) {
    m_jy.resize(m_n * m_n);
    m_jp.resize(m_n * m_ns);
    m_jy2.resize(m_n * m_n);
    m_jp2.resize(m_n * m_ns);
    m_f2.resize(m_n);
    m_y2.resize(m_n);
    m_lu.resize(m_n);
  }
  std::size_t size() const { return m_n * (1 + m_ns); }

  /// How evaluate() computes the sensitivity part J S + df/dp.
  enum class Via {
    Keep,       ///< from J and df/dp, kept as the step's Jacobian (W and B are formed there)
    Jacobians,  ///< from J and df/dp, not kept (to difference against Keep)
    Tangents,   ///< one forward sweep with ns tangents (stage values)
  };
  /// F(t, z) into dz. False when not finite.
  bool evaluate(double t, const double* z, double* dz, Via via) {
    if (m_ns == 0) {
      if (via == Via::Keep) return m_rhs.jacobians(t, z, dz, m_jy.data(), nullptr);
      return m_rhs.rates(t, z, dz);
    }
    if (via == Via::Tangents) return m_rhs.sensitivityRates(t, z, z + m_n, dz, dz + m_n);
    double* jy = via == Via::Keep ? m_jy.data() : m_jy2.data();
    double* jp = via == Via::Keep ? m_jp.data() : m_jp2.data();
    if (!m_rhs.jacobians(t, z, dz, jy, jp)) return false;
    sensitivityRates(jy, jp, z + m_n, dz + m_n);
    return allFinite(dz + m_n, size() - m_n);
  }

  /// Factors 1/(gamma h) - J. False when singular.
  bool factor(double h) {
    double* a = m_lu.matrix();
    const double diagonal = 1.0 / (m_gamma * h);
    for (std::size_t i = 0; i < m_n * m_n; ++i) a[i] = -m_jy[i];
    for (std::size_t i = 0; i < m_n; ++i) a[i * m_n + i] += diagonal;
    return m_lu.factor();
  }

  /// Once per step, at its start (t, z) after evaluate(keep): for a system
  /// of fewer states than the method has stages, B's slices dB/dy_k, each a
  /// difference of exact Jacobians along one state, so that B v in every
  /// stage is a sum over k (n Jacobians a step, not 6). Larger systems
  /// difference along v in each stage instead. False when not finite.
  bool prepareCoupling(double t, const double* z) {
    m_slices = m_ns > 0 && m_n < 6;
    if (!m_slices) return true;
    const std::size_t block = m_n * m_ns;
    m_slice.resize(m_n * block);
    double largest = 0;
    for (std::size_t k = 0; k < m_n; ++k) largest = std::max(largest, std::fabs(z[k]));
    const double* s = z + m_n;
    std::copy(z, z + m_n, m_y2.begin());
    for (std::size_t k = 0; k < m_n; ++k) {
      // A step of sqrt(eps) relative to the state, or to the smallest size
      // at which it matters (atol / rtol) when it is zero.
      double scale = std::max(std::fabs(z[k]), m_atol[k] / m_rtol);
      if (!(scale > 0)) scale = largest > 0 ? largest : 1.0;
      m_y2[k] = z[k] + std::sqrt(std::numeric_limits<double>::epsilon()) * scale;
      const double step = m_y2[k] - z[k];
      const bool ok = m_rhs.jacobians(t, m_y2.data(), m_f2.data(), m_jy2.data(), m_jp2.data());
      m_y2[k] = z[k];
      if (!ok) return false;
      double* out = &m_slice[k * block];
      for (std::size_t i = 0; i < m_n; ++i)
        for (std::size_t j = 0; j < m_ns; ++j) {
          double v = m_jp2[i * m_ns + j] - m_jp[i * m_ns + j];
          for (std::size_t q = 0; q < m_n; ++q) v += (m_jy2[i * m_n + q] - m_jy[i * m_n + q]) * s[q * m_ns + j];
          out[i * m_ns + j] = v / step;
        }
    }
    return allFinite(m_slice.data(), m_slice.size());
  }

  /// Solves W k = r in place (r becomes k), with the step's point (t, z).
  bool solve(double t, const double* z, double* r) {
    m_lu.solve(r, 1);
    if (m_ns == 0) return true;
    double* rs = r + m_n;
    if (m_slices) {
      const std::size_t block = m_n * m_ns;
      for (std::size_t k = 0; k < m_n; ++k) {
        const double vk = r[k];
        const double* slice = &m_slice[k * block];
        for (std::size_t i = 0; i < block; ++i) rs[i] += vk * slice[i];
      }
      m_lu.solve(rs, m_ns);
      return allFinite(r, size());
    }
    // B applied to the state part v = r[0..n): the change of J S + df/dp
    // along v, from the exact Jacobians at y and at y + eps v.
    double norm = 0;
    for (std::size_t i = 0; i < m_n; ++i) {
      const double w = r[i] / std::max(std::fabs(z[i]) + m_atol[i], std::numeric_limits<double>::min());
      norm += w * w;
    }
    norm = std::sqrt(norm / static_cast<double>(m_n));
    if (!std::isfinite(norm)) return false;
    if (norm > 0) {
      const double eps = std::sqrt(std::numeric_limits<double>::epsilon()) / norm;
      for (std::size_t i = 0; i < m_n; ++i) m_y2[i] = z[i] + eps * r[i];
      if (!m_rhs.jacobians(t, m_y2.data(), m_f2.data(), m_jy2.data(), m_jp2.data())) return false;
      const double* s = z + m_n;
      for (std::size_t i = 0; i < m_n; ++i)
        for (std::size_t j = 0; j < m_ns; ++j) {
          double v = m_jp2[i * m_ns + j] - m_jp[i * m_ns + j];
          for (std::size_t k = 0; k < m_n; ++k) v += (m_jy2[i * m_n + k] - m_jy[i * m_n + k]) * s[k * m_ns + j];
          rs[i * m_ns + j] += v / eps;
        }
    }
    m_lu.solve(rs, m_ns);
    return allFinite(r, size());
  }

 private:
  /// dS = J S + jp, S row-major n x ns.
  void sensitivityRates(const double* jy, const double* jp, const double* s, double* ds) const {
    for (std::size_t i = 0; i < m_n; ++i) {
      const double* row = jy + i * m_n;
      for (std::size_t j = 0; j < m_ns; ++j) {
        double v = jp[i * m_ns + j];
        for (std::size_t k = 0; k < m_n; ++k) v += row[k] * s[k * m_ns + j];
        ds[i * m_ns + j] = v;
      }
    }
  }

  RightHandSide& m_rhs;
  std::size_t m_n, m_ns;
  std::span<const double> m_atol;
  double m_rtol, m_gamma;
  bool m_slices = false;
  std::vector<double> m_slice;  ///< n slices dB/dy_k, each n x ns
  std::vector<double> m_jy, m_jp, m_jy2, m_jp2, m_f2, m_y2;
  SmallLu m_lu;
};

}  // namespace

Solution integrateRodas4(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                         const std::atomic<bool>* cancel) {
  Solution out;
  const std::size_t n = rhs.stateCount(), ns = rhs.sensitivityCount(), nt = request.times.size();
  out.usedStiffSolver = true;
  const OneStep one(request, settings, n, ns, out);
  const std::size_t m = one.size();
  const Tableau& T = kRodas4P2;
  using Via = AugmentedRosenbrock::Via;
  AugmentedRosenbrock sys(rhs, one.atol(), settings.rtol, T.gamma);
  std::vector<double> z = one.start(), znew(m), stage(m), sum(m), f0(m), ft(m, 0.0), fs(m);
  std::array<std::vector<double>, 6> k;
  for (auto& v : k) v.resize(m);
  auto fail = [&](std::string reason) {
    out.status = Solution::Status::Failed;
    out.reason = std::move(reason);
    return out;
  };

  double t = request.t0;
  const double tEnd = nt ? request.times[nt - 1] : t;
  const bool autonomous = rhs.autonomous();
  // Breakpoints (the right-hand side jumps or kinks there): a step ends
  // just before one, with every stage on the old side, and the next starts
  // on it.
  const auto breaks = request.breakpoints;
  std::size_t nb = static_cast<std::size_t>(std::upper_bound(breaks.begin(), breaks.end(), t) - breaks.begin());
  // F and its Jacobian at the step's start (t, z); for a system that
  // depends on time also dF/dt, a difference of two exact evaluations
  // (backward when the next breakpoint is within reach, so that it never
  // spans a jump).
  auto prepareStep = [&] {
    if (!sys.evaluate(t, z.data(), f0.data(), Via::Keep) || !sys.prepareCoupling(t, z.data())) return false;
    if (autonomous) return true;
    double dt = std::sqrt(std::numeric_limits<double>::epsilon() * std::max(1e-5, std::fabs(t)));
    if (nb < breaks.size() && t + dt >= breaks[nb]) dt = -dt;
    if (!sys.evaluate(t + dt, z.data(), ft.data(), Via::Jacobians)) return false;
    for (std::size_t i = 0; i < m; ++i) ft[i] = (ft[i] - f0[i]) / dt;
    return true;
  };
  if (!prepareStep()) return fail("a right-hand side is not a finite number at the initial values");
  double h =
      one.initialStep([&](double at, const double* zz, double* dz) { return sys.evaluate(at, zz, dz, Via::Tangents); },
                      t, tEnd, z, f0, stage, fs);
  bool haveJacobian = true;  // f0 and the step's Jacobian are at (t, z)
  bool rejectedLast = false, firstStep = true;
  double hAccepted = h, errAccepted = 1e-2;
  std::size_t at = 0;
  while (at < nt && request.times[at] <= t) one.store(at++, z);  // outputs at t0
  while (at < nt) {
    if (out.steps >= settings.maxSteps)
      return fail("too many steps (more than " + std::to_string(settings.maxSteps) + ")");
    if (cancel && (out.steps & 15) == 0 && cancel->load(std::memory_order_relaxed)) {
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
    if (!haveJacobian) {
      if (!prepareStep()) {
        out.tReached = t;
        return fail("a right-hand side is not a finite number at t = " + std::to_string(t));
      }
      haveJacobian = true;
    }
    const double hPlanned = h;
    bool lastStep = false;
    // Every output ends a step, and so does every breakpoint.
    const bool toBreak = nb < breaks.size() && breaks[nb] <= request.times[at];
    const double target = toBreak ? std::nextafter(breaks[nb], t) : request.times[at];
    if (toBreak && target <= t) {  // on the breakpoint already: cross it
      t = breaks[nb++];
      haveJacobian = false;
      while (at < nt && request.times[at] <= t) one.store(at++, z);
      continue;
    }
    if (t + 1.01 * h >= target) {
      h = target - t;
      lastStep = true;
    }
    ++out.steps;
    auto reject = [&] {
      h *= 0.25;
      rejectedLast = true;
    };
    if (!sys.factor(h)) {
      reject();
      continue;
    }
    const double tNew = lastStep ? target : t + h;
    // Stage i: r = F(stage) + sum_j (c_ij / h) k_j + h d_i F_t, then W k_i = r.
    bool ok = true;
    for (std::size_t st = 0; ok && st < 6; ++st) {
      double* r = k[st].data();
      if (st == 0) {
        std::copy(f0.begin(), f0.end(), k[0].begin());
      } else {
        // The stage point: z + sum_j a_ij k_j (stage 6 = stage 5 + k5).
        if (st < 5) {
          const auto& row = T.a[st - 1];
          std::copy(z.begin(), z.end(), stage.begin());
          for (std::size_t j = 0; j < st; ++j) {
            const double a = row[j];
            const double* kj = k[j].data();
            for (std::size_t i = 0; i < m; ++i) stage[i] += a * kj[i];
          }
        } else {
          for (std::size_t i = 0; i < m; ++i) stage[i] += k[4][i];
        }
        const double ts = st < 4 ? t + T.c[st] * h : tNew;
        ok = sys.evaluate(ts, stage.data(), r, Via::Tangents);
        if (ok) {
          const auto& row = T.k[st - 1];
          std::fill(sum.begin(), sum.end(), 0.0);
          for (std::size_t j = 0; j < st; ++j) {
            const double c = row[j];
            const double* kj = k[j].data();
            for (std::size_t i = 0; i < m; ++i) sum[i] += c * kj[i];
          }
          for (std::size_t i = 0; i < m; ++i) r[i] += sum[i] / h;
        }
      }
      if (ok && !autonomous && st < 4)
        for (std::size_t i = 0; i < m; ++i) r[i] += h * T.d[st] * ft[i];
      ok = ok && sys.solve(t, z.data(), r);
    }
    if (!ok) {  // a value that is not finite: a rejected step
      reject();
      continue;
    }
    for (std::size_t i = 0; i < m; ++i) znew[i] = stage[i] + k[5][i];
    const double err = one.norm(k[5], z, znew);
    if (!std::isfinite(err)) {
      reject();
      continue;
    }
    // Step size: order 4 controller with Gustafsson's prediction after
    // accepted steps.
    double factor = std::clamp(std::pow(err, 0.25) / 0.9, 0.2, 6.0);
    if (err <= 1.0) {
      if (!firstStep) {
        const double predicted = hAccepted / h * std::pow(err * err / errAccepted, 0.25) / 0.9;
        factor = std::max(factor, std::clamp(predicted, 0.2, 6.0));
      }
      firstStep = false;
      hAccepted = h;
      errAccepted = std::max(1e-2, err);
      while (at < nt && request.times[at] <= tNew) one.store(at++, znew);
      t = tNew;
      z.swap(znew);
      haveJacobian = false;
      if (lastStep && toBreak) {  // the breakpoint: the next step starts on it
        t = breaks[nb++];
        while (at < nt && request.times[at] <= t) one.store(at++, z);
      }
      double hNew = h / factor;
      if (rejectedLast) hNew = std::min(hNew, h);
      rejectedLast = false;
      // A step shortened to end on an output or a breakpoint says little about the next.
      h = lastStep ? std::max(hPlanned, hNew) : hNew;
      out.tReached = t;
    } else {
      h /= factor;
      rejectedLast = true;
    }
  }
  return out;
}

}  // namespace hf::ode::detail
