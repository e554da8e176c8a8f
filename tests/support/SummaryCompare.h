#pragma once
// Field-by-field comparison of two fit summaries for round-trip tests
// (NaN equals NaN). Uses QCOMPARE: callers check QTest::currentTestFailed().

#include "fit/FitSummary.h"

#include <QtTest>
#include <cmath>

namespace hf::test {

inline bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

inline void compareSummaries(const hf::fit::FitSummary& a, const hf::fit::FitSummary& b) {
  QCOMPARE(int(b.termination), int(a.termination));
  QCOMPARE(b.converged(), a.converged());
  QCOMPARE(b.message, a.message);
  QCOMPARE(b.strategy, a.strategy);
  QCOMPARE(b.iterations, a.iterations);
  QVERIFY(same(b.initialCost, a.initialCost));
  QVERIFY(same(b.finalCost, a.finalCost));
  QCOMPARE(b.history.size(), a.history.size());
  for (std::size_t i = 0; i < a.history.size(); ++i) {
    QCOMPARE(b.history[i].iteration, a.history[i].iteration);
    QVERIFY(same(b.history[i].cost, a.history[i].cost));
    QVERIFY(same(b.history[i].gradientNorm, a.history[i].gradientNorm));
    QVERIFY(same(b.history[i].stepNorm, a.history[i].stepNorm));
    QCOMPARE(b.history[i].seconds, a.history[i].seconds);
    QVERIFY(same(b.history[i].validation, a.history[i].validation));
    QCOMPARE(b.history[i].terms.size(), a.history[i].terms.size());
    for (std::size_t k = 0; k < a.history[i].terms.size(); ++k)
      QVERIFY(same(b.history[i].terms[k], a.history[i].terms[k]));
  }
  QCOMPARE(b.solveSeconds, a.solveSeconds);
  QCOMPARE(b.pointCount, a.pointCount);
  QCOMPARE(b.freeParameterCount, a.freeParameterCount);
  QCOMPARE(b.degreesOfFreedom, a.degreesOfFreedom);
  QVERIFY(same(b.rss, a.rss));
  QVERIFY(same(b.penalty, a.penalty));
  QCOMPARE(b.validationPoints, a.validationPoints);
  QVERIFY(same(b.validationRss, a.validationRss));
  QCOMPARE(b.bestValidationIteration, a.bestValidationIteration);
  QCOMPARE(b.penaltyTerms.size(), a.penaltyTerms.size());
  for (std::size_t k = 0; k < a.penaltyTerms.size(); ++k) {
    QCOMPARE(b.penaltyTerms[k].name, a.penaltyTerms[k].name);
    QVERIFY(same(b.penaltyTerms[k].value, a.penaltyTerms[k].value));
  }
  QCOMPARE(b.weighted, a.weighted);
  QVERIFY(same(b.residualSd, a.residualSd));
  QVERIFY(same(b.rSquared, a.rSquared));
  QCOMPARE(b.parameters.size(), a.parameters.size());
  for (std::size_t i = 0; i < a.parameters.size(); ++i) {
    const auto &p = a.parameters[i], &q = b.parameters[i];
    QCOMPARE(q.name, p.name);
    QCOMPARE(q.unit, p.unit);
    QVERIFY(same(q.value, p.value));
    QVERIFY(same(q.start, p.start));
    QVERIFY2(same(q.standardError, p.standardError), p.name.c_str());
    QCOMPARE(q.fixed, p.fixed);
    QCOMPARE(q.atBound, p.atBound);
    QCOMPARE(q.identifiable, p.identifiable);
    QVERIFY(same(q.ci95, p.ci95));
  }
  QCOMPARE(b.correlation.size(), a.correlation.size());
  for (std::size_t i = 0; i < a.correlation.size(); ++i) QVERIFY(same(b.correlation[i], a.correlation[i]));
  // A singular Jacobian's infinite condition number is null in JSON (read back as NaN).
  QVERIFY(same(b.conditionNumber, std::isinf(a.conditionNumber) ? std::nan("") : a.conditionNumber));
  QCOMPARE(b.nonIdentifiable, a.nonIdentifiable);
}

}  // namespace hf::test
