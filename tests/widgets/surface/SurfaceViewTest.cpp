// Tests hf::widgets::SurfaceView: a colour-mapped surface with a colour bar,
// measured points, axes and a rotatable camera render into its VtkView; axis
// ranges of very different magnitude still give a full-size surface; and
// degenerate input shows what it can without crashing.
//
// Set HF_SURFACE_SCREENSHOTS=<dir> to save sample PNGs for a visual check.
#include "surface/SurfaceView.h"

#include "surface/ColourBar.h"
#include "surface/SurfaceAxes.h"

#include "ImageChecks.h"
#include "SurfaceColours.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QDir>
#include <QTest>
#include <QWheelEvent>

#include <vtkCamera.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkScalarsToColors.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <vector>

using hf::widgets::SurfaceView;
using hf::widgets::VtkView;

using hf::test::isColourMapped;
using hf::test::isPointRed;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QSize kViewSize(640, 480);

struct Surface {
  int nx = 0, ny = 0;
  std::vector<double> x1, x2, z;  // z row-major in x2: z[j * nx + i]
};

struct Points {
  std::vector<double> x1, x2, z;
};

// Arrhenius rate with first order in c: r = A exp(-Ea / (R T)) c, over
// T in [300, 400] K and c in [0.01, 0.1] mol/L; r spans ~5e-8 to ~3e-5
// mol/(L s), so the three axes differ by up to ten orders of magnitude.
double arrhenius(double T, double c) {
  constexpr double A = 50.0;      // 1/s
  constexpr double Ea = 40e3;     // J/mol
  constexpr double R = 8.314462;  // J/(mol K)
  return A * std::exp(-Ea / (R * T)) * c;
}

Surface arrheniusSurface(int nx = 41, int ny = 31) {
  Surface s{nx, ny, {}, {}, {}};
  for (int i = 0; i < nx; ++i) s.x1.push_back(300.0 + 100.0 * i / (nx - 1));
  for (int j = 0; j < ny; ++j) s.x2.push_back(0.01 + 0.09 * j / (ny - 1));
  for (double c : s.x2)
    for (double T : s.x1) s.z.push_back(arrhenius(T, c));
  return s;
}

// 25 measurements with 8 % multiplicative noise, reproducible.
Points arrheniusPoints(double lift = 0.0) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> uT(300.0, 400.0), uc(0.01, 0.1);
  std::normal_distribution<double> noise(0.0, 0.08);
  Points p;
  for (int k = 0; k < 25; ++k) {
    const double T = uT(rng), c = uc(rng);
    p.x1.push_back(T);
    p.x2.push_back(c);
    p.z.push_back(arrhenius(T, c) * (1.0 + noise(rng)) + lift);
  }
  return p;
}

struct ColourStats {
  int mapped = 0;   // colour-map pixels
  int red = 0;      // point pixels
  int hueBins = 0;  // distinct 30-degree hue bins among colour-map pixels
};

ColourStats colourStats(const QImage& img, QRect area) {
  ColourStats s;
  std::set<int> bins;
  area = area.intersected(img.rect());
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x) {
      const QColor c = img.pixelColor(x, y);
      if (isColourMapped(c)) {
        ++s.mapped;
        bins.insert(c.hsvHue() / 30);
      } else if (isPointRed(c)) {
        ++s.red;
      }
    }
  s.hueBins = static_cast<int>(bins.size());
  return s;
}

QRect centreRegion(const QImage& img) { return {img.width() / 4, img.height() / 4, img.width() / 2, img.height() / 2}; }

void setSurface(SurfaceView& view, const Surface& s) { view.setSurface(s.nx, s.ny, s.x1, s.x2, s.z); }

void setPoints(SurfaceView& view, const Points& p) { view.setPoints(p.x1, p.x2, p.z); }

void showView(SurfaceView& view) {
  view.resize(kViewSize);
  view.show();
}

// Waits until VTK has drawn something other than the background.
QImage renderedImage(SurfaceView& view) {
  QImage img;
  if (!QTest::qWaitForWindowExposed(&view)) return img;
  const bool drawn = QTest::qWaitFor(
      [&] {
        img = view.view()->grabFramebuffer();
        return hf::test::isNonBlank(img);
      },
      10000);
  return drawn ? img : QImage();
}

// When a check fails (ok is false), writes the image into the working
// directory so the failure can be looked at, and returns its path.
QString keepIfFailed(bool ok, const QImage& img, const char* name) {
  if (ok) return {};
  const QString path = QDir::current().filePath(QStringLiteral("SurfaceViewTest-%1.png").arg(QLatin1String(name)));
  img.save(path);
  return path;
}

}  // namespace

class SurfaceViewTest : public QObject {
  Q_OBJECT
 private slots:
  void surfaceRendersColourMap();
  void scalarBarSpansSurfaceZ();
  void titlesReachAxesAndColourBar();
  void pointsRender();
  void mouseDragRotatesCameraAndResetRestores();
  void wheelZooms();
  void wideScalesGiveFullSurface_data();
  void wideScalesGiveFullSurface();
  void degenerateInputDoesNotCrash_data();
  void degenerateInputDoesNotCrash();
  void clearRemovesSurfaceAndPoints();
  void sampleScreenshots();
};

void SurfaceViewTest::surfaceRendersColourMap() {
  SurfaceView view;
  setSurface(view, arrheniusSurface());
  showView(view);
  const QImage img = renderedImage(view);
  QVERIFY(hf::test::isNonBlank(img));
  QVERIFY(view.hasSurface());
  // The colour map shows: several hue bands (viridis runs purple → blue →
  // teal → green → yellow) in the middle of the view.
  const ColourStats centre = colourStats(img, centreRegion(img));
  const bool ok = centre.hueBins >= 3 && centre.mapped > img.width() * img.height() / 20;
  QVERIFY2(ok, qPrintable(QStringLiteral("%1 hue bins, %2 mapped pixels; image %3")
                              .arg(centre.hueBins)
                              .arg(centre.mapped)
                              .arg(keepIfFailed(ok, img, "colourmap"))));
  // Light background at the corners.
  QVERIFY(hf::test::near(img.pixelColor(2, 2), Qt::white, 8));
  QVERIFY(hf::test::near(img.pixelColor(img.width() - 3, img.height() - 3), Qt::white, 8));
}

void SurfaceViewTest::scalarBarSpansSurfaceZ() {
  SurfaceView view;
  const Surface s = arrheniusSurface();
  setSurface(view, s);
  // Points beyond the surface's z widen the box but not the colour range.
  Points p = arrheniusPoints();
  p.z.front() = 1e-3;
  setPoints(view, p);
  showView(view);
  const QImage img = renderedImage(view);

  QVERIFY(view.scalarBar()->GetVisibility());
  double range[2];
  std::copy_n(view.scalarBar()->GetLookupTable()->GetRange(), 2, range);
  const auto [zmin, zmax] = std::minmax_element(s.z.begin(), s.z.end());
  // Exact up to the rounding of a stored double.
  QVERIFY2(std::abs(range[0] - *zmin) <= 1e-12 * *zmax && std::abs(range[1] - *zmax) <= 1e-12 * *zmax,
           qPrintable(QStringLiteral("[%1, %2] vs [%3, %4]").arg(range[0]).arg(range[1]).arg(*zmin).arg(*zmax)));
  // The box's z axis, by contrast, reaches up to the point.
  QVERIFY(view.axes().ticks(2).values.back() > 0.9e-3);

  // Drawn: the bar's strip at the right edge holds the colour map's hues.
  const QRect strip(static_cast<int>(img.width() * 0.84), img.height() / 8, img.width() * 14 / 100,
                    img.height() * 3 / 4);
  const ColourStats bar = colourStats(img, strip);
  const bool ok = bar.hueBins >= 3 && bar.mapped > 300;
  QVERIFY2(ok, qPrintable(QStringLiteral("%1 hue bins, %2 mapped pixels; image %3")
                              .arg(bar.hueBins)
                              .arg(bar.mapped)
                              .arg(keepIfFailed(ok, img, "scalarbar"))));
}

void SurfaceViewTest::titlesReachAxesAndColourBar() {
  SurfaceView view;
  view.setTitles(QStringLiteral("T [K]"), QStringLiteral("c [mol/L]"), QStringLiteral("r [mol/(L·s)]"));
  QCOMPARE(QString::fromStdString(view.axes().title(0)), QStringLiteral("T [K]"));
  QCOMPARE(QString::fromStdString(view.axes().title(1)), QStringLiteral("c [mol/L]"));
  QCOMPARE(QString::fromStdString(view.axes().title(2)), QStringLiteral("r [mol/(L·s)]"));
  QCOMPARE(QString::fromStdString(view.colourBar().title()), QStringLiteral("r [mol/(L·s)]"));
}

void SurfaceViewTest::pointsRender() {
  SurfaceView view;
  setSurface(view, arrheniusSurface());
  showView(view);
  QImage img = renderedImage(view);
  QCOMPARE(colourStats(img, img.rect()).red, 0);

  // Lifted above the surface, so none hides beneath it.
  setPoints(view, arrheniusPoints(2e-5));
  QVERIFY(QTest::qWaitFor(
      [&] {
        img = view.view()->grabFramebuffer();
        return colourStats(img, img.rect()).red > 250;  // 25 spheres of ~6 px radius
      },
      10000));

  // Points alone, without a surface, render too.
  view.setSurface(0, 0, {}, {}, {});
  QVERIFY(!view.hasSurface());
  QVERIFY(QTest::qWaitFor(
      [&] {
        img = view.view()->grabFramebuffer();
        const ColourStats s = colourStats(img, img.rect());
        return s.red > 250 && s.mapped == 0;
      },
      10000));

  view.setPoints({}, {}, {});
  QVERIFY(QTest::qWaitFor(
      [&] {
        img = view.view()->grabFramebuffer();
        return colourStats(img, img.rect()).red == 0;
      },
      10000));
}

void SurfaceViewTest::mouseDragRotatesCameraAndResetRestores() {
  SurfaceView view;
  setSurface(view, arrheniusSurface());
  showView(view);
  QVERIFY(hf::test::isNonBlank(renderedImage(view)));

  vtkCamera* camera = view.renderer()->GetActiveCamera();
  double before[3];
  camera->GetPosition(before);
  VtkView* vtk = view.view();
  const QPoint start(vtk->width() / 2, vtk->height() / 2);
  QTest::mousePress(vtk, Qt::LeftButton, {}, start);
  for (int i = 1; i <= 6; ++i) QTest::mouseMove(vtk, start + QPoint(15 * i, 5 * i));
  QTest::mouseRelease(vtk, Qt::LeftButton, {}, start + QPoint(90, 30));
  double after[3];
  camera->GetPosition(after);
  const double moved = std::hypot(after[0] - before[0], after[1] - before[1], after[2] - before[2]);
  QVERIFY2(moved > 1e-2, qPrintable(QStringLiteral("camera moved by %1").arg(moved)));
  // Still a coloured surface after interaction.
  QVERIFY(QTest::qWaitFor([&] { return colourStats(vtk->grabFramebuffer(), vtk->rect()).mapped > 1000; }, 10000));

  // New data keep the user's view; resetCamera() returns to the default.
  setSurface(view, arrheniusSurface(11, 9));
  double kept[3];
  camera->GetPosition(kept);
  QCOMPARE(std::hypot(kept[0] - after[0], kept[1] - after[1], kept[2] - after[2]), 0.0);
  view.resetCamera();
  double reset[3];
  camera->GetPosition(reset);
  QVERIFY(std::hypot(reset[0] - before[0], reset[1] - before[1], reset[2] - before[2]) < 1e-9);
}

void SurfaceViewTest::wheelZooms() {
  SurfaceView view;
  setSurface(view, arrheniusSurface());
  showView(view);
  QVERIFY(hf::test::isNonBlank(renderedImage(view)));
  vtkCamera* camera = view.renderer()->GetActiveCamera();
  const double before = camera->GetDistance();
  const QPointF centre(view.view()->width() / 2.0, view.view()->height() / 2.0);
  QTest::mouseMove(view.view(), centre.toPoint());
  QWheelEvent wheel(centre, view.view()->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(view.view(), &wheel);
  const double after = camera->GetDistance();
  QVERIFY2(after < before, qPrintable(QStringLiteral("distance %1 -> %2").arg(before).arg(after)));
  QVERIFY(QTest::qWaitFor(
      [&] { return colourStats(view.view()->grabFramebuffer(), view.view()->rect()).mapped > 1000; }, 10000));
}

void SurfaceViewTest::wideScalesGiveFullSurface_data() {
  QTest::addColumn<double>("x1lo");
  QTest::addColumn<double>("x1hi");
  QTest::addColumn<double>("x2lo");
  QTest::addColumn<double>("x2hi");
  QTest::addColumn<double>("zscale");
  QTest::addColumn<double>("zoffset");
  QTest::newRow("T, c, rate") << 300.0 << 400.0 << 0.01 << 0.1 << 1e-5 << 0.0;
  QTest::newRow("huge x1, tiny x2") << 1e6 << 5e6 << 1e-9 << 3e-9 << 1.0 << 0.0;
  QTest::newRow("huge z") << 0.0 << 1.0 << 0.0 << 1.0 << 1e12 << 0.0;
  QTest::newRow("large offsets") << 1e9 << 1e9 + 1.0 << -1e7 << -1e7 + 0.5 << 1e-3 << 1e8;
}

void SurfaceViewTest::wideScalesGiveFullSurface() {
  QFETCH(double, x1lo);
  QFETCH(double, x1hi);
  QFETCH(double, x2lo);
  QFETCH(double, x2hi);
  QFETCH(double, zscale);
  QFETCH(double, zoffset);
  // A saddle-free bump over the whole range: z spans its full range.
  Surface s{30, 25, {}, {}, {}};
  for (int i = 0; i < s.nx; ++i) s.x1.push_back(x1lo + (x1hi - x1lo) * i / (s.nx - 1));
  for (int j = 0; j < s.ny; ++j) s.x2.push_back(x2lo + (x2hi - x2lo) * j / (s.ny - 1));
  for (int j = 0; j < s.ny; ++j)
    for (int i = 0; i < s.nx; ++i) {
      const double u = static_cast<double>(i) / (s.nx - 1), v = static_cast<double>(j) / (s.ny - 1);
      s.z.push_back(zoffset + zscale * (u * u + v));
    }
  SurfaceView view;
  setSurface(view, s);
  showView(view);
  const QImage img = renderedImage(view);
  // A surface squashed into a line would cover a few percent at most; the
  // default view shows the unit box's top face at roughly a third of the
  // view.
  const ColourStats all = colourStats(img, img.rect());
  const double fraction = static_cast<double>(all.mapped) / (img.width() * img.height());
  const bool ok = fraction > 0.15;
  QVERIFY2(ok, qPrintable(QStringLiteral("colour-mapped fraction %1; image %2")
                              .arg(fraction)
                              .arg(keepIfFailed(ok, img, QTest::currentDataTag()))));
  QVERIFY(all.hueBins >= 3);
}

void SurfaceViewTest::degenerateInputDoesNotCrash_data() {
  QTest::addColumn<int>("kase");
  QTest::addColumn<bool>("surfaceShown");
  QTest::newRow("empty") << 0 << false;
  QTest::newRow("nx = 1") << 1 << false;
  QTest::newRow("ny = 0 with values") << 2 << false;
  QTest::newRow("negative sizes") << 3 << false;
  QTest::newRow("z too short") << 4 << false;
  QTest::newRow("all NaN") << 5 << false;
  QTest::newRow("NaN holes") << 6 << true;
  QTest::newRow("infinities") << 7 << true;
  QTest::newRow("constant z") << 8 << true;
  QTest::newRow("constant x1 grid") << 9 << true;
  QTest::newRow("2 x 2") << 10 << true;
  QTest::newRow("points only, NaN and ragged") << 11 << false;
  QTest::newRow("single point") << 12 << false;
}

void SurfaceViewTest::degenerateInputDoesNotCrash() {
  QFETCH(int, kase);
  QFETCH(bool, surfaceShown);
  SurfaceView view;
  Surface s = arrheniusSurface(12, 10);
  const std::vector<double> one{1.0};
  // Inconsistent grids are refused with a warning (expected here; any other
  // warning fails the suite).
  if (kase >= 1 && kase <= 4) QTest::ignoreMessage(QtWarningMsg, QRegularExpression("^SurfaceView: no surface for a "));
  switch (kase) {
    case 0:
      view.setSurface(0, 0, {}, {}, {});
      view.setPoints({}, {}, {});
      break;
    case 1:
      view.setSurface(1, 3, one, std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, 3});
      break;
    case 2:
      view.setSurface(2, 0, std::vector<double>{1, 2}, {}, std::vector<double>{1, 2});
      break;
    case 3:
      view.setSurface(-2, -3, {}, {}, std::vector<double>(6, 1.0));
      break;
    case 4:
      s.z.pop_back();
      setSurface(view, s);
      break;
    case 5:
      s.z.assign(s.z.size(), kNaN);
      setSurface(view, s);
      break;
    case 6:
      for (std::size_t k = 0; k < s.z.size(); k += 7) s.z[k] = kNaN;
      s.x1[3] = kNaN;
      setSurface(view, s);
      break;
    case 7:
      s.z[5] = std::numeric_limits<double>::infinity();
      s.z[17] = -std::numeric_limits<double>::infinity();
      setSurface(view, s);
      break;
    case 8:
      s.z.assign(s.z.size(), 2.5e-5);
      setSurface(view, s);
      break;
    case 9:
      s.x1.assign(s.x1.size(), 350.0);
      setSurface(view, s);
      break;
    case 10:
      view.setSurface(2, 2, std::vector<double>{0, 1}, std::vector<double>{0, 1}, std::vector<double>{0, 1, 1, 2});
      break;
    case 11: {
      const std::vector<double> x1{1, kNaN, 3, 4}, x2{1, 2, 3}, z{kNaN, 2, 3, 4, 5};
      view.setPoints(x1, x2, z);
      break;
    }
    case 12:
      view.setPoints(one, one, one);
      break;
    default:
      QFAIL("unknown case");
  }
  QCOMPARE(view.hasSurface(), surfaceShown);
  QCOMPARE(static_cast<bool>(view.scalarBar()->GetVisibility()), surfaceShown);
  showView(view);
  const QImage img = renderedImage(view);
  QVERIFY(hf::test::isNonBlank(img));  // the axes box at least
  const double* range = view.scalarBar()->GetLookupTable()->GetRange();
  QVERIFY(std::isfinite(range[0]) && std::isfinite(range[1]) && range[0] < range[1]);
  const ColourStats stats = colourStats(img, img.rect());
  if (surfaceShown)
    QVERIFY2(stats.mapped > 1000, qPrintable(keepIfFailed(stats.mapped > 1000, img, QTest::currentDataTag())));
  else
    QCOMPARE(stats.mapped, 0);
  // Recovers with good data afterwards.
  setSurface(view, arrheniusSurface());
  QVERIFY(view.hasSurface());
  QVERIFY(QTest::qWaitFor(
      [&] { return colourStats(view.view()->grabFramebuffer(), view.view()->rect()).mapped > 1000; }, 10000));
}

void SurfaceViewTest::clearRemovesSurfaceAndPoints() {
  SurfaceView view;
  setSurface(view, arrheniusSurface());
  setPoints(view, arrheniusPoints(2e-5));
  showView(view);
  QImage img = renderedImage(view);
  QVERIFY(colourStats(img, img.rect()).mapped > 1000);
  view.clear();
  QVERIFY(!view.hasSurface());
  QVERIFY(!view.scalarBar()->GetVisibility());
  QVERIFY(QTest::qWaitFor(
      [&] {
        img = view.view()->grabFramebuffer();
        const ColourStats s = colourStats(img, img.rect());
        return s.mapped == 0 && s.red == 0 && hf::test::isNonBlank(img);
      },
      10000));
}

void SurfaceViewTest::sampleScreenshots() {
  const QString dir = qEnvironmentVariable("HF_SURFACE_SCREENSHOTS");
  if (dir.isEmpty()) QSKIP("set HF_SURFACE_SCREENSHOTS=<dir> to save sample images");
  QVERIFY(QDir().mkpath(dir));
  SurfaceView view;
  view.setTitles(QStringLiteral("temperature T [K]"), QStringLiteral("concentration c [mol/L]"),
                 QStringLiteral("rate r [mol/(L s)]"));
  setSurface(view, arrheniusSurface());
  setPoints(view, arrheniusPoints());
  view.resize(900, 650);
  view.show();
  QImage img = renderedImage(view);
  QTest::qWait(200);
  img = view.view()->grabFramebuffer();
  QVERIFY(img.save(QDir(dir).filePath(QStringLiteral("surface-default.png"))));

  vtkCamera* camera = view.renderer()->GetActiveCamera();
  camera->Azimuth(75.0);
  camera->Elevation(-12.0);
  camera->OrthogonalizeViewUp();
  view.renderer()->ResetCameraClippingRange();
  view.view()->requestRender();
  QTest::qWait(300);
  img = view.view()->grabFramebuffer();
  QVERIFY(img.save(QDir(dir).filePath(QStringLiteral("surface-rotated.png"))));

  view.resetCamera();
  view.resize(520, 400);
  QTest::qWait(300);
  img = view.view()->grabFramebuffer();
  QVERIFY(img.save(QDir(dir).filePath(QStringLiteral("surface-small.png"))));

  // Holes where the model is undefined, and labels offset from 1e9.
  Surface holes = arrheniusSurface();
  for (int j = 8; j < 16; ++j)
    for (int i = 10; i < 22; ++i) holes.z[static_cast<std::size_t>(j * holes.nx + i)] = kNaN;
  for (double& T : holes.x1) T += 1e9;
  Points offsetPoints = arrheniusPoints();
  for (double& T : offsetPoints.x1) T += 1e9;
  setSurface(view, holes);
  setPoints(view, offsetPoints);
  view.setTitles(QStringLiteral("time t [s]"), QStringLiteral("concentration c [mol/L]"),
                 QStringLiteral("rate r [mol/(L s)]"));
  view.resize(900, 650);
  QTest::qWait(300);
  img = view.view()->grabFramebuffer();
  QVERIFY(img.save(QDir(dir).filePath(QStringLiteral("surface-holes-offset.png"))));
}

int main(int argc, char* argv[]) {
  VtkView::setDefaultSurfaceFormat();  // before QApplication, as in the app
  QApplication app(argc, argv);
  SurfaceViewTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "SurfaceViewTest.moc"
