#pragma once

#include <vtkSmartPointer.h>

class vtkLookupTable;

namespace hf::widgets {

// A lookup table with matplotlib's "viridis" colour map (perceptually
// uniform, readable in grey scale and by most colour-blind viewers): dark
// blue-purple at the low end, green in the middle, yellow at the high end.
// `size` entries (at least 2), linear interpolation between 9 reference
// colours taken from matplotlib's table at every 32nd entry. The table's
// range is [0, 1]; callers set their own. NaN maps to mid grey.
vtkSmartPointer<vtkLookupTable> makeViridisLookupTable(int size = 256);

}  // namespace hf::widgets
