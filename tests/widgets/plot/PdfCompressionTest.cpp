// Tests hf::widgets::compressPdfStreams on a hand-written PDF shaped like
// gl2ps output (indirect content length, an image XObject, objects out of
// number order): streams deflate losslessly, the xref table points at the
// objects, and poppler renders the result exactly like the original.
#include "plot/PdfCompression.h"

#include "ImageChecks.h"

#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using hf::widgets::compressPdfStreams;

namespace {

// Assembles a PDF from object bodies (number -> text after "n 0 obj\n"),
// written in the given order, with a correct xref table.
QByteArray assemble(const std::vector<std::pair<int, QByteArray>>& objects) {
  QByteArray pdf = "%PDF-1.4\n";
  std::map<int, qsizetype> offsets;
  int size = 1;
  for (const auto& [id, body] : objects) {
    offsets[id] = pdf.size();
    pdf += QByteArray::number(id) + " 0 obj\n" + body + "endobj\n";
    size = std::max(size, id + 1);
  }
  const qsizetype xref = pdf.size();
  pdf += "xref\n0 " + QByteArray::number(size) + "\n0000000000 65535 f \n";
  for (int id = 1; id < size; ++id) pdf += QByteArray::number(offsets.at(id)).rightJustified(10, '0') + " 00000 n \n";
  pdf += "trailer\n<<\n/Size " + QByteArray::number(size) + "\n/Root 1 0 R\n>>\nstartxref\n" +
         QByteArray::number(xref) + "\n%%EOF\n";
  return pdf;
}

// A 200 x 100 pt page: a grey raster image over the page and a red square.
QByteArray samplePdf() {
  QByteArray pixels;
  for (int i = 0; i < 20 * 10; ++i) pixels += QByteArray("\xc0\xc0\xc0", 3);
  const QByteArray content = "q 200 0 0 100 0 0 cm /Im0 Do Q\n1 0 0 rg 50 25 50 50 re f\n(a ) >> << string) Tj\n";
  return assemble({
      {1, "<< /Type /Catalog /Pages 2 0 R >>\n"},
      {2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"},
      {4, "<< /Length 5 0 R >>\nstream\n" + content + "\nendstream\n"},
      {5, QByteArray::number(content.size()) + "\n"},
      {3,
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R "
       "/Resources << /XObject << /Im0 6 0 R >> >> >>\n"},
      {6,
       "<< /Type /XObject /Subtype /Image /Width 20 /Height 10 /ColorSpace /DeviceRGB /BitsPerComponent 8 "
       "/Length " +
           QByteArray::number(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream\n"},
  });
}

QImage render(const QString& pdftoppm, const QString& pdf, const QString& prefix) {
  QProcess p;
  p.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("72"), QStringLiteral("-singlefile"),
                     pdf, prefix});
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QImage(prefix + QStringLiteral(".png")).convertToFormat(QImage::Format_RGB32);
}

}  // namespace

class PdfCompressionTest : public QObject {
  Q_OBJECT
 private slots:
  void deflatesStreamsLosslessly();
  void xrefPointsAtObjects();
  void dropsGl2psInvalidOperators();
  void rendersLikeTheOriginal();
  void refusesWhatItDoesNotUnderstand_data();
  void refusesWhatItDoesNotUnderstand();
};

void PdfCompressionTest::deflatesStreamsLosslessly() {
  const QByteArray in = samplePdf();
  const auto out = compressPdfStreams(in);
  QVERIFY(out.has_value());
  QVERIFY(out->size() < in.size());
  QCOMPARE(out->count("/FlateDecode"), 2);
  // Each deflated stream inflates back to the original bytes.
  static const QRegularExpression re(QStringLiteral(R"(/Length (\d+) /Filter /FlateDecode)"));
  auto it = re.globalMatch(QString::fromLatin1(*out));
  int streams = 0;
  while (it.hasNext()) {
    const auto m = it.next();
    const qsizetype start = out->indexOf("stream\n", m.capturedEnd()) + 7;
    const QByteArray deflated = out->mid(start, m.captured(1).toLongLong());
    // qUncompress wants qCompress' 4-byte length prefix (big endian).
    QByteArray prefixed(4, '\0');
    const quint32 big = 1u << 20;
    prefixed[0] = static_cast<char>(big >> 24);
    prefixed[1] = static_cast<char>(big >> 16);
    prefixed[2] = static_cast<char>(big >> 8);
    prefixed[3] = static_cast<char>(big);
    const QByteArray inflated = qUncompress(prefixed + deflated);
    QVERIFY(!inflated.isEmpty());
    QVERIFY(in.contains(inflated));
    ++streams;
  }
  QCOMPARE(streams, 2);
}

// gl2ps writes "1.00 ca" lines and "/GSn gs" for undefined states; both
// go, a defined state's "gs" and everything else stays.
void PdfCompressionTest::dropsGl2psInvalidOperators() {
  const QByteArray content = "/GS0 gs\n0.5 0.5 0.5 rg\n1.00 ca\n/GS30 gs\n1 0 0 rg 50 25 50 50 re f\n0.80 CA\n";
  const QByteArray in = assemble({
      {1, "<< /Type /Catalog /Pages 2 0 R >>\n"},
      {2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\n"},
      {3,
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R "
       "/Resources << /ExtGState << /GS0 5 0 R >> >> >>\n"},
      {4, "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "\nendstream\n"},
      {5, "<< /Type /ExtGState /ca 1.0 >>\n"},
  });
  const auto out = compressPdfStreams(in);
  QVERIFY(out.has_value());
  const qsizetype start = out->indexOf("stream\n") + 7;
  static const QRegularExpression re(QStringLiteral(R"(/Length (\d+) /Filter /FlateDecode)"));
  const auto m = re.match(QString::fromLatin1(*out));
  QVERIFY(m.hasMatch());
  QByteArray prefixed(4, '\0');
  prefixed[1] = 0x10;  // 1 MiB upper bound for qUncompress
  const QByteArray inflated = qUncompress(prefixed + out->mid(start, m.captured(1).toLongLong()));
  QCOMPARE(inflated, QByteArray("/GS0 gs\n0.5 0.5 0.5 rg\n1 0 0 rg 50 25 50 50 re f\n"));
}

void PdfCompressionTest::xrefPointsAtObjects() {
  const auto out = compressPdfStreams(samplePdf());
  QVERIFY(out.has_value());
  const qsizetype sx = out->lastIndexOf("startxref");
  const qint64 xref = out->mid(sx + 10).split('\n').value(0).toLongLong();
  QVERIFY(out->mid(xref).startsWith("xref\n0 7\n"));
  const QList<QByteArray> lines = out->mid(xref).split('\n');
  for (int id = 1; id < 7; ++id) {
    const qint64 off = lines[2 + id].left(10).toLongLong();
    QVERIFY2(out->mid(off).startsWith(QByteArray::number(id) + " 0 obj"), qPrintable(QString::number(id)));
  }
}

void PdfCompressionTest::rendersLikeTheOriginal() {
  const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
  if (pdftoppm.isEmpty()) QSKIP("pdftoppm (poppler-utils) is not installed");
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QByteArray in = samplePdf();
  const auto out = compressPdfStreams(in);
  QVERIFY(out.has_value());
  for (const auto& [name, bytes] : {std::pair{"in.pdf", in}, std::pair{"out.pdf", *out}}) {
    QFile f(dir.filePath(QLatin1String(name)));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
  }
  const QImage a = render(pdftoppm, dir.filePath(QStringLiteral("in.pdf")), dir.filePath(QStringLiteral("in")));
  const QImage b = render(pdftoppm, dir.filePath(QStringLiteral("out.pdf")), dir.filePath(QStringLiteral("out")));
  QVERIFY(!a.isNull());
  QCOMPARE(a.size(), QSize(200, 100));
  QVERIFY(hf::test::countNear(a, QColor(255, 0, 0), 10) > 2000);      // the red square
  QVERIFY(hf::test::countNear(a, QColor(192, 192, 192), 10) > 5000);  // the grey image
  QCOMPARE(b, a);
}

void PdfCompressionTest::refusesWhatItDoesNotUnderstand_data() {
  QTest::addColumn<QByteArray>("pdf");
  const QByteArray good = samplePdf();
  QTest::newRow("empty") << QByteArray();
  QTest::newRow("not a PDF") << QByteArray("hello");
  QTest::newRow("truncated") << good.left(good.size() / 2);
  QTest::newRow("encrypted") << QByteArray(good).replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 9 0 R");
  QTest::newRow("incremental update") << good + good.mid(good.indexOf("xref"));
  QTest::newRow("bad startxref") << QByteArray(good).replace("startxref\n", "startxref\n1");
  QTest::newRow("length too long") << QByteArray(good).replace("/Length 600", "/Length 999999");
}

void PdfCompressionTest::refusesWhatItDoesNotUnderstand() {
  QFETCH(QByteArray, pdf);
  QVERIFY(!compressPdfStreams(pdf).has_value());
}

QTEST_GUILESS_MAIN(PdfCompressionTest)
#include "PdfCompressionTest.moc"
