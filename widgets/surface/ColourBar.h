#pragma once

#include "surface/NiceTicks.h"

#include <string>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkLookupTable;
class vtkRenderer;
class vtkScalarBarActor;
class vtkTextActor;

namespace hf::widgets {

// A vertical colour bar at the right edge of a renderer: the colour map,
// tick labels at nice values (NiceTicks) to its right, and the title turned
// 90° beside them, as in matplotlib's colour bars. Sizes are in points and
// follow the render window's DPI, so the bar keeps its size in pixels while
// the view grows; update() lays it out for the current viewport.
//
// Ownership: owns its actors and a copy of the colours it is given.
// Thread: GUI thread (VTK rendering).
class ColourBar {
 public:
  ColourBar();
  ~ColourBar();
  ColourBar(const ColourBar&) = delete;
  ColourBar& operator=(const ColourBar&) = delete;

  void addTo(vtkRenderer* renderer);
  // The colours to show (copied), spread over setRange()'s range.
  void setColours(vtkLookupTable* table);

  // The value range of the bar, normally the range the surface's lookup
  // table maps. With offset labels (see NiceTicks), the bar's own table
  // spans the range minus the offset, so that VTK prints the labels.
  void setRange(double lo, double hi);
  void setTitle(const std::string& title);
  void setVisible(bool visible);
  bool isVisible() const;

  // Lays the bar out for the renderer's current size and DPI. Returns the
  // fraction of the viewport's width the bar takes at the right (0 when
  // hidden), so the caller can centre the 3D scene in the rest.
  double update(vtkRenderer* renderer);

  vtkScalarBarActor* scalarBar() const;
  const std::string& title() const { return m_title; }
  const NiceTicks& ticks() const { return m_ticks; }

 private:
  vtkNew<vtkScalarBarActor> m_bar;
  vtkNew<vtkTextActor> m_titleActor;
  vtkNew<vtkTextActor> m_measure;  // never shown; sizes label text
  vtkNew<vtkLookupTable> m_table;  // the bar's colours, over [lo, hi] - offset
  NiceTicks m_ticks;
  std::string m_title;
};

}  // namespace hf::widgets
