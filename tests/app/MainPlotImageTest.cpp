// Image test of the main plot: the example project's data-and-model chart,
// rendered at a fixed size, compared with a stored baseline.
// Tolerance: at most 2 % of the pixels may differ by more than 48 in some
// colour channel (anti-aliasing and font hinting move edges by a pixel;
// a missing series, axis or legend changes far more). On failure the actual
// image is written next to the test binary. HF_UPDATE_BASELINES=1 rewrites
// the baseline instead (then inspect it before committing).
#include "MainWindow.h"
#include "plot/ChartView.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

class MainPlotImageTest : public QObject {
  Q_OBJECT
 private slots:
  void matchesBaseline() {
    QSettings().clear();  // the default dock layout, whatever earlier runs stored
    hf::app::MainWindow w;
    w.resize(1100, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.openPath(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj")), QString());
    // A fixed chart size, so that changes to the docks around it do not
    // change the image.
    w.chartView()->setFixedSize(800, 380);
    QImage actual;
    // Render until two consecutive frames agree (layout settles after the
    // first frames).
    QImage previous;
    for (int i = 0; i < 40; ++i) {
      QTest::qWait(100);
      actual = w.chartView()->view()->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
      if (!previous.isNull() && actual == previous) break;
      previous = actual;
    }
    const QString baselinePath = QStringLiteral(HF_TEST_DATA_DIR "/baselines/cooling-main-plot.png");
    if (qEnvironmentVariableIsSet("HF_UPDATE_BASELINES")) {
      QVERIFY(actual.save(baselinePath));
      QSKIP("baseline rewritten");
    }
    const QImage baseline = QImage(baselinePath).convertToFormat(QImage::Format_RGB32);
    QVERIFY2(!baseline.isNull(), "missing baseline image");
    const QString actualPath = QDir::current().filePath(QStringLiteral("cooling-main-plot.actual.png"));
    if (actual.size() != baseline.size()) {
      actual.save(actualPath);
      QFAIL(qPrintable(QString("size %1x%2, baseline %3x%4; actual image: %5")
                           .arg(actual.width())
                           .arg(actual.height())
                           .arg(baseline.width())
                           .arg(baseline.height())
                           .arg(actualPath)));
    }
    qint64 differing = 0;
    for (int y = 0; y < actual.height(); ++y) {
      const auto* a = reinterpret_cast<const QRgb*>(actual.constScanLine(y));
      const auto* b = reinterpret_cast<const QRgb*>(baseline.constScanLine(y));
      for (int x = 0; x < actual.width(); ++x) {
        const int d = std::max({std::abs(qRed(a[x]) - qRed(b[x])), std::abs(qGreen(a[x]) - qGreen(b[x])),
                                std::abs(qBlue(a[x]) - qBlue(b[x]))});
        differing += d > 48;
      }
    }
    const double fraction = double(differing) / (double(actual.width()) * actual.height());
    qInfo("%.3f %% of the pixels differ from the baseline", 100.0 * fraction);
    if (fraction > 0.02) {
      actual.save(actualPath);
      QFAIL(qPrintable(QString("%1 % of the pixels differ; actual image: %2").arg(100.0 * fraction).arg(actualPath)));
    }
  }
};

int main(int argc, char* argv[]) {
  hf::widgets::VtkView::setDefaultSurfaceFormat();
  QStandardPaths::setTestModeEnabled(true);
  QApplication app(argc, argv);
  MainPlotImageTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "MainPlotImageTest.moc"
