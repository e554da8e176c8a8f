#pragma once
// An OdeSystem at fixed parameter values and known inputs, seen by an
// integrator as a RightHandSide whose sensitivity directions are chosen
// parameters (the free ones of a fit). Holds its own scratch: one per solve
// or per thread.

#include "ode/InputSeries.h"
#include "ode/Integrator.h"
#include "ode/OdeSystem.h"

#include <span>
#include <vector>

namespace hf::ode {

class BoundSystem : public RightHandSide {
 public:
  /// `parameters`: all of the system's parameters; `directions`: indices into
  /// them, one per sensitivity direction; `inputs` may be null when the
  /// system has none. References must outlive this object.
  BoundSystem(const OdeSystem& system, std::span<const double> parameters, std::vector<std::size_t> directions,
              const InputSeries* inputs = nullptr);

  std::size_t stateCount() const override { return m_system.stateCount(); }
  std::size_t sensitivityCount() const override { return m_directions.size(); }
  bool rates(double t, const double* y, double* f) override;
  bool jacobians(double t, const double* y, double* f, double* jy, double* jp) override;
  bool sensitivityRates(double t, const double* y, const double* s, double* f, double* ds) override;
  bool autonomous() const override { return m_system.inputCount() == 0 && !m_system.usesTime(); }

 private:
  const double* inputsAt(double t);

  const OdeSystem& m_system;
  std::span<const double> m_parameters;
  std::vector<std::size_t> m_directions;
  const InputSeries* m_inputs;
  OdeScratch m_scratch;
  std::vector<double> m_u, m_jpAll;
  std::vector<double> m_jy, m_jp;           ///< sensitivity rates of systems with learned terms
  std::vector<double> m_parameterTangents;  ///< parameters x directions: 1 where direction j is parameter k
  bool m_identity = false;                  ///< directions are all parameters in order
};

}  // namespace hf::ode
