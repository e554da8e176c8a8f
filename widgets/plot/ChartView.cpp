#include "plot/ChartView.h"

#include "vtk/VtkView.h"

#include <QFileInfo>
#include <QVBoxLayout>
#include <QtGlobal>

#include <vtkAxis.h>
#include <vtkBrush.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkPlotPoints.h>
#include <vtkRenderer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkTooltipItem.h>

#include <algorithm>

namespace hf::widgets {

namespace {

constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

vtkSmartPointer<vtkTable> makeTable(std::span<const double> x, std::span<const double> y) {
  Q_ASSERT(x.size() == y.size());
  const auto n = static_cast<vtkIdType>(std::min(x.size(), y.size()));
  vtkNew<vtkDoubleArray> xs;
  xs->SetName("x");
  xs->SetNumberOfValues(n);
  vtkNew<vtkDoubleArray> ys;
  ys->SetName("y");
  ys->SetNumberOfValues(n);
  for (vtkIdType i = 0; i < n; ++i) {
    xs->SetValue(i, x[static_cast<std::size_t>(i)]);
    ys->SetValue(i, y[static_cast<std::size_t>(i)]);
  }
  auto table = vtkSmartPointer<vtkTable>::New();
  table->AddColumn(xs);
  table->AddColumn(ys);
  return table;
}

}  // namespace

QString ChartView::fontFile() {
  static const QString file = [] {
    if (QFileInfo::exists(QString::fromLatin1(kDejaVuSans))) return QString::fromLatin1(kDejaVuSans);
    qWarning(
        "ChartView: %s not found; chart text uses VTK's built-in font, "
        "which draws [ ] like ( )",
        kDejaVuSans);
    return QString();
  }();
  return file;
}

ChartView::ChartView(QWidget* parent) : QWidget(parent), m_view(new VtkView(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_view);

  connect(m_view, &VtkView::devicePixelRatioChanged, this, &ChartView::applyPixelSizes);

  // The context view moves its renderer into our window and installs its
  // chart interaction style on our interactor.
  m_contextView->SetRenderWindow(m_view->renderWindow());
  m_contextView->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  m_contextView->GetScene()->AddItem(m_chart);

  m_chart->SetShowLegend(true);
  m_chart->GetLegend()->SetInline(true);
  m_chart->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
  m_chart->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
  m_chart->GetLegend()->GetBrush()->SetColor(255, 255, 255, 230);
  m_chart->GetLegend()->GetPen()->SetColor(160, 160, 160, 255);
  styleText(m_chart->GetLegend()->GetLabelProperties(), 14);
  styleText(m_chart->GetTitleProperties(), 16);
  styleText(m_chart->GetTooltip()->GetTextProperties(), 13);

  for (int axisId : {vtkAxis::BOTTOM, vtkAxis::LEFT}) {
    vtkAxis* axis = m_chart->GetAxis(axisId);
    styleText(axis->GetTitleProperties(), 15);
    styleText(axis->GetLabelProperties(), 13);
    axis->GetGridPen()->SetColor(225, 225, 225, 255);
    axis->GetPen()->SetColor(60, 60, 60, 255);
  }
}

ChartView::~ChartView() = default;

vtkChartXY* ChartView::chart() const { return m_chart.GetPointer(); }

void ChartView::styleText(vtkTextProperty* prop, int size) const {
  const QString file = fontFile();
  if (!file.isEmpty()) {
    prop->SetFontFamily(VTK_FONT_FILE);
    prop->SetFontFile(file.toLocal8Bit().constData());
  }
  prop->SetFontSize(size);
  prop->SetColor(0.1, 0.1, 0.1);
}

void ChartView::setData(std::span<const double> x, std::span<const double> y, const QString& xTitle,
                        const QString& yTitle, const QString& seriesName) {
  m_points = makeTable(x, y);
  m_pointsName = seriesName;
  m_chart->GetAxis(vtkAxis::BOTTOM)->SetTitle(xTitle.toStdString());
  m_chart->GetAxis(vtkAxis::LEFT)->SetTitle(yTitle.toStdString());
  rebuildPlots();
}

void ChartView::setCurve(std::span<const double> x, std::span<const double> y, const QString& name) {
  m_curve = makeTable(x, y);
  m_curveName = name;
  rebuildPlots();
}

void ChartView::clear() {
  m_points = nullptr;
  m_curve = nullptr;
  rebuildPlots();
}

void ChartView::rebuildPlots() {
  // Plots draw in insertion order: the curve first, so markers stay on top.
  m_chart->ClearPlots();
  if (m_curve) {
    vtkPlot* line = m_chart->AddPlot(vtkChart::LINE);
    line->SetInputData(m_curve, 0, 1);
    const QColor c = curveColor();
    line->SetColor(static_cast<unsigned char>(c.red()), static_cast<unsigned char>(c.green()),
                   static_cast<unsigned char>(c.blue()), 255);
    line->SetLabel(m_curveName.toStdString());
  }
  if (m_points) {
    vtkPlot* plot = m_chart->AddPlot(vtkChart::POINTS);
    plot->SetInputData(m_points, 0, 1);
    const QColor c = pointsColor();
    plot->SetColor(static_cast<unsigned char>(c.red()), static_cast<unsigned char>(c.green()),
                   static_cast<unsigned char>(c.blue()), 255);
    plot->SetLabel(m_pointsName.toStdString());
    if (auto* points = vtkPlotPoints::SafeDownCast(plot)) points->SetMarkerStyle(vtkPlotPoints::CIRCLE);
  }
  m_chart->RecalculateBounds();
  applyPixelSizes();
}

void ChartView::applyPixelSizes() {
  // VTK takes widths and marker sizes in device pixels; text scales through
  // the render window's DPI instead.
  const auto dpr = static_cast<float>(m_view->devicePixelRatioF());
  for (vtkIdType i = 0; i < m_chart->GetNumberOfPlots(); ++i) {
    vtkPlot* plot = m_chart->GetPlot(i);
    if (auto* points = vtkPlotPoints::SafeDownCast(plot); points && !plot->IsA("vtkPlotLine"))
      points->SetMarkerSize(9.0f * dpr);
    else
      plot->SetWidth(2.5f * dpr);
  }
  for (int axisId : {vtkAxis::BOTTOM, vtkAxis::LEFT}) {
    m_chart->GetAxis(axisId)->GetPen()->SetWidth(1.0f * dpr);
    m_chart->GetAxis(axisId)->GetGridPen()->SetWidth(1.0f * dpr);
  }
  m_view->requestRender();
}

}  // namespace hf::widgets
