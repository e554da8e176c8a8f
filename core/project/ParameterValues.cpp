#include "project/ParameterValues.h"

#include "common/Error.h"
#include "model/AlgebraicModel.h"

namespace hf::project {

std::vector<double> currentParameterValues(const Project& p, bool* fitted) {
  std::vector<std::string> names;
  std::vector<double> params;
  for (const fit::ParameterSetting& s : p.parameters) {
    names.push_back(s.name);
    params.push_back(s.start);
  }
  if (!p.model.learned().empty() && !p.model.isOde()) {
    try {
      const model::AlgebraicModel m(p.modelDataset(), p.model.spec);
      const std::vector<double> defaults = m.defaultStarts();
      for (std::size_t i = names.size(); i < m.parameterCount() && i < defaults.size(); ++i) {
        names.push_back(m.parameterNames()[i]);
        params.push_back(defaults[i]);
      }
    } catch (const Error&) {
      // the model editor says what is wrong
    }
  }
  if (fitted) *fitted = false;
  if (p.lastResult && p.lastResult->parameters.size() == params.size()) {
    bool same = true;
    for (std::size_t i = 0; i < params.size(); ++i) same = same && p.lastResult->parameters[i].name == names[i];
    if (same) {
      for (std::size_t i = 0; i < params.size(); ++i) params[i] = p.lastResult->parameters[i].value;
      if (fitted) *fitted = true;
    }
  }
  return params;
}

}  // namespace hf::project
