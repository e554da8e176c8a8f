#include "project/LearnedTermSamples.h"

#include "common/Error.h"
#include "expr/Expression.h"
#include "ml/LearnedFunction.h"
#include "model/LearnedTerms.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hf::project {
namespace {

// The arguments of the model's first call of `component` ("" where one is
// not a plain name; empty when no text calls it).
std::vector<std::string> callArguments(const Project& p, const std::string& component) {
  std::vector<std::string> texts;
  if (p.model.isOde()) {
    const model::OdeModelSpec& s = p.model.ode.spec;
    texts = s.equations.rates;
    for (const model::OdeObservable& o : s.observables) texts.push_back(o.expression);
    texts.insert(texts.end(), s.initial.begin(), s.initial.end());
  } else {
    texts = {p.model.spec.formula};
  }
  for (const std::string& t : texts) {
    try {
      if (auto args = expr::Expression::learnedArguments(t, component); !args.empty()) return args;
    } catch (const Error&) {
      // a text with a syntax error: the model editor says so
    }
  }
  return {};
}

// Per dataset the model reads: which of its columns holds each name (a
// column of an algebraic model's data; an ODE experiment's time, the
// column observing a state directly, or an input's column).
std::vector<std::pair<const data::Dataset*, std::map<std::string, std::string>>> namedColumns(const Project& p) {
  std::vector<std::pair<const data::Dataset*, std::map<std::string, std::string>>> out;
  if (!p.model.isOde()) {
    std::map<std::string, std::string> same;
    for (const data::Column& c : p.modelDataset().columns) same[c.name] = c.name;
    out.emplace_back(&p.modelDataset(), same);
    return out;
  }
  const model::OdeModelSpec& s = p.model.ode.spec;
  for (const ExperimentSettings& e : p.model.ode.experiments) {
    const data::Dataset* d = p.findDataset(e.dataset);
    if (!d) continue;
    std::map<std::string, std::string> names{{s.equations.timeName, e.timeColumn}};
    for (const model::OdeObservable& o : s.observables) {
      std::string text = o.expression;
      text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
      if (std::find(s.equations.states.begin(), s.equations.states.end(), text) != s.equations.states.end())
        names.emplace(text, o.column);
    }
    for (std::size_t u = 0; u < s.equations.inputs.size(); ++u)
      names[s.equations.inputs[u]] =
          u < e.inputColumns.size() && !e.inputColumns[u].empty() ? e.inputColumns[u] : s.equations.inputs[u];
    out.emplace_back(d, names);
  }
  return out;
}

}  // namespace

std::vector<std::string> learnedOutputs(const Project& project) {
  std::vector<std::string> out;
  for (const ml::LearnedSpec& s : project.model.learned())
    for (std::size_t k = 1; k <= s.outputs; ++k)
      out.push_back(s.outputs == 1 ? s.name : s.name + "[" + std::to_string(k) + "]");
  return out;
}

LearnedTermSamples sampleLearnedTerm(const Project& project, const std::string& component, int output) {
  const auto& learned = project.model.learned();
  const auto spec =
      std::find_if(learned.begin(), learned.end(), [&](const ml::LearnedSpec& s) { return s.name == component; });
  if (spec == learned.end()) throw Error("the model has no learned component '" + component + "'");
  const std::string who = "learned component '" + component + "'";
  if (spec->inputs > 2) throw Error(who + " has " + std::to_string(spec->inputs) + " inputs; plots show one or two");
  if (output < 1 || static_cast<std::size_t>(output) > spec->outputs)
    throw Error(who + " has no output " + std::to_string(output));
  const std::shared_ptr<const ml::LearnedFunction> f = ml::LearnedFunction::create(*spec);
  const std::size_t ni = spec->inputs, no = spec->outputs;

  LearnedTermSamples s;
  s.component = component;
  s.output = output;
  std::vector<double> w = f->initialWeights();
  if (project.lastResult) {
    std::map<std::string, double> fitted;
    for (const fit::ParameterEstimate& e : project.lastResult->parameters) fitted[e.name] = e.value;
    std::vector<double> mine;
    for (std::size_t k = 0; k < f->weightCount(); ++k) {
      const auto it = fitted.find(model::LearnedTerms::weightName(component, k));
      if (it == fitted.end() || !std::isfinite(it->second)) break;
      mine.push_back(it->second);
    }
    if (mine.size() == w.size() && !fitted.count(model::LearnedTerms::weightName(component, w.size()))) {
      w = std::move(mine);
      s.fitted = true;
    }
  }

  std::vector<std::string> args = callArguments(project, component);
  args.resize(ni);
  for (std::size_t i = 0; i < ni; ++i) s.inputs.push_back(args[i].empty() ? "input " + std::to_string(i + 1) : args[i]);
  // The inputs at the data, where every argument is a name with a column.
  s.dataInputs.assign(ni, {});
  const bool named = std::none_of(args.begin(), args.end(), [](const std::string& a) { return a.empty(); });
  for (const auto& [data, columns] : named ? namedColumns(project) : decltype(namedColumns(project)){}) {
    std::vector<const std::vector<double>*> cols;
    for (const std::string& a : args) {
      const auto it = columns.find(a);
      const int c = it == columns.end() ? -1 : data->findColumn(it->second);
      if (c < 0) break;
      cols.push_back(&data->columns[static_cast<std::size_t>(c)].values);
    }
    if (cols.size() != ni) continue;
    for (std::size_t r = 0; r < data->rowCount(); ++r) {
      bool finite = true;
      for (const auto* c : cols) finite = finite && std::isfinite((*c)[r]);
      if (!finite) continue;
      for (std::size_t i = 0; i < ni; ++i) s.dataInputs[i].push_back((*cols[i])[r]);
    }
  }
  if (s.dataInputs[0].empty()) s.dataInputs.clear();

  std::vector<double> scratch(f->scratchSize()), x(ni), y(no);
  const auto evaluate = [&](const double* at) {
    f->evaluate(at, w.data(), y.data(), scratch.data());
    return y[static_cast<std::size_t>(output - 1)];
  };
  const std::size_t count = ni == 1 ? 200 : 41;
  for (std::size_t i = 0; i < ni; ++i) {
    double lo, hi;
    if (!s.dataInputs.empty()) {
      const auto [mn, mx] = std::minmax_element(s.dataInputs[i].begin(), s.dataInputs[i].end());
      lo = *mn;
      hi = *mx;
    } else {
      const double offset = i < spec->inputOffset.size() ? spec->inputOffset[i] : 0.0;
      const double scale = i < spec->inputScale.size() ? spec->inputScale[i] : 1.0;
      lo = offset - std::fabs(scale);
      hi = offset + std::fabs(scale);
    }
    if (!(hi > lo)) hi = lo + 1;
    std::vector<double> g(count);
    for (std::size_t k = 0; k < count; ++k) g[k] = lo + (hi - lo) * static_cast<double>(k) / (count - 1);
    s.grid.push_back(std::move(g));
  }
  if (ni == 1) {
    for (double v : s.grid[0]) s.values.push_back(evaluate(&v));
  } else {
    for (std::size_t j = 0; j < count; ++j)
      for (std::size_t i = 0; i < count; ++i) {
        x = {s.grid[0][i], s.grid[1][j]};
        s.values.push_back(evaluate(x.data()));
      }
  }
  if (!s.dataInputs.empty())
    for (std::size_t r = 0; r < s.dataInputs[0].size(); ++r) {
      for (std::size_t i = 0; i < ni; ++i) x[i] = s.dataInputs[i][r];
      s.dataValues.push_back(evaluate(x.data()));
    }
  return s;
}

}  // namespace hf::project
