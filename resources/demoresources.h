#pragma once

#include <QString>

namespace StacScope {

// Registers the embedded demo catalog; call before opening demoCatalogPath(). Safe to call more than
// once and from any thread. Needed because the catalog lives in a static library, whose automatic
// resource initialiser the linker drops when nothing refers to it.
void initDemoResources();

// ":/demo/catalog.json": the root of a static STAC catalog for StaticCatalogJob.
QString demoCatalogPath();

} // namespace StacScope
