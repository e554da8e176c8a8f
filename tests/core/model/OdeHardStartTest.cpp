// Hard starts on a published parameter-estimation benchmark: catalytic
// cracking of gas oil (Tjoa and Biegler 1991; COPS 3.0 problem 'gasoil',
// Dolan, More and Munson, ANL/MCS-TM-246), 21 times x 2 species, rate
// constants >= 0. Published least-squares objective: 5.2366e-3 (COPS
// table). Every start, from all zeros to a thousand times the optimum, must
// reach it with the same parameters; a rate the data do not support (a
// back reaction) must end on its bound 0 with the same optimum.
#include "fit/Calibrator.h"
#include "model/OdeModel.h"

#include <QtTest>
#include <cmath>

using namespace hf;

namespace {

data::Dataset gasOil() {
  const std::vector<double> t{0,   0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2,  0.225, 0.25,
                              0.3, 0.35,  0.4,  0.45,  0.5, 0.55,  0.65, 0.75,  0.85, 0.95};
  const std::vector<double> y1{1.0,    0.8105, 0.6208, 0.5258, 0.4345, 0.3903, 0.3342, 0.3034, 0.2735, 0.2405, 0.2283,
                               0.2071, 0.1669, 0.153,  0.1339, 0.1265, 0.12,   0.099,  0.087,  0.077,  0.069};
  const std::vector<double> y2{0.0,    0.2,    0.2886, 0.301,  0.3215, 0.3123, 0.2716, 0.2551, 0.2258, 0.1959, 0.1789,
                               0.1457, 0.1198, 0.0909, 0.0719, 0.0561, 0.046,  0.028,  0.019,  0.014,  0.01};
  data::Dataset d;
  d.name = "gasoil";
  d.columns = {{"t", "t", "", t}, {"y1", "y1", "", y1}, {"y2", "y2", "", y2}};
  return d;
}

model::OdeModelSpec gasOilSpec(bool backReaction) {
  model::OdeModelSpec s;
  s.equations = {{"y1", "y2"},
                 {backReaction ? "-(p1 + p3)*y1^2 + p4*y2" : "-(p1 + p3)*y1^2",
                  backReaction ? "p1*y1^2 - p2*y2 - p4*y2" : "p1*y1^2 - p2*y2"},
                 {}};
  s.initial = {"1", "0"};
  s.parameters = {"p1", "p2", "p3"};
  if (backReaction) s.parameters.push_back("p4");
  s.observables = {{"y1", "y1", ""}, {"y2", "y2", ""}};
  return s;
}

std::vector<fit::ParameterSetting> nonNegative(const std::vector<std::string>& names, double start) {
  std::vector<fit::ParameterSetting> out;
  for (const auto& n : names) {
    fit::ParameterSetting s{n, start};
    s.lower = 0;
    out.push_back(s);
  }
  return out;
}

}  // namespace

class OdeHardStartTest : public QObject {
  Q_OBJECT
 private slots:
  void gasOilFromAnyStart() {
    const data::Dataset d = gasOil();
    const model::OdeModel m(gasOilSpec(false), {{"gasoil", &d}});
    std::vector<double> reference;
    for (double start : {0.0, 0.01, 1.0, 100.0, 1e4}) {
      fit::Calibrator c(m, nonNegative(m.parameterNames(), start));
      const auto r = c.run();
      QVERIFY2(r.converged(), qPrintable(QString("start %1: %2").arg(start).arg(r.message.c_str())));
      QVERIFY2(std::fabs(r.rss - 5.2366e-3) <= 5e-5 * 5.2366e-3,
               qPrintable(QString("start %1: RSS %2").arg(start).arg(r.rss, 0, 'g', 10)));
      std::vector<double> v;
      for (const auto& e : r.parameters) v.push_back(e.value);
      if (reference.empty()) reference = v;
      for (std::size_t j = 0; j < v.size(); ++j)
        QVERIFY2(std::fabs(v[j] - reference[j]) <= 1e-6 * reference[j],
                 qPrintable(QString("start %1: %2 = %3 vs %4").arg(start).arg(j).arg(v[j]).arg(reference[j])));
    }
  }

  void unsupportedRateEndsOnItsBound() {
    const data::Dataset d = gasOil();
    const model::OdeModel m(gasOilSpec(true), {{"gasoil", &d}});
    auto settings = nonNegative(m.parameterNames(), 0.0);
    settings[3].start = 1.0;  // p4 starts inside
    fit::Calibrator c(m, settings);
    const auto r = c.run();
    QVERIFY2(r.converged(), r.message.c_str());
    QCOMPARE(r.parameters[3].value, 0.0);
    QVERIFY(r.parameters[3].atBound);
    QVERIFY(std::fabs(r.rss - 5.2366e-3) <= 5e-5 * 5.2366e-3);
  }
};

QTEST_APPLESS_MAIN(OdeHardStartTest)
#include "OdeHardStartTest.moc"
