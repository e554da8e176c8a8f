#include "plot/PdfCompression.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>
#include <vector>

namespace hf::widgets {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

qsizetype skipSpace(const QByteArray& b, qsizetype i) {
  while (i < b.size() && isSpace(b[i])) ++i;
  return i;
}

// Index just past the dictionary that starts with "<<" at `start`, or -1.
// Skips literal strings (with escapes and nested parentheses), whose
// content may hold "<<" or ">>".
qsizetype dictEnd(const QByteArray& b, qsizetype start) {
  int depth = 0;
  for (qsizetype i = start; i + 1 < b.size(); ++i) {
    const char c = b[i];
    if (c == '(') {
      int parens = 1;
      for (++i; i < b.size() && parens > 0; ++i) {
        if (b[i] == '\\')
          ++i;
        else if (b[i] == '(')
          ++parens;
        else if (b[i] == ')')
          --parens;
      }
      --i;
    } else if (c == '<' && b[i + 1] == '<') {
      ++depth;
      ++i;
    } else if (c == '>' && b[i + 1] == '>') {
      --depth;
      ++i;
      if (depth == 0) return i + 1;
    }
  }
  return -1;
}

// The integer value of a plain "n 0 obj <int> endobj" object.
std::optional<qint64> integerObject(const QByteArray& pdf, qint64 offset) {
  static const QRegularExpression re(QStringLiteral(R"(^\d+\s+\d+\s+obj\s+(\d+)\s+endobj)"));
  const auto m = re.match(QString::fromLatin1(pdf.mid(offset, 64)));
  if (!m.hasMatch()) return std::nullopt;
  return m.captured(1).toLongLong();
}

// A page content stream: its dictionary holds no more than its length (an
// image, font or function stream names its /Type, /Subtype or kind).
bool isContentStream(const QString& dict) {
  for (const char* key : {"/Type", "/Subtype", "/FunctionType", "/ShadingType", "/Filter"})
    if (dict.contains(QLatin1String(key))) return false;
  return true;
}

// gl2ps 1.4 writes "<alpha> ca" as if it were an operator (it is only a
// graphics-state key) and "/GSn gs" for states it never defines; viewers
// skip both with errors (poppler: "Unknown operator 'ca'"). Dropping those
// lines changes nothing drawn and makes the content valid.
QByteArray withoutInvalidOperators(const QByteArray& content, const QSet<QByteArray>& definedStates) {
  QByteArray out;
  out.reserve(content.size());
  const QList<QByteArray> lines = content.split('\n');
  for (qsizetype i = 0; i < lines.size(); ++i) {
    const QByteArray& line = lines[i];
    const QList<QByteArray> tokens = line.simplified().split(' ');
    const bool alphaOperator = tokens.size() == 2 && (tokens[1] == "ca" || tokens[1] == "CA");
    const bool unknownState = tokens.size() == 2 && tokens[1] == "gs" && tokens[0].startsWith('/') &&
                              !definedStates.contains(tokens[0].mid(1));
    if (alphaOperator || unknownState) continue;
    out += line;
    if (i + 1 < lines.size()) out += '\n';
  }
  return out;
}

}  // namespace

std::optional<QByteArray> compressPdfStreams(const QByteArray& pdf) {
  if (!pdf.startsWith("%PDF-") || pdf.contains("/Encrypt") || pdf.contains("/ObjStm") || pdf.contains("/XRef"))
    return std::nullopt;

  // The one xref table: "startxref <offset>" near the end.
  const qsizetype sx = pdf.lastIndexOf("startxref");
  if (sx < 0 || pdf.indexOf("startxref") != sx) return std::nullopt;  // incremental updates
  bool ok = false;
  const qint64 xrefOffset = pdf.mid(sx + 9, 24).trimmed().split('\n').value(0).trimmed().toLongLong(&ok);
  if (!ok || xrefOffset <= 0 || xrefOffset >= sx || !pdf.mid(xrefOffset).startsWith("xref")) return std::nullopt;
  const qsizetype trailer = pdf.indexOf("trailer", xrefOffset);
  if (trailer < 0 || trailer > sx) return std::nullopt;

  // Cross-reference subsections: "first count" then count 20-byte entries.
  std::map<int, qint64> offsets;  // object number -> offset, objects in use
  int size = 0;
  {
    const QList<QByteArray> lines = pdf.mid(xrefOffset + 4, trailer - xrefOffset - 4).split('\n');
    int next = -1, left = 0;
    for (QByteArray line : lines) {
      line = line.trimmed();
      if (line.isEmpty()) continue;
      const QList<QByteArray> f = line.split(' ');
      if (left == 0) {
        if (f.size() != 2) return std::nullopt;
        next = f[0].toInt(&ok);
        if (!ok) return std::nullopt;
        left = f[1].toInt(&ok);
        if (!ok || left < 0) return std::nullopt;
        size = std::max(size, next + left);
        continue;
      }
      if (f.size() != 3) return std::nullopt;
      if (f[2] == "n") {
        if (f[1].toInt() != 0) return std::nullopt;  // generations > 0: not gl2ps
        offsets[next] = f[0].toLongLong(&ok);
        if (!ok || offsets[next] <= 0 || offsets[next] >= xrefOffset) return std::nullopt;
      }
      ++next;
      --left;
    }
    if (left != 0 || offsets.empty()) return std::nullopt;
  }

  // Objects in file order; each ends where the next begins.
  std::vector<std::pair<qint64, int>> order;
  for (const auto& [id, off] : offsets) order.emplace_back(off, id);
  std::sort(order.begin(), order.end());

  // Names of the graphics states the page defines (gl2ps refers to more).
  QSet<QByteArray> graphicsStates;
  static const QRegularExpression extGState(QStringLiteral(R"(/ExtGState\s*<<([^<>]*)>>)"));
  static const QRegularExpression gsName(QStringLiteral(R"(/([^\s/<>\[\]()]+)\s+\d+\s+\d+\s+R)"));
  for (auto it = extGState.globalMatch(QString::fromLatin1(pdf)); it.hasNext();)
    for (auto names = gsName.globalMatch(it.next().captured(1)); names.hasNext();)
      graphicsStates.insert(names.next().captured(1).toLatin1());

  QByteArray out = pdf.left(order.front().first);
  std::map<int, qint64> newOffsets;
  static const QRegularExpression lengthRe(QStringLiteral(R"(/Length\s+(\d+)(\s+(\d+)\s+R)?)"));
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto [begin, id] = order[k];
    const qint64 end = k + 1 < order.size() ? order[k + 1].first : xrefOffset;
    const QByteArray obj = pdf.mid(begin, end - begin);
    newOffsets[id] = out.size();

    // "<id> 0 obj << ... >> stream\n<data>\nendstream endobj"?
    const qsizetype headerEnd = obj.indexOf("obj");
    const qsizetype dictStart = headerEnd < 0 ? -1 : skipSpace(obj, headerEnd + 3);
    if (dictStart < 0 || !obj.mid(dictStart).startsWith("<<")) {
      out += obj;
      continue;
    }
    const qsizetype dEnd = dictEnd(obj, dictStart);
    if (dEnd < 0) return std::nullopt;
    qsizetype s = skipSpace(obj, dEnd);
    if (!obj.mid(s).startsWith("stream")) {
      out += obj;
      continue;
    }
    s += 6;
    if (obj.mid(s).startsWith("\r\n"))
      s += 2;
    else if (obj.mid(s).startsWith("\n"))
      s += 1;
    else
      return std::nullopt;

    QString dict = QString::fromLatin1(obj.mid(dictStart, dEnd - dictStart));
    const auto m = lengthRe.match(dict);
    if (!m.hasMatch()) return std::nullopt;
    qint64 length = m.captured(1).toLongLong();
    if (m.hasCaptured(2)) {  // indirect: "/Length 5 0 R"
      const auto ref = offsets.find(static_cast<int>(length));
      if (ref == offsets.end()) return std::nullopt;
      const auto value = integerObject(pdf, ref->second);
      if (!value) return std::nullopt;
      length = *value;
    }
    if (length < 0 || s + length > obj.size()) return std::nullopt;
    const QByteArray data = obj.mid(s, length);
    if (!obj.mid(skipSpace(obj, s + length)).startsWith("endstream")) return std::nullopt;
    if (dict.contains(QStringLiteral("/Filter"))) {
      out += obj;
      continue;
    }
    const QByteArray cleaned = isContentStream(dict) ? withoutInvalidOperators(data, graphicsStates) : data;
    // qCompress prefixes 4 bytes of length to a zlib (RFC 1950) stream,
    // which is exactly what /FlateDecode reads.
    const QByteArray deflated = qCompress(cleaned, 9).mid(4);
    dict.replace(m.capturedStart(), m.capturedLength(),
                 QStringLiteral("/Length %1 /Filter /FlateDecode").arg(deflated.size()));
    out += obj.left(dictStart) + dict.toLatin1() + "\nstream\n" + deflated + "\nendstream\nendobj\n";
  }

  // New xref table with the same object numbers, then the old trailer.
  const qint64 newXref = out.size();
  out += "xref\n0 " + QByteArray::number(size) + "\n";
  for (int id = 0; id < size; ++id) {
    const auto it = newOffsets.find(id);
    out += it == newOffsets.end() ? QByteArray("0000000000 65535 f \n")
                                  : QByteArray::number(it->second).rightJustified(10, '0') + " 00000 n \n";
  }
  out += pdf.mid(trailer, sx - trailer);
  out += "startxref\n" + QByteArray::number(newXref) + "\n%%EOF\n";
  return out;
}

}  // namespace hf::widgets
