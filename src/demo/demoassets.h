#pragma once

#include <optional>

#include <QByteArray>
#include <QString>
#include <QUrl>

#include "src/demo/democatalog.h"

// The data files of the static demo catalog (the one embedded in the app): small synthetic GeoTIFFs
// and an XML metadata file per item, generated on request from the item's numbers, so a new user can
// try a download with no network. They live under https://demo.stacscope.invalid/, a name that never
// resolves (RFC 2606): StacScope answers for it itself (DemoNetworkAccessManager), nobody else can.
namespace StacScope::DemoAssets {

// The host the demo's data files are served from.
inline constexpr char Host[] = "demo.stacscope.invalid";
// "https://demo.stacscope.invalid/"
QByteArray baseUrl();

struct File
{
    QByteArray bytes;
    QByteArray mediaType;
    qint64 lastModifiedMs = 0; // the item's "updated"
};

// The asset `key` of static demo item `index` ("visual", "analytic", "metadata", or a polarization
// such as "HH" for SAR), or nothing when the item has no such asset. Pure: always the same bytes.
std::optional<File> file(int index, const QByteArray &key, const DemoCatalog::Options &options = {});

// The file an href of the static demo catalog points at, <base>/<collection>/<item id>/<key>.<ext>,
// or nothing for any other URL (another host, an unknown item, asset or extension).
std::optional<File> fileAt(const QUrl &url, const DemoCatalog::Options &options = {});

// The name under which the file of asset `key` is published, e.g. "visual.tif" or "metadata.xml".
QByteArray fileName(const QByteArray &key);

} // namespace StacScope::DemoAssets
