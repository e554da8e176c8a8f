#pragma once
// Command-line syntax of hybridfit-cli.
//   hybridfit-cli fit PROJECT.hfproj [--json] [--out RESULT.json] [--save]
//   hybridfit-cli fit --data FILE (--model EXPR | --equation ID) --y EXPR [--start a=1,b=2]
//                 [--lower ..] [--upper ..] [--fixed a=1,..] [--sigma COL | --weight COL]
//                 [--loss none|huber|cauchy|soft_l1] [--loss-scale X]
//                 [--max-iterations N] [--skip-bad-rows] [--decimal-comma] [--map input=column,...]
//                 [--json] [--out RESULT.json]
//   hybridfit-cli fit --data FILE --ode "dA/dt = ...; ..." --init "A=1, B=B0" [--time t] [--t0 T]
//                 [--observe "col=expr, ..."] [--sigma "col=sigmacol, ..."] [--rtol R] [--atol A]
//                 [--method auto|bdf|adams|dopri5|rodas4] [--start ..] [--lower ..] [--upper ..] [--fixed ..]
//                 [--loss ..] [--max-iterations N] [--json] [--out RESULT.json]
//   hybridfit-cli simulate (PROJECT.hfproj [--experiment NAME] | --ode .. --init .. [--observe ..])
//                 [--param k1=..,k2=..] [--t-end T | --times t1,t2,...] [--rtol R] [--atol A]
//                 [--method M] [--out FILE.csv]
//   hybridfit-cli validate PROJECT.hfproj [--folds K] [--blocked | --experiments] [--holdout F]
//                 [--seed N] [--json] [--out REPORT.json]
//   hybridfit-cli equations [--json]
//   hybridfit-cli --help | --version

#include <string>
#include <utility>
#include <vector>

namespace hf::cli {

enum class Command { Help, Version, Fit, Simulate, Equations, Validate };

struct CliArguments {
  Command command = Command::Help;
  bool json = false;
  std::string outPath;
  // fit PROJECT
  std::string projectPath;
  /// validate: more projects, compared with the first on the same split
  std::vector<std::string> candidates;
  bool save = false;
  // quick fit
  std::string dataPath, model, response;
  std::string equation;  ///< library equation id (instead of --model)
  std::vector<std::pair<std::string, double>> starts, lowers, uppers, fixed;
  std::vector<std::string> logScale;  ///< --log: parameters fitted as log(value)
  std::string sigmaColumn, weightColumn;
  std::string loss;
  double lossScale = 1.0;
  int maxIterations = 0;      ///< 0 = default
  int multistart = -1;        ///< --multistart N; -1 = not given (automatic)
  bool skipBadRows = false;   ///< leave out data rows that are not numbers (with a warning each)
  bool decimalComma = false;  ///< numbers in --data use ',' as decimal separator (default: detected)
  /// --map input=column: the column that stands for a library equation's input.
  std::vector<std::pair<std::string, std::string>> inputMap;
  // ODE quick form (fit and simulate)
  std::string ode, init, observe;  ///< texts of --ode, --init, --observe
  std::string timeColumn = "t";
  double t0 = 0;
  bool t0Given = false;
  double rtol = 0, atol = 0;  ///< 0 = default
  std::string method;         ///< empty = default
  // simulate
  std::vector<std::pair<std::string, double>> params;
  double tEnd = 0;
  bool tEndGiven = false;
  std::vector<double> times;
  std::string experiment;
  // validate
  int folds = 5;
  bool blocked = false;             ///< contiguous blocks in time or space
  bool leaveExperimentOut = false;  ///< --experiments: one experiment per fold
  double holdOut = 0.2;             ///< --holdout F with --folds 1
  long seed = 1;
};

/// Throws hf::Error with a one-line message on bad usage.
CliArguments parseArguments(const std::vector<std::string>& args);

/// Parses "a=1,b=2.5e-3" (whitespace allowed); `option` names the flag in errors.
std::vector<std::pair<std::string, double>> parseAssignments(const std::string& text, const std::string& option);

std::string usage();

}  // namespace hf::cli
