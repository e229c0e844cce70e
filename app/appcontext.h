#pragma once

#include <optional>

#include <QObject>

#include "src/geo/vectorbasemap.h"

class QNetworkAccessManager;

namespace StacScope {

class NetworkClient;

// The composition root: builds the long-lived services in dependency order and hands them to
// the windows by constructor. No singletons anywhere else.
class AppContext : public QObject
{
    Q_OBJECT
public:
    explicit AppContext(QObject *parent = nullptr);
    ~AppContext() override;

    NetworkClient *network() const { return m_network; }
    // The offline Natural Earth basemap, or nullptr if the resource could not be read.
    const VectorBasemap *basemap() const { return m_basemap ? &*m_basemap : nullptr; }
    QString basemapError() const { return m_basemapError; }

private:
    QNetworkAccessManager *m_nam;
    NetworkClient *m_network;
    std::optional<VectorBasemap> m_basemap;
    QString m_basemapError;
};

} // namespace StacScope
