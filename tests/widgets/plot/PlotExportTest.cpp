// Tests hf::widgets::exportPng/exportSvg/exportPdf: each file is rendered
// back or parsed and checked for the chart's content; errors are returned,
// never crashes.
#include "plot/PlotExport.h"

#include "plot/ChartView.h"
#include "plot/DataModelPlot.h"

#include "PlotTestSupport.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <vector>

using hf::test::countNear;
using hf::test::kColourTolerance;
using hf::test::kMinSeriesPixels;
using hf::widgets::ChartView;

namespace {

const QString kXTitle = QStringLiteral("time t [s]");
const QString kYTitle = QStringLiteral("temperature T [K]");
const QString kDataName = QStringLiteral("thermocouple");
const QString kModelName = QStringLiteral("model fit");

// A data + model chart, shown and rendered once.
void showDemo(ChartView& chart) {
  const auto s = hf::test::parabola(20, 0.5);
  const auto fine = hf::test::parabola(200, 0.05);
  hf::widgets::showDataAndModel(chart, s.x, s.y, fine.x, fine.y, kXTitle, kYTitle, kDataName, kModelName);
  hf::test::showAndGrab(chart, ChartView::pointsColor());
}

// What the SVG holds: all <text> contents, and the number of drawing
// elements (path, polyline, polygon, line, circle, rect) whose own or
// inherited stroke or fill is each colour.
struct SvgSummary {
  QString error;
  QStringList texts;
  int elementsIn(QColor c) const { return colourUse.value(c.name()); }
  QHash<QString, int> colourUse;  // "#rrggbb" -> count
  QString firstDrawing;           // "<element> <fill>" of the first drawing element
};

// gl2ps writes colours as rgb(r,g,b) or #rrggbb depending on the version.
QString normaliseColour(QString value) {
  value = value.trimmed();
  if (value.startsWith(QStringLiteral("rgb("))) {
    const QStringList parts = value.mid(4, value.size() - 5).split(QLatin1Char(','));
    if (parts.size() == 3) return QColor(parts[0].toInt(), parts[1].toInt(), parts[2].toInt()).name();
  }
  return QColor(value).isValid() ? QColor(value).name() : value;
}

SvgSummary readSvg(const QString& path) {
  SvgSummary s;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    s.error = file.errorString();
    return s;
  }
  QXmlStreamReader xml(&file);
  const QSet<QString> drawing{QStringLiteral("path"), QStringLiteral("polyline"), QStringLiteral("polygon"),
                              QStringLiteral("line"), QStringLiteral("circle"),   QStringLiteral("rect")};
  // fill and stroke are inherited: gl2ps puts a marker's colour on its <g>.
  struct Paint {
    QString fill, stroke;
  };
  QList<Paint> stack{Paint{}};
  while (!xml.atEnd()) {
    const auto token = xml.readNext();
    if (token == QXmlStreamReader::EndElement) {
      stack.removeLast();
      continue;
    }
    if (token != QXmlStreamReader::StartElement) continue;
    const QString name = xml.name().toString();
    Paint paint = stack.last();
    if (const auto v = xml.attributes().value(QStringLiteral("fill")); !v.isEmpty())
      paint.fill = normaliseColour(v.toString());
    if (const auto v = xml.attributes().value(QStringLiteral("stroke")); !v.isEmpty())
      paint.stroke = normaliseColour(v.toString());
    if (name == QStringLiteral("text")) {
      s.texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();  // consumes the end tag
      continue;
    }
    stack.append(paint);
    if (drawing.contains(name)) {
      if (s.firstDrawing.isEmpty()) s.firstDrawing = name + QLatin1Char(' ') + paint.fill;
      QSet<QString> colours{paint.fill, paint.stroke};
      for (const QString& c : colours) ++s.colourUse[c];
    }
  }
  if (xml.hasError()) s.error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
  return s;
}

}  // namespace

class PlotExportTest : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void pngAtRequestedSize();
  void svgHasVectorSeriesLegendAndText();
  void pdfRendersBack();
  void unwritablePathIsAnError_data();
  void unwritablePathIsAnError();
  void unshownChartIsAnError();
  void hiddenChartExports();
  void badSizesAreErrors();

 private:
  QTemporaryDir m_dir;
};

void PlotExportTest::init() { QVERIFY(m_dir.isValid()); }

void PlotExportTest::pngAtRequestedSize() {
  ChartView chart;
  showDemo(chart);
  const QString path = m_dir.filePath(QStringLiteral("chart.png"));
  const QString error = hf::widgets::exportPng(chart, path, 1600, 1000);
  QVERIFY2(error.isEmpty(), qPrintable(error));

  const QImage img(path);
  QCOMPARE(img.size(), QSize(1600, 1000));
  QVERIFY(hf::test::isNonBlank(img));
  QVERIFY(hf::test::near(img.pixelColor(2, 2), Qt::white, 8));  // background, not black
  // Scaled x2 (auto for 1600 x 1000): markers and line are 4x the pixels.
  QVERIFY(countNear(img, ChartView::pointsColor(), kColourTolerance) > 4 * kMinSeriesPixels);
  QVERIFY(countNear(img, ChartView::curveColor(), kColourTolerance) > 4 * kMinSeriesPixels);

  // The view on screen is back to its own size and still draws.
  QTest::qWait(50);
  const QImage screen = chart.view()->grabFramebuffer();
  QCOMPARE(screen.size(), chart.view()->size() * chart.view()->devicePixelRatioF());
  QVERIFY(countNear(screen, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels);
  QVERIFY(hf::test::near(screen.pixelColor(2, 2), Qt::white, 8));
}

void PlotExportTest::svgHasVectorSeriesLegendAndText() {
  ChartView chart;
  showDemo(chart);
  const QString path = m_dir.filePath(QStringLiteral("chart.svg"));
  const QString error = hf::widgets::exportSvg(chart, path);
  QVERIFY2(error.isEmpty(), qPrintable(error));

  const SvgSummary svg = readSvg(path);
  QVERIFY2(svg.error.isEmpty(), qPrintable(svg.error));
  const QString all = svg.texts.join(QLatin1Char('|'));
  QVERIFY2(svg.texts.contains(kDataName) && svg.texts.contains(kModelName), qPrintable(all));  // legend
  QVERIFY2(svg.texts.contains(kXTitle) && svg.texts.contains(kYTitle), qPrintable(all));       // axis titles
  QVERIFY2(svg.elementsIn(ChartView::pointsColor()) >= 1 && svg.elementsIn(ChartView::curveColor()) >= 1,
           qPrintable(QStringLiteral("points: %1, curve: %2")
                          .arg(svg.elementsIn(ChartView::pointsColor()))
                          .arg(svg.elementsIn(ChartView::curveColor()))));
  // One vector marker per data point (20), not a raster image.
  QVERIFY(svg.elementsIn(ChartView::pointsColor()) >= 20);
  // A white page under the chart, as on screen.
  QCOMPARE(svg.firstDrawing, QStringLiteral("rect #ffffff"));
}

void PlotExportTest::pdfRendersBack() {
  ChartView chart;
  showDemo(chart);
  const QString path = m_dir.filePath(QStringLiteral("chart.pdf"));
  const QString error = hf::widgets::exportPdf(chart, path);
  QVERIFY2(error.isEmpty(), qPrintable(error));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray bytes = file.readAll();
  QVERIFY(bytes.startsWith("%PDF"));
  QVERIFY2(bytes.size() < 200 * 1024, qPrintable(QString::number(bytes.size())));  // compressed

  const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
  if (pdftoppm.isEmpty()) QSKIP("pdftoppm (poppler-utils) is not installed; PDF not rendered back");
  const QString prefix = m_dir.filePath(QStringLiteral("pdfpage"));
  QProcess p;
  p.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("72"), QStringLiteral("-singlefile"),
                     path, prefix});
  QVERIFY(p.waitForFinished(60000));
  QCOMPARE(p.exitCode(), 0);
  const QImage img(prefix + QStringLiteral(".png"));
  QVERIFY(hf::test::isNonBlank(img));
  QVERIFY(hf::test::near(img.pixelColor(2, 2), Qt::white, 8));
  QVERIFY(countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels / 2);
  QVERIFY(countNear(img, ChartView::curveColor(), kColourTolerance) > kMinSeriesPixels / 2);
}

void PlotExportTest::unwritablePathIsAnError_data() {
  QTest::addColumn<QString>("format");
  QTest::addColumn<QString>("path");
  for (const QString& f : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
    QTest::addRow("%s missing folder", qPrintable(f)) << f << QStringLiteral("/nonexistent-hf-dir/chart.") + f;
    QTest::addRow("%s is a folder", qPrintable(f)) << f << QStringLiteral("/tmp");
    QTest::addRow("%s read-only", qPrintable(f)) << f << QStringLiteral("/proc/hf-chart.") + f;
  }
}

void PlotExportTest::unwritablePathIsAnError() {
  QFETCH(QString, format);
  QFETCH(QString, path);
  ChartView chart;
  showDemo(chart);
  const QString error = format == QStringLiteral("png")   ? hf::widgets::exportPng(chart, path, 400, 300)
                        : format == QStringLiteral("svg") ? hf::widgets::exportSvg(chart, path)
                                                          : hf::widgets::exportPdf(chart, path);
  QVERIFY(!error.isEmpty());
  QVERIFY2(error.contains(path), qPrintable(error));
  // The view still works.
  QVERIFY(hf::test::isNonBlank(hf::test::showAndGrab(chart, ChartView::pointsColor())));
}

void PlotExportTest::unshownChartIsAnError() {
  ChartView chart;
  const auto s = hf::test::parabola(5, 1.0);
  chart.setData(s.x, s.y, kXTitle, kYTitle, kDataName);
  const QString path = m_dir.filePath(QStringLiteral("unshown.png"));
  QVERIFY(!hf::widgets::exportPng(chart, path, 400, 300).isEmpty());
  QVERIFY(!hf::widgets::exportSvg(chart, m_dir.filePath(QStringLiteral("unshown.svg"))).isEmpty());
  QVERIFY(!QFileInfo::exists(path));
}

void PlotExportTest::hiddenChartExports() {
  // Shown once (e.g. a tab visited before), hidden now: the context lives on.
  ChartView chart;
  showDemo(chart);
  chart.hide();
  QTest::qWait(50);
  const QString path = m_dir.filePath(QStringLiteral("hidden.png"));
  const QString error = hf::widgets::exportPng(chart, path, 800, 500);
  QVERIFY2(error.isEmpty(), qPrintable(error));
  const QImage img(path);
  QCOMPARE(img.size(), QSize(800, 500));
  QVERIFY(countNear(img, ChartView::pointsColor(), kColourTolerance) > kMinSeriesPixels);
}

void PlotExportTest::badSizesAreErrors() {
  ChartView chart;
  showDemo(chart);
  const QString path = m_dir.filePath(QStringLiteral("bad.png"));
  QVERIFY(!hf::widgets::exportPng(chart, path, 0, 300).isEmpty());
  QVERIFY(!hf::widgets::exportPng(chart, path, 400, -1).isEmpty());
  QVERIFY(!hf::widgets::exportPng(chart, path, 100000, 300).isEmpty());
  QVERIFY(!QFileInfo::exists(path));
}

int main(int argc, char* argv[]) {
  hf::widgets::VtkView::setDefaultSurfaceFormat();  // before QApplication, as in the app
  QApplication app(argc, argv);
  PlotExportTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "PlotExportTest.moc"
