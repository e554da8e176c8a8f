#pragma once
// hybridfit-cli's commands as a function, so tests can run them in-process.

#include <ostream>
#include <string>
#include <vector>

namespace hf::cli {

enum ExitCode { kOk = 0, kInternal = 1, kBadInput = 2, kNotConverged = 3 };

/// Runs one command line (without the program name). Results go to `out`;
/// any problem is one line on `err`, and the return value is the exit code.
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

struct CliArguments;
/// `simulate`: CSV of t, states and observables (SimulateCommand.cpp).
int simulateCommand(const CliArguments& a, std::ostream& out, std::ostream& err);
/// `validate`: cross-validation table or JSON (ValidateCommand.cpp).
int validateCommand(const CliArguments& a, std::ostream& out, std::ostream& err);

}  // namespace hf::cli
