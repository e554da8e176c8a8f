// ode::integrate against closed-form solutions and sensitivities: every
// method (Dormand-Prince, CVODES BDF and Adams, automatic choice), states
// and forward sensitivities, failures reported as values, cancel.
#include "common/Error.h"
#include "ode/BoundSystem.h"
#include "ode/Integrator.h"
#include "ode/OdeSystem.h"

#include <QtTest>
#include <cmath>

using namespace hf;
using Method = ode::IntegratorSettings::Method;

namespace {

const Method kMethods[] = {Method::Dopri5, Method::Bdf, Method::Adams, Method::Auto, Method::Rodas4};

ode::IntegratorSettings tight(Method m) {
  ode::IntegratorSettings s;
  s.method = m;
  s.rtol = 1e-10;
  s.atol = 1e-12;
  return s;
}

std::vector<double> grid(double t0, double t1, int n) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) t.push_back(t0 + (t1 - t0) * i / (n - 1));
  return t;
}

/// |a - b| <= tol * max(|b|, floor)
bool close(double a, double b, double tol, double floor = 1.0) {
  return std::fabs(a - b) <= tol * std::max(std::fabs(b), floor);
}

}  // namespace

class IntegratorTest : public QObject {
  Q_OBJECT
 private slots:
  // dA/dt = -k A, A(0) = A0: A = A0 exp(-k t), dA/dk = -t A, dA/dA0 = exp(-k t).
  void exponentialDecayAndItsSensitivities() {
    const ode::OdeSystem sys({{"A"}, {"-k*A"}, {}}, {"k", "A0"});
    const std::vector<double> p{0.7, 2.5};
    const auto times = grid(0, 5, 11);
    const std::vector<double> y0{2.5}, s0{0.0, 1.0};  // dA(0)/dk = 0, dA(0)/dA0 = 1
    for (Method m : kMethods) {
      ode::BoundSystem rhs(sys, p, {0, 1});
      const auto sol = ode::integrate(rhs, {0.0, y0, s0, times, p}, tight(m));
      QVERIFY2(sol.ok(), sol.reason.c_str());
      for (std::size_t k = 0; k < times.size(); ++k) {
        const double t = times[k], e = std::exp(-0.7 * t);
        QVERIFY2(close(sol.state(k, 0), 2.5 * e, 1e-8),
                 qPrintable(QString("%1 t=%2: %3").arg(ode::methodName(m).c_str()).arg(t).arg(sol.state(k, 0))));
        QVERIFY2(close(sol.sensitivity(k, 0, 0), -t * 2.5 * e, 1e-7, 1e-3), qPrintable(ode::methodName(m).c_str()));
        QVERIFY2(close(sol.sensitivity(k, 0, 1), e, 1e-7, 1e-3), qPrintable(ode::methodName(m).c_str()));
      }
    }
  }

  // x' = v, v' = -w^2 x, x(0) = 1, v(0) = 0: x = cos(w t), dx/dw = -t sin(w t);
  // v = -w sin(w t), dv/dw = -sin(w t) - w t cos(w t). Ten periods.
  void harmonicOscillatorOverTenPeriods() {
    const ode::OdeSystem sys({{"x", "v"}, {"v", "-w^2*x"}, {}}, {"w"});
    const double w = 2.0;
    const std::vector<double> p{w};
    const auto times = grid(0, 10 * 2 * M_PI / w, 41);
    for (Method m : kMethods) {
      ode::BoundSystem rhs(sys, p, {0});
      const auto sol = ode::integrate(rhs, {0.0, std::vector<double>{1.0, 0.0}, {}, times, p}, tight(m));
      QVERIFY2(sol.ok(), sol.reason.c_str());
      for (std::size_t k = 0; k < times.size(); ++k) {
        const double t = times[k];
        QVERIFY2(close(sol.state(k, 0), std::cos(w * t), 1e-7), qPrintable(ode::methodName(m).c_str()));
        QVERIFY2(close(sol.state(k, 1), -w * std::sin(w * t), 1e-7), qPrintable(ode::methodName(m).c_str()));
        QVERIFY2(close(sol.sensitivity(k, 0, 0), -t * std::sin(w * t), 1e-6), qPrintable(ode::methodName(m).c_str()));
        QVERIFY2(close(sol.sensitivity(k, 1, 0), -std::sin(w * t) - w * t * std::cos(w * t), 1e-6),
                 qPrintable(ode::methodName(m).c_str()));
      }
    }
  }

  // y' = A y with A = [[-a, b], [b, -a]]: eigenvalues -a +- b along (1, 1) and
  // (1, -1), so y = c1 e^{(b-a)t} (1, 1) + c2 e^{-(a+b)t} (1, -1). With
  // a = 500.5, b = 499.5 the system is stiff (eigenvalues -1 and -1000).
  void stiffLinearSystemThroughItsEigenvectors() {
    const ode::OdeSystem sys({{"u", "v"}, {"-a*u + b*v", "b*u - a*v"}, {}}, {"a", "b"});
    const std::vector<double> p{500.5, 499.5};
    const double c1 = 1.5, c2 = 0.5;  // y(0) = (2, 1)
    const auto times = grid(0, 4, 9);
    for (Method m : kMethods) {
      ode::BoundSystem rhs(sys, p, {});
      const auto sol = ode::integrate(rhs, {0.0, std::vector<double>{2.0, 1.0}, {}, times, p}, tight(m));
      QVERIFY2(sol.ok(), sol.reason.c_str());
      for (std::size_t k = 0; k < times.size(); ++k) {
        const double t = times[k], slow = c1 * std::exp(-t), fast = c2 * std::exp(-1000 * t);
        QVERIFY2(close(sol.state(k, 0), slow + fast, 1e-7, 1e-6), qPrintable(ode::methodName(m).c_str()));
        QVERIFY2(close(sol.state(k, 1), slow - fast, 1e-7, 1e-6), qPrintable(ode::methodName(m).c_str()));
      }
      if (m == Method::Auto) QVERIFY(sol.usedStiffSolver);  // handed over to the stiff method
    }
  }

  // The automatic choice keeps the explicit method on systems that are not
  // stiff, loose or tight tolerances, with or without sensitivities:
  // Lotka-Volterra, a harmonic oscillator over many periods, Van der Pol
  // with mu = 1 and Lorenz (chaotic) over a short horizon.
  void automaticChoiceStaysExplicitOnNonStiffSystems() {
    struct Case {
      const char* name;
      ode::OdeEquations eq;
      std::vector<std::string> params;
      std::vector<double> p, y0;
      double tEnd;
    };
    const Case cases[] = {
        {"lotka-volterra",
         {{"x", "y"}, {"a*x - b*x*y", "c*x*y - d*y"}, {}},
         {"a", "b", "c", "d"},
         {1.3, 0.9, 0.8, 1.8},
         {0.44, 4.63},
         20},
        {"oscillator", {{"x", "v"}, {"v", "-w^2*x"}, {}}, {"w"}, {5.0}, {1, 0}, 40},
        {"van der pol", {{"x", "v"}, {"v", "mu*(1 - x^2)*v - x"}, {}}, {"mu"}, {1.0}, {2, 0}, 20},
        {"lorenz",
         {{"x", "y", "z"}, {"s*(y - x)", "x*(r - z) - y", "x*y - b*z"}, {}},
         {"s", "r", "b"},
         {10, 28, 8.0 / 3},
         {1, 1, 1},
         2},
    };
    for (const Case& c : cases)
      for (double rtol : {1e-4, 1e-8, 1e-11})
        for (bool sensitivities : {false, true}) {
          const ode::OdeSystem sys(c.eq, c.params);
          std::vector<std::size_t> directions;
          if (sensitivities)
            for (std::size_t j = 0; j < c.p.size(); ++j) directions.push_back(j);
          ode::BoundSystem rhs(sys, c.p, directions);
          ode::IntegratorSettings s;
          s.rtol = rtol;
          s.atol = rtol * 1e-2;
          const auto sol = ode::integrate(rhs, {0.0, c.y0, {}, grid(0, c.tEnd, 21), c.p}, s);
          QVERIFY2(sol.ok(), sol.reason.c_str());
          QVERIFY2(
              !sol.usedStiffSolver,
              qPrintable(
                  QString("%1 at rtol %2%3").arg(c.name).arg(rtol).arg(sensitivities ? " with sensitivities" : "")));
        }
  }

  // Sensitivities of nonlinear systems against central differences of whole
  // solves at a tight tolerance: Lotka-Volterra (4 rate parameters, with the
  // initial prey count as a fifth direction) and Robertson's stiff kinetics
  // (3 rate constants).
  void sensitivitiesMatchFiniteDifferences_data() {
    QTest::addColumn<int>("system");
    QTest::addColumn<int>("method");
    for (Method m : kMethods) {
      QTest::newRow(("lotka-volterra " + ode::methodName(m)).c_str()) << 0 << static_cast<int>(m);
      if (m != Method::Dopri5 && m != Method::Adams)
        QTest::newRow(("robertson " + ode::methodName(m)).c_str()) << 1 << static_cast<int>(m);
    }
  }
  void sensitivitiesMatchFiniteDifferences() {
    QFETCH(int, system);
    QFETCH(int, method);
    const bool lv = system == 0;
    const ode::OdeSystem sys =
        lv ? ode::OdeSystem({{"x", "y"}, {"a*x - b*x*y", "c*x*y - d*y"}, {}}, {"a", "b", "c", "d", "x0"})
           : ode::OdeSystem({{"A", "B", "C"}, {"-k1*A + k2*B*C", "k1*A - k2*B*C - k3*B^2", "k3*B^2"}, {}},
                            {"k1", "k2", "k3"});
    std::vector<double> p =
        lv ? std::vector<double>{1.3, 0.9, 0.8, 1.8, 0.44249296} : std::vector<double>{0.04, 1e4, 3e7};
    const std::vector<double> times = lv ? grid(0, 3, 7) : std::vector<double>{0.4, 4, 40};
    auto y0 = [&](const std::vector<double>& q) {
      return lv ? std::vector<double>{q[4], 4.6280594} : std::vector<double>{1, 0, 0};
    };
    const std::size_t n = sys.stateCount(), np = p.size();
    std::vector<std::size_t> directions(np);
    for (std::size_t j = 0; j < np; ++j) directions[j] = j;
    std::vector<double> s0(n * np, 0.0);
    if (lv) s0[0 * np + 4] = 1.0;  // dx(0)/dx0
    auto settings = tight(static_cast<Method>(method));
    ode::BoundSystem rhs(sys, p, directions);
    const auto sol = ode::integrate(rhs, {0.0, y0(p), s0, times, p}, settings);
    QVERIFY2(sol.ok(), sol.reason.c_str());
    auto fine = tight(Method::Bdf);
    fine.rtol = 1e-13;
    fine.atol = 1e-20;
    for (std::size_t j = 0; j < np; ++j) {
      const double h = 1e-4 * std::fabs(p[j]);
      std::vector<double> up = p, down = p;
      up[j] += h;
      down[j] -= h;
      ode::BoundSystem ru(sys, up, {}), rd(sys, down, {});
      const auto su = ode::integrate(ru, {0.0, y0(up), {}, times, up}, fine);
      const auto sd = ode::integrate(rd, {0.0, y0(down), {}, times, down}, fine);
      QVERIFY(su.ok() && sd.ok());
      for (std::size_t k = 0; k < times.size(); ++k)
        for (std::size_t i = 0; i < n; ++i) {
          const double fd = (su.state(k, i) - sd.state(k, i)) / (2 * h);
          // Scale: the state's size over the parameter's.
          const double scale = std::max(std::fabs(sol.state(k, i)), 1e-3 * (lv ? 1.0 : 1e-5)) / std::fabs(p[j]);
          QVERIFY2(std::fabs(sol.sensitivity(k, i, j) - fd) <= 1e-5 * std::max(std::fabs(fd), scale),
                   qPrintable(QString("t=%1 y%2 p%3: %4 vs differences %5")
                                  .arg(times[k])
                                  .arg(i + 1)
                                  .arg(j + 1)
                                  .arg(sol.sensitivity(k, i, j), 0, 'g', 10)
                                  .arg(fd, 0, 'g', 10)));
        }
    }
  }

  // Rodas4 on a stiff, nonlinear, non-autonomous system (time in a rate and a
  // smooth input): its time derivative and the sensitivity coupling B =
  // d(J S)/dy come from differences of exact Jacobians, so check its states
  // and sensitivities against CVODES BDF at a far tighter tolerance, at the
  // default tolerances a fit uses and at tight ones.
  void rodas4SensitivitiesOfANonAutonomousStiffSystem() {
    const ode::OdeSystem sys({{"A", "B"}, {"-k*(A - sin(w*t)) + B^2", "-c*A*B + u"}, {"u"}}, {"k", "w", "c", "A0"});
    std::vector<double> ts, us;
    for (int i = 0; i <= 40; ++i) {
      ts.push_back(0.1 * i);
      us.push_back(0.5 + 0.3 * std::cos(0.1 * i));  // interpolated linearly: a kink every 0.1
    }
    const ode::InputSeries input(ts, {us}, {"u"}, {ode::Interpolation::Linear});
    const std::vector<double> p{2e4, 3.0, 1.5, 0.8}, times = grid(0, 4, 9);
    const std::vector<double> y0{0.8, 0.2}, s0{0, 0, 0, 1, 0, 0, 0, 0};  // dA(0)/dA0 = 1
    ode::BoundSystem rhs(sys, p, {0, 1, 2, 3}, &input);
    QVERIFY(!rhs.autonomous());
    auto reference = tight(Method::Bdf);
    reference.rtol = 1e-13;
    reference.atol = 1e-16;
    reference.maxSteps = 1000000;
    const auto ref = ode::integrate(rhs, {0.0, y0, s0, times, p}, reference);
    QVERIFY2(ref.ok(), ref.reason.c_str());
    for (double rtol : {1e-8, 1e-11}) {
      ode::IntegratorSettings s;
      s.method = Method::Rodas4;
      s.rtol = rtol;
      s.atol = rtol * 1e-2;
      const auto sol = ode::integrate(rhs, {0.0, y0, s0, times, p}, s);
      QVERIFY2(sol.ok(), sol.reason.c_str());
      QVERIFY(sol.usedStiffSolver);
      const double tol = rtol * 200;  // global error: a few hundred local tolerances at most
      for (std::size_t k = 0; k < times.size(); ++k)
        for (std::size_t i = 0; i < 2; ++i) {
          QVERIFY2(close(sol.state(k, i), ref.state(k, i), tol),
                   qPrintable(QString("t=%1 state %2").arg(times[k]).arg(i)));
          for (std::size_t j = 0; j < 4; ++j) {
            const double scale = std::max(std::fabs(sol.state(k, i)), 1e-3) / std::fabs(p[j]);
            QVERIFY2(std::fabs(sol.sensitivity(k, i, j) - ref.sensitivity(k, i, j)) <=
                         tol * std::max(std::fabs(ref.sensitivity(k, i, j)), scale),
                     qPrintable(QString("rtol %1 t=%2 dy%3/dp%4: %5 vs %6")
                                    .arg(rtol)
                                    .arg(times[k])
                                    .arg(i + 1)
                                    .arg(j + 1)
                                    .arg(sol.sensitivity(k, i, j), 0, 'g', 12)
                                    .arg(ref.sensitivity(k, i, j), 0, 'g', 12)));
          }
        }
    }
  }

  // Inputs from data: dy/dt = u(t) with u sampled from u = 2t (linear
  // interpolation is exact), so y = y0 + t^2; held piecewise constant, the
  // integral of the staircase. With the inputs' breakpoints no step
  // straddles a jump, so every method gets the staircase to its tolerance.
  void inputsInterpolatedOrHeld() {
    const ode::OdeSystem sys({{"y"}, {"u"}, {"u"}}, {});
    const std::vector<double> ts{0, 1, 2, 3}, us{0, 2, 4, 6};
    const std::vector<double> p;
    const ode::InputSeries linear(ts, {us}, {"u"}, {ode::Interpolation::Linear});
    const ode::InputSeries hold(ts, {us}, {"u"}, {ode::Interpolation::Hold});
    // One slope throughout the samples, flat outside them: kinks at the ends.
    QCOMPARE(linear.breakpoints(), (std::vector<double>{0, 3}));
    QCOMPARE(hold.breakpoints(), (std::vector<double>{1, 2, 3}));
    const std::vector<double> times{0, 0.5, 1.5, 3};
    const auto linearBreaks = linear.breakpoints(), holdBreaks = hold.breakpoints();
    for (Method m : kMethods) {
      ode::BoundSystem a(sys, p, {}, &linear);
      auto sol = ode::integrate(a, {0.0, std::vector<double>{1.0}, {}, times, p, linearBreaks}, tight(m));
      QVERIFY2(sol.ok(), sol.reason.c_str());
      for (std::size_t k = 0; k < times.size(); ++k) QVERIFY(close(sol.state(k, 0), 1 + times[k] * times[k], 1e-8));
      ode::BoundSystem b(sys, p, {}, &hold);
      sol = ode::integrate(b, {0.0, std::vector<double>{1.0}, {}, times, p, holdBreaks}, tight(m));
      QVERIFY2(sol.ok(), sol.reason.c_str());
      // staircase 0 on [0,1), 2 on [1,2), 4 on [2,3): y(1.5) = 1 + 1, y(3) = 1 + 2 + 4.
      // Each piece is a straight line, so every method is exact up to
      // rounding once no step straddles a jump (without the breakpoints the
      // errors were 1.5e-8 to 4e-11, the last from the jump at t = 3 itself).
      const std::string name = ode::methodName(m);
      for (std::size_t i : {1, 2, 3}) {
        const double expected = i == 1 ? 1.0 : i == 2 ? 2.0 : 7.0;
        QVERIFY2(close(sol.state(i, 0), expected, 1e-13),
                 qPrintable(QString("%1: %2").arg(name.c_str()).arg(sol.state(i, 0), 0, 'g', 17)));
      }
    }
  }

  // A held input with a sensitivity: dy/dt = k u(t) - c y, u a staircase
  // that also kinks where a linear input would not; y and dy/dk, dy/dc
  // against closed forms piece by piece, for every method, with the
  // breakpoints and at the accuracy the tolerances promise.
  void heldInputSensitivitiesAcrossJumps() {
    const ode::OdeSystem sys({{"y"}, {"k*u - c*y"}, {"u"}}, {"k", "c"});
    const std::vector<double> ts{0, 0.7, 1.9, 2.6, 4}, us{1, 3, -2, 0.5, 0.5};
    const ode::InputSeries hold(ts, {us}, {"u"}, {ode::Interpolation::Hold});
    const auto breaks = hold.breakpoints();
    QCOMPARE(breaks, (std::vector<double>{0.7, 1.9, 2.6}));
    const double k = 1.7, c = 0.9;
    const std::vector<double> p{k, c}, times{0.35, 0.7, 1.2, 1.9, 2.6, 3.3, 4};
    // Closed form on a piece with constant u from (t0, y0, y0k, y0c):
    // y = A + (y0 - A) e^{-c s}, A = k u / c, s = t - t0.
    auto exact = [&](double t, double& y, double& dk, double& dc) {
      y = 0.2;
      dk = 0;
      dc = 0;
      double t0 = 0;
      for (std::size_t i = 0; i < ts.size() && t0 < t; ++i) {
        const double t1 = i + 1 < ts.size() ? std::min(ts[i + 1], t) : t, s = t1 - t0, e = std::exp(-c * s);
        const double u = us[i], A = k * u / c, Ak = u / c, Ac = -k * u / (c * c);
        const double yn = A + (y - A) * e;
        const double dkn = Ak + (dk - Ak) * e;
        const double dcn = Ac + (dc - Ac) * e - s * (y - A) * e;
        y = yn;
        dk = dkn;
        dc = dcn;
        t0 = t1;
      }
    };
    // Tight tolerances with outputs between the jumps, and loose ones with
    // outputs far apart (a solver that takes long steps must still not
    // step across a jump).
    for (Method m : kMethods)
      for (bool loose : {false, true}) {
        const std::vector<double> at = loose ? std::vector<double>{0.35, 4} : times;
        auto settings = tight(m);
        if (loose) {
          settings.rtol = 1e-6;
          settings.atol = 1e-9;
        }
        const double tol = loose ? 2e-4 : 1e-8;
        ode::BoundSystem rhs(sys, p, {0, 1}, &hold);
        const auto sol = ode::integrate(rhs, {0.0, std::vector<double>{0.2}, {}, at, p, breaks}, settings);
        QVERIFY2(sol.ok(), sol.reason.c_str());
        for (std::size_t i = 0; i < at.size(); ++i) {
          double y, dk, dc;
          exact(at[i], y, dk, dc);
          const QString where = QString("%1 t=%2").arg(ode::methodName(m).c_str()).arg(at[i]);
          QVERIFY2(close(sol.state(i, 0), y, tol),
                   qPrintable(where + QString(": %1 vs %2").arg(sol.state(i, 0), 0, 'g', 15).arg(y, 0, 'g', 15)));
          QVERIFY2(close(sol.sensitivity(i, 0, 0), dk, 10 * tol), qPrintable(where + " dy/dk"));
          QVERIFY2(close(sol.sensitivity(i, 0, 1), dc, 10 * tol), qPrintable(where + " dy/dc"));
        }
      }
  }

  // y' = y^2, y(0) = 1 blows up at t = 1: a failure with the time reached.
  void blowUpFailsWithTheTimeReached() {
    const ode::OdeSystem sys({{"y"}, {"y^2"}, {}}, {});
    const std::vector<double> p;
    for (Method m : kMethods) {
      ode::BoundSystem rhs(sys, p, {});
      const auto sol =
          ode::integrate(rhs, {0.0, std::vector<double>{1.0}, {}, std::vector<double>{0.5, 2.0}, p}, tight(m));
      QVERIFY2(!sol.ok(), qPrintable(ode::methodName(m).c_str()));
      QVERIFY(sol.status == ode::Solution::Status::Failed);
      // A linearly implicit method (Rodas4) may land a step a hair beyond
      // the pole, where y is ~1e11, before its error control stops it.
      QVERIFY2(sol.tReached > 0.9 && sol.tReached <= 1.0 + 1e-9,
               qPrintable(QString("%1: %2").arg(ode::methodName(m).c_str()).arg(sol.tReached, 0, 'g', 17)));
      QVERIFY(!sol.reason.empty());
      if (m == Method::Auto || m == Method::Dopri5)  // the explicit method's own reason, not BDF's step count
        QVERIFY2(QString::fromStdString(sol.reason).contains("step size became too small"), sol.reason.c_str());
      QVERIFY(close(sol.state(0, 0), 2.0, 1e-7));  // y(0.5) = 1 / (1 - 0.5) was reached
    }
  }

  // A rate that is not a number where the solution goes: a failure, never a throw.
  void notANumberIsAFailure() {
    const ode::OdeSystem sys({{"y"}, {"sqrt(1 - t)"}, {}}, {});  // not defined after t = 1
    const std::vector<double> p;
    for (Method m : kMethods) {
      ode::BoundSystem rhs(sys, p, {});
      const auto sol = ode::integrate(rhs, {0.0, std::vector<double>{1.0}, {}, std::vector<double>{3.0}, p}, tight(m));
      QVERIFY2(sol.status == ode::Solution::Status::Failed, qPrintable(ode::methodName(m).c_str()));
      QVERIFY2(sol.tReached <= 1.0 + 1e-9, qPrintable(QString::number(sol.tReached)));
    }
  }

  void tooManyStepsIsAFailure() {
    const ode::OdeSystem sys({{"x", "v"}, {"v", "-x"}, {}}, {});
    const std::vector<double> p;
    for (Method m : kMethods) {
      ode::BoundSystem rhs(sys, p, {});
      auto s = tight(m);
      s.maxSteps = 50;
      const auto sol = ode::integrate(rhs, {0.0, std::vector<double>{1.0, 0.0}, {}, std::vector<double>{1000.0}, p}, s);
      QVERIFY2(sol.status == ode::Solution::Status::Failed, qPrintable(ode::methodName(m).c_str()));
      QVERIFY2(QString::fromStdString(sol.reason).contains("too many steps"), sol.reason.c_str());
      QVERIFY(sol.steps <= 50 + 500);  // CVODES checks between batches
    }
  }

  void cancelStopsTheSolve() {
    const ode::OdeSystem sys({{"x", "v"}, {"v", "-x"}, {}}, {});
    const std::vector<double> p;
    std::atomic<bool> cancel{true};
    for (Method m : kMethods) {
      ode::BoundSystem rhs(sys, p, {});
      const auto sol =
          ode::integrate(rhs, {0.0, std::vector<double>{1.0, 0.0}, {}, std::vector<double>{1e6}, p}, tight(m), &cancel);
      QVERIFY2(sol.status == ode::Solution::Status::Cancelled, qPrintable(ode::methodName(m).c_str()));
      QVERIFY(sol.steps <= 1000);
    }
  }

  void badSystemsAreErrorsThatNameTheState() {
    try {
      ode::OdeSystem({{"A", "B"}, {"-k*A", "k*A - q*"}, {}}, {"k", "q"});
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("dB/dt"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(Error, ode::OdeSystem({{"A"}, {"-k*A", "1"}, {}}, {"k"}));
    QVERIFY_THROWS_EXCEPTION(Error, ode::OdeSystem({{"A", "A"}, {"1", "1"}, {}}, {}));
    QVERIFY_THROWS_EXCEPTION(Error, ode::OdeSystem({{"k"}, {"-k"}, {}}, {"k"}));
    QVERIFY_THROWS_EXCEPTION(Error, ode::parseMethod("rk4"));
  }
};

QTEST_APPLESS_MAIN(IntegratorTest)
#include "IntegratorTest.moc"
