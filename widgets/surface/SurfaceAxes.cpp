#include "surface/SurfaceAxes.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <system_error>

namespace hf::widgets {

namespace {

constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr int kLabelPoints = 11;
constexpr int kTitlePoints = 12;
// Gaps in points (scaled by DPI / 72): edge to label, label to title.
constexpr double kLabelGap = 7.0;
constexpr double kTitleGap = 6.0;
// The panes sit a little behind their wall and the grid lines a little less,
// so neither fights the surface or each other in the depth buffer.
constexpr double kPaneInset = 0.006;
constexpr double kGridInset = 0.003;
// Line widths in points.
constexpr double kGridWidth = 1.0;
constexpr double kEdgeWidth = 1.2;

using Vec3 = std::array<double, 3>;
using Vec2 = std::array<double, 2>;

Vec2 toDisplay(vtkRenderer* renderer, const Vec3& p) {
  renderer->SetWorldPoint(p[0], p[1], p[2], 1.0);
  renderer->WorldToDisplay();
  const double* d = renderer->GetDisplayPoint();
  return {d[0], d[1]};
}

void addLine(vtkPoints* points, vtkCellArray* lines, const Vec3& a, const Vec3& b) {
  const vtkIdType ids[2] = {points->InsertNextPoint(a.data()), points->InsertNextPoint(b.data())};
  lines->InsertNextCell(2, ids);
}

void setUpFlatActor(vtkActor* actor, vtkPolyData* data, double grey) {
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(data);
  mapper->ScalarVisibilityOff();
  actor->SetMapper(mapper);
  vtkProperty* p = actor->GetProperty();
  p->SetColor(grey, grey, grey);
  p->LightingOff();  // the frame keeps its shade from every angle
  actor->PickableOff();
}

}  // namespace

const char* SurfaceAxes::fontFile() {
  static const bool installed = [] {
    std::error_code ec;
    return std::filesystem::exists(kDejaVuSans, ec);
  }();
  return installed ? kDejaVuSans : nullptr;
}

void SurfaceAxes::styleText(vtkTextProperty* prop, int size, bool bold) {
  if (const char* file = fontFile()) {
    prop->SetFontFamily(VTK_FONT_FILE);
    prop->SetFontFile(file);
  }
  prop->SetFontSize(size);
  prop->SetBold(bold);
  prop->SetItalic(false);
  prop->SetShadow(false);
  prop->SetColor(0.15, 0.15, 0.15);
}

SurfaceAxes::SurfaceAxes() {
  setUpFlatActor(m_panes, m_paneData, 0.955);
  setUpFlatActor(m_grid, m_gridData, 0.80);
  setUpFlatActor(m_edges, m_edgeData, 0.35);
  for (auto& title : m_titleActors) {
    title = vtkSmartPointer<vtkTextActor>::New();
    styleText(title->GetTextProperty(), kTitlePoints, false);
    title->GetTextProperty()->SetJustificationToCentered();
    title->GetTextProperty()->SetVerticalJustificationToCentered();
    title->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
    title->PickableOff();
  }
  setBox(AxisBox{});
}

SurfaceAxes::~SurfaceAxes() = default;

void SurfaceAxes::addTo(vtkRenderer* renderer) {
  m_renderer = renderer;
  renderer->AddActor(m_panes);
  renderer->AddActor(m_grid);
  renderer->AddActor(m_edges);
  for (auto& title : m_titleActors) renderer->AddActor2D(title);
  for (auto& labels : m_labelActors)
    for (auto& label : labels) renderer->AddActor2D(label);
}

void SurfaceAxes::setBox(const AxisBox& box) {
  m_box = box;
  for (int a = 0; a < 3; ++a) {
    const auto i = static_cast<std::size_t>(a);
    const auto r = box.range(a);
    m_ticks[i] = NiceTicks::forRange(r[0], r[1]);
    auto& labels = m_labelActors[i];
    // One text actor per tick; extra ones leave the renderer.
    while (labels.size() > m_ticks[i].values.size()) {
      if (m_renderer) m_renderer->RemoveActor2D(labels.back());
      labels.pop_back();
    }
    while (labels.size() < m_ticks[i].values.size()) {
      auto label = vtkSmartPointer<vtkTextActor>::New();
      styleText(label->GetTextProperty(), kLabelPoints, false);
      label->GetPositionCoordinate()->SetCoordinateSystemToDisplay();
      label->PickableOff();
      if (m_renderer) m_renderer->AddActor2D(label);
      labels.push_back(label);
    }
    for (std::size_t k = 0; k < labels.size(); ++k) labels[k]->SetInput(m_ticks[i].label(m_ticks[i].values[k]).c_str());
    m_titleActors[i]->SetInput(m_ticks[i].decorate(m_titles[i]).c_str());
  }
  m_wallsDirty = true;
}

void SurfaceAxes::setTitles(const std::string& x1, const std::string& x2, const std::string& z) {
  m_titles = {x1, x2, z};
  for (std::size_t a = 0; a < 3; ++a) m_titleActors[a]->SetInput(m_ticks[a].decorate(m_titles[a]).c_str());
}

void SurfaceAxes::rebuildWalls() {
  const auto b = AxisBox::sceneBounds();
  auto bound = [&](int axis, int side) { return b[static_cast<std::size_t>(2 * axis + side)]; };
  // Position of a wall plane, moved `inset` away from the box.
  auto wallAt = [&](int axis, double inset) {
    const int side = m_back[static_cast<std::size_t>(axis)];
    return bound(axis, side) + (side == 0 ? -inset : inset);
  };

  vtkNew<vtkPoints> panePoints;
  vtkNew<vtkCellArray> panes;
  vtkNew<vtkPoints> gridPoints;
  vtkNew<vtkCellArray> gridLines;
  vtkNew<vtkPoints> edgePoints;
  vtkNew<vtkCellArray> edgeLines;

  for (int w = 0; w < 3; ++w) {
    // The wall perpendicular to axis w spans the other two axes u and v.
    const int u = (w + 1) % 3;
    const int v = (w + 2) % 3;
    auto corner = [&](double cu, double cv, double inset) {
      Vec3 p{};
      p[static_cast<std::size_t>(w)] = wallAt(w, inset);
      p[static_cast<std::size_t>(u)] = cu;
      p[static_cast<std::size_t>(v)] = cv;
      return p;
    };
    const double u0 = bound(u, 0), u1 = bound(u, 1), v0 = bound(v, 0), v1 = bound(v, 1);
    const vtkIdType quad[4] = {panePoints->InsertNextPoint(corner(u0, v0, kPaneInset).data()),
                               panePoints->InsertNextPoint(corner(u1, v0, kPaneInset).data()),
                               panePoints->InsertNextPoint(corner(u1, v1, kPaneInset).data()),
                               panePoints->InsertNextPoint(corner(u0, v1, kPaneInset).data())};
    panes->InsertNextCell(4, quad);

    // Grid lines across the wall at the ticks of both of its axes.
    for (int along : {u, v}) {
      const int across = along == u ? v : u;
      for (double t : m_ticks[static_cast<std::size_t>(along)].values) {
        const double s = m_box.toScene(along, t);
        Vec3 a{}, c{};
        a[static_cast<std::size_t>(w)] = c[static_cast<std::size_t>(w)] = wallAt(w, kGridInset);
        a[static_cast<std::size_t>(along)] = c[static_cast<std::size_t>(along)] = s;
        a[static_cast<std::size_t>(across)] = bound(across, 0);
        c[static_cast<std::size_t>(across)] = bound(across, 1);
        addLine(gridPoints, gridLines, a, c);
      }
    }
    // The wall's outline.
    const Vec3 c00 = corner(u0, v0, 0.0), c10 = corner(u1, v0, 0.0), c11 = corner(u1, v1, 0.0),
               c01 = corner(u0, v1, 0.0);
    addLine(edgePoints, edgeLines, c00, c10);
    addLine(edgePoints, edgeLines, c10, c11);
    addLine(edgePoints, edgeLines, c11, c01);
    addLine(edgePoints, edgeLines, c01, c00);
  }

  // The labelled edges in front: x1 and x2 along the floor, z upright.
  const double zFloor = bound(2, 0);
  const double yFront = bound(1, 1 - m_back[1]);
  const double xFront = bound(0, 1 - m_back[0]);
  addLine(edgePoints, edgeLines, {bound(0, 0), yFront, zFloor}, {bound(0, 1), yFront, zFloor});
  addLine(edgePoints, edgeLines, {xFront, bound(1, 0), zFloor}, {xFront, bound(1, 1), zFloor});
  const double xz = bound(0, m_zCorner[0]);
  const double yz = bound(1, m_zCorner[1]);
  addLine(edgePoints, edgeLines, {xz, yz, zFloor}, {xz, yz, bound(2, 1)});

  m_paneData->SetPoints(panePoints);
  m_paneData->SetPolys(panes);
  m_gridData->SetPoints(gridPoints);
  m_gridData->SetLines(gridLines);
  m_edgeData->SetPoints(edgePoints);
  m_edgeData->SetLines(edgeLines);
  m_paneData->Modified();
  m_gridData->Modified();
  m_edgeData->Modified();
  m_wallsDirty = false;
}

void SurfaceAxes::update(vtkRenderer* renderer) {
  const auto b = AxisBox::sceneBounds();
  const Vec3 centre{0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
  vtkCamera* camera = renderer->GetActiveCamera();
  Vec3 eye{};
  camera->GetPosition(eye.data());
  if (camera->GetParallelProjection()) {
    // Only the direction matters; put the eye far out along it.
    double dir[3];
    camera->GetDirectionOfProjection(dir);
    for (std::size_t a = 0; a < 3; ++a) eye[a] = centre[a] - 1e3 * dir[a];
  }

  // A wall is at the back when the eye is on the other side of the centre.
  std::array<int, 3> back{};
  for (std::size_t a = 0; a < 3; ++a) back[a] = eye[a] > centre[a] ? 0 : 1;

  // The z labels go on the vertical edge furthest left on screen, which is
  // always on the box's outline, never in front of the surface.
  std::array<int, 2> zCorner{0, 0};
  double leftmost = 0.0;
  for (int ix = 0; ix < 2; ++ix)
    for (int iy = 0; iy < 2; ++iy) {
      const double x =
          toDisplay(renderer, {b[static_cast<std::size_t>(ix)], b[2 + static_cast<std::size_t>(iy)], centre[2]})[0];
      if ((ix == 0 && iy == 0) || x < leftmost) {
        leftmost = x;
        zCorner = {ix, iy};
      }
    }

  // Line widths are in pixels; follow the DPI like the text does.
  const double scale = renderer->GetRenderWindow() ? renderer->GetRenderWindow()->GetDPI() / 72.0 : 1.0;
  m_grid->GetProperty()->SetLineWidth(static_cast<float>(kGridWidth * scale));
  m_edges->GetProperty()->SetLineWidth(static_cast<float>(kEdgeWidth * scale));

  if (m_wallsDirty || back != m_back || zCorner != m_zCorner) {
    m_back = back;
    m_zCorner = zCorner;
    rebuildWalls();
  }

  const double zFloor = b[4];
  const double yFront = b[2 + static_cast<std::size_t>(1 - back[1])];
  const double xFront = b[static_cast<std::size_t>(1 - back[0])];
  placeAxis(renderer, 0, {b[0], yFront, zFloor}, {b[1], yFront, zFloor});
  placeAxis(renderer, 1, {xFront, b[2], zFloor}, {xFront, b[3], zFloor});
  const double xz = b[static_cast<std::size_t>(zCorner[0])];
  const double yz = b[2 + static_cast<std::size_t>(zCorner[1])];
  placeAxis(renderer, 2, {xz, yz, b[4]}, {xz, yz, b[5]});
}

void SurfaceAxes::placeAxis(vtkRenderer* renderer, int axis, const Vec3& from, const Vec3& to) {
  const auto a = static_cast<std::size_t>(axis);
  const auto b = AxisBox::sceneBounds();
  const Vec3 centre{0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
  const Vec2 d0 = toDisplay(renderer, from);
  const Vec2 d1 = toDisplay(renderer, to);
  const Vec2 dc = toDisplay(renderer, centre);
  const double length = std::hypot(d1[0] - d0[0], d1[1] - d0[1]);
  auto& labels = m_labelActors[a];
  vtkTextActor* title = m_titleActors[a];

  // Seen end-on, an axis has no room for labels.
  const bool visible = length > 20.0;
  for (auto& label : labels) label->SetVisibility(visible);
  title->SetVisibility(visible && !m_titles[a].empty());
  if (!visible) return;

  // Screen direction of the edge and its normal pointing away from the box.
  const Vec2 e{(d1[0] - d0[0]) / length, (d1[1] - d0[1]) / length};
  Vec2 n{-e[1], e[0]};
  const Vec2 mid{0.5 * (d0[0] + d1[0]), 0.5 * (d0[1] + d1[1])};
  if (n[0] * (mid[0] - dc[0]) + n[1] * (mid[1] - dc[1]) < 0) n = {-n[0], -n[1]};

  const double scale = renderer->GetRenderWindow() ? renderer->GetRenderWindow()->GetDPI() / 72.0 : 1.0;

  // Labels hang off the edge on the side n points to.
  const double lo = b[2 * a];
  const double hi = b[2 * a + 1];
  double extent = 0.0;  // how far the labels reach along n, in pixels
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const double s = m_box.toScene(axis, m_ticks[a].values[k]);
    const double t = (s - lo) / (hi - lo);
    Vec3 p{};
    for (std::size_t i = 0; i < 3; ++i) p[i] = from[i] + t * (to[i] - from[i]);
    const Vec2 d = toDisplay(renderer, p);
    vtkTextProperty* prop = labels[k]->GetTextProperty();
    if (n[0] > 0.4)
      prop->SetJustificationToLeft();
    else if (n[0] < -0.4)
      prop->SetJustificationToRight();
    else
      prop->SetJustificationToCentered();
    if (n[1] > 0.4)
      prop->SetVerticalJustificationToBottom();
    else if (n[1] < -0.4)
      prop->SetVerticalJustificationToTop();
    else
      prop->SetVerticalJustificationToCentered();
    labels[k]->SetDisplayPosition(static_cast<int>(std::lround(d[0] + n[0] * kLabelGap * scale)),
                                  static_cast<int>(std::lround(d[1] + n[1] * kLabelGap * scale)));
    double size[2] = {0.0, 0.0};
    labels[k]->GetSize(renderer, size);
    // Justified at the anchor, a label reaches its full width along a
    // horizontal n, its full height along a vertical one, and half of the
    // other where it is centred.
    const double reach = std::abs(n[0]) * size[0] * (std::abs(n[0]) > 0.4 ? 1.0 : 0.5) +
                         std::abs(n[1]) * size[1] * (std::abs(n[1]) > 0.4 ? 1.0 : 0.5);
    extent = std::max(extent, reach);
  }

  // The title runs parallel to the edge, read left to right (or bottom to
  // top), beyond the labels.
  double angle = std::atan2(e[1], e[0]) * 180.0 / std::numbers::pi;
  if (angle > 90.0) angle -= 180.0;
  if (angle <= -90.0) angle += 180.0;
  title->GetTextProperty()->SetOrientation(angle);
  const double halfHeight = 0.6 * kTitlePoints * scale;
  const double offset = kLabelGap * scale + extent + kTitleGap * scale + halfHeight;
  title->SetDisplayPosition(static_cast<int>(std::lround(mid[0] + n[0] * offset)),
                            static_cast<int>(std::lround(mid[1] + n[1] * offset)));
}

}  // namespace hf::widgets
