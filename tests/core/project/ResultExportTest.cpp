// Result exports read back to the same numbers.
#include "data/DelimitedReader.h"
#include "project/ProjectFit.h"
#include "project/ResultExport.h"

#include <QtTest>
#include <cmath>

using namespace hf;

namespace {
project::Project decayProject() {
  project::Project p;
  project::ProjectDataset d;
  d.data.name = "decay";
  std::vector<double> t, y, s;
  for (int i = 0; i < 12; ++i) {
    t.push_back(0.5 * i);
    y.push_back(4.0 * std::exp(-0.3 * t.back()) + 0.05 * std::sin(7.0 * i));
    s.push_back(0.05 + 0.01 * i);
  }
  d.data.columns = {{"t", "t", "s", t}, {"y", "y", "V", y}, {"s", "s", "V", s}};
  p.datasets.push_back(d);
  p.model.spec = {"A*exp(-k*t)", "y", {"A", "k"}, model::WeightKind::Sigma, "s"};
  p.parameters = {{"A", 1.0, 0.0, INFINITY, false, "V"}, {"k", 1.0}};
  return p;
}
}  // namespace

class ResultExportTest : public QObject {
  Q_OBJECT
 private slots:
  void parameterCsvReadsBack() {
    const project::Project p = decayProject();
    const fit::FitSummary r = project::fitProject(p);
    QVERIFY(r.converged());
    const std::string csv = project::parametersToCsv(r);
    QVERIFY(csv.find("# rss: ") != std::string::npos);
    // name and unit are text: read the table by hand (no quotes needed here).
    QStringList lines = QString::fromStdString(csv).split('\n', Qt::SkipEmptyParts);
    while (!lines.isEmpty() && lines.front().startsWith('#')) lines.removeFirst();
    QCOMPARE(lines.front(), QStringLiteral("name,unit,value,stderr,ci95_low,ci95_high,fixed,at_bound,identifiable"));
    QCOMPARE(lines.size(), 3);
    for (int i = 0; i < 2; ++i) {
      const QStringList f = lines[i + 1].split(',');
      const auto& e = r.parameters[static_cast<std::size_t>(i)];
      QCOMPARE(f[0].toStdString(), e.name);
      QCOMPARE(f[2].toDouble(), e.value);  // shortest form reads back exactly
      QCOMPARE(f[3].toDouble(), e.standardError);
      QCOMPARE(f[4].toDouble(), e.value - e.ci95);
      QCOMPARE(f[5].toDouble(), e.value + e.ci95);
      QCOMPARE(f[8], QStringLiteral("1"));
    }
  }
  void predictionsCsvReadsBack() {
    const project::Project p = decayProject();
    const fit::FitSummary r = project::fitProject(p);
    const data::Dataset back = data::readDelimitedText(project::predictionsToCsv(p, r), "pred.csv");
    QCOMPARE(back.rowCount(), std::size_t(12));
    // Units travel in the header, as the import reads them.
    QCOMPARE(back.columns[static_cast<std::size_t>(back.findColumn("t"))].unit, std::string("s"));
    QCOMPARE(back.columns[static_cast<std::size_t>(back.findColumn("residual"))].unit, std::string("V"));
    QCOMPARE(back.columns[static_cast<std::size_t>(back.findColumn("weighted_residual"))].unit, std::string());
    const auto& obs = back.columns[static_cast<std::size_t>(back.findColumn("observed"))].values;
    const auto& pred = back.columns[static_cast<std::size_t>(back.findColumn("predicted"))].values;
    const auto& res = back.columns[static_cast<std::size_t>(back.findColumn("residual"))].values;
    const auto& wres = back.columns[static_cast<std::size_t>(back.findColumn("weighted_residual"))].values;
    const auto& t = back.columns[static_cast<std::size_t>(back.findColumn("t"))].values;
    double rss = 0;
    for (std::size_t i = 0; i < 12; ++i) {
      QCOMPARE(obs[i], p.datasets[0].data.columns[1].values[i]);
      QCOMPARE(res[i], obs[i] - pred[i]);
      QVERIFY(std::fabs(pred[i] - r.parameters[0].value * std::exp(-r.parameters[1].value * t[i])) < 1e-12);
      QVERIFY(std::fabs(wres[i] - res[i] / p.datasets[0].data.columns[2].values[i]) < 1e-12);
      rss += wres[i] * wres[i];
    }
    QVERIFY(std::fabs(rss - r.rss) < 1e-10 * r.rss);  // the weighted residuals are the fitted ones
  }
};

QTEST_APPLESS_MAIN(ResultExportTest)
#include "ResultExportTest.moc"
