#pragma once

#include "surface/AxisBox.h"
#include "surface/NiceTicks.h"

#include <array>
#include <string>
#include <vector>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkActor;
class vtkPolyData;
class vtkRenderer;
class vtkTextActor;
class vtkTextProperty;

namespace hf::widgets {

// The frame of a 3D plot, drawn the way matplotlib's 3D axes are: the three
// walls behind the data (light panes with grid lines at the ticks), and tick
// labels and titles along the front-bottom x1 and x2 edges and the left-most
// vertical edge. Which walls and edges those are depends on the camera, so
// update() runs before every render. Tick values and their format come from
// NiceTicks on the real data ranges, and positions are mapped through the
// AxisBox, so labels stay exact however the axes are scaled.
//
// Text is screen-aligned (vtkTextActor overlays anchored at 3D points, a
// fixed pixel distance outside the box), so it stays readable and
// unmirrored from any angle; sizes follow the render window's DPI.
//
// Ownership: owns its VTK actors; addTo() hands references to a renderer.
// Thread: GUI thread (VTK rendering).
class SurfaceAxes {
 public:
  SurfaceAxes();
  ~SurfaceAxes();
  SurfaceAxes(const SurfaceAxes&) = delete;
  SurfaceAxes& operator=(const SurfaceAxes&) = delete;

  // Adds all actors to `renderer` (once).
  void addTo(vtkRenderer* renderer);

  // New real ranges: recomputes ticks and grid lines.
  void setBox(const AxisBox& box);

  // Axis titles (UTF-8), x1, x2, z.
  void setTitles(const std::string& x1, const std::string& x2, const std::string& z);

  // Chooses walls and labelled edges for the renderer's current camera and
  // places the text. Call before each render (SurfaceView does so from the
  // renderer's StartEvent).
  void update(vtkRenderer* renderer);

  // For tests: the ticks and title (as given, without an offset note) of
  // axis 0 (x1), 1 (x2) or 2 (z).
  const NiceTicks& ticks(int axis) const { return m_ticks[static_cast<std::size_t>(axis)]; }
  const std::string& title(int axis) const { return m_titles[static_cast<std::size_t>(axis)]; }

  // Styles text with DejaVu Sans when installed (see fontFile()), in dark
  // grey, `size` in points.
  static void styleText(vtkTextProperty* prop, int size, bool bold);

  // DejaVu Sans's path, or nullptr when it is not installed (VTK's built-in
  // font is used then, which draws [ ] like ( )).
  static const char* fontFile();

 private:
  void rebuildWalls();
  void placeAxis(vtkRenderer* renderer, int axis, const std::array<double, 3>& from, const std::array<double, 3>& to);

  AxisBox m_box;
  std::array<NiceTicks, 3> m_ticks;
  std::array<std::string, 3> m_titles{"x1", "x2", "z"};
  // Which bound of each axis holds the back wall (0 = low, 1 = high), and the
  // corner (x index, y index) of the labelled vertical edge; -1 = not built.
  std::array<int, 3> m_back{-1, -1, -1};
  std::array<int, 2> m_zCorner{-1, -1};
  bool m_wallsDirty = true;

  vtkNew<vtkPolyData> m_paneData;
  vtkNew<vtkPolyData> m_gridData;
  vtkNew<vtkPolyData> m_edgeData;
  vtkNew<vtkActor> m_panes;
  vtkNew<vtkActor> m_grid;
  vtkNew<vtkActor> m_edges;
  std::array<std::vector<vtkSmartPointer<vtkTextActor>>, 3> m_labelActors;
  std::array<vtkSmartPointer<vtkTextActor>, 3> m_titleActors;
  vtkRenderer* m_renderer = nullptr;  // not owned; the one given to addTo()
};

}  // namespace hf::widgets
