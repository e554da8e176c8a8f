#include "CliArguments.h"

#include "common/Error.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace hf::cli {
namespace {

std::string trim(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

double parseNumber(const std::string& text, const std::string& what) {
  const std::string t = trim(text);
  double v = 0;
  const char* first = t.data();
  if (!t.empty() && t[0] == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v))
    throw Error(what + ": expected a number, found '" + t + "'");
  return v;
}

std::vector<std::string> parseNameList(const std::string& text, const std::string& what) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = trim(text.substr(pos, comma - pos));
    pos = comma + 1;
    if (item.empty()) {
      if (comma == text.size() && !out.empty()) break;
      throw Error(what + ": expected parameter names separated by commas");
    }
    out.push_back(item);
  }
  return out;
}

std::vector<double> parseNumberList(const std::string& text, const std::string& what) {
  std::vector<double> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = trim(text.substr(pos, comma - pos));
    pos = comma + 1;
    if (item.empty() && comma == text.size()) break;
    out.push_back(parseNumber(item, what));
  }
  if (out.empty()) throw Error(what + ": expected numbers separated by commas");
  for (std::size_t k = 1; k < out.size(); ++k)
    if (out[k] < out[k - 1]) throw Error(what + ": the times must be in increasing order");
  return out;
}

// validate PROJECT [PROJECT...] [--folds K] [--blocked | --experiments] [--holdout F] [--seed N] [--json]
//          [--out F]
CliArguments parseValidate(const std::vector<std::string>& args) {
  CliArguments a;
  a.command = Command::Validate;
  bool foldsGiven = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw Error(arg + " needs a value");
      return args[++i];
    };
    if (arg == "--help" || arg == "-h") {
      a.command = Command::Help;
      return a;
    } else if (arg == "--json") {
      a.json = true;
    } else if (arg == "--out") {
      a.outPath = value();
    } else if (arg == "--folds") {
      const double v = parseNumber(value(), arg);
      if (v < 1 || v != std::floor(v) || v > 1000) throw Error("--folds: expected a whole number from 1 to 1000");
      a.folds = static_cast<int>(v);
      foldsGiven = true;
    } else if (arg == "--blocked") {
      a.blocked = true;
    } else if (arg == "--experiments") {
      a.leaveExperimentOut = true;
    } else if (arg == "--holdout") {
      a.holdOut = parseNumber(value(), arg);
      if (!(a.holdOut > 0 && a.holdOut < 1)) throw Error("--holdout: expected a fraction between 0 and 1");
    } else if (arg == "--seed") {
      const double v = parseNumber(value(), arg);
      if (v < 0 || v != std::floor(v) || v > 2147483647) throw Error("--seed: expected a whole number >= 0");
      a.seed = static_cast<long>(v);
    } else if (!arg.empty() && arg[0] == '-') {
      throw Error("validate: unknown option '" + arg + "' (see --help)");
    } else if (a.projectPath.empty()) {
      a.projectPath = arg;
    } else {
      a.candidates.push_back(arg);  // compared with the first
    }
  }
  if (a.projectPath.empty()) throw Error("validate: give a project file (PROJECT.hfproj)");
  if (a.blocked && a.leaveExperimentOut) throw Error("validate: --blocked and --experiments exclude each other");
  if (a.leaveExperimentOut && foldsGiven) throw Error("validate: --experiments makes one fold per experiment");
  return a;
}

}  // namespace

std::string usage() {
  return "usage:\n"
         "  hybridfit-cli fit PROJECT.hfproj [--json] [--out RESULT.json] [--save]\n"
         "  hybridfit-cli fit --data FILE (--model EXPR | --equation ID) --y EXPR [--start name=value,...]\n"
         "                [--lower name=value,...] [--upper name=value,...] [--fixed name=value,...]\n"
         "                [--log name,...] [--multistart N]\n"
         "                [--sigma COLUMN | --weight COLUMN] [--loss none|huber|cauchy|soft_l1]\n"
         "                [--loss-scale X] [--max-iterations N] [--skip-bad-rows] [--decimal-comma]\n"
         "                [--map input=column,...] [--json] [--out RESULT.json]\n"
         "  hybridfit-cli fit --data FILE --ode \"dA/dt = -k1*A; dB/dt = k1*A - k2*B\" --init \"A=1, B=B0\"\n"
         "                [--time COLUMN] [--t0 T] [--observe \"col=expr,...\"] [--sigma \"col=sigmacol,...\"]\n"
         "                [--rtol R] [--atol A] [--method auto|bdf|adams|dopri5|rodas4] [--start ..] [--lower ..]\n"
         "                [--upper ..] [--fixed ..] [--log ..] [--multistart N] [--loss ..] [--max-iterations N]\n"
         "                [--json] [--out RESULT.json]\n"
         "  hybridfit-cli simulate (PROJECT.hfproj [--experiment NAME] | --ode .. --init .. [--observe ..])\n"
         "                [--param name=value,...] [--t-end T | --times t1,t2,...] [--t0 T] [--rtol R]\n"
         "                [--atol A] [--method M] [--out FILE.csv]\n"
         "  hybridfit-cli validate PROJECT.hfproj [MORE.hfproj ...] [--folds K] [--blocked | --experiments]\n"
         "                [--holdout F] [--seed N] [--json] [--out REPORT.json]\n"
         "  hybridfit-cli equations [--json]\n"
         "  hybridfit-cli --help | --version\n"
         "Variables in --model are the data's column names; every other name is a parameter.\n"
         "A parameter without --start (or --fixed) gets a start chosen from the data (said on\n"
         "stderr). --equation takes the formula, bounds and constants of a library equation;\n"
         "its inputs are the columns of the same name, or those given with --map (S=conc), or\n"
         "else the first free columns (said on stderr). --y is a column or an expression of\n"
         "columns. --skip-bad-rows leaves out data rows with text where a number belongs (each\n"
         "is reported on stderr) instead of stopping. --decimal-comma reads 0,5 as one half\n"
         "(otherwise detected). --max-iterations bounds all solver iterations of the fit.\n"
         "--log k1,k2 fits those parameters as log(value): for rate constants that span\n"
         "decades or start far from the optimum (the start must be positive).\n"
         "--multistart N also fits from N starts around the given ones and keeps the best;\n"
         "by default 12 are tried when the fit does not converge or R^2 < 0.9 and the data\n"
         "have at most 100,000 values (0: never).\n"
         "ODE models: --ode takes equations dX/dt = expression separated by ';' or new lines;\n"
         "--init each state's initial value (a number or an expression of parameters) at --t0\n"
         "(default 0); --observe data column = expression of states and parameters (default: every\n"
         "state with a column of its name); --sigma a standard-deviation column per observed column;\n"
         "--time the data's time column (default t). simulate writes t, the states and the\n"
         "observables as CSV (all digits) at --times, or 101 times up to --t-end, or the data's times.\n"
         "Exit status: 0 converged, 3 fit did not converge, 2 bad input.\n";
}

std::vector<std::pair<std::string, double>> parseAssignments(const std::string& text, const std::string& option) {
  std::vector<std::pair<std::string, double>> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = trim(text.substr(pos, comma - pos));
    pos = comma + 1;
    if (item.empty()) {
      if (comma == text.size()) break;
      throw Error(option + ": empty entry in '" + text + "'; expected name=value,name=value");
    }
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) throw Error(option + ": '" + item + "' is not of the form name=value");
    const std::string name = trim(item.substr(0, eq));
    if (name.empty()) throw Error(option + ": missing name before '=' in '" + item + "'");
    for (const auto& [n, v] : out)
      if (n == name) throw Error(option + ": '" + name + "' is given twice");
    out.emplace_back(name, parseNumber(item.substr(eq + 1), option + " " + name));
  }
  if (out.empty()) throw Error(option + ": expected name=value,...");
  return out;
}

std::vector<std::pair<std::string, std::string>> parseMapping(const std::string& text, const std::string& option) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = trim(text.substr(pos, comma - pos));
    pos = comma + 1;
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos) throw Error(option + ": '" + item + "' is not of the form input=column");
    const std::string input = trim(item.substr(0, eq)), column = trim(item.substr(eq + 1));
    if (input.empty() || column.empty()) throw Error(option + ": '" + item + "' is not of the form input=column");
    for (const auto& [n, c] : out)
      if (n == input) throw Error(option + ": '" + input + "' is given twice");
    out.emplace_back(input, column);
  }
  if (out.empty()) throw Error(option + ": expected input=column,...");
  return out;
}

CliArguments parseArguments(const std::vector<std::string>& args) {
  CliArguments a;
  if (args.empty()) throw Error("no command given; try 'hybridfit-cli --help'");
  std::size_t i = 0;
  const std::string& cmd = args[i++];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") return a;
  if (cmd == "--version") {
    a.command = Command::Version;
    return a;
  }
  if (cmd == "fit")
    a.command = Command::Fit;
  else if (cmd == "simulate")
    a.command = Command::Simulate;
  else if (cmd == "equations")
    a.command = Command::Equations;
  else if (cmd == "validate")
    return parseValidate(args);
  else
    throw Error("unknown command '" + cmd + "'; expected fit, simulate, validate or equations (see --help)");

  bool lossScaleGiven = false;
  auto value = [&](const std::string& flag) -> std::string {
    if (i >= args.size()) throw Error(flag + " needs a value");
    return args[i++];
  };
  while (i < args.size()) {
    const std::string arg = args[i++];
    if (arg == "--json")
      a.json = true;
    else if (arg == "--help" || arg == "-h") {
      a.command = Command::Help;
      return a;
    } else if (a.command == Command::Equations)
      throw Error("equations: unknown option '" + arg + "'");
    else if (arg == "--out")
      a.outPath = value(arg);
    else if (arg == "--save")
      a.save = true;
    else if (arg == "--data")
      a.dataPath = value(arg);
    else if (arg == "--model")
      a.model = value(arg);
    else if (arg == "--equation")
      a.equation = value(arg);
    else if (arg == "--y")
      a.response = value(arg);
    else if (arg == "--start")
      a.starts = parseAssignments(value(arg), arg);
    else if (arg == "--lower")
      a.lowers = parseAssignments(value(arg), arg);
    else if (arg == "--upper")
      a.uppers = parseAssignments(value(arg), arg);
    else if (arg == "--fixed")
      a.fixed = parseAssignments(value(arg), arg);
    else if (arg == "--log")
      a.logScale = parseNameList(value(arg), arg);
    else if (arg == "--sigma")
      a.sigmaColumn = value(arg);
    else if (arg == "--weight")
      a.weightColumn = value(arg);
    else if (arg == "--loss")
      a.loss = value(arg);
    else if (arg == "--loss-scale") {
      a.lossScale = parseNumber(value(arg), arg);
      lossScaleGiven = true;
    } else if (arg == "--max-iterations") {
      const double v = parseNumber(value(arg), arg);
      if (v < 1 || v != std::floor(v) || v > 1e9) throw Error("--max-iterations: expected a positive whole number");
      a.maxIterations = static_cast<int>(v);
    } else if (arg == "--multistart") {
      const double v = parseNumber(value(arg), arg);
      if (v < 0 || v != std::floor(v) || v > 10000)
        throw Error("--multistart: expected a whole number of starts from 0 (never) to 10000");
      a.multistart = static_cast<int>(v);
    } else if (arg == "--skip-bad-rows") {
      a.skipBadRows = true;
    } else if (arg == "--decimal-comma") {
      a.decimalComma = true;
    } else if (arg == "--map") {
      a.inputMap = parseMapping(value(arg), arg);
    } else if (arg == "--ode") {
      a.ode = value(arg);
    } else if (arg == "--init") {
      a.init = value(arg);
    } else if (arg == "--observe") {
      a.observe = value(arg);
    } else if (arg == "--time") {
      a.timeColumn = value(arg);
    } else if (arg == "--t0") {
      a.t0 = parseNumber(value(arg), arg);
      a.t0Given = true;
    } else if (arg == "--rtol" || arg == "--atol") {
      const double v = parseNumber(value(arg), arg);
      if (!(v > 0) || v >= 1) throw Error(arg + ": expected a number between 0 and 1");
      (arg == "--rtol" ? a.rtol : a.atol) = v;
    } else if (arg == "--method") {
      a.method = value(arg);
    } else if (arg == "--param" && a.command == Command::Simulate) {
      a.params = parseAssignments(value(arg), arg);
    } else if (arg == "--t-end" && a.command == Command::Simulate) {
      a.tEnd = parseNumber(value(arg), arg);
      a.tEndGiven = true;
    } else if (arg == "--times" && a.command == Command::Simulate) {
      a.times = parseNumberList(value(arg), arg);
    } else if (arg == "--experiment" && a.command == Command::Simulate) {
      a.experiment = value(arg);
    } else if (!arg.empty() && arg[0] == '-')
      throw Error(cmd + ": unknown option '" + arg + "' (see --help)");
    else if (a.projectPath.empty())
      a.projectPath = arg;
    else
      throw Error(cmd + ": unexpected argument '" + arg + "'");
  }
  const bool odeQuick = !a.ode.empty() || !a.init.empty() || !a.observe.empty();
  if (odeQuick && (!a.model.empty() || !a.equation.empty() || !a.response.empty() || !a.weightColumn.empty() ||
                   !a.inputMap.empty()))
    throw Error(cmd + ": --ode describes the model; --model, --equation, --y, --weight and --map are for formulas");
  if (odeQuick && a.ode.empty()) throw Error(cmd + ": --init and --observe need --ode");
  if (!a.ode.empty() && a.init.empty())
    throw Error(cmd + ": --init is required with --ode (each state's initial value)");
  if (a.command == Command::Simulate) {
    if (!a.projectPath.empty() && odeQuick) throw Error("simulate: give a project file or --ode, not both");
    if (a.projectPath.empty() && a.ode.empty()) throw Error("simulate: give a project file or --ode and --init");
    if (a.tEndGiven && !a.times.empty()) throw Error("simulate: give --t-end or --times, not both");
    if (a.projectPath.empty() && !a.tEndGiven && a.times.empty() && a.dataPath.empty())
      throw Error("simulate: say when: --t-end T, --times t1,t2,... or --data FILE (its times)");
    if (!a.projectPath.empty() &&
        (a.projectPath.size() < 7 || a.projectPath.substr(a.projectPath.size() - 7) != ".hfproj"))
      throw Error("simulate: '" + a.projectPath + "' is not a project file (.hfproj)");
    return a;
  }
  if (a.command == Command::Fit && !a.ode.empty()) {
    if (!a.projectPath.empty()) throw Error("fit: give a project file or the quick-fit options, not both");
    if (a.dataPath.empty()) throw Error("fit: --ode needs --data FILE with the measured time series");
    if (a.save) throw Error("fit: --save stores the result in a project file; it needs a PROJECT.hfproj");
    return a;
  }
  if (a.rtol > 0 || a.atol > 0 || !a.method.empty() || a.t0Given || a.timeColumn != "t")
    throw Error(cmd + ": --rtol, --atol, --method, --t0 and --time are for ODE models (--ode)" +
                (a.projectPath.empty() ? std::string() : "; a project file holds its own settings"));
  if (a.command == Command::Fit) {
    const bool quick = !a.dataPath.empty() || !a.model.empty() || !a.equation.empty() || !a.response.empty() ||
                       !a.starts.empty() || !a.lowers.empty() || !a.uppers.empty() || !a.fixed.empty() ||
                       !a.logScale.empty() || !a.sigmaColumn.empty() || !a.weightColumn.empty() || !a.loss.empty() ||
                       lossScaleGiven || a.maxIterations > 0 || a.multistart >= 0 || a.skipBadRows || a.decimalComma ||
                       !a.inputMap.empty();
    if (!a.projectPath.empty() && quick)
      throw Error(
          "fit: give either a project file or the quick-fit options (--data, --model, --y, --start, --lower, "
          "--upper, --fixed, --log, --sigma, --weight, --loss, --loss-scale, --max-iterations, --skip-bad-rows, "
          "--decimal-comma, --map), not both");
    if (a.projectPath.empty()) {
      if (a.save) throw Error("fit: --save stores the result in a project file; it needs a PROJECT.hfproj");
      if (a.dataPath.empty()) throw Error("fit: give a project file, or --data FILE with --model and --y");
      if (!a.inputMap.empty() && a.equation.empty())
        throw Error("fit: --map names the columns for a library equation's inputs; it needs --equation");
      if (a.model.empty() && a.equation.empty())
        throw Error("fit: --model EXPR (or --equation ID from the library) is required with --data");
      if (!a.model.empty() && !a.equation.empty()) throw Error("fit: give --model or --equation, not both");
      if (a.response.empty()) throw Error("fit: --y COLUMN (or expression of columns) is required with --data");
    } else if (a.projectPath.size() < 7 || a.projectPath.substr(a.projectPath.size() - 7) != ".hfproj") {
      throw Error("fit: '" + a.projectPath + "' is not a project file (.hfproj); for a data file use --data");
    }
    if (!a.sigmaColumn.empty() && !a.weightColumn.empty()) throw Error("fit: give --sigma or --weight, not both");
  }
  return a;
}

}  // namespace hf::cli
