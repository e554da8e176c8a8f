#pragma once

#include <QByteArray>

#include <optional>

namespace hf::widgets {

// Deflates (/FlateDecode) every unfiltered stream of a simple PDF and
// rewrites the cross-reference table. For gl2ps output: Debian's libgl2ps is
// built without zlib, so vtkGL2PSExporter's Compress option does nothing and
// the background raster alone is width x height x 3 bytes.
//
// Page content streams also lose two kinds of invalid lines gl2ps 1.4
// writes, "<alpha> ca" (not an operator) and "/GSn gs" naming a graphics
// state the page does not define; viewers skip both, with errors.
//
// Understands classic PDFs with one uncompressed xref table (no xref
// streams, object streams, incremental updates or encryption), which is what
// gl2ps writes. Returns nullopt for anything else or anything that does not
// parse; the input is then still a valid, just larger, PDF.
std::optional<QByteArray> compressPdfStreams(const QByteArray& pdf);

}  // namespace hf::widgets
