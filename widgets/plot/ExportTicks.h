#pragma once
// Tick positions for exporting a chart at another size or pixel ratio.
// vtkAxis spaces linear ticks by pixels, not by text size: at pixel ratio 2
// it would draw twice as many ticks with twice as large labels. These
// helpers pin each linear axis to the ticks of the same chart at the
// export's logical size, and release them afterwards.

#include <QSize>

#include <vector>

class vtkAxis;
class vtkChartXY;

namespace hf::widgets::detail {

struct TickSpacing {
  double x;  ///< logical pixels between ticks on the horizontal axis
  double y;  ///< on the vertical axis
};

/// Pins the ticks; returns the axes that got custom ticks. `screenSize` is
/// the render window's size and `screenRatio` its device pixel ratio.
std::vector<vtkAxis*> pinTicksForExport(vtkChartXY* chart, QSize exportSize, double pixelRatio, QSize screenSize,
                                        double screenRatio, TickSpacing spacing);

/// Gives the axes back their automatic ticks.
void releaseTicks(const std::vector<vtkAxis*>& axes);

}  // namespace hf::widgets::detail
