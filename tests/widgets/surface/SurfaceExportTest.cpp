// Tests hf::widgets::exportSurfacePng/Svg/Pdf: each file is decoded or
// rendered back and must show the coloured surface and the points; the PDF
// must carry its titles as real text; the on-screen view is restored.
#include "surface/SurfaceExport.h"

#include "SurfaceColours.h"
#include "surface/SurfaceView.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <vtkRenderWindow.h>

#include <vector>

using hf::widgets::SurfaceView;

using hf::test::isColourMapped;
using hf::test::isPointRed;

namespace {

const QString kZTitle = QStringLiteral("rate r [mol/s]");

double fraction(const QImage& img, bool (*test)(QColor)) {
  long n = 0;
  for (int y = 0; y < img.height(); y += 2)
    for (int x = 0; x < img.width(); x += 2) n += test(img.pixelColor(x, y)) ? 1 : 0;
  return 4.0 * static_cast<double>(n) / (static_cast<double>(img.width()) * img.height());
}

void fill(SurfaceView& view) {
  const int n = 21;
  std::vector<double> g, z;
  for (int i = 0; i < n; ++i) g.push_back(i / double(n - 1));
  for (double b : g)
    for (double a : g) z.push_back(a * a + b);
  view.setTitles(QStringLiteral("x1 [m]"), QStringLiteral("x2 [m]"), kZTitle);
  view.setSurface(n, n, g, g, z);
  const std::vector<double> px{0.2, 0.5, 0.8}, py{0.3, 0.6, 0.9};
  std::vector<double> pz;
  for (std::size_t k = 0; k < px.size(); ++k) pz.push_back(px[k] * px[k] + py[k] + 0.05);
  view.setPoints(px, py, pz);
}

}  // namespace

class SurfaceExportTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  SurfaceView* m_view = nullptr;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_view = new SurfaceView;
    fill(*m_view);
    m_view->resize(640, 420);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    QTRY_VERIFY_WITH_TIMEOUT(fraction(m_view->view()->grabFramebuffer(), isColourMapped) > 0.05, 10000);
  }
  void cleanupTestCase() { delete m_view; }

  void pngAtTheChosenResolution() {
    const QString path = m_dir.filePath(QStringLiteral("surface.png"));
    QCOMPARE(hf::widgets::exportSurfacePng(*m_view, path, 1600, 1050), QString());
    const QImage img(path);
    QCOMPARE(img.size(), QSize(1600, 1050));
    QVERIFY2(fraction(img, isColourMapped) > 0.05, "the surface is missing");
    QVERIFY2(fraction(img, isPointRed) > 1e-4, "the points are missing");
    // The on-screen view is back to its own size.
    const int* size = m_view->view()->renderWindow()->GetSize();
    QCOMPARE(QSize(size[0], size[1]), m_view->view()->size() * m_view->view()->devicePixelRatio());
  }

  void svgEmbedsTheSceneAtTwiceThePageResolution() {
    const QString path = m_dir.filePath(QStringLiteral("surface.svg"));
    QCOMPARE(hf::widgets::exportSurfaceSvg(*m_view, path, QSize(500, 330)), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QImage embedded;
    QString width;
    while (!xml.atEnd()) {
      if (xml.readNext() != QXmlStreamReader::StartElement) continue;
      if (xml.name() == QStringLiteral("svg")) width = xml.attributes().value(QStringLiteral("width")).toString();
      if (xml.name() == QStringLiteral("image")) {
        const QString href =
            xml.attributes().value(QStringLiteral("http://www.w3.org/1999/xlink"), QStringLiteral("href")).toString();
        QVERIFY(href.startsWith(QStringLiteral("data:image/png;base64,")));
        embedded.loadFromData(QByteArray::fromBase64(href.mid(22).toLatin1()), "PNG");
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(width, QStringLiteral("500"));
    QCOMPARE(embedded.size(), QSize(1000, 660));
    QVERIFY(fraction(embedded, isColourMapped) > 0.05);
    QVERIFY(fraction(embedded, isPointRed) > 1e-4);
  }

  void pdfHasTheSceneAndRealText() {
    const QString path = m_dir.filePath(QStringLiteral("surface.pdf"));
    QCOMPARE(hf::widgets::exportSurfacePdf(*m_view, path), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.read(5) == "%PDF-");
    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (pdftoppm.isEmpty() || pdftotext.isEmpty())
      QSKIP("poppler-utils is not installed (bash dev.sh test installs it); PDF not rendered back");
    QProcess p;
    p.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("144"),
                       QStringLiteral("-singlefile"), path, m_dir.filePath(QStringLiteral("page"))});
    QVERIFY(p.waitForFinished(30000) && p.exitCode() == 0);
    const QImage page(m_dir.filePath(QStringLiteral("page.png")));
    QVERIFY(!page.isNull());
    QVERIFY2(fraction(page, isColourMapped) > 0.05, "the surface is missing from the PDF");
    // The colour bar's title is text, not pixels.
    p.start(pdftotext, {path, QStringLiteral("-")});
    QVERIFY(p.waitForFinished(30000) && p.exitCode() == 0);
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(text.contains(QStringLiteral("mol/s")), qPrintable(text));
  }

  void exportBeforeShownSaysWhy() {
    SurfaceView hidden;
    fill(hidden);
    const QString error = hf::widgets::exportSurfacePng(hidden, m_dir.filePath(QStringLiteral("x.png")), 800, 500);
    QVERIFY2(error.contains(QStringLiteral("shown")), qPrintable(error));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.png"))));
    QVERIFY(!hf::widgets::exportSurfacePng(*m_view, m_dir.filePath(QStringLiteral("y.png")), 0, 500).isEmpty());
  }
};

int main(int argc, char* argv[]) {
  hf::widgets::VtkView::setDefaultSurfaceFormat();
  QApplication app(argc, argv);
  SurfaceExportTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "SurfaceExportTest.moc"
