// Learned components called from formulas (issue 12): values equal the
// component's own, every sweep's derivatives (scalar reverse, many-result
// reverse, row sweeps, forward tangents, TangentPlan) agree with central
// differences, and bad calls are named.
#include "common/Error.h"
#include "expr/Expression.h"
#include "expr/ExpressionSet.h"
#include "expr/TangentPlan.h"
#include "ml/LearnedFunction.h"
#include "ml/SeededUniform.h"

#include <QtTest>
#include <cmath>
#include <memory>
#include <vector>

using hf::expr::Expression;
using hf::expr::ExpressionSet;
using hf::expr::LearnedBinding;

namespace {

struct Setup {
  std::vector<std::string> variables, parameters;
  std::vector<LearnedBinding> bindings;
  std::vector<double> p;
};

// Physics parameters k, E, c, then the weights of NN (2 -> 1, tanh 4) and
// U (2 -> 2, gaussian 3-3), named NN#1.. and U#1..
Setup makeSetup() {
  Setup s;
  s.variables = {"T", "x", "y"};
  s.parameters = {"k", "E", "c"};
  s.p = {1.5, 2.0, 0.3};
  hf::ml::LearnedSpec nn;
  nn.name = "NN";
  nn.inputs = 2;
  nn.hidden = {4};
  nn.inputOffset = {3.0, 0.0};
  nn.inputScale = {2.0, 1.0};
  hf::ml::LearnedSpec u;
  u.name = "U";
  u.inputs = 2;
  u.outputs = 2;
  u.hidden = {3, 3};
  u.activation = hf::ml::Activation::Gaussian;
  u.seed = 3;
  hf::ml::SeededUniform r(5);
  for (const auto& spec : {nn, u}) {
    std::shared_ptr<const hf::ml::LearnedFunction> f = hf::ml::LearnedFunction::create(spec);
    s.bindings.push_back({spec.name, f, s.parameters.size()});
    for (double w : f->initialWeights()) {
      s.parameters.push_back(spec.name + "#" + std::to_string(s.p.size() - s.bindings.back().firstWeight + 1));
      s.p.push_back(w + r.symmetric(0.2));
    }
  }
  return s;
}

double central(const std::function<double(double)>& f, double at) {
  const double h = 1e-6 * (1 + std::fabs(at));
  return (f(at + h) - f(at - h)) / (2 * h);
}

bool close(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::fabs(b) + 1e-8; }

const std::vector<std::vector<double>> kPoints{{2.5, 0.7, -0.4}, {3.5, -0.2, 1.1}, {1.2, 1.3, 0.5}};

// The gradient in every parameter and variable against central
// differences at kPoints, and the row sweep equal to the scalar one bit
// for bit.
void checkGradients(const Expression& e, const Setup& s) {
  const auto& points = kPoints;
  hf::expr::Workspace ws;
  const std::size_t np = s.p.size();
  std::vector<double> dp(np), dv(3);
  for (const auto& v : points) {
    const double value = e.gradient(v, s.p, dp, dv, ws);
    QCOMPARE(value, e.evaluate(v, s.p));
    for (std::size_t k = 0; k < np; ++k) {
      const double fd = central(
          [&](double x) {
            std::vector<double> q = s.p;
            q[k] = x;
            return e.evaluate(v, q);
          },
          s.p[k]);
      QVERIFY2(
          close(dp[k], fd),
          qPrintable(QString("d / d %1: %2 vs %3").arg(QString::fromStdString(s.parameters[k])).arg(dp[k]).arg(fd)));
    }
    for (std::size_t j = 0; j < 3; ++j) {
      const double fd = central(
          [&](double x) {
            std::vector<double> w = v;
            w[j] = x;
            return e.evaluate(w, s.p);
          },
          v[j]);
      QVERIFY(close(dv[j], fd));
    }
  }
  // Rows at once: the same values and parameter gradients, bit for bit.
  std::vector<double> T, X, Y;
  for (const auto& v : points) {
    T.push_back(v[0]);
    X.push_back(v[1]);
    Y.push_back(v[2]);
  }
  const double* cols[3] = {T.data(), X.data(), Y.data()};
  std::vector<double> values(3), rowsGrad(3 * np);
  e.gradientRows(cols, 3, s.p, values, rowsGrad, ws);
  for (std::size_t r = 0; r < 3; ++r) {
    e.gradient(points[r], s.p, dp, {}, ws);
    QCOMPARE(values[r], e.evaluate(points[r], s.p));
    for (std::size_t k = 0; k < np; ++k) QCOMPARE(rowsGrad[r * np + k], dp[k]);
  }
}

}  // namespace

class LearnedExpressionTest : public QObject {
  Q_OBJECT

 private slots:
  void valueIsTheComponents() {
    const Setup s = makeSetup();
    const Expression e = Expression::compile("k*exp(-E/T) + NN(T, c*x)", s.variables, s.parameters, s.bindings);
    const double v[3] = {2.5, 0.7, -0.4};
    const auto& nn = *s.bindings[0].function;
    std::vector<double> scratch(nn.scratchSize());
    const double in[2] = {2.5, 0.3 * 0.7};
    double out = 0;
    nn.evaluate(in, s.p.data() + s.bindings[0].firstWeight, &out, scratch.data());
    QCOMPARE(e.evaluate(v, s.p), 1.5 * std::exp(-2.0 / 2.5) + out);
    // Every weight counts as used; a repeated call is one call.
    for (std::size_t k = 0; k < nn.weightCount(); ++k) QVERIFY(e.usesParameter()[s.bindings[0].firstWeight + k]);
    QVERIFY(!e.usesParameter()[s.bindings[1].firstWeight]);
    const Expression twice = Expression::compile("NN(T, x) + NN(T, x)", s.variables, s.parameters, s.bindings);
    const Expression once = Expression::compile("2*NN(T, x)", s.variables, s.parameters, s.bindings);
    QCOMPARE(twice.evaluate(v, s.p), once.evaluate(v, s.p));
  }

  // Expression::gradient (scalar reverse) and gradientRows (row sweeps)
  // against central differences in every parameter (weights included) and
  // variable; one call's inputs depend on parameters only (the row sweep
  // computes it once for all rows).
  void gradientsMatchDifferences() {
    const Setup s = makeSetup();
    const Expression e = Expression::compile("k*NN(T, x)^2 - U(x*y, T)[2] / (1 + U(c, E)[1]^2) + exp(-E/T)",
                                             s.variables, s.parameters, s.bindings);
    checkGradients(e, s);
  }

  // Two outputs of one call in two formulas (the universal-ODE pattern):
  // many-result reverse, forward tangents and a TangentPlan agree with
  // the single gradients.
  void setOfFormulasSharesTheCall() {
    const Setup s = makeSetup();
    const std::vector<std::string> rates{"k*x + U(x, y)[1]", "U(x, y)[2] - c*y"};
    const ExpressionSet set = ExpressionSet::compile(rates, s.variables, s.parameters, s.bindings);
    const double v[3] = {0.0, 0.9, 1.7};
    const std::size_t np = s.p.size();
    hf::expr::Workspace ws;
    std::vector<double> out(2), dv(2 * 3), dp(2 * np);
    set.gradients(v, s.p.data(), out.data(), dv.data(), dp.data(), ws);
    for (std::size_t f = 0; f < 2; ++f) {
      const Expression single = Expression::compile(rates[f], s.variables, s.parameters, s.bindings);
      std::vector<double> g(np), gv(3);
      QCOMPARE(out[f], single.gradient(v, s.p, g, gv, ws));
      for (std::size_t k = 0; k < np; ++k) QCOMPARE(dp[f * np + k], g[k]);
      for (std::size_t j = 0; j < 3; ++j) QCOMPARE(dv[f * 3 + j], gv[j]);
    }
    // Tangents along 3 directions over every parameter and the states.
    const std::size_t nd = 3;
    std::vector<double> varTan(3 * nd, 0.0), parTan(np * nd);
    for (std::size_t j = 0; j < nd; ++j) {
      varTan[1 * nd + j] = 0.5 + j;
      varTan[2 * nd + j] = -0.25 * j;
    }
    for (std::size_t i = 0; i < np * nd; ++i) parTan[i] = std::sin(0.37 * static_cast<double>(i));
    std::vector<const double*> vr, pr;
    for (std::size_t k = 0; k < 3; ++k) vr.push_back(&varTan[k * nd]);
    for (std::size_t k = 0; k < np; ++k) pr.push_back(&parTan[k * nd]);
    std::vector<double> values(2), d(2 * nd);
    set.tangents(v, s.p.data(), vr.data(), pr.data(), nd, values.data(), d.data(), ws);
    for (std::size_t f = 0; f < 2; ++f) {
      QCOMPARE(values[f], out[f]);
      for (std::size_t j = 0; j < nd; ++j) {
        double expected = 0;
        for (std::size_t q = 0; q < 3; ++q) expected += dv[f * 3 + q] * varTan[q * nd + j];
        for (std::size_t k = 0; k < np; ++k) expected += dp[f * np + k] * parTan[k * nd + j];
        QVERIFY2(std::fabs(d[f * nd + j] - expected) <= 1e-12 * (1 + std::fabs(expected)),
                 qPrintable(QString("%1 vs %2").arg(d[f * nd + j]).arg(expected)));
      }
    }
    hf::expr::TangentPlan plan(set, nd);
    std::copy(v, v + 3, plan.variables());
    plan.setVariableRow(1, vr[1]);
    plan.setVariableRow(2, vr[2]);
    plan.setParameterRows(parTan.data());
    std::vector<double> planValues(2), planD(2 * nd);
    plan.run(s.p.data(), planValues.data(), planD.data());
    QCOMPARE(planValues, values);
    QCOMPARE(planD, d);
  }

  // diff(NAME(...)[k], x): the value is the component's slope (against
  // central differences of the call itself), and every sweep's gradient of
  // a formula with derivatives (second derivatives of the components)
  // agrees with central differences: scalar reverse, rows, forward
  // tangents (an ODE right-hand side may use it too).
  void derivativeOfACall() {
    const Setup s = makeSetup();
    const std::string formula = "diff(NN(T, x), T) - k*NN(T, x) + c*diff(U(x, y)[2], x)^2 + diff(U(x, x)[1], x)";
    const Expression e = Expression::compile(formula, s.variables, s.parameters, s.bindings);
    const auto& points = kPoints;
    const auto slopeOf = [&](const std::string& call, std::size_t variable, const std::vector<double>& at) {
      const Expression plain = Expression::compile(call, s.variables, s.parameters, s.bindings);
      return central(
          [&](double x) {
            std::vector<double> v = at;
            v[variable] = x;
            return plain.evaluate(v, s.p);
          },
          at[variable]);
    };
    for (const auto& v : points) {
      const double expected =
          slopeOf("NN(T, x)", 0, v) -
          1.5 * Expression::compile("NN(T, x)", s.variables, s.parameters, s.bindings).evaluate(v, s.p) +
          0.3 * std::pow(slopeOf("U(x, y)[2]", 1, v), 2) + slopeOf("U(x, x)[1]", 1, v);
      QVERIFY2(close(e.evaluate(v, s.p), expected),
               qPrintable(QString("%1 vs %2").arg(e.evaluate(v, s.p)).arg(expected)));
    }
    checkGradients(e, s);
    if (QTest::currentTestFailed()) return;
    hf::expr::Workspace ws;
    const std::size_t np = s.p.size();
    std::vector<double> dp(np), dv(3);
    // Forward tangents (one direction over every parameter and variable)
    // equal the gradient's directional derivative.
    const ExpressionSet set = ExpressionSet::compile({formula}, s.variables, s.parameters, s.bindings);
    std::vector<double> varTan{0.4, -0.3, 0.8}, parTan(np);
    for (std::size_t i = 0; i < np; ++i) parTan[i] = std::cos(0.41 * static_cast<double>(i));
    std::vector<const double*> vr, pr;
    for (std::size_t k = 0; k < 3; ++k) vr.push_back(&varTan[k]);
    for (std::size_t k = 0; k < np; ++k) pr.push_back(&parTan[k]);
    double value = 0, d = 0;
    set.tangents(points[0].data(), s.p.data(), vr.data(), pr.data(), 1, &value, &d, ws);
    e.gradient(points[0], s.p, dp, dv, ws);
    double expected = 0;
    for (std::size_t j = 0; j < 3; ++j) expected += dv[j] * varTan[j];
    for (std::size_t k = 0; k < np; ++k) expected += dp[k] * parTan[k];
    QCOMPARE(value, e.evaluate(points[0], s.p));
    QVERIFY2(std::fabs(d - expected) <= 1e-12 * (1 + std::fabs(expected)),
             qPrintable(QString("%1 vs %2").arg(d).arg(expected)));
    // A call that does not take the column as an input has slope 0.
    QCOMPARE(Expression::compile("diff(U(c, E)[1], T)", s.variables, s.parameters, s.bindings).evaluate(points[0], s.p),
             0.0);
  }

  void badCallsAreNamed_data() {
    QTest::addColumn<QString>("formula");
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<int>("position");
    QTest::newRow("unknown") << "1 + MM(T, x)"
                             << "unknown function 'MM'" << 4;
    QTest::newRow("inputs") << "NN(T)"
                            << "'NN' takes 2 inputs, got 1" << 0;
    QTest::newRow("no output picked") << "x + U(x, y)"
                                      << "'U' has 2 outputs; pick one as U(...)[1] to [2]" << 4;
    QTest::newRow("output out of range") << "U(x, y)[3]"
                                         << "'U' has 2 outputs; [3] is out of range" << 0;
    QTest::newRow("index on a function") << "exp(x)[1]"
                                         << "'exp' has one value" << 6;
    QTest::newRow("not a number") << "U(x, y)[a]"
                                  << "expected an output number" << 8;
    QTest::newRow("zero") << "U(x, y)[0]"
                          << "expected an output number" << 8;
    QTest::newRow("unclosed") << "U(x, y)[1"
                              << "expected ']'" << 9;
    QTest::newRow("diff of a function") << "diff(exp(x), x)"
                                        << "diff differentiates a learned component's output" << 5;
    QTest::newRow("diff in a parameter") << "diff(NN(T, x), k)"
                                         << "diff differentiates in a data column" << 15;
    QTest::newRow("diff through an expression") << "diff(NN(2*T, x), T)"
                                                << "input 1 of 'NN' must be 'T' itself" << 8;
    QTest::newRow("diff with an output") << "diff(U(x, y)[1], x)[2]"
                                         << "diff has one value" << 0;
    QTest::newRow("diff arguments") << "diff(NN(T, x))"
                                    << "diff takes 2 arguments, got 1" << 0;
  }
  void badCallsAreNamed() {
    QFETCH(QString, formula);
    QFETCH(QString, fragment);
    QFETCH(int, position);
    const Setup s = makeSetup();
    try {
      Expression::compile(formula.toStdString(), s.variables, s.parameters, s.bindings);
      QFAIL("no error");
    } catch (const hf::Error& e) {
      QVERIFY2(QString::fromStdString(e.message()).contains(fragment), e.what());
      QCOMPARE(e.location().position, position);
    }
  }

  // Without bindings, a learned call is an unknown function, as before.
  void withoutBindingsUnknown() {
    QVERIFY_THROWS_EXCEPTION(hf::Error, Expression::compile("NN(x)", {"x"}, {}));
    QCOMPARE(Expression::freeNames("NN(x, k) + y"), (std::vector<std::string>{"x", "k", "y"}));
  }
};

QTEST_GUILESS_MAIN(LearnedExpressionTest)
#include "LearnedExpressionTest.moc"
