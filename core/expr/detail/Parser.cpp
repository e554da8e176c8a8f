#include "expr/detail/Parser.h"

#include "common/Error.h"
#include "expr/FunctionTable.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace hf::expr::detail {
namespace {

enum class Tok { End, Number, Name, Plus, Minus, Star, Slash, Caret, LParen, RParen, Comma, LBracket, RBracket };

struct Token {
  Tok kind = Tok::End;
  int position = 0;
  std::string_view text;
  double number = 0.0;
};

const char* describe(Tok t) {
  switch (t) {
    case Tok::End:
      return "end of formula";
    case Tok::Number:
      return "a number";
    case Tok::Name:
      return "a name";
    case Tok::Plus:
      return "'+'";
    case Tok::Minus:
      return "'-'";
    case Tok::Star:
      return "'*'";
    case Tok::Slash:
      return "'/'";
    case Tok::Caret:
      return "'^'";
    case Tok::LParen:
      return "'('";
    case Tok::RParen:
      return "')'";
    case Tok::Comma:
      return "','";
    case Tok::LBracket:
      return "'['";
    case Tok::RBracket:
      return "']'";
  }
  return "?";
}

class ParserImpl {
 public:
  explicit ParserImpl(std::string_view text) : m_text(text) { advance(); }

  NodePtr parseAll() {
    if (m_tok.kind == Tok::End) fail("the formula is empty; expected an expression", 0);
    NodePtr root = parseExpr();
    if (m_tok.kind != Tok::End) {
      if (m_tok.kind == Tok::RParen) fail("unbalanced ')': no matching '('", m_tok.position);
      // "unexpected name 'conc'" (describe() says "a name" in other messages).
      std::string what = describe(m_tok.kind);
      if (what.rfind("a ", 0) == 0) what.erase(0, 2);
      fail("unexpected " + what + " '" + std::string(m_tok.text) + "'; expected an operator or the end of the formula",
           m_tok.position);
    }
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& msg, int pos) {
    ErrorLocation where;
    where.position = pos;
    throw Error(msg, where);
  }

  void advance() {
    std::size_t i = m_pos;
    while (i < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[i]))) ++i;
    m_tok = Token{};
    m_tok.position = static_cast<int>(i);
    if (i >= m_text.size()) {
      m_tok.kind = Tok::End;
      m_pos = i;
      return;
    }
    const char c = m_text[i];
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i + 1 < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[i + 1])))) {
      std::size_t j = i;
      while (j < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[j]))) ++j;
      if (j < m_text.size() && m_text[j] == '.') {
        ++j;
        while (j < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[j]))) ++j;
      }
      if (j < m_text.size() && (m_text[j] == 'e' || m_text[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < m_text.size() && (m_text[k] == '+' || m_text[k] == '-')) ++k;
        if (k < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[k]))) {
          while (k < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[k]))) ++k;
          j = k;
        }
      }
      double value = 0.0;
      auto [ptr, ec] = std::from_chars(m_text.data() + i, m_text.data() + j, value);
      if (ec != std::errc() || ptr != m_text.data() + j || !std::isfinite(value))
        fail("number '" + std::string(m_text.substr(i, j - i)) + "' is out of range", static_cast<int>(i));
      m_tok.kind = Tok::Number;
      m_tok.number = value;
      m_tok.text = m_text.substr(i, j - i);
      m_pos = j;
      return;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < m_text.size() && (std::isalnum(static_cast<unsigned char>(m_text[j])) || m_text[j] == '_')) ++j;
      m_tok.kind = Tok::Name;
      m_tok.text = m_text.substr(i, j - i);
      m_pos = j;
      return;
    }
    std::size_t len = 1;
    switch (c) {
      case '+':
        m_tok.kind = Tok::Plus;
        break;
      case '-':
        m_tok.kind = Tok::Minus;
        break;
      case '*':
        if (i + 1 < m_text.size() && m_text[i + 1] == '*') {
          m_tok.kind = Tok::Caret;
          len = 2;
        } else {
          m_tok.kind = Tok::Star;
        }
        break;
      case '/':
        m_tok.kind = Tok::Slash;
        break;
      case '^':
        m_tok.kind = Tok::Caret;
        break;
      case '(':
        m_tok.kind = Tok::LParen;
        break;
      case ')':
        m_tok.kind = Tok::RParen;
        break;
      case ',':
        m_tok.kind = Tok::Comma;
        break;
      case '[':
        m_tok.kind = Tok::LBracket;
        break;
      case ']':
        m_tok.kind = Tok::RBracket;
        break;
      default: {
        std::string shown(1, c);
        if (!std::isprint(static_cast<unsigned char>(c))) {
          static const char* hex = "0123456789ABCDEF";
          const auto u = static_cast<unsigned char>(c);
          shown = std::string("\\x") + hex[u >> 4] + hex[u & 15];
        }
        fail(
            "unexpected character '" + shown + "'; expected a number, a name, an operator (+ - * / ^) or a parenthesis",
            static_cast<int>(i));
      }
    }
    m_tok.text = m_text.substr(i, len);
    m_pos = i + len;
  }

  void enter(int pos) {
    if (++m_depth > kMaxNestingDepth)
      fail("formula is nested too deeply (more than " + std::to_string(kMaxNestingDepth) + " levels)", pos);
  }
  void leave() { --m_depth; }

  static NodePtr make(Node::Kind kind, int pos) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    n->position = pos;
    return n;
  }

  // Sums and products are parsed into one flat Chain node per run, so
  // that the tree's height only grows with real nesting (bounded by
  // kMaxNestingDepth) and no later pass recurses once per term.
  NodePtr parseExpr() {
    return parseChain(Tok::Plus, Tok::Minus, Node::Kind::Add, Node::Kind::Sub, &ParserImpl::parseTerm);
  }

  NodePtr parseTerm() {
    return parseChain(Tok::Star, Tok::Slash, Node::Kind::Mul, Node::Kind::Div, &ParserImpl::parseUnary);
  }

  NodePtr parseChain(Tok first, Tok second, Node::Kind firstOp, Node::Kind secondOp, NodePtr (ParserImpl::*operand)()) {
    NodePtr left = (this->*operand)();
    if (m_tok.kind != first && m_tok.kind != second) return left;
    auto chain = make(Node::Kind::Chain, left->position);
    chain->children.push_back(std::move(left));
    while (m_tok.kind == first || m_tok.kind == second) {
      chain->ops.push_back(m_tok.kind == first ? firstOp : secondOp);
      advance();
      chain->children.push_back((this->*operand)());
    }
    return chain;
  }

  NodePtr parseUnary() {
    if (m_tok.kind == Tok::Minus || m_tok.kind == Tok::Plus) {
      const bool negate = m_tok.kind == Tok::Minus;
      const int pos = m_tok.position;
      enter(pos);
      advance();
      NodePtr operand = parseUnary();
      leave();
      if (!negate) return operand;
      auto n = make(Node::Kind::Negate, pos);
      n->children.push_back(std::move(operand));
      return n;
    }
    return parsePower();
  }

  NodePtr parsePower() {
    NodePtr base = parsePrimary();
    if (m_tok.kind == Tok::Caret) {
      auto n = make(Node::Kind::Pow, m_tok.position);
      enter(m_tok.position);
      advance();
      n->children.push_back(std::move(base));
      n->children.push_back(parseUnary());
      leave();
      return n;
    }
    return base;
  }

  NodePtr parsePrimary() {
    const Token t = m_tok;
    switch (t.kind) {
      case Tok::Number: {
        auto n = make(Node::Kind::Number, t.position);
        n->number = t.number;
        advance();
        return n;
      }
      case Tok::Name: {
        advance();
        if (m_tok.kind != Tok::LParen) {
          auto n = make(Node::Kind::Name, t.position);
          n->name = std::string(t.text);
          return n;
        }
        // A name that is not a built-in function may be a learned component
        // (function = -1); the compiler knows them and reports unknown ones.
        const int fn = findFunction(t.text);
        auto n = make(Node::Kind::Call, t.position);
        n->name = std::string(t.text);
        n->function = fn;
        enter(m_tok.position);
        advance();  // '('
        if (m_tok.kind == Tok::RParen) fail("function '" + n->name + "' needs an argument", m_tok.position);
        n->children.push_back(parseExpr());
        while (m_tok.kind == Tok::Comma) {
          advance();
          n->children.push_back(parseExpr());
        }
        expect(Tok::RParen, "')' to close the call of '" + n->name + "'");
        leave();
        if (fn >= 0) {
          const int arity = functionTable()[static_cast<std::size_t>(fn)].arity;
          if (static_cast<int>(n->children.size()) != arity)
            fail("function '" + n->name + "' takes " + std::to_string(arity) + " argument" + (arity == 1 ? "" : "s") +
                     ", got " + std::to_string(n->children.size()),
                 t.position);
        }
        if (m_tok.kind == Tok::LBracket) parseOutputIndex(*n);
        return n;
      }
      case Tok::LParen: {
        enter(t.position);
        advance();
        NodePtr inner = parseExpr();
        if (m_tok.kind != Tok::RParen)
          fail("missing ')' for the '(' at position " + std::to_string(t.position + 1), m_tok.position);
        advance();
        leave();
        return inner;
      }
      case Tok::End:
        fail("the formula ends too early; expected a number, a name or '('", t.position);
      default:
        fail(std::string("unexpected ") + describe(t.kind) + "; expected a number, a name or '('", t.position);
    }
  }

  // NAME(...)[k]: output k (1-based) of a learned component.
  void parseOutputIndex(Node& call) {
    const int at = m_tok.position;
    if (call.function >= 0) fail("'" + call.name + "' has one value; [k] picks output k of a learned component", at);
    advance();  // '['
    if (m_tok.kind != Tok::Number || m_tok.number != std::floor(m_tok.number) || m_tok.number < 1 || m_tok.number > 1e6)
      fail("expected an output number (1, 2, ...) after '['", m_tok.position);
    call.output = static_cast<int>(m_tok.number);
    advance();
    expect(Tok::RBracket, "']' after the output number");
  }

  void expect(Tok kind, const std::string& what) {
    if (m_tok.kind != kind) fail("expected " + what + ", found " + describe(m_tok.kind), m_tok.position);
    advance();
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  Token m_tok;
  int m_depth = 0;
};

}  // namespace

NodePtr parse(std::string_view text) {
  if (text.size() > kMaxFormulaLength) {
    ErrorLocation where;
    where.position = static_cast<int>(kMaxFormulaLength);
    throw Error("formula is too long (" + std::to_string(text.size()) + " characters; the limit is " +
                    std::to_string(kMaxFormulaLength) + ")",
                where);
  }
  ParserImpl p(text);
  return p.parseAll();
}

}  // namespace hf::expr::detail
