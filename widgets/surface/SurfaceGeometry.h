#pragma once
// Builds the VTK geometry of a SurfaceView from plain arrays. GUI-free
// (no Qt), so the hole and scaling rules can be tested without a window.

#include "surface/AxisBox.h"

#include <span>

#include <vtkSmartPointer.h>

class vtkPolyData;

namespace hf::widgets {

// Whether the arrays describe a grid SurfaceView can draw: nx >= 2, ny >= 2,
// x1Grid.size() == nx, x2Grid.size() == ny, zValues.size() == nx * ny.
bool isValidSurfaceGrid(int nx, int ny, std::span<const double> x1Grid, std::span<const double> x2Grid,
                        std::span<const double> zValues);

// A triangle mesh of z = f(x1, x2) on a rectilinear grid, in the scene
// coordinates of `box`. zValues is row-major in x2: the value at
// (x1Grid[i], x2Grid[j]) is zValues[j * nx + i].
//
// Each grid cell becomes two triangles; a triangle is left out when one of
// its corners has a non-finite x1, x2 or z, so NaN values leave holes. The
// mesh carries the real z as point scalars (array "z") and smooth point
// normals. Returns an empty mesh (no points, no cells) when the grid is not
// valid (see isValidSurfaceGrid).
vtkSmartPointer<vtkPolyData> buildSurfaceMesh(int nx, int ny, std::span<const double> x1Grid,
                                              std::span<const double> x2Grid, std::span<const double> zValues,
                                              const AxisBox& box);

// One vertex per measured point (x1[k], x2[k], z[k]) in the scene
// coordinates of `box`, with the real z as point scalars (array "z").
// Points with a non-finite coordinate are skipped; extra values in the
// longer spans are ignored.
vtkSmartPointer<vtkPolyData> buildPointCloud(std::span<const double> x1, std::span<const double> x2,
                                             std::span<const double> z, const AxisBox& box);

}  // namespace hf::widgets
