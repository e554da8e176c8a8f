#include "ode/BoundSystem.h"

#include "common/AllFinite.h"
#include "common/Error.h"

#include <algorithm>
#include <cmath>

namespace hf::ode {

BoundSystem::BoundSystem(const OdeSystem& system, std::span<const double> parameters,
                         std::vector<std::size_t> directions, const InputSeries* inputs)
    : m_system(system), m_parameters(parameters), m_directions(std::move(directions)), m_inputs(inputs) {
  if (parameters.size() != system.parameterCount()) throw Error("BoundSystem: wrong number of parameter values");
  for (std::size_t d : m_directions)
    if (d >= parameters.size()) throw Error("BoundSystem: sensitivity direction out of range");
  if (system.inputCount() && (!inputs || inputs->inputCount() != system.inputCount()))
    throw Error("the ODE system uses " + std::to_string(system.inputCount()) + " inputs but their data are missing");
  m_u.resize(system.inputCount());
  m_jpAll.resize(system.stateCount() * system.parameterCount());
  m_parameterTangents.assign(system.parameterCount() * m_directions.size(), 0.0);
  for (std::size_t j = 0; j < m_directions.size(); ++j)
    m_parameterTangents[m_directions[j] * m_directions.size() + j] = 1;
  m_identity = m_directions.size() == parameters.size();
  for (std::size_t j = 0; j < m_directions.size() && m_identity; ++j) m_identity = m_directions[j] == j;
}

const double* BoundSystem::inputsAt(double t) {
  if (m_u.empty()) return nullptr;
  m_inputs->values(t, m_u.data());
  return m_u.data();
}

bool BoundSystem::rates(double t, const double* y, double* f) {
  m_system.rates(t, y, inputsAt(t), m_parameters, f, m_scratch);
  return allFinite(f, m_system.stateCount());
}

bool BoundSystem::jacobians(double t, const double* y, double* f, double* jy, double* jp) {
  const std::size_t n = m_system.stateCount(), np = m_system.parameterCount(), ns = m_directions.size();
  if (!jp) {  // df/dp not wanted
    m_system.jacobians(t, y, inputsAt(t), m_parameters, f, jy, nullptr, m_scratch);
    return allFinite(f, n) && allFinite(jy, n * n);
  }
  if (m_identity && ns > 0) {
    // Every parameter is a direction, in order: the system writes jp.
    m_system.jacobians(t, y, inputsAt(t), m_parameters, f, jy, jp, m_scratch);
    return allFinite(f, n) && allFinite(jy, n * n) && allFinite(jp, n * ns);
  }
  m_system.jacobians(t, y, inputsAt(t), m_parameters, f, jy, ns ? m_jpAll.data() : nullptr, m_scratch);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < ns; ++j) jp[i * ns + j] = m_jpAll[i * np + m_directions[j]];
  return allFinite(f, n) && allFinite(jy, n * n) && allFinite(jp, n * ns);
}

bool BoundSystem::sensitivityRates(double t, const double* y, const double* s, double* f, double* ds) {
  const std::size_t n = m_system.stateCount(), ns = m_directions.size();
  if (m_system.hasLearned()) {
    // dS = J S + df/dp from one reverse sweep per state: a learned term's
    // weights would each be a tangent direction through the network.
    m_jy.resize(n * n);
    m_jp.resize(n * ns);
    if (!jacobians(t, y, f, m_jy.data(), m_jp.data())) return false;
    for (std::size_t i = 0; i < n; ++i) {
      double* out = ds + i * ns;
      std::copy_n(m_jp.data() + i * ns, ns, out);
      for (std::size_t q = 0; q < n; ++q) {
        const double a = m_jy[i * n + q];
        if (a == 0.0) continue;
        const double* row = s + q * ns;
        for (std::size_t j = 0; j < ns; ++j) out[j] += a * row[j];
      }
    }
    return allFinite(ds, n * ns);
  }
  m_system.sensitivityRates(t, y, inputsAt(t), m_parameters, s, m_parameterTangents.data(), ns, f, ds, m_scratch);
  return allFinite(f, n) && allFinite(ds, n * ns);
}

}  // namespace hf::ode
