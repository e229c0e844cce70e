#pragma once

#include <QString>

namespace StacScope {

// Unpacking of downloaded ZIP archives (a whole-order delivery of UP42 or Satellogic): the
// central directory is read by our own code without trusting any name in it, every entry is
// checked before anything is written (one that would land outside the target refuses the whole
// archive: zip-slip), and each file is checked against its CRC-32 and size as it is written.
// Entries are read through GDAL's /vsizip (stored and deflated, ZIP64). Safe to call from a
// worker thread: it touches nothing but the two paths.
namespace ZipArchive {

// The file starts with a ZIP local header.
bool isZip(const QString &path);

// Where a ZIP is unpacked unless told otherwise: beside it, named as it without its extension
// ("<name>_files" when that would be the ZIP's own path).
QString defaultFolder(const QString &zipPath);

struct UnpackResult
{
    bool ok = false;
    int files = 0; // files written
    QString folder; // where they went
    QString error; // why nothing (or not everything) was unpacked
};

// Unpacks `zipPath` into `target` (created as needed). A leading "output/" folder, as UP42's
// deliveries have, is left out, as the v2 SDK did. Files already there are replaced, each in one
// step (a half-written file never takes an existing one's place).
UnpackResult unpack(const QString &zipPath, const QString &target);

} // namespace ZipArchive

} // namespace StacScope
