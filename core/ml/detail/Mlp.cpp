#include "ml/detail/Mlp.h"

#include "ml/SeededUniform.h"
#include "ml/detail/Activation.h"

#include <algorithm>
#include <cmath>

namespace hf::ml::detail {
namespace {

std::size_t countWeights(const LearnedSpec& s) {
  std::size_t n = 0, in = s.inputs;
  for (std::size_t width : s.hidden) {
    n += (in + 1) * width;
    in = width;
  }
  return n + (in + 1) * s.outputs;
}

// Per layer z, a and dz (its width each), then the working buffers.
std::size_t countScratch(const LearnedSpec& s, std::size_t buffers) {
  std::size_t n = 0, widest = s.inputs;
  for (std::size_t width : s.hidden) {
    n += 3 * width;
    widest = std::max(widest, width);
  }
  widest = std::max(widest, s.outputs);
  return n + 3 * s.outputs + buffers * widest;
}

}  // namespace

Mlp::Mlp(const LearnedSpec& spec)
    : LearnedFunction(spec, countWeights(spec), countScratch(spec, kBuffers)), m_activation(spec.activation) {
  std::size_t in = spec.inputs, weights = 0, scratch = 0;
  m_widest = spec.inputs;
  std::vector<std::size_t> widths = spec.hidden;
  widths.push_back(spec.outputs);
  for (std::size_t width : widths) {
    m_layers.push_back({in, width, weights, scratch, scratch + width, scratch + 2 * width});
    weights += (in + 1) * width;
    scratch += 3 * width;
    m_widest = std::max(m_widest, width);
    in = width;
  }
  m_buffers = scratch;
}

void Mlp::forwardRaw(const double* xs, const double* w, double* raw, double* inner) const {
  const double* a = xs;
  for (std::size_t l = 0; l < m_layers.size(); ++l) {
    const Layer& L = m_layers[l];
    const double* W = w + L.weights;
    const double* b = W + L.in * L.out;
    double* z = inner + L.z;
    double* out = inner + L.a;
    const bool hidden = l + 1 < m_layers.size();
    for (std::size_t r = 0; r < L.out; ++r) {
      double s = b[r];
      const double* row = W + r * L.in;
      for (std::size_t c = 0; c < L.in; ++c) s += row[c] * a[c];
      z[r] = s;
      out[r] = hidden ? activate(m_activation, s) : s;
    }
    a = out;
  }
  std::copy_n(a, m_layers.back().out, raw);
}

void Mlp::reverseRaw(const double* xs, const double* w, double* inner, const double* rawBar, double* xsBar,
                     double* wbar) const {
  // g holds d/d(z of layer l); gPrev the adjoint of layer l's input.
  double* g = inner + m_buffers;
  double* gPrev = g + m_widest;
  std::copy_n(rawBar, m_layers.back().out, g);  // output layer is linear: dz = da
  for (std::size_t l = m_layers.size(); l-- > 0;) {
    const Layer& L = m_layers[l];
    const double* W = w + L.weights;
    const double* a = l == 0 ? xs : inner + m_layers[l - 1].a;
    if (wbar) {
      double* Wb = wbar + L.weights;
      double* bb = Wb + L.in * L.out;
      for (std::size_t r = 0; r < L.out; ++r) {
        const double gr = g[r];
        if (gr == 0.0) continue;
        double* row = Wb + r * L.in;
        for (std::size_t c = 0; c < L.in; ++c) row[c] += gr * a[c];
        bb[r] += gr;
      }
    }
    std::fill_n(gPrev, L.in, 0.0);
    for (std::size_t r = 0; r < L.out; ++r) {
      const double gr = g[r];
      if (gr == 0.0) continue;
      const double* row = W + r * L.in;
      for (std::size_t c = 0; c < L.in; ++c) gPrev[c] += gr * row[c];
    }
    if (l == 0) break;
    const Layer& P = m_layers[l - 1];  // through the previous layer's activation
    const double* z = inner + P.z;
    const double* act = inner + P.a;
    for (std::size_t c = 0; c < L.in; ++c) gPrev[c] *= slope(m_activation, z[c], act[c]);
    std::swap(g, gPrev);
  }
  std::copy_n(gPrev, m_layers.front().in, xsBar);
}

// Stores each layer's dz (reverse over the tangent needs them); the
// activations' tangents live in two alternating buffers.
void Mlp::tangentRaw(const double*, const double* w, double* inner, const double* dxs, double* draw) const {
  double* buffers[2] = {inner + m_buffers, inner + m_buffers + m_widest};
  const double* d = dxs;
  for (std::size_t l = 0; l < m_layers.size(); ++l) {
    const Layer& L = m_layers[l];
    const double* W = w + L.weights;
    double* dz = inner + L.dz;
    const bool hidden = l + 1 < m_layers.size();
    double* da = buffers[l % 2];
    for (std::size_t r = 0; r < L.out; ++r) {
      double s = 0.0;
      const double* row = W + r * L.in;
      for (std::size_t c = 0; c < L.in; ++c) s += row[c] * d[c];
      dz[r] = s;
      if (hidden) da[r] = slope(m_activation, inner[L.z + r], inner[L.a + r]) * s;
    }
    d = hidden ? da : dz;
  }
  std::copy_n(d, m_layers.back().out, draw);
}

// The tangent sweep is z = W a + b, a' = f(z), dz = W da, da' = f'(z) dz.
// Backwards with adjoints gz of z and gd of dz per layer:
//   W gets gd da^T + gz a^T, b gets gz; da and a get W^T gd and W^T gz;
//   through a' = f(z), da' = f'(z) dz: gd = f' gda', gz = f' ga' + f'' dz gda'.
void Mlp::tangentReverseRaw(const double* xs, const double* w, double* inner, const double* dxs, const double* drawBar,
                            double* xsBar, double* wbar) const {
  double* gz = inner + m_buffers;
  double* gd = gz + m_widest;
  double* pz = gd + m_widest;
  double* pd = pz + m_widest;
  double* din = pd + m_widest;
  std::fill_n(gz, m_layers.back().out, 0.0);  // the output's value is not differentiated
  std::copy_n(drawBar, m_layers.back().out, gd);
  for (std::size_t l = m_layers.size(); l-- > 0;) {
    const Layer& L = m_layers[l];
    const double* W = w + L.weights;
    const double* a = l == 0 ? xs : inner + m_layers[l - 1].a;
    const double* da = dxs;
    if (l > 0) {
      const Layer& P = m_layers[l - 1];
      for (std::size_t c = 0; c < L.in; ++c)
        din[c] = slope(m_activation, inner[P.z + c], inner[P.a + c]) * inner[P.dz + c];
      da = din;
    }
    if (wbar) {
      double* Wb = wbar + L.weights;
      double* bb = Wb + L.in * L.out;
      for (std::size_t r = 0; r < L.out; ++r) {
        const double z = gz[r], d = gd[r];
        if (z == 0.0 && d == 0.0) continue;
        double* row = Wb + r * L.in;
        for (std::size_t c = 0; c < L.in; ++c) row[c] += d * da[c] + z * a[c];
        bb[r] += z;
      }
    }
    std::fill_n(pz, L.in, 0.0);
    std::fill_n(pd, L.in, 0.0);
    for (std::size_t r = 0; r < L.out; ++r) {
      const double z = gz[r], d = gd[r];
      if (z == 0.0 && d == 0.0) continue;
      const double* row = W + r * L.in;
      for (std::size_t c = 0; c < L.in; ++c) {
        pz[c] += z * row[c];
        pd[c] += d * row[c];
      }
    }
    if (l == 0) break;
    const Layer& P = m_layers[l - 1];
    for (std::size_t c = 0; c < L.in; ++c) {
      const double z = inner[P.z + c], act = inner[P.a + c];
      const double s1 = slope(m_activation, z, act), s2 = curvature(m_activation, z, act);
      pz[c] = s1 * pz[c] + s2 * inner[P.dz + c] * pd[c];
      pd[c] *= s1;
    }
    std::swap(gz, pz);
    std::swap(gd, pd);
  }
  std::copy_n(pz, m_layers.front().in, xsBar);
}

// Glorot (Xavier) uniform weights, zero biases.
void Mlp::initialise(std::vector<double>& w, SeededUniform& random) const {
  for (const Layer& L : m_layers) {
    const double limit = std::sqrt(6.0 / static_cast<double>(L.in + L.out));
    for (std::size_t k = 0; k < L.in * L.out; ++k) w[L.weights + k] = random.symmetric(limit);
  }
}

}  // namespace hf::ml::detail
