// libFuzzer harness: the formula compiler. The input is a formula over the
// variables x, y and the parameters a, b, c. Properties: what compiles
// evaluates, and gradient() gives the same value as evaluate(), at a few
// points; freeNames() accepts whatever compiles. Only hf::Error may escape.
#include "common/Error.h"
#include "expr/Expression.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  hf::expr::Expression e;
  try {
    e = hf::expr::Expression::compile(text, {"x", "y"}, {"a", "b", "c"});
    (void)hf::expr::Expression::freeNames(text, true);
  } catch (const hf::Error&) {
    return 0;
  }
  hf::expr::Workspace ws;
  const double points[][5] = {{0.5, -1.25, 1.0, 2.0, -0.5}, {0.0, 0.0, 0.0, 0.0, 0.0}, {3.0, 1e-3, -2.0, 7.5, 1e3}};
  for (const auto& pt : points) {
    const std::vector<double> vars{pt[0], pt[1]}, params{pt[2], pt[3], pt[4]};
    std::vector<double> grad(3), dvars(2);
    const double v = e.evaluate(vars, params, ws);
    const double g = e.gradient(vars, params, grad, dvars, ws);
    if (!((std::isnan(v) && std::isnan(g)) || v == g)) {
      std::fprintf(stderr, "gradient value %.17g differs from evaluate %.17g for '%.*s'\n", g, v,
                   static_cast<int>(size), text.data());
      std::abort();
    }
  }
  return 0;
}
