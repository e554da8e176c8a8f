#include "library/LibraryJson.h"

namespace hf::library {

LibraryParameter readLibraryParameter(const json::Node& p) {
  LibraryParameter lp;
  lp.name = p.at("name").string();
  lp.start = p.at("start").number();
  lp.lower = p.has("lower") ? p.at("lower").numberOrNull(lp.lower) : lp.lower;
  lp.upper = p.has("upper") ? p.at("upper").numberOrNull(lp.upper) : lp.upper;
  lp.unit = p.string("unit", "");
  lp.description = p.string("description", "");
  lp.logScale = p.boolean("logScale", false);
  if (lp.logScale && !(lp.start > 0)) p.at("start").fail("a log-scale parameter needs a positive start");
  if (!(lp.lower <= lp.start && lp.start <= lp.upper)) p.at("start").fail("start value is outside its bounds");
  return lp;
}

Symbol readLibrarySymbol(const json::Node& n, bool isConstant) {
  Symbol s;
  s.name = n.at("name").string();
  s.unit = n.string("unit", "");
  s.description = n.string("description", "");
  if (isConstant) s.value = n.at("value").number();
  return s;
}

}  // namespace hf::library
