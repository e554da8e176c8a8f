#pragma once

#include <QColor>
#include <QSize>
#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <span>
#include <vector>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkActor;
class vtkGlyph3DMapper;
class vtkLookupTable;
class vtkPolyDataMapper;
class vtkRenderer;
class vtkRenderWindow;
class vtkObject;
class vtkScalarBarActor;

namespace hf::widgets {

class ColourBar;
class SurfaceAxes;
class VtkView;

// A 3D view of a model with two inputs, z = f(x1, x2), inside a VtkView: a
// smooth surface coloured by z (viridis), a colour bar titled with z, the
// measured points as spheres, and a frame of back walls with grid lines,
// tick labels in real values and axis titles (SurfaceAxes). The user
// rotates with the left mouse button (trackball camera), pans with the
// middle button or Shift+left, and zooms with the wheel or the right button.
//
// Each axis is scaled on its own into a fixed, roughly cubic box (see
// AxisBox), so inputs whose ranges differ by orders of magnitude still give
// a readable plot. The box spans the surface grid and the points together.
// Because the box has a fixed size in the scene, the camera survives new
// data: only the constructor and resetCamera() move it.
//
// The view shows what it is given and never evaluates a model. Text uses
// DejaVu Sans when installed so that unit brackets such as "[K]" render.
//
// Ownership: owns its VtkView (child widget) and all VTK objects. Thread: GUI
// thread only. Data are copied; the spans need not outlive the call.
class SurfaceView : public QWidget {
  Q_OBJECT
 public:
  explicit SurfaceView(QWidget* parent = nullptr);
  ~SurfaceView() override;

  // Replaces the surface. The grid is rectilinear: x1Grid has nx values,
  // x2Grid has ny values, and zValues has nx * ny values, row-major in x2:
  // the value at (x1Grid[i], x2Grid[j]) is zValues[j * nx + i]. Grids need
  // not be uniform. Non-finite values leave holes in the surface. When
  // nx < 2, ny < 2 or a size does not match, no surface is shown (and a
  // warning is logged). The colour bar spans the finite z values.
  void setSurface(int nx, int ny, std::span<const double> x1Grid, std::span<const double> x2Grid,
                  std::span<const double> zValues);

  // Replaces the measured points, drawn as spheres in pointsColor(). Points
  // with a non-finite coordinate are skipped; if the spans differ in
  // length, extra values in the longer ones are ignored.
  void setPoints(std::span<const double> x1, std::span<const double> x2, std::span<const double> z);

  // Axis titles with units, e.g. "temperature T [K]"; zTitle also titles the
  // colour bar.
  void setTitles(const QString& x1Title, const QString& x2Title, const QString& zTitle);

  // Returns the camera to the default oblique view of the whole box.
  void resetCamera();

  // Removes the surface and the points (titles and camera stay).
  void clear();

  // Whether a surface with at least one triangle is shown.
  bool hasSurface() const { return m_hasSurface; }

  // For tests and for embedding (e.g. PNG export through the render window).
  VtkView* view() const { return m_view; }
  vtkRenderer* renderer() const;
  vtkScalarBarActor* scalarBar() const;
  const SurfaceAxes& axes() const { return *m_axes; }
  const ColourBar& colourBar() const { return *m_colourBar; }

  // Renders the scene at `size` device pixels with text, line widths and
  // the colour bar scaled by `pixelRatio`, calls `capture` with the render
  // window while that setup is in place, then restores the on-screen view.
  // Returns an error message, empty on success. The view must have been
  // shown once (its OpenGL context must exist). See SurfaceExport.h.
  QString renderForExport(QSize size, double pixelRatio, const std::function<void(vtkRenderWindow*)>& capture);

  // Colour of the measured points; absent from the viridis map.
  static QColor pointsColor() { return {228, 26, 28}; }

 private:
  void rebuild();
  void onRenderStart(vtkObject* caller, unsigned long eventId, void* callData);

  VtkView* m_view = nullptr;  // child widget, owned by Qt's parent
  vtkNew<vtkRenderer> m_renderer;
  vtkNew<vtkPolyDataMapper> m_surfaceMapper;
  vtkNew<vtkActor> m_surfaceActor;
  vtkNew<vtkGlyph3DMapper> m_pointsMapper;
  vtkNew<vtkActor> m_pointsActor;
  vtkSmartPointer<vtkLookupTable> m_lookupTable;
  std::unique_ptr<SurfaceAxes> m_axes;
  std::unique_ptr<ColourBar> m_colourBar;

  // The data as given, kept to rebuild the scene when the box changes.
  int m_nx = 0;
  int m_ny = 0;
  std::vector<double> m_x1Grid, m_x2Grid, m_zGrid;
  std::vector<double> m_px1, m_px2, m_pz;
  bool m_hasSurface = false;
};

}  // namespace hf::widgets
