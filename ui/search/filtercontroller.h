#pragma once

#include <QObject>
#include <QPointer>

#include "src/stac/queryables.h"

class QTimer;

namespace StacScope {

class CatalogSession;
class SearchPanel;

// Keeps the search panel's filter builder in step with the open catalog: its queryables for the
// checked collections (loaded again, after a short pause, when the checks change), the presets
// when it publishes none, and how it takes a filter.
class FilterController : public QObject
{
    Q_OBJECT
public:
    explicit FilterController(SearchPanel *panel, QObject *parent = nullptr);

    void setSession(CatalogSession *session);
    // The pause between a change of the checked collections and the request (ms).
    static constexpr int SettleMs = 300;

private:
    void load();
    void onLoaded(const QStringList &collections, const Queryables &published, const QString &error);

    SearchPanel *m_panel;
    QPointer<CatalogSession> m_session;
    QTimer *m_settle;
};

} // namespace StacScope
