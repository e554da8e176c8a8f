#!/usr/bin/env python3
"""Validate resources/equations.json, the HybridFit equation library.

Usage:  python3 resources/check_equations.py [path/to/equations.json]

Developer tool only (not a build step); standard library only.

Checks
  * schema: top-level keys, every entry field present with the right type,
    no unknown keys, unique ids / names / formulas, allowed categories,
    ASCII units, numeric bounds (number or null), start within bounds;
  * names: identifiers, not 'pi'/'e'/a function name, no name used twice in an
    entry across response/variables/parameters/constants;
  * formula: tokenised and parsed with the grammar of the C++ parser
    (+ - * / ^, ^ right-associative and binding tighter than unary minus,
    calls with the right arity, no implicit multiplication), every name a
    declared symbol, pi or e, every declared symbol actually used;
  * evaluation: the formula is evaluated with Python's math module at the
    default parameter starts and the entry's "example" variable values and the
    result must be a finite real number; the parser-based evaluation is
    cross-checked against a plain '^' -> '**' translation; every parameter
    must change the result when nudged (catches dead parameters).

Exits 0 when everything passes, 1 on any problem (all problems are listed).
"""

import json
import math
import re
import sys
from pathlib import Path

CATEGORIES = [
    "Kinetics", "Growth & decay", "Thermodynamics", "Adsorption", "Biochemistry",
    "Peaks & spectroscopy", "Mechanics", "Heat transfer", "Statistics & reliability",
    "Oscillations", "Empirical",
]

# Laws the library must contain (by id).
REQUIRED_IDS = [
    "arrhenius", "exponential_decay", "logistic_growth", "gompertz", "weibull_cdf",
    "michaelis_menten", "hill", "monod", "power_law", "langmuir", "freundlich",
    "antoine", "newton_cooling", "damped_oscillation", "gaussian_peak",
    "lorentzian_peak", "beer_lambert", "stokes_drag", "hooke",
]
MIN_ENTRIES = 24


def _sign(x):
    return 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)


def _heaviside(x):
    return 1.0 if x >= 0 else 0.0  # same convention as core/expr/FunctionTable.cpp


def _pow(a, b):
    return math.pow(a, b)  # raises ValueError instead of returning a complex


# name -> (arity, python implementation)
FUNCTIONS = {
    "exp": (1, math.exp), "log": (1, math.log), "log10": (1, math.log10),
    "sqrt": (1, math.sqrt), "abs": (1, math.fabs), "pow": (2, _pow),
    "min": (2, min), "max": (2, max),
    "sin": (1, math.sin), "cos": (1, math.cos), "tan": (1, math.tan),
    "asin": (1, math.asin), "acos": (1, math.acos), "atan": (1, math.atan),
    "atan2": (2, math.atan2),
    "sinh": (1, math.sinh), "cosh": (1, math.cosh), "tanh": (1, math.tanh),
    "erf": (1, math.erf), "erfc": (1, math.erfc),
    "lgamma": (1, math.lgamma), "gamma": (1, math.gamma),
    "expm1": (1, math.expm1), "log1p": (1, math.log1p),
    "hypot": (2, math.hypot), "sign": (1, _sign), "heaviside": (1, _heaviside),
}
BUILTIN_CONSTANTS = {"pi": math.pi, "e": math.e}

IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
ID_RE = re.compile(r"^[a-z0-9_]+$")
NUMBER_RE = re.compile(r"(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")

ENTRY_KEYS = {"id", "name", "category", "description", "formula", "response",
              "variables", "parameters", "constants", "reference"}
OPTIONAL_ENTRY_KEYS = {"example"}
SYMBOL_KEYS = {"name", "unit", "description"}
PARAMETER_KEYS = {"name", "start", "lower", "upper", "unit", "description"}
CONSTANT_KEYS = {"name", "value", "unit", "description"}


class FormulaError(Exception):
    pass


# --------------------------------------------------------------------------
# Tokeniser and parser (mirrors core/expr/detail/Parser.cpp, restricted to the
# documented language: '^' only, no '**').
# --------------------------------------------------------------------------
def tokenize(text):
    tokens = []  # (kind, text, position)
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit() or (c == "." and i + 1 < len(text) and text[i + 1].isdigit()):
            m = NUMBER_RE.match(text, i)
            tokens.append(("num", m.group(0), i))
            i = m.end()
            continue
        if c.isalpha() or c == "_":
            j = i
            while j < len(text) and (text[j].isalnum() or text[j] == "_"):
                j += 1
            if not text[i:j].isascii():
                raise FormulaError(f"non-ASCII name '{text[i:j]}' at position {i + 1}")
            tokens.append(("name", text[i:j], i))
            i = j
            continue
        if c == "*" and text[i:i + 2] == "**":
            raise FormulaError(f"'**' at position {i + 1}: use '^' for powers")
        if c in "+-*/^(),":
            tokens.append((c, c, i))
            i += 1
            continue
        raise FormulaError(f"unexpected character '{c}' at position {i + 1}")
    tokens.append(("end", "", len(text)))
    return tokens


class Parser:
    """Recursive descent; emits a fully parenthesised Python expression.

    Grammar (same as the C++ parser):
        expr    := term (('+'|'-') term)*
        term    := unary (('*'|'/') unary)*
        unary   := ('+'|'-') unary | power
        power   := primary ('^' unary)?
        primary := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
    """

    def __init__(self, text, symbols):
        self.tokens = tokenize(text)
        self.pos = 0
        self.symbols = symbols  # declared names (variables, parameters, constants)
        self.used = set()

    def peek(self):
        return self.tokens[self.pos]

    def take(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def fail(self, msg, tok=None):
        tok = tok or self.peek()
        where = "end of formula" if tok[0] == "end" else f"position {tok[2] + 1}"
        raise FormulaError(f"{msg} (at {where})")

    def parse(self):
        if self.peek()[0] == "end":
            self.fail("empty formula")
        code = self.expr()
        tok = self.peek()
        if tok[0] != "end":
            if tok[0] == ")":
                self.fail("unbalanced ')'")
            self.fail(f"unexpected '{tok[1]}'; expected an operator or the end "
                      "(implicit multiplication is not allowed)")
        return code

    def expr(self):
        left = self.term()
        while self.peek()[0] in ("+", "-"):
            op = self.take()[0]
            left = f"({left} {op} {self.term()})"
        return left

    def term(self):
        left = self.unary()
        while self.peek()[0] in ("*", "/"):
            op = self.take()[0]
            left = f"({left} {op} {self.unary()})"
        return left

    def unary(self):
        if self.peek()[0] in ("+", "-"):
            op = self.take()[0]
            operand = self.unary()
            return f"(-{operand})" if op == "-" else operand
        return self.power()

    def power(self):
        base = self.primary()
        if self.peek()[0] == "^":
            self.take()
            return f"_pow({base}, {self.unary()})"
        return base

    def primary(self):
        tok = self.take()
        kind, text, _ = tok
        if kind == "num":
            return repr(float(text))
        if kind == "name":
            if self.peek()[0] == "(":
                if text not in FUNCTIONS:
                    self.fail(f"unknown function '{text}'", tok)
                self.take()
                if self.peek()[0] == ")":
                    self.fail(f"function '{text}' needs an argument")
                args = [self.expr()]
                while self.peek()[0] == ",":
                    self.take()
                    args.append(self.expr())
                if self.peek()[0] != ")":
                    self.fail(f"expected ')' to close the call of '{text}'")
                self.take()
                arity = FUNCTIONS[text][0]
                if len(args) != arity:
                    self.fail(f"function '{text}' takes {arity} argument(s), got {len(args)}", tok)
                return f"_f[{text!r}]({', '.join(args)})"
            if text in self.symbols:
                self.used.add(text)
                return f"_s[{text!r}]"
            if text in BUILTIN_CONSTANTS:
                return repr(BUILTIN_CONSTANTS[text])
            if text in FUNCTIONS:
                self.fail(f"function '{text}' used without '('", tok)
            self.fail(f"undeclared name '{text}'", tok)
        if kind == "(":
            inner = self.expr()
            if self.peek()[0] != ")":
                self.fail(f"missing ')' for the '(' at position {tok[2] + 1}")
            self.take()
            return f"({inner})"
        if kind == "end":
            self.fail("formula ends too early", tok)
        self.fail(f"unexpected '{text}'; expected a number, a name or '('", tok)


def naive_python(text, symbols):
    """Plain translation: '^' -> '**', names -> lookups (cross-check only)."""
    out = []
    for kind, tok, _ in tokenize(text)[:-1]:
        if kind == "name":
            if tok in FUNCTIONS:
                out.append(f"_f[{tok!r}]")
            elif tok in symbols:
                out.append(f"_s[{tok!r}]")
            else:
                out.append(repr(BUILTIN_CONSTANTS[tok]))
        elif kind == "^":
            out.append("**")
        elif kind == "num":
            out.append(repr(float(tok)))
        else:
            out.append(tok)
    return " ".join(out)


def evaluate(code, values):
    env = {"_s": values, "_f": {k: v[1] for k, v in FUNCTIONS.items()}, "_pow": _pow}
    return eval(code, {"__builtins__": {}}, env)  # noqa: S307 - trusted local file


# --------------------------------------------------------------------------
# Schema checks
# --------------------------------------------------------------------------
def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check_keys(obj, required, optional, where, problems):
    if not isinstance(obj, dict):
        problems.append(f"{where}: expected an object, got {type(obj).__name__}")
        return False
    missing = sorted(required - obj.keys())
    unknown = sorted(obj.keys() - required - optional)
    if missing:
        problems.append(f"{where}: missing field(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    return not missing


def check_text(obj, key, where, problems):
    if not isinstance(obj.get(key), str) or not obj[key].strip():
        problems.append(f"{where}: '{key}' must be a non-empty string")
        return False
    return True


def check_unit(obj, where, problems):
    unit = obj.get("unit")
    if not isinstance(unit, str) or not unit:
        problems.append(f"{where}: 'unit' must be a non-empty string (use \"1\" for dimensionless)")
    elif not (unit.isascii() and unit.isprintable()):
        problems.append(f"{where}: unit '{unit}' must be plain printable ASCII")


def check_name(name, where, problems):
    if not isinstance(name, str) or not IDENT_RE.match(name):
        problems.append(f"{where}: name {name!r} is not an identifier [A-Za-z_][A-Za-z0-9_]*")
        return False
    if name in BUILTIN_CONSTANTS:
        problems.append(f"{where}: name '{name}' clashes with the built-in constant")
        return False
    if name in FUNCTIONS:
        problems.append(f"{where}: name '{name}' clashes with a function name")
        return False
    return True


def check_entry(index, entry, problems):
    """Returns (id, normalised formula) or None; appends problems."""
    eid = entry.get("id") if isinstance(entry, dict) else None
    where = f"equations[{index}]" + (f" '{eid}'" if isinstance(eid, str) else "")
    if not check_keys(entry, ENTRY_KEYS, OPTIONAL_ENTRY_KEYS, where, problems):
        return None

    if not isinstance(eid, str) or not ID_RE.match(eid):
        problems.append(f"{where}: id must match [a-z0-9_]+")
    for key in ("name", "description", "formula", "reference"):
        check_text(entry, key, where, problems)
    if entry["category"] not in CATEGORIES:
        problems.append(f"{where}: category {entry['category']!r} is not one of {CATEGORIES}")

    names = {}  # name -> role, to detect duplicates within the entry

    def declare(name, role, w):
        if check_name(name, w, problems):
            if name in names:
                problems.append(f"{w}: name '{name}' already used as {names[name]}")
            names[name] = role

    resp = entry["response"]
    if check_keys(resp, SYMBOL_KEYS, set(), f"{where}.response", problems):
        check_text(resp, "description", f"{where}.response", problems)
        check_unit(resp, f"{where}.response", problems)
        declare(resp["name"], "the response", f"{where}.response")

    values = {}
    variables, parameters, constants = [], [], []
    for key in ("variables", "parameters", "constants"):
        if not isinstance(entry[key], list):
            problems.append(f"{where}: '{key}' must be a list")
            entry[key] = []
    if not entry["variables"]:
        problems.append(f"{where}: at least one variable is required")
    if not entry["parameters"]:
        problems.append(f"{where}: at least one parameter is required")

    for i, v in enumerate(entry["variables"]):
        w = f"{where}.variables[{i}]"
        if check_keys(v, SYMBOL_KEYS, set(), w, problems):
            check_text(v, "description", w, problems)
            check_unit(v, w, problems)
            declare(v["name"], "a variable", w)
            variables.append(v["name"])

    for i, p in enumerate(entry["parameters"]):
        w = f"{where}.parameters[{i}]"
        if not check_keys(p, PARAMETER_KEYS, set(), w, problems):
            continue
        check_text(p, "description", w, problems)
        check_unit(p, w, problems)
        declare(p["name"], "a parameter", w)
        w = f"{where}.parameter '{p['name']}'"
        start, lo, hi = p["start"], p["lower"], p["upper"]
        ok = True
        if not is_number(start):
            problems.append(f"{w}: start must be a finite number, got {start!r}")
            ok = False
        for label, bound in (("lower", lo), ("upper", hi)):
            if bound is not None and not is_number(bound):
                problems.append(f"{w}: {label} must be a finite number or null, got {bound!r}")
                ok = False
        if ok:
            if lo is not None and hi is not None and not lo < hi:
                problems.append(f"{w}: lower ({lo}) must be below upper ({hi})")
            if lo is not None and start < lo:
                problems.append(f"{w}: start {start} is below lower bound {lo}")
            if hi is not None and start > hi:
                problems.append(f"{w}: start {start} is above upper bound {hi}")
            values[p["name"]] = float(start)
        parameters.append(p["name"])

    for i, c in enumerate(entry["constants"]):
        w = f"{where}.constants[{i}]"
        if not check_keys(c, CONSTANT_KEYS, set(), w, problems):
            continue
        check_text(c, "description", w, problems)
        check_unit(c, w, problems)
        declare(c["name"], "a constant", w)
        if not is_number(c["value"]):
            problems.append(f"{w}: value must be a finite number, got {c['value']!r}")
        else:
            values[c["name"]] = float(c["value"])
        constants.append(c["name"])

    # example
    example = entry.get("example")
    if example is None:
        problems.append(f"{where}: missing 'example' (variable values used to test-evaluate the formula)")
    elif not isinstance(example, dict):
        problems.append(f"{where}: 'example' must be an object")
    else:
        for name in variables:
            if name not in example:
                problems.append(f"{where}: example has no value for variable '{name}'")
            elif not is_number(example[name]):
                problems.append(f"{where}: example value for '{name}' must be a finite number")
            else:
                values[name] = float(example[name])
        for name in example:
            if name not in variables:
                problems.append(f"{where}: example names '{name}', which is not a variable")

    # formula
    formula = entry["formula"]
    if not isinstance(formula, str):
        return None
    symbols = set(variables) | set(parameters) | set(constants)
    try:
        parser = Parser(formula, symbols)
        code = parser.parse()
    except FormulaError as exc:
        problems.append(f"{where}: formula '{formula}': {exc}")
        return eid, formula
    for name in sorted(symbols - parser.used):
        problems.append(f"{where}: '{name}' is declared but not used in the formula")

    if not symbols <= values.keys():
        return eid, formula  # an earlier problem prevents evaluation

    def run(vals, label):
        try:
            y = evaluate(code, vals)
        except (ValueError, OverflowError, ZeroDivisionError) as exc:
            problems.append(f"{where}: evaluating at {label} failed: {exc}")
            return None
        if not isinstance(y, float) or not math.isfinite(y):
            problems.append(f"{where}: value at {label} is not finite: {y!r}")
            return None
        return y

    y = run(values, "the default starts and example")
    if y is None:
        return eid, formula
    # cross-check against the plain '^' -> '**' translation
    try:
        y2 = evaluate(naive_python(formula, symbols), values)
        if not isinstance(y2, float) or not math.isclose(y, y2, rel_tol=1e-12, abs_tol=1e-300):
            problems.append(f"{where}: parser result {y!r} differs from plain '^'->'**' translation {y2!r}")
    except Exception as exc:  # noqa: BLE001 - report anything
        problems.append(f"{where}: plain '^'->'**' translation failed: {exc}")
    # every parameter must influence the result at the example point
    for name in parameters:
        p0 = values[name]
        h = 1e-6 * abs(p0) if p0 != 0 else 1e-6
        nudged = dict(values)
        nudged[name] = p0 + h
        y_h = run(nudged, f"{name} + {h:g}")
        if y_h is not None and abs(y_h - y) <= 1e-13 * max(abs(y), 1e-300):
            problems.append(f"{where}: parameter '{name}' does not change the result at the "
                            "example point (dead parameter, or pick another example value)")
    entry["_value"] = y
    return eid, formula


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "equations.json"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"ERROR: cannot read {path}: {exc}")
        return 1

    def reject_constant(token):
        raise ValueError(f"non-standard JSON number {token}")

    try:
        doc = json.loads(text, parse_constant=reject_constant)
    except (json.JSONDecodeError, ValueError) as exc:
        print(f"ERROR: {path} is not valid strict JSON: {exc}")
        return 1

    problems = []
    if not isinstance(doc, dict):
        print("ERROR: top level must be an object")
        return 1
    check_keys(doc, {"schemaVersion", "equations"}, set(), "top level", problems)
    if doc.get("schemaVersion") != 1 or isinstance(doc.get("schemaVersion"), bool):
        problems.append(f"top level: schemaVersion must be 1, got {doc.get('schemaVersion')!r}")
    entries = doc.get("equations")
    if not isinstance(entries, list):
        problems.append("top level: 'equations' must be a list")
        entries = []

    ids, names, formulas = {}, {}, {}
    for index, entry in enumerate(entries):
        result = check_entry(index, entry, problems)
        if result is None:
            continue
        eid, formula = result
        if eid in ids:
            problems.append(f"equations[{index}]: duplicate id '{eid}' (also equations[{ids[eid]}])")
        ids.setdefault(eid, index)
        name = entry.get("name")
        if isinstance(name, str):
            if name in names:
                problems.append(f"equations[{index}]: duplicate name '{name}'")
            names.setdefault(name, index)
        key = re.sub(r"\s+", "", formula)
        if key in formulas:
            problems.append(f"equations[{index}] '{eid}': same formula as equations[{formulas[key]}]")
        formulas.setdefault(key, index)

    if len(entries) < MIN_ENTRIES:
        problems.append(f"only {len(entries)} equations; at least {MIN_ENTRIES} are required")
    for rid in REQUIRED_IDS:
        if rid not in ids:
            problems.append(f"required equation '{rid}' is missing")

    # report
    width = max((len(str(e.get("id"))) for e in entries if isinstance(e, dict)), default=10)
    for entry in entries:
        if isinstance(entry, dict) and "_value" in entry:
            resp = entry["response"]
            ex = ", ".join(f"{k}={v:g}" for k, v in entry["example"].items())
            print(f"  {entry['id']:<{width}}  {resp['name']} = {entry['_value']:.6g} {resp['unit']}"
                  f"   at {ex}")
    if problems:
        print(f"\nFAILED: {len(problems)} problem(s) in {path}:")
        for p in problems:
            print(f"  - {p}")
        return 1
    cats = {}
    for e in entries:
        cats[e["category"]] = cats.get(e["category"], 0) + 1
    print(f"\nOK: {len(entries)} equations in {len(cats)} categories, all checks passed "
          f"({', '.join(f'{c}: {n}' for c, n in cats.items())}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
