// SUNDIALS CVODES behind ode::integrate: BDF or Adams with Newton iteration
// on a dense exact Jacobian, forward sensitivities by the simultaneous
// corrector with a user-supplied sensitivity right-hand side J S + df/dp
// (both from one jacobians() call per (t, y)), error control on the
// sensitivities scaled by the parameters' magnitudes.
#include "ode/Integrator.h"

#include <cvodes/cvodes.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace hf::ode::detail {
namespace {

/// Steps per CVode() call between looks at the cancel flag and the budget.
constexpr long kStepBatch = 500;
/// CVODES' tolerances are local: over an oscillating stiff problem its
/// global error grows to 100-300x the local tolerance (OREGO at rtol 1e-10:
/// 7.3 correct digits). HybridFit's rtol and atol mean the accuracy of the
/// solution, so CVODES is given a tenth of them (OREGO then 8.3 digits, at
/// 1.36x the steps). Dormand-Prince is far more accurate than its local
/// tolerance here and gets them unchanged.
constexpr double kLocalToleranceFactor = 0.1;

struct Context {
  RightHandSide* rhs = nullptr;
  std::size_t n = 0, ns = 0;
  std::vector<double> f, jy, jp;  // sized once
  std::string lastError;
};

int rhsFunction(sunrealtype t, N_Vector y, N_Vector ydot, void* data) {
  auto* c = static_cast<Context*>(data);
  return c->rhs->rates(t, N_VGetArrayPointer(y), N_VGetArrayPointer(ydot)) ? 0 : 1;  // 1: recoverable
}

int jacobianFunction(sunrealtype t, N_Vector y, N_Vector, SUNMatrix jac, void* data, N_Vector, N_Vector, N_Vector) {
  auto* c = static_cast<Context*>(data);
  if (!c->rhs->jacobians(t, N_VGetArrayPointer(y), c->f.data(), c->jy.data(), c->ns ? c->jp.data() : nullptr)) return 1;
  const std::size_t n = c->n;
  for (std::size_t j = 0; j < n; ++j) {
    sunrealtype* column = SUNDenseMatrix_Column(jac, static_cast<sunindextype>(j));
    for (std::size_t i = 0; i < n; ++i) column[i] = c->jy[i * n + j];
  }
  return 0;
}

int sensitivityFunction(int ns, sunrealtype t, N_Vector y, N_Vector, N_Vector* yS, N_Vector* ySdot, void* data,
                        N_Vector, N_Vector) {
  auto* c = static_cast<Context*>(data);
  if (!c->rhs->jacobians(t, N_VGetArrayPointer(y), c->f.data(), c->jy.data(), c->jp.data())) return 1;
  const std::size_t n = c->n, nsens = static_cast<std::size_t>(ns);
  for (std::size_t j = 0; j < nsens; ++j) {
    const double* s = N_VGetArrayPointer(yS[j]);
    double* out = N_VGetArrayPointer(ySdot[j]);
    for (std::size_t i = 0; i < n; ++i) {
      double v = c->jp[i * nsens + j];
      const double* row = &c->jy[i * n];
      for (std::size_t k = 0; k < n; ++k) v += row[k] * s[k];
      out[i] = v;
    }
  }
  return 0;
}

void errorHandler(int, const char*, const char*, char* message, void* data) {
  static_cast<Context*>(data)->lastError = message;
}

/// Owns the CVODES objects of one solve.
struct Cvodes {
  SUNContext context = nullptr;
  void* memory = nullptr;
  N_Vector y = nullptr;
  N_Vector* yS = nullptr;
  int ns = 0;
  SUNMatrix matrix = nullptr;
  SUNLinearSolver solver = nullptr;
  ~Cvodes() {
    if (memory) CVodeFree(&memory);
    if (solver) SUNLinSolFree(solver);
    if (matrix) SUNMatDestroy(matrix);
    if (yS) N_VDestroyVectorArray(yS, ns);
    if (y) N_VDestroy(y);
    if (context) SUNContext_Free(&context);
  }
};

std::string flagReason(int flag, const Context& c) {
  // CVodeGetReturnFlagName returns a malloc()ed string the caller frees.
  char* raw = CVodeGetReturnFlagName(flag);
  const std::string name = raw ? raw : "flag " + std::to_string(flag);
  std::free(raw);
  switch (flag) {
    case CV_TOO_MUCH_WORK:
      return "too many steps (" + name + ")";
    case CV_TOO_MUCH_ACC:
      return "the tolerances are too tight for double precision (" + name + ")";
    case CV_ERR_FAILURE:
    case CV_CONV_FAILURE:
      return "the step size became too small: the solution may blow up or be discontinuous (" + name + ")";
    case CV_RHSFUNC_FAIL:
    case CV_REPTD_RHSFUNC_ERR:
    case CV_UNREC_RHSFUNC_ERR:
    case CV_FIRST_RHSFUNC_ERR:
    case CV_SRHSFUNC_FAIL:
    case CV_REPTD_SRHSFUNC_ERR:
    case CV_UNREC_SRHSFUNC_ERR:
    case CV_LSETUP_FAIL:
      return "a right-hand side is not a finite number (" + name + ")";
    default:
      return c.lastError.empty() ? name : c.lastError + " (" + name + ")";
  }
}

}  // namespace

Solution integrateCvodes(RightHandSide& rhs, const SolveRequest& request, const IntegratorSettings& settings,
                         const std::atomic<bool>* cancel) {
  Solution out;
  Context c;
  c.rhs = &rhs;
  c.n = rhs.stateCount();
  c.ns = rhs.sensitivityCount();
  c.f.resize(c.n);
  c.jy.resize(c.n * c.n);
  c.jp.resize(c.n * c.ns);
  const std::size_t n = c.n, ns = c.ns, nt = request.times.size();
  out.stateCount = n;
  out.sensitivityCount = ns;
  out.usedStiffSolver = settings.method != IntegratorSettings::Method::Adams;
  out.tReached = request.t0;
  out.states.assign(nt * n, 0.0);
  out.sensitivities.assign(nt * n * ns, 0.0);
  auto fail = [&](std::string reason) {
    out.status = Solution::Status::Failed;
    out.reason = std::move(reason);
    return out;
  };

  Cvodes cv;
  if (SUNContext_Create(nullptr, &cv.context) != 0) return fail("CVODES could not be set up");
  cv.y = N_VNew_Serial(static_cast<sunindextype>(n), cv.context);
  std::copy(request.y0.begin(), request.y0.end(), N_VGetArrayPointer(cv.y));
  cv.memory = CVodeCreate(settings.method == IntegratorSettings::Method::Adams ? CV_ADAMS : CV_BDF, cv.context);
  if (!cv.memory || !cv.y) return fail("CVODES could not be set up");
  CVodeSetErrHandlerFn(cv.memory, errorHandler, &c);
  if (CVodeInit(cv.memory, rhsFunction, request.t0, cv.y) != CV_SUCCESS) return fail("CVODES could not be set up");
  CVodeSetUserData(cv.memory, &c);
  CVodeSStolerances(cv.memory, kLocalToleranceFactor * settings.rtol, kLocalToleranceFactor * settings.atol);
  cv.matrix = SUNDenseMatrix(static_cast<sunindextype>(n), static_cast<sunindextype>(n), cv.context);
  cv.solver = SUNLinSol_Dense(cv.y, cv.matrix, cv.context);
  CVodeSetLinearSolver(cv.memory, cv.solver, cv.matrix);
  CVodeSetJacFn(cv.memory, jacobianFunction);
  CVodeSetMaxNumSteps(cv.memory, kStepBatch);
  if (ns) {
    cv.ns = static_cast<int>(ns);
    cv.yS = N_VCloneVectorArray(cv.ns, cv.y);
    for (std::size_t j = 0; j < ns; ++j) {
      double* s = N_VGetArrayPointer(cv.yS[j]);
      for (std::size_t i = 0; i < n; ++i) s[i] = request.s0.empty() ? 0.0 : request.s0[i * ns + j];
    }
    if (CVodeSensInit(cv.memory, cv.ns, CV_SIMULTANEOUS, sensitivityFunction, cv.yS) != CV_SUCCESS)
      return fail("CVODES could not set up the sensitivities");
    std::vector<double> scales(ns, 1.0);
    for (std::size_t j = 0; j < ns && j < request.parameterScales.size(); ++j)
      if (std::isfinite(request.parameterScales[j]) && request.parameterScales[j] != 0)
        scales[j] = std::fabs(request.parameterScales[j]);
    CVodeSetSensParams(cv.memory, nullptr, scales.data(), nullptr);
    CVodeSensEEtolerances(cv.memory);
    CVodeSetSensErrCon(cv.memory, SUNTRUE);
  }

  long stepsBefore = 0, stepsEarlier = 0;  // stepsEarlier: before the last restart at a breakpoint
  auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
  // Integrates to `target` (CV_NORMAL), in batches that honour Cancel.
  // Returns 0 when reached, else the failure or cancel already in `out`.
  auto advance = [&](double target) -> int {
    double t = out.tReached;
    for (;;) {
      const int flag = CVode(cv.memory, target, cv.y, &t, CV_NORMAL);
      long steps = 0;
      CVodeGetNumSteps(cv.memory, &steps);
      out.steps = stepsEarlier + steps;
      out.tReached = t;
      if (flag >= 0) return 0;
      if (flag == CV_TOO_MUCH_WORK && out.steps < settings.maxSteps) {
        if (cancelled()) {
          out.status = Solution::Status::Cancelled;
          out.reason = "cancelled";
          return 1;
        }
        if (out.steps == stepsBefore) {
          fail(flagReason(flag, c));
          return 1;
        }
        stepsBefore = out.steps;
        continue;
      }
      fail(flagReason(flag, c));
      return 1;
    }
  };
  // Breakpoints (the right-hand side jumps or kinks there): a stop time
  // just before the next one is armed at all times, so that no step crosses
  // it (CV_NORMAL may step past an output, never past the stop time); there
  // the solver restarts (BDF's history would straddle the jump).
  const auto breaks = request.breakpoints;
  std::size_t nb =
      static_cast<std::size_t>(std::upper_bound(breaks.begin(), breaks.end(), request.t0) - breaks.begin());
  const auto armStop = [&] {
    // Reaching a stop time clears it; with no breakpoint left none is needed,
    // but one set before must not stay (6.4 has no call to clear it).
    const double stop = nb < breaks.size() ? std::nextafter(breaks[nb], -std::numeric_limits<double>::infinity())
                                           : std::numeric_limits<double>::max();
    return CVodeSetStopTime(cv.memory, stop) == CV_SUCCESS;
  };
  if (nb < breaks.size() && !armStop()) return fail("CVODES could not set a stop time");
  double lastRestart = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < nt; ++k) {
    const double tout = request.times[k];
    double t = out.tReached;
    if (tout > request.t0) {
      while (nb < breaks.size() && breaks[nb] <= tout) {
        const double before = std::nextafter(breaks[nb], -std::numeric_limits<double>::infinity());
        if (before > out.tReached && advance(before)) return out;
        if (ns) CVodeGetSens(cv.memory, &t, cv.yS);
        stepsEarlier = out.steps;
        stepsBefore = out.steps;
        out.tReached = lastRestart = breaks[nb];
        if (CVodeReInit(cv.memory, breaks[nb], cv.y) != CV_SUCCESS ||
            (ns && CVodeSensReInit(cv.memory, CV_SIMULTANEOUS, cv.yS) != CV_SUCCESS))
          return fail("CVODES could not restart at t = " + std::to_string(breaks[nb]));
        ++nb;
        if (!armStop()) return fail("CVODES could not set a stop time");
      }
      if (tout > out.tReached && advance(tout)) return out;
      if (cancelled()) {
        out.status = Solution::Status::Cancelled;
        out.reason = "cancelled";
        return out;
      }
    }
    const double* y = N_VGetArrayPointer(cv.y);
    std::copy_n(y, n, out.states.begin() + static_cast<std::ptrdiff_t>(k * n));
    if (ns) {
      if (tout > request.t0 && tout > lastRestart) CVodeGetSens(cv.memory, &t, cv.yS);
      for (std::size_t j = 0; j < ns; ++j) {
        const double* s = N_VGetArrayPointer(cv.yS[j]);
        for (std::size_t i = 0; i < n; ++i) out.sensitivities[(k * n + i) * ns + j] = s[i];
      }
    }
  }
  return out;
}

}  // namespace hf::ode::detail
