#include "project/OdeModelJson.h"

#include "expr/Expression.h"

#include <algorithm>
#include <cmath>

namespace hf::project {
namespace {

/// Fails at `n` when `text` is not a formula (syntax only; names are
/// resolved when the model is built).
void checkSyntax(const json::Node& n, const std::string& text) {
  try {
    expr::Expression::freeNames(text);
  } catch (const Error& e) {
    n.fail(e.message() + (e.location().position >= 0
                              ? " (at character " + std::to_string(e.location().position + 1) + ")"
                              : std::string()));
  }
}

std::size_t indexOf(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

void odeModelToJson(const OdeModelSettings& ode, nlohmann::json& model) {
  const model::OdeModelSpec& s = ode.spec;
  nlohmann::json states = nlohmann::json::array();
  for (std::size_t i = 0; i < s.equations.states.size(); ++i)
    states.push_back({{"name", s.equations.states[i]},
                      {"rate", s.equations.rates[i]},
                      {"initial", i < s.initial.size() ? s.initial[i] : std::string("0")},
                      {"unit", i < ode.stateUnits.size() ? ode.stateUnits[i] : std::string()}});
  nlohmann::json inputs = nlohmann::json::array();
  for (std::size_t u = 0; u < s.equations.inputs.size(); ++u)
    inputs.push_back(
        {{"name", s.equations.inputs[u]},
         {"interpolation", ode::interpolationName(u < ode.inputInterpolation.size() ? ode.inputInterpolation[u]
                                                                                    : ode::Interpolation::Linear)}});
  nlohmann::json observables = nlohmann::json::array();
  for (const auto& o : s.observables)
    observables.push_back({{"column", o.column}, {"expression", o.expression}, {"sigmaColumn", o.sigmaColumn}});
  model["ode"] = {{"time", s.equations.timeName},
                  {"states", states},
                  {"inputs", inputs},
                  {"observables", observables},
                  {"localParameters", s.localParameters},
                  {"integrator",
                   {{"method", ode::methodName(s.integrator.method)},
                    {"rtol", s.integrator.rtol},
                    {"atol", s.integrator.atol},
                    {"maxSteps", s.integrator.maxSteps}}}};
  nlohmann::json experiments = nlohmann::json::array();
  for (const ExperimentSettings& e : ode.experiments) {
    nlohmann::json initial = nlohmann::json::object(), columns = nlohmann::json::object();
    for (std::size_t i = 0; i < e.initial.size() && i < s.equations.states.size(); ++i)
      if (!e.initial[i].empty()) initial[s.equations.states[i]] = e.initial[i];
    for (std::size_t u = 0; u < e.inputColumns.size() && u < s.equations.inputs.size(); ++u)
      if (!e.inputColumns[u].empty()) columns[s.equations.inputs[u]] = e.inputColumns[u];
    experiments.push_back({{"name", e.name},
                           {"dataset", e.dataset},
                           {"time", e.timeColumn},
                           {"t0", e.t0},
                           {"initial", initial},
                           {"inputs", columns}});
  }
  model["experiments"] = experiments;
}

OdeModelSettings odeModelFromJson(const json::Node& m, const std::vector<ProjectDataset>& datasets) {
  OdeModelSettings out;
  model::OdeModelSpec& s = out.spec;
  const json::Node o = m.at("ode");
  o.allowOnly({"time", "states", "inputs", "observables", "localParameters", "integrator"});
  s.equations.timeName = o.string("time", "t");
  const json::Node states = o.at("states");
  if (states.size() == 0) states.fail("an ODE model needs at least one state");
  for (std::size_t i = 0; i < states.size(); ++i) {
    const json::Node st = states.at(i);
    st.allowOnly({"name", "rate", "initial", "unit"});
    const std::string name = st.at("name").string();
    if (name.empty() || data::toIdentifier(name) != name)
      st.at("name").fail("'" + name + "' is not a name (letters, digits and _, not starting with a digit)");
    if (indexOf(s.equations.states, name) < s.equations.states.size())
      st.at("name").fail("state '" + name + "' is listed twice");
    s.equations.states.push_back(name);
    s.equations.rates.push_back(st.at("rate").string());
    checkSyntax(st.at("rate"), s.equations.rates.back());
    s.initial.push_back(st.at("initial").string());
    checkSyntax(st.at("initial"), s.initial.back());
    out.stateUnits.push_back(st.string("unit", ""));
  }
  if (o.has("inputs")) {
    const json::Node in = o.at("inputs");
    for (std::size_t u = 0; u < in.size(); ++u) {
      const json::Node x = in.at(u);
      x.allowOnly({"name", "interpolation"});
      s.equations.inputs.push_back(x.at("name").string());
      const std::string how = x.string("interpolation", "linear");
      if (how != "linear" && how != "hold") x.at("interpolation").fail("expected linear or hold, not '" + how + "'");
      out.inputInterpolation.push_back(ode::parseInterpolation(how));
    }
  }
  const json::Node obs = o.at("observables");
  if (obs.size() == 0) obs.fail("an ODE model needs at least one observable");
  for (std::size_t k = 0; k < obs.size(); ++k) {
    const json::Node x = obs.at(k);
    x.allowOnly({"column", "expression", "sigmaColumn"});
    model::OdeObservable ob;
    ob.column = x.at("column").string();
    ob.expression = x.string("expression", ob.column);
    checkSyntax(x.has("expression") ? x.at("expression") : x.at("column"), ob.expression);
    ob.sigmaColumn = x.string("sigmaColumn", "");
    s.observables.push_back(ob);
  }
  if (o.has("integrator")) {
    const json::Node g = o.at("integrator");
    g.allowOnly({"method", "rtol", "atol", "maxSteps"});
    const std::string method = g.string("method", "auto");
    try {
      s.integrator.method = ode::parseMethod(method);
    } catch (const Error& e) {
      g.at("method").fail(e.message());
    }
    s.integrator.rtol = g.number("rtol", s.integrator.rtol);
    if (!(s.integrator.rtol > 0 && s.integrator.rtol < 1)) g.at("rtol").fail("rtol must be between 0 and 1");
    s.integrator.atol = g.number("atol", s.integrator.atol);
    if (!(s.integrator.atol >= 0)) g.at("atol").fail("atol must not be negative");
    s.integrator.maxSteps = g.integer("maxSteps", s.integrator.maxSteps);
    if (s.integrator.maxSteps < 1) g.at("maxSteps").fail("maxSteps must be at least 1");
  }

  const json::Node ex = m.at("experiments");
  if (ex.size() == 0) ex.fail("an ODE model needs at least one experiment");
  for (std::size_t k = 0; k < ex.size(); ++k) {
    const json::Node x = ex.at(k);
    x.allowOnly({"name", "dataset", "time", "t0", "initial", "inputs"});
    ExperimentSettings e;
    e.name = x.at("name").string();
    if (e.name.empty()) x.at("name").fail("an experiment needs a name");
    for (const auto& earlier : out.experiments)
      if (earlier.name == e.name) x.at("name").fail("experiment '" + e.name + "' is listed twice");
    e.dataset = x.at("dataset").string();
    const data::Dataset* d = nullptr;
    for (const ProjectDataset& pd : datasets)
      if (pd.data.name == e.dataset) d = &pd.data;
    if (!d) x.at("dataset").fail("no dataset named '" + e.dataset + "' in /datasets");
    e.timeColumn = x.string("time", "t");
    if (d->findColumn(e.timeColumn) < 0)
      (x.has("time") ? x.at("time") : x).fail("no time column '" + e.timeColumn + "' in dataset '" + d->name + "'");
    e.t0 = x.number("t0", 0.0);
    e.initial.assign(s.equations.states.size(), "");
    if (x.has("initial")) {
      const json::Node init = x.at("initial");
      init.requireObject();
      for (const auto& [state, value] : init.raw().items()) {
        const std::size_t i = indexOf(s.equations.states, state);
        if (i >= s.equations.states.size()) init.at(state).fail("'" + state + "' is not a state of the model");
        e.initial[i] = init.at(state).string();
        checkSyntax(init.at(state), e.initial[i]);
      }
    }
    e.inputColumns.assign(s.equations.inputs.size(), "");
    if (x.has("inputs")) {
      const json::Node in = x.at("inputs");
      in.requireObject();
      for (const auto& [input, value] : in.raw().items()) {
        const std::size_t u = indexOf(s.equations.inputs, input);
        if (u >= s.equations.inputs.size()) in.at(input).fail("'" + input + "' is not an input of the model");
        e.inputColumns[u] = in.at(input).string();
      }
    }
    for (std::size_t u = 0; u < s.equations.inputs.size(); ++u) {
      const std::string& col = e.inputColumns[u].empty() ? s.equations.inputs[u] : e.inputColumns[u];
      if (d->findColumn(col) < 0)
        x.fail("no column '" + col + "' for input '" + s.equations.inputs[u] + "' in dataset '" + d->name + "'");
    }
    for (std::size_t k2 = 0; k2 < s.observables.size(); ++k2) {
      const auto& ob = s.observables[k2];
      if (d->findColumn(ob.column) < 0)
        obs.at(k2).at("column").fail("no column '" + ob.column + "' in dataset '" + d->name + "' (experiment '" +
                                     e.name + "')");
      if (!ob.sigmaColumn.empty() && d->findColumn(ob.sigmaColumn) < 0)
        obs.at(k2).at("sigmaColumn").fail("no column '" + ob.sigmaColumn + "' in dataset '" + d->name + "'");
    }
    out.experiments.push_back(e);
  }
  try {
    out.deriveParameters();
  } catch (const Error& e) {
    o.fail(e.message());
  }
  if (o.has("localParameters")) {
    const json::Node l = o.at("localParameters");
    for (std::size_t k = 0; k < l.size(); ++k) {
      const std::string name = l.at(k).string();
      if (indexOf(s.parameters, name) >= s.parameters.size())
        l.at(k).fail("'" + name + "' is not a parameter of the model");
      s.localParameters.push_back(name);
    }
  }
  return out;
}

}  // namespace hf::project
