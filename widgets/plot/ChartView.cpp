#include "plot/ChartView.h"

#include "plot/AxisRange.h"
#include "plot/ExportTicks.h"
#include "plot/LegendCornerPicker.h"
#include "vtk/VtkView.h"

#include <QFileInfo>
#include <QOpenGLContext>
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
#include <vtkPlotBar.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkTooltipItem.h>
#include <vtkVector.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace hf::widgets {

using detail::Extent;

namespace {

constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float kMarkerSize = 9.0f;         // logical px, diameter
constexpr float kLineWidth = 2.5f;          // logical px
constexpr float kBarWidthFraction = 0.92f;  // of the bar spacing; a thin gap shows bin edges
constexpr int kLegendSymbolWidth = 25;      // VTK's default, logical px
constexpr float kTickLength = 5.0f;         // VTK's default, logical px
constexpr float kLabelOffset = 7.0f;        // VTK's default, logical px
constexpr int kLegendPadding = 8;           // between legend symbol, text and frame, logical px
constexpr int kHiddenAxisBorder = 24;       // margin above and right of the plot, logical px
// vtkAxis places at most one linear tick per 45 px of a horizontal axis and
// per 30 px of a vertical one (vtkAxis::CalculateNiceMinMax).
constexpr double kTickSpacingX = 45.0;
constexpr double kTickSpacingY = 30.0;

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

unsigned char channel(int v) { return static_cast<unsigned char>(std::clamp(v, 0, 255)); }

void setPlotColour(vtkPlot* plot, const QColor& c) {
  plot->SetColor(channel(c.red()), channel(c.green()), channel(c.blue()), 255);
}

int kindOrder(ChartView::SeriesKind k) {
  switch (k) {
    case ChartView::SeriesKind::Bars:
      return 0;
    case ChartView::SeriesKind::Line:
      return 1;
    case ChartView::SeriesKind::Points:
      return 2;
  }
  return 3;
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

QString ChartView::axisTitle(const QString& name, const QString& unit) {
  return unit.isEmpty() ? name : QStringLiteral("%1 [%2]").arg(name, unit);
}

ChartView::ChartView(QWidget* parent) : QWidget(parent), m_view(new VtkView(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_view);

  connect(m_view, &VtkView::devicePixelRatioChanged, this, &ChartView::onDevicePixelRatioChanged);

  // The context view moves its renderer into our window and installs its
  // chart interaction style on our interactor.
  m_contextView->SetRenderWindow(m_view->renderWindow());
  m_contextView->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  m_contextView->GetScene()->AddItem(m_chart);
  // The chart style asks for a render 40 ms after each scene change, even
  // when that change is drawn already: one render per change is enough.
  m_view->setRenderRequestFilter([scene = m_contextView->GetScene()] { return scene->GetDirty(); });

  m_chart->SetShowLegend(true);
  m_chart->SetBarWidthFraction(kBarWidthFraction);
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
    // resetView() owns the ranges; the chart must not re-fit them on its
    // own (it would undo a user's zoom at the next data change anyway).
    axis->SetBehavior(vtkAxis::FIXED);
  }
  resetView();
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

ChartView::Series* ChartView::find(const QString& name) {
  auto it = std::find_if(m_series.begin(), m_series.end(), [&](const Series& s) { return s.name == name; });
  return it == m_series.end() ? nullptr : &*it;
}

void ChartView::setSeries(const QString& name, std::span<const double> x, std::span<const double> y,
                          const SeriesStyle& style) {
  if (Series* s = find(name)) {
    s->style = style;
    s->table = makeTable(x, y);
  } else {
    m_series.push_back({name, style, makeTable(x, y)});
  }
  rebuildPlots();
}

bool ChartView::removeSeries(const QString& name) {
  auto it = std::find_if(m_series.begin(), m_series.end(), [&](const Series& s) { return s.name == name; });
  if (it == m_series.end()) return false;
  m_series.erase(it);
  if (m_dataName == name) m_dataName.reset();
  if (m_curveName == name) m_curveName.reset();
  rebuildPlots();
  return true;
}

QStringList ChartView::seriesNames() const {
  QStringList names;
  for (const Series& s : m_series) names << s.name;
  return names;
}

bool ChartView::hasSeries(const QString& name) const {
  return std::any_of(m_series.begin(), m_series.end(), [&](const Series& s) { return s.name == name; });
}

void ChartView::clear() {
  m_series.clear();
  m_dataName.reset();
  m_curveName.reset();
  rebuildPlots();
}

void ChartView::setData(std::span<const double> x, std::span<const double> y, const QString& xTitle,
                        const QString& yTitle, const QString& seriesName) {
  if (m_dataName && *m_dataName != seriesName) removeSeries(*m_dataName);
  m_dataName = seriesName;
  setAxisTitles(xTitle, yTitle);
  setSeries(seriesName, x, y, {.kind = SeriesKind::Points, .colour = pointsColor()});
}

void ChartView::setCurve(std::span<const double> x, std::span<const double> y, const QString& name) {
  if (m_curveName && *m_curveName != name) removeSeries(*m_curveName);
  m_curveName = name;
  setSeries(name, x, y, {.kind = SeriesKind::Line, .colour = curveColor()});
}

void ChartView::setAxisTitles(const QString& xTitle, const QString& yTitle) {
  m_chart->GetAxis(vtkAxis::BOTTOM)->SetTitle(xTitle.toStdString());
  m_chart->GetAxis(vtkAxis::LEFT)->SetTitle(yTitle.toStdString());
  m_view->requestRender();
}

QString ChartView::xTitle() const { return QString::fromStdString(m_chart->GetAxis(vtkAxis::BOTTOM)->GetTitle()); }

QString ChartView::yTitle() const { return QString::fromStdString(m_chart->GetAxis(vtkAxis::LEFT)->GetTitle()); }

void ChartView::setTitle(const QString& title) {
  m_chart->SetTitle(title.toStdString());
  m_view->requestRender();
}

QString ChartView::title() const { return QString::fromStdString(m_chart->GetTitle()); }

void ChartView::setLegendVisible(bool visible) {
  m_legendVisible = visible;
  updateLegendVisibility();
  m_view->requestRender();
}

void ChartView::setLegendCorner(LegendCorner corner) {
  m_legendCorner = corner;
  placeLegend();
  m_view->requestRender();
}

void ChartView::placeLegend() {
  LegendCorner corner = m_legendCorner;
  if (corner == LegendCorner::Auto) {
    // Markers inside and line segments through a box of about the
    // legend's size at each corner, in axis-normalised coordinates.
    const auto [x0, x1] = xRange();
    const auto [y0, y1] = yRange();
    const bool logY = m_chart->GetAxis(vtkAxis::LEFT)->GetLogScaleActive();
    const double ly0 = logY ? std::log10(y0) : y0;
    const double ly1 = logY ? std::log10(y1) : y1;
    auto nx = [&](double x) { return (x - x0) / (x1 - x0); };
    auto ny = [&](double y) {
      if (logY) return y > 0.0 ? (std::log10(y) - ly0) / (ly1 - ly0) : -1.0;
      return (y - ly0) / (ly1 - ly0);
    };
    const auto entries =
        std::count_if(m_series.begin(), m_series.end(), [](const Series& s) { return s.style.inLegend; });
    // Roughly what the legend covers on an 800 x 500 chart.
    detail::LegendCornerPicker picker(0.32, std::min(0.5, 0.03 + 0.07 * static_cast<double>(entries)));
    if (x1 > x0 && ly1 > ly0) {
      for (const Series& s : m_series) {
        auto* xa = vtkDoubleArray::SafeDownCast(s.table->GetColumn(0));
        auto* ya = vtkDoubleArray::SafeDownCast(s.table->GetColumn(1));
        const vtkIdType n = xa->GetNumberOfValues();
        for (vtkIdType i = 0; i < n; ++i) {
          const double x = nx(xa->GetValue(i));
          const double y = ny(ya->GetValue(i));
          switch (s.style.kind) {
            case SeriesKind::Bars:  // the bar from zero up
              picker.addSegment(x, std::clamp(ny(0.0), 0.0, 1.0), x, y);
              break;
            case SeriesKind::Line:
              if (i > 0) picker.addSegment(nx(xa->GetValue(i - 1)), ny(ya->GetValue(i - 1)), x, y);
              if (s.style.markers) picker.addMarker(x, y);
              break;
            case SeriesKind::Points:
              picker.addMarker(x, y);
              break;
          }
        }
      }
    }
    static constexpr LegendCorner kCorners[] = {LegendCorner::TopRight, LegendCorner::TopLeft,
                                                LegendCorner::BottomRight, LegendCorner::BottomLeft};
    corner = kCorners[picker.best()];
  }
  m_legendCornerInUse = corner;
  vtkChartLegend* legend = m_chart->GetLegend();
  const bool right = corner == LegendCorner::TopRight || corner == LegendCorner::BottomRight;
  const bool top = corner == LegendCorner::TopRight || corner == LegendCorner::TopLeft;
  legend->SetHorizontalAlignment(right ? vtkChartLegend::RIGHT : vtkChartLegend::LEFT);
  legend->SetVerticalAlignment(top ? vtkChartLegend::TOP : vtkChartLegend::BOTTOM);
}

void ChartView::updateLegendVisibility() {
  const bool any = std::any_of(m_series.begin(), m_series.end(), [](const Series& s) { return s.style.inLegend; });
  m_chart->SetShowLegend(m_legendVisible && any);
}

void ChartView::setLogScaleY(bool on) {
  m_logY = on;
  resetView();
}

void ChartView::setEqualAxisRanges(bool on) {
  m_equalRanges = on;
  resetView();
}

void ChartView::rebuildPlots() {
  // Bars at the back, markers in front; a stable sort keeps the order in
  // which series of one kind were added.
  std::vector<const Series*> order;
  for (const Series& s : m_series) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const Series* a, const Series* b) {
    return kindOrder(a->style.kind) < kindOrder(b->style.kind);
  });

  m_chart->ClearPlots();
  for (const Series* s : order) {
    vtkPlot* plot = nullptr;
    switch (s->style.kind) {
      case SeriesKind::Points:
        plot = m_chart->AddPlot(vtkChart::POINTS);
        vtkPlotPoints::SafeDownCast(plot)->SetMarkerStyle(vtkPlotPoints::CIRCLE);
        break;
      case SeriesKind::Line:
        plot = m_chart->AddPlot(vtkChart::LINE);
        vtkPlotPoints::SafeDownCast(plot)->SetMarkerStyle(s->style.markers ? vtkPlotPoints::CIRCLE
                                                                           : vtkPlotPoints::NONE);
        break;
      case SeriesKind::Bars:
        plot = m_chart->AddPlot(vtkChart::BAR);
        break;
    }
    plot->SetInputData(s->table, 0, 1);
    setPlotColour(plot, s->style.colour);
    if (s->style.kind == SeriesKind::Bars) {
      // A darker edge separates adjacent bars and survives vector export.
      plot->GetPen()->SetColor(channel(s->style.colour.darker(160).red()), channel(s->style.colour.darker(160).green()),
                               channel(s->style.colour.darker(160).blue()), 255);
    }
    plot->SetLabel(s->name.toStdString());
    plot->SetLegendVisibility(s->style.inLegend);
  }
  updateLegendVisibility();
  applyPixelSizes(m_view->devicePixelRatioF());
  resetView();
}

void ChartView::onDevicePixelRatioChanged(double ratio) { applyPixelSizes(ratio); }

void ChartView::applyPixelSizes(double ratio) {
  // VTK takes widths, marker sizes and tick lengths in device pixels; text
  // scales through the render window's DPI instead. Plots are in the order
  // rebuildPlots() added them; their labels name their series.
  const auto r = static_cast<float>(ratio);
  for (vtkIdType i = 0; i < m_chart->GetNumberOfPlots(); ++i) {
    vtkPlot* plot = m_chart->GetPlot(i);
    const Series* s = find(QString::fromStdString(plot->GetLabel()));
    if (!s) continue;
    const float size = s->style.size > 0.0f ? s->style.size : 0.0f;
    switch (s->style.kind) {
      case SeriesKind::Points:
        vtkPlotPoints::SafeDownCast(plot)->SetMarkerSize((size > 0 ? size : kMarkerSize) * r);
        // The legend draws its marker twice the pen width across.
        plot->SetWidth(0.5f * (size > 0 ? size : kMarkerSize) * r);
        break;
      case SeriesKind::Line:
        plot->SetWidth((size > 0 ? size : kLineWidth) * r);
        // Markers on a line: a little larger than the line is wide.
        vtkPlotPoints::SafeDownCast(plot)->SetMarkerSize(std::max(kMarkerSize * 0.7f, 2.5f * plot->GetWidth() / r) * r);
        break;
      case SeriesKind::Bars:
        plot->GetPen()->SetWidth(1.0f * r);  // SetWidth would be the bar width
        break;
    }
  }
  for (int axisId : {vtkAxis::BOTTOM, vtkAxis::LEFT}) {
    vtkAxis* axis = m_chart->GetAxis(axisId);
    axis->GetPen()->SetWidth(1.0f * r);
    axis->GetGridPen()->SetWidth(1.0f * r);
    axis->SetTickLength(kTickLength * r);
    axis->SetLabelOffset(kLabelOffset * r);
  }
  m_chart->GetLegend()->SetSymbolWidth(static_cast<int>(std::lround(kLegendSymbolWidth * r)));
  m_chart->GetLegend()->SetPadding(static_cast<int>(std::lround(kLegendPadding * r)));
  m_chart->SetHiddenAxisBorder(static_cast<int>(std::lround(kHiddenAxisBorder * r)));
  m_view->requestRender();
}

void ChartView::resetView() {
  std::vector<detail::RangeSeries> input;
  for (const Series& s : m_series) {
    auto* xa = vtkDoubleArray::SafeDownCast(s.table->GetColumn(0));
    auto* ya = vtkDoubleArray::SafeDownCast(s.table->GetColumn(1));
    const auto n = static_cast<std::size_t>(xa->GetNumberOfValues());
    detail::RangeSeries r{.x = {xa->GetPointer(0), n},
                          .y = {ya->GetPointer(0), n},
                          .affectsX = s.style.affectsXRange,
                          .affectsY = s.style.affectsYRange};
    if (s.style.kind == SeriesKind::Bars) {
      // vtkChartXY sizes bars from the spacing of the first two x values,
      // or 0.1 for a lone bar (vtkChartXY::CalculateBarPlots).
      r.bars = true;
      r.barWidth = n > 1 ? std::abs(r.x[1] - r.x[0]) * kBarWidthFraction : 0.1;
    }
    input.push_back(r);
  }
  const detail::ViewRange view = detail::fitView(input, m_logY, m_equalRanges, viewMargin());
  const bool logActive = view.logY;
  const Extent xr = view.x;
  const Extent yr = view.y;

  vtkAxis* xAxis = m_chart->GetAxis(vtkAxis::BOTTOM);
  vtkAxis* yAxis = m_chart->GetAxis(vtkAxis::LEFT);
  yAxis->SetLogScale(logActive);
  if (!logActive) {
    // vtkAxis (9.1) forgets its linear limits after a log phase (it saves
    // the log clamp of 0 as the "non-log" minimum limit), which would keep
    // the axis from going below zero.
    yAxis->SetUnscaledMinimumLimit(std::numeric_limits<double>::lowest());
    yAxis->SetUnscaledMaximumLimit(std::numeric_limits<double>::max());
  }
  xAxis->SetUnscaledRange(xr.lo, xr.hi);
  yAxis->SetUnscaledRange(yr.lo, yr.hi);
  xAxis->RecalculateTickSpacing();
  yAxis->RecalculateTickSpacing();
  placeLegend();
  m_view->requestRender();
}

std::pair<double, double> ChartView::xRange() const {
  double r[2];
  m_chart->GetAxis(vtkAxis::BOTTOM)->GetUnscaledRange(r);
  return {r[0], r[1]};
}

std::pair<double, double> ChartView::yRange() const {
  double r[2];
  m_chart->GetAxis(vtkAxis::LEFT)->GetUnscaledRange(r);
  return {r[0], r[1]};
}

QString ChartView::renderForExport(QSize size, double pixelRatio,
                                   const std::function<void(vtkRenderWindow*)>& capture) {
  const int* screenSize = m_view->renderWindow()->GetSize();
  const QSize onScreen(screenSize[0], screenSize[1]);
  const double screenRatio = m_view->devicePixelRatioF();
  return m_view->renderAt(size, pixelRatio, [&](vtkRenderWindow* window) {
    // Same ticks as the chart at the export's logical size (ExportTicks.h).
    const std::vector<vtkAxis*> customTicks =
        detail::pinTicksForExport(m_chart, size, pixelRatio, onScreen, screenRatio, {kTickSpacingX, kTickSpacingY});
    applyPixelSizes(pixelRatio);
    capture(window);
    detail::releaseTicks(customTicks);
    applyPixelSizes(screenRatio);
  });
}

}  // namespace hf::widgets
