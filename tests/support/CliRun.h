#pragma once
// Runs hybridfit-cli in-process (hf::cli::runCli) for the CLI tests.

#include "CliCommands.h"

#include <QString>
#include <sstream>
#include <string>
#include <vector>

namespace hf::test {

struct CliRun {
  int code = -1;
  std::string out, err;
};

inline CliRun runCli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CliRun r;
  r.code = cli::runCli(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

/// Exit code, the start of stdout and stderr, for failure messages.
inline QString describe(const CliRun& r) {
  return QString("exit %1\nstdout: %2\nstderr: %3")
      .arg(r.code)
      .arg(QString::fromStdString(r.out.substr(0, 600)))
      .arg(QString::fromStdString(r.err));
}

}  // namespace hf::test
