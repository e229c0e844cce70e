#include "src/providers/catalogsession.h"

#include <QTimer>

namespace StacScope {

CatalogSession::CatalogSession(const CatalogSource &source, QObject *parent)
    : QObject(parent)
    , m_source(source)
{}

CatalogSession::~CatalogSession() = default;

void CatalogSession::setOpened(const StacCollections &collections)
{
    m_collections = collections;
    m_opened = true;
    Q_EMIT collectionsChanged();
    Q_EMIT opened();
}

void CatalogSession::loadQueryables(const QStringList &collections)
{
    // Nothing published: the answer is an empty schema, delivered as a loaded one would be.
    QTimer::singleShot(0, this, [this, collections] { Q_EMIT queryablesLoaded(collections, {}, {}); });
}

} // namespace StacScope
