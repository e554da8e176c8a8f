// hybridfit-cli: headless calibration. See CliArguments.h for the syntax.
#include "CliCommands.h"

#include <iostream>

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return hf::cli::runCli(args, std::cout, std::cerr);
}
