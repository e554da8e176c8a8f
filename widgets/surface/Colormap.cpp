#include "surface/Colormap.h"

#include <vtkLookupTable.h>

#include <algorithm>
#include <array>

namespace hf::widgets {

namespace {

// matplotlib _viridis_data entries 0, 32, 64, ..., 224 and 255 (van der Walt
// and Smith, "A better default colormap for matplotlib", SciPy 2015).
constexpr std::array<std::array<double, 3>, 9> kViridis{{
    {0.267004, 0.004874, 0.329415},
    {0.282623, 0.140926, 0.457517},
    {0.229739, 0.322361, 0.545706},
    {0.172719, 0.448791, 0.557885},
    {0.127568, 0.566949, 0.550556},
    {0.157851, 0.683765, 0.501686},
    {0.369214, 0.788888, 0.382914},
    {0.678489, 0.863742, 0.189503},
    {0.993248, 0.906157, 0.143936},
}};

}  // namespace

vtkSmartPointer<vtkLookupTable> makeViridisLookupTable(int size) {
  size = std::max(size, 2);
  auto table = vtkSmartPointer<vtkLookupTable>::New();
  table->SetNumberOfTableValues(size);
  table->SetTableRange(0.0, 1.0);
  const double segments = static_cast<double>(kViridis.size() - 1);
  for (int k = 0; k < size; ++k) {
    const double t = static_cast<double>(k) / (size - 1) * segments;
    const auto seg = std::min(static_cast<std::size_t>(t), kViridis.size() - 2);
    const double f = t - static_cast<double>(seg);
    const auto& a = kViridis[seg];
    const auto& b = kViridis[seg + 1];
    table->SetTableValue(k, a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]), 1.0);
  }
  table->SetNanColor(0.5, 0.5, 0.5, 1.0);
  table->Build();
  return table;
}

}  // namespace hf::widgets
