// libFuzzer harness: the formula compiler. The input is a formula over the
// variables x, y, the parameters a, b, c and a learned component N (2
// inputs, 2 outputs: N(x, y)[1]) whose weights follow c. Properties: what
// compiles evaluates, gradient() gives the same value as evaluate(), and
// the row sweep the same values as the scalar one, at a few points;
// freeNames() accepts whatever compiles. Only hf::Error may escape.
#include "common/Error.h"
#include "expr/Expression.h"
#include "ml/LearnedFunction.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

struct Learned {
  std::vector<std::string> parameters{"a", "b", "c"};
  std::vector<hf::expr::LearnedBinding> bindings;
  std::vector<double> weights;
  Learned() {
    hf::ml::LearnedSpec spec;
    spec.name = "N";
    spec.inputs = 2;
    spec.outputs = 2;
    spec.hidden = {3};
    std::shared_ptr<const hf::ml::LearnedFunction> f = hf::ml::LearnedFunction::create(spec);
    bindings.push_back({"N", f, parameters.size()});
    weights = f->initialWeights();
    for (std::size_t k = 0; k < weights.size(); ++k) parameters.push_back("N.w" + std::to_string(k + 1));
  }
};

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  static const Learned learned;
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  hf::expr::Expression e;
  try {
    e = hf::expr::Expression::compile(text, {"x", "y"}, learned.parameters, learned.bindings);
    (void)hf::expr::Expression::freeNames(text, true);
  } catch (const hf::Error&) {
    return 0;
  }
  hf::expr::Workspace ws;
  const double points[][5] = {{0.5, -1.25, 1.0, 2.0, -0.5}, {0.0, 0.0, 0.0, 0.0, 0.0}, {3.0, 1e-3, -2.0, 7.5, 1e3}};
  std::vector<double> xs, ys, values;
  std::vector<double> params{1.0, 2.0, -0.5};
  params.insert(params.end(), learned.weights.begin(), learned.weights.end());
  for (const auto& pt : points) {
    const std::vector<double> vars{pt[0], pt[1]};
    params[0] = pt[2];
    params[1] = pt[3];
    params[2] = pt[4];
    std::vector<double> grad(params.size()), dvars(2);
    const double v = e.evaluate(vars, params, ws);
    const double g = e.gradient(vars, params, grad, dvars, ws);
    if (!same(v, g)) {
      std::fprintf(stderr, "gradient value %.17g differs from evaluate %.17g for '%.*s'\n", g, v,
                   static_cast<int>(size), text.data());
      std::abort();
    }
    xs.push_back(pt[0]);
    ys.push_back(pt[1]);
    values.push_back(v);
  }
  // The three points as rows of one sweep, at the last point's parameters.
  std::vector<double> rows(3), single(3);
  const double* columns[2] = {xs.data(), ys.data()};
  e.evaluateRows(columns, 3, params, rows, ws);
  for (std::size_t r = 0; r < 3; ++r) {
    single[r] = e.evaluate(std::vector<double>{xs[r], ys[r]}, params, ws);
    if (!same(rows[r], single[r])) {
      std::fprintf(stderr, "row sweep %.17g differs from evaluate %.17g at row %zu for '%.*s'\n", rows[r], single[r], r,
                   static_cast<int>(size), text.data());
      std::abort();
    }
  }
  return 0;
}
