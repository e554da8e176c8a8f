#include "surface/SurfaceView.h"

#include "surface/AxisBox.h"
#include "surface/Colormap.h"
#include "surface/ColourBar.h"
#include "surface/SurfaceAxes.h"
#include "surface/SurfaceGeometry.h"
#include "vtk/VtkView.h"

#include <QVBoxLayout>
#include <QtGlobal>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGlyph3DMapper.h>
#include <vtkLookupTable.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSphereSource.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hf::widgets {

namespace {

// Sphere radius of a measured point, in scene units (the box is ~1 wide).
constexpr double kPointRadius = 0.014;

// Default view direction from the focal point to the camera: azimuth -60°,
// elevation 28° (matplotlib: -60°, 30°), so x1 runs to the lower right
// and x2 recedes to the upper right.
constexpr double kAzimuthDeg = -60.0;
constexpr double kElevationDeg = 28.0;
// Camera distance fits the box in a cone of kFitConeDeg; the lens is
// narrower, which fills the view (the bounding sphere is generous for a box
// seen obliquely).
constexpr double kFitConeDeg = 30.0;
constexpr double kViewAngleDeg = 24.0;
// The view fits a scene of this width-to-height ratio: narrower views widen
// the lens so the box and its labels stay inside.
constexpr double kSceneAspect = 1.1;
// Room for the z tick labels and title left of the box, in points.
constexpr double kLeftReservePoints = 50.0;

}  // namespace

SurfaceView::SurfaceView(QWidget* parent)
    : QWidget(parent),
      m_view(new VtkView(this)),
      m_lookupTable(makeViridisLookupTable()),
      m_axes(std::make_unique<SurfaceAxes>()),
      m_colourBar(std::make_unique<ColourBar>()) {
  if (!SurfaceAxes::fontFile())
    qWarning("SurfaceView: DejaVu Sans not found; text uses VTK's built-in font, which draws [ ] like ( )");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_view);

  m_renderer->SetBackground(1.0, 1.0, 1.0);
  // Grid orientation decides which side of the surface faces up; light both.
  m_renderer->TwoSidedLightingOn();
  m_view->renderWindow()->AddRenderer(m_renderer);
  m_view->renderWindow()->SetMultiSamples(4);

  m_surfaceMapper->SetLookupTable(m_lookupTable);
  m_surfaceMapper->UseLookupTableScalarRangeOn();
  m_surfaceMapper->SetScalarModeToUsePointData();
  m_surfaceMapper->ScalarVisibilityOn();
  // Interpolating z rather than colours keeps bands of the colour map sharp
  // across large triangles.
  m_surfaceMapper->InterpolateScalarsBeforeMappingOn();
  m_surfaceActor->SetMapper(m_surfaceMapper);
  vtkProperty* surface = m_surfaceActor->GetProperty();
  surface->SetInterpolationToPhong();
  // Mostly ambient so the colour map stays readable on faces turned away
  // from the light; a little diffuse and specular give the shape.
  surface->SetAmbient(0.45);
  surface->SetDiffuse(0.6);
  surface->SetSpecular(0.15);
  surface->SetSpecularPower(30.0);
  m_renderer->AddActor(m_surfaceActor);

  vtkNew<vtkSphereSource> sphere;
  sphere->SetRadius(kPointRadius);
  sphere->SetThetaResolution(16);
  sphere->SetPhiResolution(12);
  m_pointsMapper->SetSourceConnection(sphere->GetOutputPort());
  m_pointsMapper->ScalingOff();
  m_pointsMapper->OrientOff();
  m_pointsMapper->ScalarVisibilityOff();
  m_pointsActor->SetMapper(m_pointsMapper);
  const QColor pc = pointsColor();
  vtkProperty* points = m_pointsActor->GetProperty();
  points->SetColor(pc.redF(), pc.greenF(), pc.blueF());
  points->SetAmbient(0.3);
  points->SetDiffuse(0.7);
  points->SetSpecular(0.3);
  points->SetSpecularPower(20.0);
  m_renderer->AddActor(m_pointsActor);

  m_axes->addTo(m_renderer);
  // The frame's walls and labels depend on the camera; place them before
  // every render, whoever triggers it (interaction, resize, new data).
  m_renderer->AddObserver(vtkCommand::StartEvent, this, &SurfaceView::onRenderStart);

  m_colourBar->setColours(m_lookupTable);
  m_colourBar->setVisible(false);
  m_colourBar->addTo(m_renderer);

  setTitles(QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("z"));
  rebuild();
  resetCamera();
}

SurfaceView::~SurfaceView() {
  // The observer calls into this object; VTK may outlive it by references.
  m_renderer->RemoveAllObservers();
}

vtkRenderer* SurfaceView::renderer() const { return m_renderer.GetPointer(); }

vtkScalarBarActor* SurfaceView::scalarBar() const { return m_colourBar->scalarBar(); }

void SurfaceView::setSurface(int nx, int ny, std::span<const double> x1Grid, std::span<const double> x2Grid,
                             std::span<const double> zValues) {
  if (isValidSurfaceGrid(nx, ny, x1Grid, x2Grid, zValues)) {
    m_nx = nx;
    m_ny = ny;
    m_x1Grid.assign(x1Grid.begin(), x1Grid.end());
    m_x2Grid.assign(x2Grid.begin(), x2Grid.end());
    m_zGrid.assign(zValues.begin(), zValues.end());
  } else {
    if (nx != 0 || ny != 0 || !x1Grid.empty() || !x2Grid.empty() || !zValues.empty())
      qWarning("SurfaceView: no surface for a %d x %d grid with %zu x1, %zu x2 and %zu z values", nx, ny, x1Grid.size(),
               x2Grid.size(), zValues.size());
    m_nx = m_ny = 0;
    m_x1Grid.clear();
    m_x2Grid.clear();
    m_zGrid.clear();
  }
  rebuild();
}

void SurfaceView::setPoints(std::span<const double> x1, std::span<const double> x2, std::span<const double> z) {
  const std::size_t n = std::min({x1.size(), x2.size(), z.size()});
  m_px1.assign(x1.begin(), x1.begin() + static_cast<std::ptrdiff_t>(n));
  m_px2.assign(x2.begin(), x2.begin() + static_cast<std::ptrdiff_t>(n));
  m_pz.assign(z.begin(), z.begin() + static_cast<std::ptrdiff_t>(n));
  rebuild();
}

void SurfaceView::setTitles(const QString& x1Title, const QString& x2Title, const QString& zTitle) {
  m_axes->setTitles(x1Title.toStdString(), x2Title.toStdString(), zTitle.toStdString());
  m_colourBar->setTitle(zTitle.toStdString());
  m_view->requestRender();
}

void SurfaceView::clear() {
  m_nx = m_ny = 0;
  m_x1Grid.clear();
  m_x2Grid.clear();
  m_zGrid.clear();
  m_px1.clear();
  m_px2.clear();
  m_pz.clear();
  rebuild();
}

void SurfaceView::resetCamera() {
  const auto b = AxisBox::sceneBounds();
  const double centre[3] = {0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
  const double az = kAzimuthDeg * std::numbers::pi / 180.0;
  const double el = kElevationDeg * std::numbers::pi / 180.0;
  vtkCamera* camera = m_renderer->GetActiveCamera();
  camera->SetFocalPoint(centre);
  camera->SetViewUp(0.0, 0.0, 1.0);
  // Fit the box's bounding sphere (with room for labels) into a 30° cone,
  // then narrow the lens to 24°: a longer lens flattens perspective, close
  // to matplotlib's look. Computed here rather than by ResetCamera(), which
  // would depend on the window's aspect at the time of the call.
  const double margin = 0.12;
  const double radius = 0.5 * std::hypot(b[1] - b[0] + 2 * margin, b[3] - b[2] + 2 * margin, b[5] - b[4] + 2 * margin);
  const double distance = radius / std::sin(0.5 * kFitConeDeg * std::numbers::pi / 180.0);
  camera->SetPosition(centre[0] + distance * std::cos(el) * std::cos(az),
                      centre[1] + distance * std::cos(el) * std::sin(az), centre[2] + distance * std::sin(el));
  camera->SetViewAngle(kViewAngleDeg);
  const double padded[6] = {b[0] - margin, b[1] + margin, b[2] - margin, b[3] + margin, b[4] - margin, b[5] + margin};
  m_renderer->ResetCameraClippingRange(padded);
  m_view->requestRender();
}

void SurfaceView::rebuild() {
  AxisBox box;
  const bool gridValid = isValidSurfaceGrid(m_nx, m_ny, m_x1Grid, m_x2Grid, m_zGrid);
  if (gridValid) {
    // Only nodes that can carry a triangle count; a NaN row must not
    // stretch the box.
    for (int j = 0; j < m_ny; ++j)
      for (int i = 0; i < m_nx; ++i) {
        const double z =
            m_zGrid[static_cast<std::size_t>(j) * static_cast<std::size_t>(m_nx) + static_cast<std::size_t>(i)];
        const double x1 = m_x1Grid[static_cast<std::size_t>(i)];
        const double x2 = m_x2Grid[static_cast<std::size_t>(j)];
        if (!std::isfinite(x1) || !std::isfinite(x2) || !std::isfinite(z)) continue;
        box.include(0, x1);
        box.include(1, x2);
        box.include(2, z);
      }
  }
  const bool surfaceHasData = box.hasData(2);
  const auto zSurface = box.range(2);  // colour range: the surface's own z
  for (std::size_t k = 0; k < m_pz.size(); ++k) {
    if (!std::isfinite(m_px1[k]) || !std::isfinite(m_px2[k]) || !std::isfinite(m_pz[k])) continue;
    box.include(0, m_px1[k]);
    box.include(1, m_px2[k]);
    box.include(2, m_pz[k]);
  }

  vtkSmartPointer<vtkPolyData> mesh = buildSurfaceMesh(m_nx, m_ny, m_x1Grid, m_x2Grid, m_zGrid, box);
  m_hasSurface = surfaceHasData && mesh->GetNumberOfPolys() > 0;
  m_surfaceMapper->SetInputData(mesh);
  m_surfaceActor->SetVisibility(m_hasSurface);
  m_lookupTable->SetTableRange(zSurface[0], zSurface[1]);
  m_colourBar->setRange(zSurface[0], zSurface[1]);
  m_colourBar->setVisible(m_hasSurface);

  vtkSmartPointer<vtkPolyData> cloud = buildPointCloud(m_px1, m_px2, m_pz, box);
  m_pointsMapper->SetInputData(cloud);
  m_pointsActor->SetVisibility(cloud->GetNumberOfPoints() > 0);

  m_axes->setBox(box);
  m_view->requestRender();
}

QString SurfaceView::renderForExport(QSize size, double pixelRatio,
                                     const std::function<void(vtkRenderWindow*)>& capture) {
  // Text, lines and the colour bar follow the render window's DPI.
  return m_view->renderAt(size, pixelRatio, capture);
}

void SurfaceView::onRenderStart(vtkObject*, unsigned long, void*) {
  // Centre the box between the z labels on the left and the colour bar on
  // the right; both are fixed in pixels, so their share changes with the
  // view's size. The camera must be final before the axes project labels.
  const double barShare = m_colourBar->update(m_renderer);
  const double scale = m_view->renderWindow()->GetDPI() / 72.0;
  const int width = std::max(m_renderer->GetSize()[0], 1);
  const double labelShare = std::min(kLeftReservePoints * scale / width, 0.3);
  const double centre = barShare - labelShare;
  vtkCamera* camera = m_renderer->GetActiveCamera();
  if (std::abs(camera->GetWindowCenter()[0] - centre) > 1e-3) camera->SetWindowCenter(centre, 0.0);
  // The lens is set for the height; when the free width is the tighter
  // limit, widen it so the scene shrinks to fit.
  const double freeAspect = (1.0 - barShare - labelShare) * width / std::max(m_renderer->GetSize()[1], 1);
  const double tanHalf =
      std::tan(0.5 * kViewAngleDeg * std::numbers::pi / 180.0) * std::max(1.0, kSceneAspect / freeAspect);
  const double angle = 2.0 * std::atan(tanHalf) * 180.0 / std::numbers::pi;
  if (std::abs(camera->GetViewAngle() - angle) > 1e-3) camera->SetViewAngle(angle);
  m_axes->update(m_renderer);
}

}  // namespace hf::widgets
