// The limit of the Lotka-Volterra fit of issue 11 (bench_ode_fit's data,
// start and tolerances): the same fit with the right-hand side, its
// Jacobians and the sensitivity equations written by hand in C++, solved
// by Ceres (Levenberg-Marquardt, analytic Jacobian) over
//   (a) SUNDIALS CVODES (Adams, dense Newton with the hand Jacobian,
//       hand-written sensitivity right-hand side, simultaneous corrector),
//   (b) HybridFit's own Dormand-Prince integrator (ode::integrate), so that
//       the only difference from the formula-driven fit is the tape.
// The formula-driven fit is HybridFit's OdeModel + Calibrator (statistics
// included). Goal: within 1.5x of the hand-written limit; the ratio is
// backed by callgrind instruction counts of single runs:
//   valgrind --tool=callgrind build/bench/bench_ode_limit 1 formula
//   valgrind --tool=callgrind build/bench/bench_ode_limit 1 hand-dopri5
//   valgrind --tool=callgrind build/bench/bench_ode_limit 1 hand-cvodes
// Usage: bench_ode_limit [repeats] [formula|hand-dopri5|hand-cvodes]
#include "LotkaVolterraData.h"
#include "data/DelimitedReader.h"
#include "fit/Calibrator.h"
#include "model/OdeModel.h"
#include "ode/Integrator.h"

#include <ceres/ceres.h>
#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr double kRtol = 1e-8, kAtol = 1e-10;
const double kY0[2] = {0.44249296, 4.6280594};

// dx/dt = a x - b x y, dy/dt = c x y - d y.
void rates(const double* p, const double* y, double* f) {
  f[0] = p[0] * y[0] - p[1] * y[0] * y[1];
  f[1] = p[2] * y[0] * y[1] - p[3] * y[1];
}
void jacobianY(const double* p, const double* y, double* jy) {  // row-major 2x2
  jy[0] = p[0] - p[1] * y[1];
  jy[1] = -p[1] * y[0];
  jy[2] = p[2] * y[1];
  jy[3] = p[2] * y[0] - p[3];
}
void jacobianP(const double* y, double* jp) {  // row-major 2x4
  jp[0] = y[0];
  jp[1] = -y[0] * y[1];
  jp[2] = 0;
  jp[3] = 0;
  jp[4] = 0;
  jp[5] = 0;
  jp[6] = y[0] * y[1];
  jp[7] = -y[1];
}

// (b) The hand-written system behind HybridFit's integrator.
class HandRhs final : public hf::ode::RightHandSide {
 public:
  explicit HandRhs(const double* p) : m_p(p) {}
  std::size_t stateCount() const override { return 2; }
  std::size_t sensitivityCount() const override { return 4; }
  bool rates(double, const double* y, double* f) override {
    ::rates(m_p, y, f);
    return std::isfinite(f[0]) && std::isfinite(f[1]);
  }
  bool jacobians(double, const double* y, double* f, double* jy, double* jp) override {
    ::rates(m_p, y, f);
    jacobianY(m_p, y, jy);
    if (jp) jacobianP(y, jp);
    return std::isfinite(f[0]) && std::isfinite(f[1]);
  }
  // The sensitivity equations dS/dt = J S + df/dp, by hand (S row-major 2 x 4).
  bool sensitivityRates(double, const double* y, const double* s, double* f, double* ds) override {
    ::rates(m_p, y, f);
    double jy[4], jp[8];
    jacobianY(m_p, y, jy);
    jacobianP(y, jp);
    bool finite = std::isfinite(f[0]) && std::isfinite(f[1]);
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 4; ++j) {
        ds[i * 4 + j] = jy[i * 2] * s[j] + jy[i * 2 + 1] * s[4 + j] + jp[i * 4 + j];
        finite = finite && std::isfinite(ds[i * 4 + j]);
      }
    return finite;
  }

 private:
  const double* m_p;
};

// (a) CVODES with the hand-written functions.
int cvRhs(sunrealtype, N_Vector y, N_Vector ydot, void* data) {
  rates(static_cast<const double*>(data), N_VGetArrayPointer(y), N_VGetArrayPointer(ydot));
  return 0;
}
int cvJac(sunrealtype, N_Vector y, N_Vector, SUNMatrix J, void* data, N_Vector, N_Vector, N_Vector) {
  double jy[4];
  jacobianY(static_cast<const double*>(data), N_VGetArrayPointer(y), jy);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) SUNDenseMatrix_Column(J, j)[i] = jy[i * 2 + j];
  return 0;
}
int cvSens(int ns, sunrealtype, N_Vector y, N_Vector, N_Vector* yS, N_Vector* ySdot, void* data, N_Vector, N_Vector) {
  const double* p = static_cast<const double*>(data);
  const double* yy = N_VGetArrayPointer(y);
  double jy[4], jp[8];
  jacobianY(p, yy, jy);
  jacobianP(yy, jp);
  for (int j = 0; j < ns; ++j) {
    const double* s = N_VGetArrayPointer(yS[j]);
    double* out = N_VGetArrayPointer(ySdot[j]);
    for (int i = 0; i < 2; ++i) out[i] = jy[i * 2] * s[0] + jy[i * 2 + 1] * s[1] + jp[i * 4 + j];
  }
  return 0;
}

// States (2 per time) and sensitivities (2 x 4 per time) with CVODES.
bool solveCvodes(const double* p, const std::vector<double>& times, std::vector<double>& y, std::vector<double>* sens) {
  SUNContext ctx = nullptr;
  SUNContext_Create(nullptr, &ctx);
  N_Vector v = N_VNew_Serial(2, ctx);
  N_VGetArrayPointer(v)[0] = kY0[0];
  N_VGetArrayPointer(v)[1] = kY0[1];
  void* mem = CVodeCreate(CV_ADAMS, ctx);
  CVodeInit(mem, cvRhs, 0.0, v);
  CVodeSetUserData(mem, const_cast<double*>(p));
  CVodeSStolerances(mem, kRtol, kAtol);
  SUNMatrix A = SUNDenseMatrix(2, 2, ctx);
  SUNLinearSolver LS = SUNLinSol_Dense(v, A, ctx);
  CVodeSetLinearSolver(mem, LS, A);
  CVodeSetJacFn(mem, cvJac);
  CVodeSetMaxNumSteps(mem, 100000);
  N_Vector* yS = nullptr;
  if (sens) {
    yS = N_VCloneVectorArray(4, v);
    for (int j = 0; j < 4; ++j) N_VConst(0.0, yS[j]);
    CVodeSensInit(mem, 4, CV_SIMULTANEOUS, cvSens, yS);
    CVodeSensEEtolerances(mem);
    CVodeSetSensErrCon(mem, SUNTRUE);
    sens->assign(times.size() * 8, 0.0);
  }
  y.assign(times.size() * 2, 0.0);
  bool ok = true;
  double t = 0;
  for (std::size_t k = 0; k < times.size() && ok; ++k) {
    if (times[k] > 0) ok = CVode(mem, times[k], v, &t, CV_NORMAL) >= 0;
    y[2 * k] = N_VGetArrayPointer(v)[0];
    y[2 * k + 1] = N_VGetArrayPointer(v)[1];
    if (sens && times[k] > 0) {
      CVodeGetSens(mem, &t, yS);
      for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 2; ++i) (*sens)[(k * 2 + i) * 4 + j] = N_VGetArrayPointer(yS[j])[i];
    }
  }
  if (yS) N_VDestroyVectorArray(yS, 4);
  CVodeFree(&mem);
  SUNLinSolFree(LS);
  SUNMatDestroy(A);
  N_VDestroy(v);
  SUNContext_Free(&ctx);
  return ok;
}

bool solveDopri5(const double* p, const std::vector<double>& times, std::vector<double>& y, std::vector<double>* sens) {
  HandRhs rhs(p);
  hf::ode::IntegratorSettings s;
  s.method = hf::ode::IntegratorSettings::Method::Dopri5;
  s.rtol = kRtol;
  s.atol = kAtol;
  struct Zero final : hf::ode::RightHandSide {  // states only: no sensitivity directions
    HandRhs& inner;
    explicit Zero(HandRhs& r) : inner(r) {}
    std::size_t stateCount() const override { return 2; }
    std::size_t sensitivityCount() const override { return 0; }
    bool rates(double t, const double* yy, double* f) override { return inner.rates(t, yy, f); }
    bool jacobians(double t, const double* yy, double* f, double* jy, double*) override {
      return inner.jacobians(t, yy, f, jy, nullptr);
    }
  } statesOnly(rhs);
  const std::vector<double> s0(8, 0.0);
  const hf::ode::Solution sol =
      sens ? hf::ode::integrate(rhs, {0.0, std::span<const double>(kY0, 2), s0, times, {}}, s)
           : hf::ode::integrate(statesOnly, {0.0, std::span<const double>(kY0, 2), {}, times, {}}, s);
  if (!sol.ok()) return false;
  y = sol.states;
  if (sens) *sens = sol.sensitivities;
  return true;
}

class HandCost final : public ceres::SizedCostFunction<62, 4> {
 public:
  HandCost(const std::vector<double>& times, const std::vector<double>& data, bool cvodes)
      : m_times(times), m_data(data), m_cvodes(cvodes) {}
  bool Evaluate(double const* const* params, double* r, double** J) const override {
    std::vector<double> y, s;
    const bool want = J && J[0];
    const bool ok = m_cvodes ? solveCvodes(params[0], m_times, y, want ? &s : nullptr)
                             : solveDopri5(params[0], m_times, y, want ? &s : nullptr);
    if (!ok) return false;
    for (std::size_t i = 0; i < 62; ++i) r[i] = y[i] - m_data[i];
    if (want) std::copy(s.begin(), s.end(), J[0]);
    return true;
  }

 private:
  const std::vector<double>& m_times;
  const std::vector<double>& m_data;
  bool m_cvodes;
};

struct Run {
  double seconds = 0;
  int iterations = 0;
  std::vector<double> estimates;
};

Run fitHand(const std::vector<double>& times, const std::vector<double>& data, bool cvodes) {
  double p[4] = {1.0, 0.5, 0.5, 1.0};
  const auto t0 = std::chrono::steady_clock::now();
  ceres::Problem problem;
  problem.AddResidualBlock(new HandCost(times, data, cvodes), nullptr, p);
  ceres::Solver::Options o;
  o.linear_solver_type = ceres::DENSE_QR;
  o.function_tolerance = 1e-14;
  o.parameter_tolerance = 1e-12;
  o.gradient_tolerance = 1e-16;
  o.max_num_iterations = 200;
  ceres::Solver::Summary summary;
  ceres::Solve(o, &problem, &summary);
  Run r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.iterations = static_cast<int>(summary.iterations.size()) - 1;
  r.estimates.assign(p, p + 4);
  return r;
}

Run fitFormula(const hf::model::OdeModel& model) {
  const auto t0 = std::chrono::steady_clock::now();
  hf::fit::Calibrator c(model, {{"a", 1.0}, {"b", 0.5}, {"c", 0.5}, {"d", 1.0}});
  const hf::fit::FitSummary s = c.run();
  Run r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.iterations = s.iterations;
  for (const auto& e : s.parameters) r.estimates.push_back(e.value);
  return r;
}

double maxRelDiff(const std::vector<double>& a, const std::vector<double>& b) {
  double m = 0;
  for (std::size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(a[i] - b[i]) / std::fabs(b[i]));
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::stoi(argv[1]) : 20;
  const std::string only = argc > 2 ? argv[2] : "";
  const hf::data::Dataset d = hf::data::readDelimitedFile(hf::bench::writeLotkaVolterraData());
  std::vector<double> times = d.columns[0].values, data;
  for (std::size_t k = 0; k < times.size(); ++k) {
    data.push_back(d.columns[1].values[k]);
    data.push_back(d.columns[2].values[k]);
  }
  hf::model::OdeModelSpec spec;
  spec.equations = {{"x", "y"}, {"a*x - b*x*y", "c*x*y - d*y"}, {}};
  spec.initial = {"0.44249296", "4.6280594"};
  spec.parameters = {"a", "b", "c", "d"};
  spec.observables = {{"x", "x", ""}, {"y", "y", ""}};
  spec.integrator.rtol = kRtol;
  spec.integrator.atol = kAtol;
  const hf::model::OdeModel model(spec, {{"lv", &d}});

  const auto best = [&](auto&& fit) {
    Run b;
    b.seconds = 1e9;
    for (int i = 0; i < repeats; ++i) {
      Run r = fit();
      if (r.seconds < b.seconds) b = r;
    }
    return b;
  };
  Run formula, dopri, cvodes;
  if (only.empty() || only == "formula") formula = best([&] { return fitFormula(model); });
  if (only.empty() || only == "hand-dopri5") dopri = best([&] { return fitHand(times, data, false); });
  if (only.empty() || only == "hand-cvodes") cvodes = best([&] { return fitHand(times, data, true); });
  const auto show = [](const char* name, const Run& r) {
    if (r.estimates.empty()) return;
    std::printf("%-52s %.6f s, %3d iterations, estimates", name, r.seconds, r.iterations);
    for (double v : r.estimates) std::printf(" %.10g", v);
    std::printf("\n");
  };
  show("HybridFit, formulas (OdeModel + Calibrator):", formula);
  show("hand-written, Ceres + HybridFit Dormand-Prince:", dopri);
  show("hand-written, Ceres + CVODES Adams:", cvodes);
  if (only.empty()) {
    std::printf("same optimum: max relative difference %.2g (Dormand-Prince), %.2g (CVODES)\n",
                maxRelDiff(dopri.estimates, formula.estimates), maxRelDiff(cvodes.estimates, formula.estimates));
    std::printf("formula / hand-written limit: %.2f (Dormand-Prince), %.2f (CVODES); goal <= 1.5\n",
                formula.seconds / dopri.seconds, formula.seconds / cvodes.seconds);
  }
  return 0;
}
