#include "src/providers/catalogsession.h"

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

} // namespace StacScope
