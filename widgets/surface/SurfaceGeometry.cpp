#include "surface/SurfaceGeometry.h"

#include <vtkCellArray.h>
#include <vtkDoubleArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace hf::widgets {

bool isValidSurfaceGrid(int nx, int ny, std::span<const double> x1Grid, std::span<const double> x2Grid,
                        std::span<const double> zValues) {
  if (nx < 2 || ny < 2) return false;
  const auto ux = static_cast<std::size_t>(nx);
  const auto uy = static_cast<std::size_t>(ny);
  return x1Grid.size() == ux && x2Grid.size() == uy && zValues.size() / uy == ux && zValues.size() % uy == 0;
}

vtkSmartPointer<vtkPolyData> buildSurfaceMesh(int nx, int ny, std::span<const double> x1Grid,
                                              std::span<const double> x2Grid, std::span<const double> zValues,
                                              const AxisBox& box) {
  auto mesh = vtkSmartPointer<vtkPolyData>::New();
  if (!isValidSurfaceGrid(nx, ny, x1Grid, x2Grid, zValues)) return mesh;

  const auto ux = static_cast<std::size_t>(nx);
  const auto uy = static_cast<std::size_t>(ny);
  const vtkIdType count = static_cast<vtkIdType>(ux * uy);
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  points->SetNumberOfPoints(count);
  vtkNew<vtkDoubleArray> scalars;
  scalars->SetName("z");
  scalars->SetNumberOfValues(count);
  std::vector<char> finite(ux * uy, 0);

  for (std::size_t j = 0; j < uy; ++j)
    for (std::size_t i = 0; i < ux; ++i) {
      const std::size_t k = j * ux + i;
      const double z = zValues[k];
      const bool ok = std::isfinite(x1Grid[i]) && std::isfinite(x2Grid[j]) && std::isfinite(z);
      finite[k] = ok ? 1 : 0;
      // Nodes with a non-finite value stay in the point list (so ids keep
      // matching the grid) but no cell uses them; parked at a corner of the
      // scene box, they keep the mesh's bounds inside the box.
      const auto p = ok ? box.toScene(x1Grid[i], x2Grid[j], z) : std::array<double, 3>{0.0, 0.0, 0.0};
      points->SetPoint(static_cast<vtkIdType>(k), p.data());
      scalars->SetValue(static_cast<vtkIdType>(k), ok ? z : 0.0);
    }

  vtkNew<vtkCellArray> triangles;
  auto addIfFinite = [&](std::size_t a, std::size_t b, std::size_t c) {
    if (!finite[a] || !finite[b] || !finite[c]) return;
    const vtkIdType ids[3] = {static_cast<vtkIdType>(a), static_cast<vtkIdType>(b), static_cast<vtkIdType>(c)};
    triangles->InsertNextCell(3, ids);
  };
  for (std::size_t j = 0; j + 1 < uy; ++j)
    for (std::size_t i = 0; i + 1 < ux; ++i) {
      const std::size_t k00 = j * ux + i;
      const std::size_t k10 = k00 + 1;
      const std::size_t k01 = k00 + ux;
      const std::size_t k11 = k01 + 1;
      addIfFinite(k00, k10, k11);
      addIfFinite(k00, k11, k01);
    }

  mesh->SetPoints(points);
  mesh->SetPolys(triangles);
  mesh->GetPointData()->SetScalars(scalars);
  if (triangles->GetNumberOfCells() == 0) return mesh;

  // Smooth shading needs per-vertex normals; splitting would facet the
  // surface at creases, and the grid may be in either orientation, so the
  // renderer lights both sides instead of relying on consistent normals.
  vtkNew<vtkPolyDataNormals> normals;
  normals->SetInputData(mesh);
  normals->ComputePointNormalsOn();
  normals->ComputeCellNormalsOff();
  normals->SplittingOff();
  normals->ConsistencyOn();
  normals->AutoOrientNormalsOff();
  normals->Update();
  auto out = vtkSmartPointer<vtkPolyData>::New();
  out->ShallowCopy(normals->GetOutput());
  return out;
}

vtkSmartPointer<vtkPolyData> buildPointCloud(std::span<const double> x1, std::span<const double> x2,
                                             std::span<const double> z, const AxisBox& box) {
  const std::size_t n = std::min({x1.size(), x2.size(), z.size()});
  vtkNew<vtkPoints> points;
  points->SetDataTypeToDouble();
  vtkNew<vtkDoubleArray> scalars;
  scalars->SetName("z");
  vtkNew<vtkCellArray> vertices;
  for (std::size_t k = 0; k < n; ++k) {
    if (!std::isfinite(x1[k]) || !std::isfinite(x2[k]) || !std::isfinite(z[k])) continue;
    const auto p = box.toScene(x1[k], x2[k], z[k]);
    const vtkIdType id = points->InsertNextPoint(p.data());
    scalars->InsertNextValue(z[k]);
    vertices->InsertNextCell(1, &id);
  }
  auto cloud = vtkSmartPointer<vtkPolyData>::New();
  cloud->SetPoints(points);
  cloud->SetVerts(vertices);
  cloud->GetPointData()->SetScalars(scalars);
  return cloud;
}

}  // namespace hf::widgets
