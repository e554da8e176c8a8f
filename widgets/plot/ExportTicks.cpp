#include "plot/ExportTicks.h"

#include "plot/AxisRange.h"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkVector.h>

#include <algorithm>

namespace hf::widgets::detail {

std::vector<vtkAxis*> pinTicksForExport(vtkChartXY* chart, QSize exportSize, double pixelRatio, QSize screenSize,
                                        double screenRatio, TickSpacing spacing) {
  std::vector<vtkAxis*> pinned;
  for (int axisId : {vtkAxis::BOTTOM, vtkAxis::LEFT}) {
    vtkAxis* axis = chart->GetAxis(axisId);
    if (axis->GetLogScaleActive()) continue;  // log ticks go by decades, not pixels
    const bool horizontal = axisId == vtkAxis::BOTTOM;
    // The axis length at the export's logical size is the logical page minus
    // the margins (labels, titles) measured on screen, which scale with text.
    const vtkVector2f p1 = axis->GetPosition1();
    const vtkVector2f p2 = axis->GetPosition2();
    const double screenLength = horizontal ? p2.GetX() - p1.GetX() : p2.GetY() - p1.GetY();
    const double screenPage = horizontal ? screenSize.width() : screenSize.height();
    const double page = (horizontal ? exportSize.width() : exportSize.height()) / pixelRatio;
    const double margins = screenLength > 0.0 ? (screenPage - screenLength) / screenRatio : 0.2 * page;
    const double length = std::max(page - margins, 0.3 * page);
    double range[2];
    axis->GetRange(range);
    vtkNew<vtkDoubleArray> ticks;
    for (double t : niceTicks(range[0], range[1], length, horizontal ? spacing.x : spacing.y))
      ticks->InsertNextValue(t);
    axis->SetCustomTickPositions(ticks);
    pinned.push_back(axis);
  }
  return pinned;
}

void releaseTicks(const std::vector<vtkAxis*>& axes) {
  for (vtkAxis* axis : axes) {
    axis->SetCustomTickPositions(nullptr);
    axis->RecalculateTickSpacing();
  }
}

}  // namespace hf::widgets::detail
