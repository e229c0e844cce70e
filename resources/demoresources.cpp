#include "resources/demoresources.h"

#include <QtGlobal>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE declares the rcc-generated initialiser where it is expanded, so it must not be expanded
// inside a namespace.
static void initStacscopeDemoResource()
{
    Q_INIT_RESOURCE(stacscope_demo);
}

namespace StacScope {

void initDemoResources()
{
    static const bool registered = (initStacscopeDemoResource(), true);
    Q_UNUSED(registered);
}

QString demoCatalogPath()
{
    return u":/demo/catalog.json"_s;
}

} // namespace StacScope
