// Tests the GUI-free geometry builders behind hf::widgets::SurfaceView:
// grid validation, triangle counts, NaN holes, scalars carrying real z and
// points mapped into the scene box.
#include "surface/SurfaceGeometry.h"

#include <QTest>

#include <vtkCellArray.h>
#include <vtkDataArray.h>
#include <vtkIdList.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>

#include <cmath>
#include <limits>
#include <vector>

using hf::widgets::AxisBox;
using hf::widgets::buildPointCloud;
using hf::widgets::buildSurfaceMesh;
using hf::widgets::isValidSurfaceGrid;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Grid {
  int nx = 0, ny = 0;
  std::vector<double> x1, x2, z;
};

// z = x1 + 10 x2 on an nx x ny grid over [0, 1] x [0, 1].
Grid plane(int nx, int ny) {
  Grid g{nx, ny, {}, {}, {}};
  for (int i = 0; i < nx; ++i) g.x1.push_back(static_cast<double>(i) / (nx - 1));
  for (int j = 0; j < ny; ++j) g.x2.push_back(static_cast<double>(j) / (ny - 1));
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i)
      g.z.push_back(g.x1[static_cast<std::size_t>(i)] + 10 * g.x2[static_cast<std::size_t>(j)]);
  return g;
}

AxisBox boxFor(const Grid& g) {
  AxisBox box;
  box.include(0, g.x1);
  box.include(1, g.x2);
  box.include(2, g.z);
  return box;
}

// Every triangle's corners must be finite nodes of the grid.
bool trianglesAvoid(vtkPolyData* mesh, const Grid& g) {
  vtkNew<vtkIdList> ids;
  vtkCellArray* polys = mesh->GetPolys();
  for (polys->InitTraversal(); polys->GetNextCell(ids);)
    for (vtkIdType k = 0; k < ids->GetNumberOfIds(); ++k) {
      const auto id = static_cast<std::size_t>(ids->GetId(k));
      const std::size_t i = id % static_cast<std::size_t>(g.nx);
      const std::size_t j = id / static_cast<std::size_t>(g.nx);
      if (!std::isfinite(g.z[id]) || !std::isfinite(g.x1[i]) || !std::isfinite(g.x2[j])) return false;
    }
  return true;
}

}  // namespace

class SurfaceGeometryTest : public QObject {
  Q_OBJECT
 private slots:
  void validatesGridShape_data();
  void validatesGridShape();
  void fullGridHasTwoTrianglesPerCell();
  void nanLeavesHoles_data();
  void nanLeavesHoles();
  void scalarsAreRealZ();
  void pointCloudSkipsNonFinite();
};

void SurfaceGeometryTest::validatesGridShape_data() {
  QTest::addColumn<int>("nx");
  QTest::addColumn<int>("ny");
  QTest::addColumn<int>("n1");
  QTest::addColumn<int>("n2");
  QTest::addColumn<int>("nz");
  QTest::addColumn<bool>("valid");
  QTest::newRow("3x2") << 3 << 2 << 3 << 2 << 6 << true;
  QTest::newRow("empty") << 0 << 0 << 0 << 0 << 0 << false;
  QTest::newRow("nx=1") << 1 << 4 << 1 << 4 << 4 << false;
  QTest::newRow("ny=1") << 4 << 1 << 4 << 1 << 4 << false;
  QTest::newRow("negative") << -2 << -3 << 0 << 0 << 6 << false;
  QTest::newRow("short x1") << 3 << 2 << 2 << 2 << 6 << false;
  QTest::newRow("short z") << 3 << 2 << 3 << 2 << 5 << false;
  QTest::newRow("long z") << 3 << 2 << 3 << 2 << 7 << false;
}

void SurfaceGeometryTest::validatesGridShape() {
  QFETCH(int, nx);
  QFETCH(int, ny);
  QFETCH(int, n1);
  QFETCH(int, n2);
  QFETCH(int, nz);
  QFETCH(bool, valid);
  const std::vector<double> x1(static_cast<std::size_t>(n1), 1.0), x2(static_cast<std::size_t>(n2), 2.0),
      z(static_cast<std::size_t>(nz), 3.0);
  QCOMPARE(isValidSurfaceGrid(nx, ny, x1, x2, z), valid);
  const auto mesh = buildSurfaceMesh(nx, ny, x1, x2, z, AxisBox{});
  QVERIFY(mesh);
  if (!valid) {
    QCOMPARE(mesh->GetNumberOfPoints(), vtkIdType{0});
    QCOMPARE(mesh->GetNumberOfPolys(), vtkIdType{0});
  }
}

void SurfaceGeometryTest::fullGridHasTwoTrianglesPerCell() {
  const Grid g = plane(5, 4);
  const auto mesh = buildSurfaceMesh(g.nx, g.ny, g.x1, g.x2, g.z, boxFor(g));
  QCOMPARE(mesh->GetNumberOfPoints(), vtkIdType{20});
  QCOMPARE(mesh->GetNumberOfPolys(), vtkIdType{2 * 4 * 3});
  QVERIFY(mesh->GetPointData()->GetNormals() != nullptr);
  // All points inside the scene box (a little slack for rounding).
  double b[6];
  mesh->GetBounds(b);
  const auto s = AxisBox::sceneBounds();
  for (int k = 0; k < 6; k += 2) {
    QVERIFY(b[k] >= s[static_cast<std::size_t>(k)] - 1e-9);
    QVERIFY(b[k + 1] <= s[static_cast<std::size_t>(k) + 1] + 1e-9);
  }
}

void SurfaceGeometryTest::nanLeavesHoles_data() {
  QTest::addColumn<QString>("where");
  QTest::addColumn<int>("minTriangles");
  QTest::addColumn<int>("maxTriangles");
  // A 5 x 4 grid has 24 triangles. A node touches at most 6 of them (the
  // diagonal runs from (i, j) to (i+1, j+1)); a corner node 1 or 2.
  QTest::newRow("interior z") << "z(2,1)" << 18 << 23;
  QTest::newRow("corner z") << "z(0,0)" << 22 << 23;
  QTest::newRow("x1 column") << "x1(4)" << 18 << 18;  // the last column of cells goes
  QTest::newRow("x2 row") << "x2(0)" << 16 << 16;     // the first row of cells goes
  QTest::newRow("all z") << "all" << 0 << 0;
}

void SurfaceGeometryTest::nanLeavesHoles() {
  QFETCH(QString, where);
  QFETCH(int, minTriangles);
  QFETCH(int, maxTriangles);
  Grid g = plane(5, 4);
  if (where == "z(2,1)") g.z[1 * 5 + 2] = kNaN;
  if (where == "z(0,0)") g.z[0] = kNaN;
  if (where == "x1(4)") g.x1[4] = kNaN;
  if (where == "x2(0)") g.x2[0] = kNaN;
  if (where == "all") g.z.assign(g.z.size(), kNaN);
  const auto mesh = buildSurfaceMesh(g.nx, g.ny, g.x1, g.x2, g.z, boxFor(g));
  const auto n = static_cast<int>(mesh->GetNumberOfPolys());
  QVERIFY2(n >= minTriangles && n <= maxTriangles, qPrintable(QString::number(n)));
  QVERIFY(trianglesAvoid(mesh, g));
}

void SurfaceGeometryTest::scalarsAreRealZ() {
  Grid g = plane(3, 3);
  for (double& z : g.z) z = z * 1e-5 + 1e-6;  // a rate-like magnitude
  const auto mesh = buildSurfaceMesh(g.nx, g.ny, g.x1, g.x2, g.z, boxFor(g));
  vtkDataArray* s = mesh->GetPointData()->GetScalars();
  QVERIFY(s);
  QCOMPARE(QString::fromLatin1(s->GetName()), QStringLiteral("z"));
  double range[2];
  s->GetRange(range);
  QCOMPARE(range[0], 1e-6);
  QCOMPARE(range[1], 11e-5 + 1e-6);
}

void SurfaceGeometryTest::pointCloudSkipsNonFinite() {
  const std::vector<double> x1{300, 350, kNaN, 400, 320};
  const std::vector<double> x2{0.01, 0.05, 0.02, std::numeric_limits<double>::infinity(), 0.1};
  const std::vector<double> z{1e-5, 2e-5, 3e-5, 4e-5};  // shorter: the fifth point is ignored
  AxisBox box;
  box.include(0, x1);
  box.include(1, x2);
  box.include(2, z);
  const auto cloud = buildPointCloud(x1, x2, z, box);
  QCOMPARE(cloud->GetNumberOfPoints(), vtkIdType{2});
  QCOMPARE(cloud->GetNumberOfVerts(), vtkIdType{2});
  double p[3];
  cloud->GetPoint(0, p);
  QVERIFY(std::abs(p[0]) < 1e-12);  // x1 = 300 is the low end
  cloud->GetPoint(1, p);
  QVERIFY(std::abs(p[0] - 0.5 * AxisBox::kSceneSize[0]) < 1e-12);
  QCOMPARE(cloud->GetPointData()->GetScalars()->GetTuple1(1), 2e-5);
}

QTEST_APPLESS_MAIN(SurfaceGeometryTest)

#include "SurfaceGeometryTest.moc"
