#include "surface/ColourBar.h"

#include "surface/SurfaceAxes.h"

#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace hf::widgets {

namespace {

constexpr int kLabelPoints = 11;
constexpr int kTitlePoints = 12;
// Layout in points (times DPI / 72 for pixels).
constexpr double kMargin = 8.0;     // view edge to title
constexpr double kBarWidth = 16.0;  // the colour strip
constexpr double kGap = 6.0;        // strip to labels, labels to title
// Vertical extent of the bar as fractions of the view's height.
constexpr double kBottom = 0.12;
constexpr double kHeight = 0.76;

}  // namespace

ColourBar::ColourBar() {
  m_bar->SetLookupTable(m_table);
  m_bar->SetOrientationToVertical();
  m_bar->SetTextPositionToSucceedScalarBar();
  m_bar->UseCustomLabelsOn();
  m_bar->UnconstrainedFontSizeOn();  // points, not a fraction of the bar
  m_bar->SetMaximumNumberOfColors(256);
  m_bar->SetTitle("");  // drawn by m_titleActor, turned along the bar
  m_bar->DrawFrameOff();
  m_bar->DrawBackgroundOff();
  SurfaceAxes::styleText(m_bar->GetLabelTextProperty(), kLabelPoints, false);
  SurfaceAxes::styleText(m_bar->GetTitleTextProperty(), kTitlePoints, false);
  m_bar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
  m_bar->PickableOff();

  SurfaceAxes::styleText(m_titleActor->GetTextProperty(), kTitlePoints, false);
  m_titleActor->GetTextProperty()->SetJustificationToCentered();
  m_titleActor->GetTextProperty()->SetVerticalJustificationToCentered();
  m_titleActor->GetTextProperty()->SetOrientation(90.0);
  m_titleActor->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
  m_titleActor->PickableOff();

  SurfaceAxes::styleText(m_measure->GetTextProperty(), kLabelPoints, false);
  setRange(0.0, 1.0);
}

ColourBar::~ColourBar() = default;

void ColourBar::addTo(vtkRenderer* renderer) {
  renderer->AddActor2D(m_bar);
  renderer->AddActor2D(m_titleActor);
}

void ColourBar::setColours(vtkLookupTable* table) {
  const double* range = m_table->GetRange();
  const double lo = range[0], hi = range[1];
  m_table->DeepCopy(table);
  m_table->SetTableRange(lo, hi);
}

void ColourBar::setRange(double lo, double hi) {
  m_ticks = NiceTicks::forRange(lo, hi);
  m_table->SetTableRange(lo - m_ticks.offset, hi - m_ticks.offset);
  vtkNew<vtkDoubleArray> labels;
  for (double v : m_ticks.values) labels->InsertNextValue(v - m_ticks.offset);
  m_bar->SetCustomLabels(labels);
  m_bar->SetLabelFormat(m_ticks.format.c_str());
  m_titleActor->SetInput(m_ticks.decorate(m_title).c_str());
}

void ColourBar::setTitle(const std::string& title) {
  m_title = title;
  m_titleActor->SetInput(m_ticks.decorate(m_title).c_str());
}

void ColourBar::setVisible(bool visible) {
  m_bar->SetVisibility(visible);
  m_titleActor->SetVisibility(visible && !m_title.empty());
}

bool ColourBar::isVisible() const { return m_bar->GetVisibility() != 0; }

vtkScalarBarActor* ColourBar::scalarBar() const { return m_bar.GetPointer(); }

double ColourBar::update(vtkRenderer* renderer) {
  if (!isVisible()) return 0.0;
  const int* size = renderer->GetSize();
  const double width = std::max(size[0], 1);
  const double height = std::max(size[1], 1);
  const double scale = renderer->GetRenderWindow() ? renderer->GetRenderWindow()->GetDPI() / 72.0 : 1.0;

  // Widest tick label, measured with the label font.
  double labelWidth = 0.0;
  for (double v : m_ticks.values) {
    m_measure->SetInput(m_ticks.label(v).c_str());  // as VTK prints it
    double extent[2] = {0.0, 0.0};
    m_measure->GetSize(renderer, extent);
    labelWidth = std::max(labelWidth, extent[0]);
  }
  const double titleHeight = m_title.empty() ? 0.0 : 1.3 * kTitlePoints * scale;

  // Right to left: margin, title, gap, labels, gap, strip. The scalar bar's
  // frame holds the strip and its labels.
  const double titleCentre = width - kMargin * scale - 0.5 * titleHeight;
  const double frameRight = width - kMargin * scale - titleHeight - (titleHeight > 0 ? kGap * scale : 0.0);
  const double frame = kBarWidth * scale + kGap * scale + labelWidth;
  const double frameLeft = std::max(0.0, frameRight - frame);
  m_bar->SetPosition(frameLeft / width, kBottom);
  m_bar->SetWidth(std::min(1.0, frame / width));
  m_bar->SetHeight(kHeight);
  m_bar->SetBarRatio(std::clamp(kBarWidth * scale / frame, 0.05, 1.0));
  m_bar->SetTextPad(static_cast<int>(std::lround(kGap * scale)));
  m_titleActor->SetDisplayPosition(static_cast<int>(std::lround(titleCentre)),
                                   static_cast<int>(std::lround(height * (kBottom + 0.5 * kHeight))));
  return std::clamp((width - frameLeft + kGap * scale) / width, 0.0, 0.5);
}

}  // namespace hf::widgets
