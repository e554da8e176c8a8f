#include "project/ProjectFile.h"

#include "project/OdeModelJson.h"

#include "common/JsonAccess.h"
#include "data/DelimitedReader.h"
#include "expr/Expression.h"
#include "project/LearnedJson.h"
#include "project/PenaltyJson.h"
#include "project/SummaryJson.h"

#include <unistd.h>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace hf::project {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string weightKindName(model::WeightKind k) {
  switch (k) {
    case model::WeightKind::None:
      return "none";
    case model::WeightKind::Sigma:
      return "sigma";
    case model::WeightKind::Weight:
      return "weight";
  }
  return "none";
}

nlohmann::json datasetToJson(const ProjectDataset& d) {
  nlohmann::json j = {{"name", d.data.name}};
  if (!d.embedded()) {
    j["path"] = d.relativePath;
    return j;
  }
  nlohmann::json cols = nlohmann::json::array();
  for (const data::Column& c : d.data.columns) {
    nlohmann::json values = nlohmann::json::array();
    for (double v : c.values) values.push_back(json::numberOrNull(v));
    cols.push_back({{"name", c.name}, {"label", c.label}, {"unit", c.unit}, {"values", values}});
  }
  j["columns"] = cols;
  return j;
}

ProjectDataset datasetFromJson(const json::Node& n, const std::string& baseDir) {
  ProjectDataset d;
  const std::string name = n.at("name").string();
  if (n.has("path")) {
    n.allowOnly({"name", "path"});
    d.relativePath = n.at("path").string();
    if (d.relativePath.empty()) n.at("path").fail("empty data file path");
    const fs::path full =
        fs::path(d.relativePath).is_absolute() ? fs::path(d.relativePath) : fs::path(baseDir) / d.relativePath;
    d.data = data::readDelimitedFile(full.lexically_normal().string());
  } else {
    n.allowOnly({"name", "columns"});
    const json::Node cols = n.at("columns");
    std::size_t rows = 0;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const json::Node c = cols.at(i);
      c.allowOnly({"name", "label", "unit", "values"});
      data::Column col;
      col.name = c.at("name").string();
      if (col.name != data::toIdentifier(col.name))
        c.at("name").fail("column name must be an identifier (letters, digits, _)");
      col.label = c.string("label", col.name);
      col.unit = c.string("unit", "");
      const json::Node values = c.at("values");
      col.values.reserve(values.size());
      for (std::size_t r = 0; r < values.size(); ++r)
        col.values.push_back(values.at(r).numberOrNull(std::numeric_limits<double>::quiet_NaN()));
      if (i == 0)
        rows = col.values.size();
      else if (col.values.size() != rows)
        values.fail("column has " + std::to_string(col.values.size()) + " values, expected " + std::to_string(rows));
      if (d.data.findColumn(col.name) >= 0) c.at("name").fail("duplicate column name '" + col.name + "'");
      d.data.columns.push_back(std::move(col));
    }
  }
  d.data.name = name;
  return d;
}

}  // namespace

namespace {

nlohmann::json modelToJson(const ModelSettings& m) {
  nlohmann::json out;
  if (m.isOde()) {
    out = {{"kind", m.kind}, {"equation", m.equationId}};
    odeModelToJson(m.ode, out);
  } else {
    out = {{"kind", m.kind},
           {"equation", m.equationId},
           {"dataset", m.dataset},
           {"formula", m.spec.formula},
           {"response", m.spec.response},
           {"weights", {{"kind", weightKindName(m.spec.weightKind)}, {"column", m.spec.weightColumn}}}};
  }
  if (!m.learned().empty()) out["learned"] = learnedToJson(m.learned());
  if (!m.penalties().empty()) out["penalties"] = penaltiesToJson(m.penalties());
  return out;
}

}  // namespace

nlohmann::json projectToJson(const Project& p) {
  nlohmann::json datasets = nlohmann::json::array();
  for (const ProjectDataset& d : p.datasets) datasets.push_back(datasetToJson(d));
  nlohmann::json params = nlohmann::json::array();
  for (const fit::ParameterSetting& s : p.parameters) {
    nlohmann::json param = {{"name", s.name},
                            {"start", s.start},
                            {"lower", json::numberOrNull(s.lower)},
                            {"upper", json::numberOrNull(s.upper)},
                            {"fixed", s.fixed},
                            {"unit", s.unit}};
    if (s.autoStart) param["autoStart"] = true;
    if (s.logScale) param["logScale"] = true;  // written only when set: older readers see a plain start
    params.push_back(param);
  }
  const fit::CalibrationOptions& o = p.solver;
  nlohmann::json doc = {{"schemaVersion", Project::kSchemaVersion},
                        {"name", p.name},
                        {"description", p.description},
                        {"datasets", datasets},
                        {"model", modelToJson(p.model)},
                        {"parameters", params},
                        {"solver",
                         {{"maxIterations", o.maxIterations},
                          {"functionTolerance", o.functionTolerance},
                          {"gradientTolerance", o.gradientTolerance},
                          {"parameterTolerance", o.parameterTolerance},
                          {"polishRestarts", o.polishRestarts},
                          {"tryAlternativeStrategies", o.tryAlternativeStrategies},
                          {"multistart", o.multistart},
                          {"loss", fit::toString(o.loss)},
                          {"lossScale", o.lossScale},
                          {"maxSeconds", o.maxSeconds},
                          {"threads", o.threads},
                          {"computeCovariance", o.computeCovariance}}}};
  // Newer solver settings only when set: files without them still open in
  // the builds that came before them.
  const fit::CalibrationOptions defaults;
  nlohmann::json& solver = doc["solver"];
  if (o.validationFraction != defaults.validationFraction) solver["validationFraction"] = o.validationFraction;
  if (o.earlyStoppingPatience != defaults.earlyStoppingPatience)
    solver["earlyStoppingPatience"] = o.earlyStoppingPatience;
  if (o.optimizer != defaults.optimizer) solver["optimizer"] = fit::toString(o.optimizer);
  if (o.learningRate != defaults.learningRate) solver["learningRate"] = o.learningRate;
  if (p.lastResult) doc["lastResult"] = summaryToJson(*p.lastResult);
  return doc;
}

namespace {

void readParameters(const json::Node& root, Project& p) {
  const json::Node params = root.at("parameters");
  for (std::size_t i = 0; i < params.size(); ++i) {
    const json::Node n = params.at(i);
    n.allowOnly({"name", "start", "lower", "upper", "fixed", "unit", "autoStart", "logScale"});
    fit::ParameterSetting s;
    s.name = n.at("name").string();
    for (const fit::ParameterSetting& earlier : p.parameters)
      if (earlier.name == s.name) n.at("name").fail("parameter '" + s.name + "' is listed twice");
    s.start = n.at("start").number();
    s.lower = n.has("lower") ? n.at("lower").numberOrNull(-kInf) : -kInf;
    s.upper = n.has("upper") ? n.at("upper").numberOrNull(kInf) : kInf;
    s.fixed = n.boolean("fixed", false);
    s.unit = n.string("unit", "");
    s.autoStart = n.boolean("autoStart", false);
    s.logScale = n.boolean("logScale", false);
    if (!s.fixed && !(s.lower <= s.start && s.start <= s.upper))
      n.at("start").fail("start value is outside its bounds");
    p.model.spec.parameters.push_back(s.name);
    p.parameters.push_back(s);
  }
}

void readSolverAndResult(const json::Node& root, const nlohmann::json& doc, const std::string& sourceName, Project& p) {
  if (root.has("solver")) {
    const json::Node o = root.at("solver");
    o.allowOnly({"maxIterations", "functionTolerance", "gradientTolerance", "parameterTolerance", "polishRestarts",
                 "tryAlternativeStrategies", "multistart", "loss", "lossScale", "maxSeconds", "threads",
                 "computeCovariance", "validationFraction", "earlyStoppingPatience", "optimizer", "learningRate"});
    fit::CalibrationOptions& so = p.solver;
    so.maxIterations = static_cast<int>(o.integer("maxIterations", so.maxIterations));
    so.functionTolerance = o.number("functionTolerance", so.functionTolerance);
    so.gradientTolerance = o.number("gradientTolerance", so.gradientTolerance);
    so.parameterTolerance = o.number("parameterTolerance", so.parameterTolerance);
    so.polishRestarts = static_cast<int>(o.integer("polishRestarts", so.polishRestarts));
    so.tryAlternativeStrategies = o.boolean("tryAlternativeStrategies", so.tryAlternativeStrategies);
    so.multistart = static_cast<int>(o.integer("multistart", so.multistart));
    if (!fit::parseLossKind(o.string("loss", "none"), so.loss))
      o.at("loss").fail("unknown loss; expected none, huber, cauchy or soft_l1");
    so.lossScale = o.number("lossScale", so.lossScale);
    so.maxSeconds = o.number("maxSeconds", so.maxSeconds);
    so.threads = static_cast<int>(o.integer("threads", so.threads));
    so.computeCovariance = o.boolean("computeCovariance", so.computeCovariance);
    so.validationFraction = o.number("validationFraction", so.validationFraction);
    so.earlyStoppingPatience = static_cast<int>(o.integer("earlyStoppingPatience", so.earlyStoppingPatience));
    if (!fit::parseOptimizer(o.string("optimizer", fit::toString(so.optimizer)), so.optimizer))
      o.at("optimizer").fail("unknown optimizer; expected levenberg-marquardt or adam");
    so.learningRate = o.number("learningRate", so.learningRate);
    if (const auto problems = so.problems(); !problems.empty()) {
      const auto& [field, message] = problems.front();
      if (o.has(field)) o.at(field).fail(message);
      o.fail(message);
    }
  }
  if (root.has("lastResult") && !root.at("lastResult").isNull())
    p.lastResult = summaryFromJson(doc.at("lastResult"), "/lastResult", sourceName);
}

}  // namespace

Project projectFromJson(const nlohmann::json& input, const std::string& baseDir, const std::string& sourceName) {
  nlohmann::json doc = input;
  migrate(doc, sourceName);
  const json::Node root(doc, "", sourceName);
  root.allowOnly({"schemaVersion", "name", "description", "datasets", "model", "parameters", "solver", "lastResult"});
  Project p;
  p.name = root.string("name", "");
  p.description = root.string("description", "");
  const json::Node ds = root.at("datasets");
  for (std::size_t i = 0; i < ds.size(); ++i) p.datasets.push_back(datasetFromJson(ds.at(i), baseDir));

  const json::Node m = root.at("model");
  p.model.kind = m.string("kind", "algebraic");
  if (p.model.kind != "algebraic" && p.model.kind != "ode")
    m.at("kind").fail("unknown model kind '" + p.model.kind + "'; this version knows 'algebraic' and 'ode'");
  p.model.equationId = m.string("equation", "");
  if (p.model.isOde()) {
    m.allowOnly({"kind", "equation", "ode", "experiments", "learned", "penalties"});
    p.model.ode = odeModelFromJson(m, p.datasets);
    if (m.has("learned")) p.model.ode.spec.learned = learnedFromJson(m.at("learned"));
    if (m.has("penalties")) p.model.ode.spec.penalties = penaltiesFromJson(m.at("penalties"));
    readParameters(root, p);
    p.model.spec.parameters.clear();
    readSolverAndResult(root, doc, sourceName, p);
    return p;
  }
  m.allowOnly({"kind", "equation", "dataset", "formula", "response", "weights", "learned", "penalties"});
  p.model.dataset = m.string("dataset", "");
  if (m.has("learned")) p.model.spec.learned = learnedFromJson(m.at("learned"));
  if (m.has("penalties")) p.model.spec.penalties = penaltiesFromJson(m.at("penalties"));
  p.model.spec.formula = m.at("formula").string();
  p.model.spec.response = m.at("response").string();
  // Syntax is checked here so the error names the field; names are
  // resolved against the data when the model is built.
  for (const char* field : {"formula", "response"}) {
    try {
      expr::Expression::freeNames(m.at(field).string());
    } catch (const Error& e) {
      m.at(field).fail(e.message() + (e.location().position >= 0
                                          ? " (at character " + std::to_string(e.location().position + 1) + ")"
                                          : std::string()));
    }
  }
  if (m.has("weights")) {
    const json::Node w = m.at("weights");
    w.allowOnly({"kind", "column"});
    const std::string kind = w.string("kind", "none");
    if (kind == "none")
      p.model.spec.weightKind = model::WeightKind::None;
    else if (kind == "sigma")
      p.model.spec.weightKind = model::WeightKind::Sigma;
    else if (kind == "weight")
      p.model.spec.weightKind = model::WeightKind::Weight;
    else
      w.at("kind").fail("unknown weight kind '" + kind + "'; expected none, sigma or weight");
    p.model.spec.weightColumn = w.string("column", "");
  }
  // References inside the project are checked here, so errors name the field.
  const data::Dataset* fitted = nullptr;
  for (const ProjectDataset& d : p.datasets)
    if (p.model.dataset.empty() || d.data.name == p.model.dataset) {
      fitted = &d.data;
      break;
    }
  if (!fitted)
    (p.model.dataset.empty() ? m : m.at("dataset"))
        .fail(p.datasets.empty() ? std::string("the project has no dataset to fit")
                                 : "no dataset named '" + p.model.dataset + "' in /datasets");
  if (p.model.spec.weightKind != model::WeightKind::None && fitted->findColumn(p.model.spec.weightColumn) < 0)
    m.at("weights").at("column").fail("column '" + p.model.spec.weightColumn + "' is not in dataset '" + fitted->name +
                                      "'");
  readParameters(root, p);
  readSolverAndResult(root, doc, sourceName, p);
  return p;
}

Project loadProject(const std::string& path) {
  ErrorLocation where;
  where.file = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error("project file not found", where);
  if (fs::is_directory(path, ec)) throw Error("this is a folder, not a project file", where);
  if (fs::file_size(path, ec) > (std::size_t(512) << 20)) throw Error("project file is too large (over 512 MB)", where);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open the project file", where);
  std::ostringstream buf;
  buf << in.rdbuf();
  const nlohmann::json doc = json::parse(buf.str(), path);
  const std::string baseDir = fs::absolute(path).parent_path().string();
  return projectFromJson(doc, baseDir, path);
}

void writeFileAtomically(const std::string& path, const std::string& text) {
  ErrorLocation where;
  where.file = path;
  const fs::path target = fs::absolute(path);
  std::random_device rd;
  const fs::path tmp =
      target.parent_path() / ("." + target.filename().string() + ".tmp" + std::to_string(rd() % 1000000));
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw Error(std::string("cannot write in this folder: ") + std::strerror(errno), where);
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool flushed = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  const bool closed = std::fclose(f) == 0;
  if (!written || !flushed || !closed) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw Error("could not write the whole file (disk full?); the previous version is unchanged", where);
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw Error("could not replace the file: " + ec.message(), where);
  }
}

void saveProject(const Project& project, const std::string& path) {
  Project copy = project;
  // Rewrite dataset paths relative to the new location of the project.
  const fs::path newBase = fs::absolute(path).parent_path();
  for (ProjectDataset& d : copy.datasets) {
    if (d.embedded() || d.data.sourcePath.empty()) continue;
    d.relativePath = fs::absolute(d.data.sourcePath).lexically_relative(newBase).string();
  }
  writeFileAtomically(path, projectToJson(copy).dump(1) + "\n");
}

}  // namespace hf::project
