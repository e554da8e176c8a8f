// Tests for hf::expr::Expression: values, exact derivatives, errors, limits.
#include "common/Error.h"
#include "expr/Expression.h"
#include "expr/ExpressionSet.h"
#include "expr/FunctionTable.h"
#include "expr/TangentPlan.h"

#include <QThread>
#include <QtTest>
#include <cmath>
#include <memory>
#include <numbers>

using hf::expr::Expression;

namespace {
double eval(const char* text, std::vector<std::string> vars = {}, std::vector<double> x = {},
            std::vector<std::string> params = {}, std::vector<double> p = {}) {
  return Expression::compile(text, vars, params).evaluate(x, p);
}
}  // namespace

class ExpressionTest : public QObject {
  Q_OBJECT
 private slots:
  // Several formulas on one tape (shared subexpressions) give exactly the
  // values and gradients of the formulas compiled one by one, and the
  // shared tape is shorter than the separate ones together.
  void expressionSetMatchesSingleFormulas() {
    const std::vector<std::string> vars{"t", "x", "y"}, params{"a", "b", "k"};
    const std::vector<std::string> texts{"a*x - b*x*y + exp(-k*t)", "b*x*y - k*y^2 + sqrt(x)", "a*x - b*x*y", "2.5",
                                         "pow(x, a) * log(y) / (1 + t)"};
    const hf::expr::ExpressionSet set = hf::expr::ExpressionSet::compile(texts, vars, params);
    QCOMPARE(set.size(), texts.size());
    std::size_t separate = 0;
    std::vector<hf::expr::Expression> single;
    for (const auto& t : texts) {
      single.push_back(hf::expr::Expression::compile(t, vars, params));
      separate += single.back().instructionCount();
    }
    QVERIFY(set.instructionCount() < separate);
    const double v[3] = {0.7, 1.3, 2.1}, p[3] = {0.9, 0.4, 1.7};
    std::vector<double> out(texts.size()), values(texts.size()), dv(texts.size() * 3), dp(texts.size() * 3);
    hf::expr::Workspace ws;
    set.evaluate(v, p, values.data(), ws);
    set.gradients(v, p, out.data(), dv.data(), dp.data(), ws);
    for (std::size_t k = 0; k < texts.size(); ++k) {
      std::vector<double> gv(3), gp(3);
      const double f = single[k].gradient(v, p, gp, gv, ws);
      QCOMPARE(out[k], f);
      QCOMPARE(values[k], f);
      for (std::size_t j = 0; j < 3; ++j) {
        QCOMPARE(dv[k * 3 + j], gv[j]);
        QCOMPARE(dp[k * 3 + j], gp[j]);
      }
    }
    // An error names the formula at fault.
    try {
      hf::expr::ExpressionSet::compile({"a*x", "b*", "k"}, vars, params);
      QFAIL("accepted a bad formula");
    } catch (const hf::Error& e) {
      QVERIFY(e.location().position >= 0);
    }
  }

  // Forward tangents (the ODE sensitivity rates' sweep) equal the reverse
  // gradients contracted with the directions, for 1 to 9 directions (the
  // unrolled counts and the general one), and a zero direction through an
  // infinite partial (sqrt at 0) stays zero instead of becoming NaN.
  void tangentsEqualGradientsTimesDirections() {
    const std::vector<std::string> vars{"t", "x", "y"}, params{"a", "b", "k"};
    const std::vector<std::string> texts{"a*x - b*x*y + exp(-k*t)", "b*x/y - k*y^2 + sqrt(x)",
                                         "pow(x, a) * log(y) / (1 + t)", "atan2(y, x) + x^3 - 1/x", "2.5"};
    const hf::expr::ExpressionSet set = hf::expr::ExpressionSet::compile(texts, vars, params);
    const double v[3] = {0.7, 1.3, 2.1}, p[3] = {0.9, 0.4, 1.7};
    hf::expr::Workspace ws;
    const std::size_t m = texts.size();
    std::vector<double> out(m), dv(m * 3), dp(m * 3);
    set.gradients(v, p, out.data(), dv.data(), dp.data(), ws);
    for (std::size_t nd = 1; nd <= 9; ++nd) {
      std::vector<double> varTan(3 * nd), parTan(3 * nd);
      for (std::size_t i = 0; i < 3 * nd; ++i) {
        varTan[i] = std::sin(1.0 + 0.7 * static_cast<double>(i));
        parTan[i] = std::cos(0.3 + 1.1 * static_cast<double>(i));
      }
      std::vector<const double*> varRows, parRows;
      for (std::size_t k = 0; k < 3; ++k) {
        varRows.push_back(&varTan[k * nd]);
        parRows.push_back(&parTan[k * nd]);
      }
      std::vector<double> values(m), d(m * nd);
      set.tangents(v, p, varRows.data(), parRows.data(), nd, values.data(), d.data(), ws);
      for (std::size_t k = 0; k < m; ++k) {
        QCOMPARE(values[k], out[k]);
        for (std::size_t j = 0; j < nd; ++j) {
          double expected = 0;
          for (std::size_t q = 0; q < 3; ++q)
            expected += dv[k * 3 + q] * varTan[q * nd + j] + dp[k * 3 + q] * parTan[q * nd + j];
          QVERIFY2(std::fabs(d[k * nd + j] - expected) <= 1e-13 * (1 + std::fabs(expected)),
                   qPrintable(QString("formula %1, %2 directions, direction %3: %4 vs %5")
                                  .arg(k)
                                  .arg(nd)
                                  .arg(j)
                                  .arg(d[k * nd + j], 0, 'g', 17)
                                  .arg(expected, 0, 'g', 17)));
        }
      }
    }
    // sqrt(x) at x = 0 has an infinite slope; a direction that does not move
    // x leaves the tangent zero.
    const hf::expr::ExpressionSet root = hf::expr::ExpressionSet::compile({"sqrt(x) + a*y"}, vars, params);
    const double at[3] = {0.0, 0.0, 2.0}, zero[1] = {0.0}, one[1] = {1.0};
    const double* rows[3] = {zero, zero, one};
    const double* prow[3] = {one, zero, zero};
    double value = 0, tangent = 0;
    root.tangents(at, p, rows, prow, 1, &value, &tangent, ws);
    QCOMPARE(tangent, 2.0 + p[0]);  // d/dy (a y) * 1 + d/da (a y) * 1
  }

  // A TangentPlan (the sweep bound once, for ODE stages) gives the same
  // values and tangents as ExpressionSet::tangents bit for bit, for 1 to 9
  // directions; rows left unset are zeros; a copy keeps its own buffers
  // (its zero rows are not the original's, which is then destroyed).
  void tangentPlanEqualsTangents() {
    const std::vector<std::string> vars{"t", "x", "y"}, params{"a", "b"};
    const std::vector<std::string> texts{"a*x - b*x*y + 3", "x/y - exp(-b*t)*2", "7"};
    const hf::expr::ExpressionSet set = hf::expr::ExpressionSet::compile(texts, vars, params);
    const double v[3] = {0.4, 1.7, 0.6}, p[2] = {1.3, 0.8};
    hf::expr::Workspace ws;
    for (std::size_t nd = 1; nd <= 9; ++nd) {
      std::vector<double> xTan(nd), pTan(2 * nd), zeros(nd, 0.0);
      for (std::size_t j = 0; j < nd; ++j) xTan[j] = 0.5 + static_cast<double>(j);
      for (std::size_t j = 0; j < 2 * nd; ++j) pTan[j] = std::cos(static_cast<double>(j));
      const double* varRows[3] = {zeros.data(), xTan.data(), zeros.data()};  // t and y: no tangent
      const double* parRows[2] = {pTan.data(), pTan.data() + nd};
      std::vector<double> expected(3), dExpected(3 * nd);
      set.tangents(v, p, varRows, parRows, nd, expected.data(), dExpected.data(), ws);

      auto original = std::make_unique<hf::expr::TangentPlan>(set, nd);
      std::copy(v, v + 3, original->variables());
      original->setVariableRow(1, xTan.data());
      original->setParameterRows(pTan.data());
      std::vector<double> out(3), d(3 * nd);
      original->run(p, out.data(), d.data());
      QCOMPARE(out, expected);
      QCOMPARE(d, dExpected);

      const hf::expr::TangentPlan copy = *original;
      original.reset();
      hf::expr::TangentPlan again = copy;
      std::fill(out.begin(), out.end(), -1.0);
      std::fill(d.begin(), d.end(), -1.0);
      again.run(p, out.data(), d.data());
      QCOMPARE(out, expected);
      QCOMPARE(d, dExpected);
    }
  }

  void values_data() {
    QTest::addColumn<QString>("formula");
    QTest::addColumn<double>("expected");
    const double x = 0.7, a = 2.5;
    QTest::newRow("precedence") << "1+2*3" << 7.0;
    QTest::newRow("parens") << "(1+2)*3" << 9.0;
    QTest::newRow("unary minus binds looser than ^") << "-2^2" << -4.0;
    QTest::newRow("power right assoc") << "2^3^2" << 512.0;
    QTest::newRow("fortran power") << "2**3" << 8.0;
    QTest::newRow("negative exponent") << "2^-2" << 0.25;
    QTest::newRow("division left assoc") << "8/4/2" << 1.0;
    QTest::newRow("subtraction left assoc") << "8-4-2" << 2.0;
    QTest::newRow("scientific literal") << "1.5e-3*2E+3" << 3.0;
    QTest::newRow("leading dot") << ".5+x" << 0.5 + x;
    QTest::newRow("pi and e") << "pi*e" << std::numbers::pi * std::numbers::e;
    QTest::newRow("variable and parameter") << "a*x^2+sin(a*x)" << a * x * x + std::sin(a * x);
    QTest::newRow("misra1a") << "a*(1-exp(-x/a))" << a * (1 - std::exp(-x / a));
    QTest::newRow("rat43") << "a/((1+exp(a-3*x))^(1/a))" << a / std::pow(1 + std::exp(a - 3 * x), 1 / a);
    QTest::newRow("log10 sqrt abs") << "log10(100)+sqrt(16)+abs(-3)" << 9.0;
    QTest::newRow("two-arg functions") << "pow(2,10)+min(x,a)+max(x,a)+atan2(1,1)+hypot(3,4)"
                                       << 1024 + x + a + std::numbers::pi / 4 + 5;
    QTest::newRow("hyperbolic") << "sinh(x)+cosh(x)-tanh(x)" << std::sinh(x) + std::cosh(x) - std::tanh(x);
    QTest::newRow("inverse trig") << "asin(x)+acos(x)+atan(x)" << std::asin(x) + std::acos(x) + std::atan(x);
    QTest::newRow("erf gamma") << "erf(x)+erfc(x)+gamma(5)+lgamma(a)" << 1.0 + 24.0 + std::lgamma(a);
    QTest::newRow("expm1 log1p") << "expm1(1e-10)+log1p(1e-10)" << 2e-10;
    QTest::newRow("steps") << "heaviside(x-1)+sign(-x)" << -1.0;
    QTest::newRow("integer power of negative base") << "(-x)^3" << -x * x * x;
    QTest::newRow("fractional constant power") << "x^1.5" << std::pow(x, 1.5);
  }
  void values() {
    QFETCH(QString, formula);
    QFETCH(double, expected);
    const double got = eval(formula.toUtf8().constData(), {"x"}, {0.7}, {"a"}, {2.5});
    // Within a few ulps: every op is a single IEEE operation or a libm call.
    QVERIFY2(std::fabs(got - expected) <= 1e-14 * std::max(1.0, std::fabs(expected)),
             qPrintable(QString("%1 = %2, expected %3").arg(formula).arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
  }

  // Exact derivatives checked against central differences (h ~ 1e-6 relative
  // step, so agreement to ~1e-7 relative is what differences can certify)
  // and, for a few formulas, against closed forms.
  void gradientMatchesDifferences_data() {
    QTest::addColumn<QString>("formula");
    QTest::newRow("misra1a") << "b1*(1-exp(-b2*x))";
    QTest::newRow("thurber") << "(b1 + b2*x + b3*x^2 + b1*x^3)/(1 + b2*x + b1*x^2 + b3*x^3)";
    QTest::newRow("rat43") << "b1/((1+exp(b2-b3*x))^(1/b3))";
    QTest::newRow("pow var exponent") << "b1^b2 + x^b3";
    QTest::newRow("trig") << "sin(b1*x)*cos(b2)+tan(b3)+atan(b1*x)";
    QTest::newRow("inverse trig") << "asin(b1/3)+acos(b2/3)";
    QTest::newRow("hyperbolic") << "sinh(b1)+cosh(b2)*tanh(b3)";
    QTest::newRow("logs") << "log(b1)+log10(b2)+sqrt(b3)+ln(x)";
    QTest::newRow("special") << "erf(b1)+erfc(b2)+lgamma(b3)+gamma(b1+1)";
    QTest::newRow("accurate") << "expm1(b1*x)+log1p(b2)";
    QTest::newRow("two-arg") << "atan2(b1,b2)+hypot(b2,b3)+min(b1,b2)+max(b2,b3)+pow(b1,b3)";
    QTest::newRow("division chain") << "b1/b2/b3 - b3/(b1*b2)";
    QTest::newRow("negative integer power") << "b1^-3 + (b2*x)^4";
    QTest::newRow("shared subexpression") << "exp(b1*x)*exp(b1*x) + b2*b2";
    QTest::newRow("abs") << "abs(b1-2)";
  }
  void gradientMatchesDifferences() {
    QFETCH(QString, formula);
    const std::vector<std::string> params = {"b1", "b2", "b3"};
    const Expression e = Expression::compile(formula.toStdString(), {"x"}, params);
    const std::vector<double> x = {0.8};
    std::vector<double> p = {1.3, 0.6, 1.7};
    std::vector<double> grad(3), dvar(1);
    hf::expr::Workspace ws;
    const double value = e.gradient(x, p, grad, dvar, ws);
    QCOMPARE(value, e.evaluate(x, p));
    for (int k = 0; k < 4; ++k) {
      std::vector<double> pp = p, pm = p, xp = x, xm = x;
      double h;
      if (k < 3) {
        h = 1e-6 * std::max(1.0, std::fabs(p[k]));
        pp[k] += h;
        pm[k] -= h;
      } else {
        h = 1e-6;
        xp[0] += h;
        xm[0] -= h;
      }
      const double fd = (e.evaluate(xp, pp) - e.evaluate(xm, pm)) / (2 * h);
      const double exact = k < 3 ? grad[k] : dvar[0];
      QVERIFY2(
          std::fabs(fd - exact) <= 1e-6 * std::max(1.0, std::fabs(exact)),
          qPrintable(QString("d/d%1 exact %2 vs differences %3").arg(k).arg(exact, 0, 'g', 15).arg(fd, 0, 'g', 15)));
    }
  }

  void rowSweepMatchesRowByRow_data() {
    QTest::addColumn<QString>("formula");
    QTest::newRow("sigmoid") << "b1 / (1 + exp(b2 - b3*x))^(1/b1)";
    QTest::newRow("row-invariant part") << "b1*b2^2*x + sqrt(b3) + log(b1+b2)";
    QTest::newRow("powers and calls") << "x^3*b1 + b2^b3 + abs(x - b2) + atan2(b3, x) + x^b1";
    QTest::newRow("no parameter") << "2*x";
  }
  // One sweep over many rows gives exactly what the scalar path gives per
  // row (same operations in the same order: bit-for-bit equal).
  void rowSweepMatchesRowByRow() {
    QFETCH(QString, formula);
    const Expression e = Expression::compile(formula.toStdString(), {"x"}, {"b1", "b2", "b3"});
    const std::vector<double> p = {1.3, 0.6, 1.7};
    std::vector<double> x;
    for (int i = 0; i < 37; ++i) x.push_back(-2.0 + 0.17 * i);
    const std::size_t n = x.size();
    const double* cols[1] = {x.data()};
    std::vector<double> values(n), jac(n * 3, -1.0), plain(n);
    hf::expr::Workspace ws;
    e.gradientRows(cols, n, p, values, jac, ws);
    e.evaluateRows(cols, n, p, plain, ws);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> g(3);
      const std::vector<double> xi{x[i]};
      const double v = e.gradient(xi, p, g, {}, ws);
      QVERIFY2((v == values[i] || (std::isnan(v) && std::isnan(values[i]))), qPrintable(QString::number(i)));
      QVERIFY(v == plain[i] || (std::isnan(v) && std::isnan(plain[i])));
      for (int k = 0; k < 3; ++k) {
        const double a = g[static_cast<std::size_t>(k)], b = jac[i * 3 + static_cast<std::size_t>(k)];
        QVERIFY2(a == b || (std::isnan(a) && std::isnan(b)),
                 qPrintable(QString("row %1 d/db%2: %3 vs %4").arg(i).arg(k + 1).arg(a).arg(b)));
      }
    }
  }

  void gradientClosedForm() {
    // d/db1 and d/db2 of b1*(1-exp(-b2*x)) in closed form.
    const Expression e = Expression::compile("b1*(1-exp(-b2*x))", {"x"}, {"b1", "b2"});
    const double x = 3.0, b1 = 2.0, b2 = 0.4;
    std::vector<double> g(2);
    hf::expr::Workspace ws;
    const std::vector<double> xv{x}, pv{b1, b2};
    e.gradient(xv, pv, g, {}, ws);
    QCOMPARE(g[0], 1 - std::exp(-b2 * x));
    QVERIFY(std::fabs(g[1] - b1 * x * std::exp(-b2 * x)) < 1e-15);
  }

  void everyTableFunctionHasDerivatives() {
    // Each unary/binary function's partials agree with differences at a
    // point inside its domain; guards against a wrong table entry.
    for (const auto& f : hf::expr::functionTable()) {
      if (std::string_view(f.name) == "pow" || std::string_view(f.name) == "sign" ||
          std::string_view(f.name) == "heaviside")
        continue;
      QVERIFY2(f.partials != nullptr, f.name);
      const double args[2] = {0.37, 0.81};
      double d[2] = {0, 0};
      f.partials(args, f.value(args), d);
      for (int k = 0; k < f.arity; ++k) {
        double ap[2] = {args[0], args[1]}, am[2] = {args[0], args[1]};
        ap[k] += 1e-6;
        am[k] -= 1e-6;
        const double fd = (f.value(ap) - f.value(am)) / 2e-6;
        QVERIFY2(std::fabs(fd - d[k]) < 1e-6 * std::max(1.0, std::fabs(d[k])), f.name);
      }
    }
  }

  void namesResolveVariablesFirst() {
    // A parameter called e shadows the constant e.
    QCOMPARE(eval("e*2", {}, {}, {"e"}, {3.0}), 6.0);
    QCOMPARE(eval("x*2", {"x"}, {4.0}, {"x"}, {3.0}), 8.0);
    const auto names = Expression::freeNames("b1*exp(-b2*x) + pi + b1");
    QCOMPARE(names, (std::vector<std::string>{"b1", "b2", "x"}));
  }

  void commonSubexpressionsAreMerged() {
    const Expression once = Expression::compile("exp(-k*t)", {"t"}, {"k"});
    const Expression twice = Expression::compile("exp(-k*t) + exp(-k*t)", {"t"}, {"k"});
    QCOMPARE(twice.instructionCount(), once.instructionCount() + 1);  // just the '+'
    const Expression folded = Expression::compile("2*pi*3", {}, {});
    QCOMPARE(folded.instructionCount(), std::size_t(1));
    QCOMPARE(Expression::compile("a + b", {}, {"a", "b", "c"}).usesParameter(), (std::vector<bool>{true, true, false}));
  }

  void syntaxErrors_data() {
    QTest::addColumn<QString>("formula");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty") << "" << 0 << "empty";
    QTest::newRow("blank") << "   " << 0 << "empty";
    QTest::newRow("trailing operator") << "1 +" << 3 << "ends too early";
    QTest::newRow("missing paren") << "(x+1" << 4 << "missing ')'";
    QTest::newRow("extra paren") << "x+1)" << 3 << "unbalanced";
    QTest::newRow("unknown function") << "1+foo(x)" << 2 << "unknown function 'foo'";
    QTest::newRow("wrong arity") << "sin(x, 2)" << 0 << "takes 1 argument";
    QTest::newRow("no args") << "atan2()" << 6 << "needs an argument";
    QTest::newRow("bad character") << "2 $ 3" << 2 << "unexpected character '$'";
    QTest::newRow("unknown name") << "a*y" << 2 << "unknown name 'y'";
    QTest::newRow("function as name") << "exp*2" << 0 << "is a function";
    QTest::newRow("double operator") << "x**/2" << 3 << "unexpected";
    QTest::newRow("juxtaposition") << "2 x" << 2 << "expected an operator";
    QTest::newRow("huge literal") << "1e999" << 0 << "out of range";
  }
  void syntaxErrors() {
    QFETCH(QString, formula);
    QFETCH(int, position);
    QFETCH(QString, messagePart);
    try {
      Expression::compile(formula.toStdString(), {"x"}, {"a"});
      QFAIL("no error thrown");
    } catch (const hf::Error& err) {
      QVERIFY2(QString::fromStdString(err.message()).contains(messagePart), err.what());
      QCOMPARE(err.location().position, position);
    }
  }

  void hostileInputIsBounded() {
    // Deep nesting and huge inputs are refused with an error, not a crash.
    const std::string deep = std::string(5000, '(') + "1" + std::string(5000, ')');
    QVERIFY_THROWS_EXCEPTION(hf::Error, Expression::compile(deep, {}, {}));
    const std::string minuses = std::string(5000, '-') + "1";
    QVERIFY_THROWS_EXCEPTION(hf::Error, Expression::compile(minuses, {}, {}));
    const std::string powers = "2" + std::string() + [] {
      std::string s;
      for (int i = 0; i < 500; ++i) s += "^2";
      return s;
    }();
    QVERIFY_THROWS_EXCEPTION(hf::Error, Expression::compile(powers, {}, {}));
    std::string longSum = "x";
    while (longSum.size() < 30000) longSum += "+x";
    QVERIFY_THROWS_EXCEPTION(hf::Error, Expression::compile(longSum, {"x"}, {}));
    // Long flat chains stay shallow: they compile on a thread with a small
    // (512 KB) stack, as on platforms whose worker threads get little.
    std::string chain = "x";
    while (chain.size() < 19990) chain += "+x";
    std::string quotient = "x";
    while (quotient.size() < 19980) quotient += "-(1)";
    std::string product = "a";
    while (product.size() < 19990) product += "*a";
    bool compiled = false;
    double value = 0;
    QThread* t = QThread::create([&] {
      try {
        value = Expression::compile(chain, {"x"}, {}).evaluate(std::vector<double>{1.0}, {});
        Expression::compile(quotient, {"x"}, {});
        Expression::compile(product, {}, {"a"});
        compiled = true;
      } catch (const hf::Error&) {
      }
    });
    t->setStackSize(512 * 1024);
    t->start();
    QVERIFY(t->wait(60000));
    delete t;
    QVERIFY(compiled);
    QCOMPARE(value, double((chain.size() + 1) / 2));
    // A long but legal flat sum compiles and evaluates.
    std::string sum = "x";
    for (int i = 0; i < 2000; ++i) sum += "+x*" + std::to_string(i);
    const double expected = 0.5 * (1 + 1999.0 * 2000 / 2);
    QCOMPARE(eval(sum.c_str(), {"x"}, {0.5}), expected);
  }
};

QTEST_APPLESS_MAIN(ExpressionTest)
#include "ExpressionTest.moc"
