#pragma once

#include <QByteArray>
#include <QString>

namespace StacScope::TestBytes {

// Deterministic, incompressible bytes (xorshift32), the same for the same size and seed.
QByteArray testData(qsizetype size, int seed = 1);
// STAC file:checksum for `data`: the sha2-256 multihash in hex ("1220" + digest).
QByteArray sha256Multihash(const QByteArray &data);
// The whole file, or an empty array when it cannot be read.
QByteArray readFile(const QString &path);

} // namespace StacScope::TestBytes
