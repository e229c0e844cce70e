#pragma once

#include <optional>

#include <QFutureWatcher>
#include <QJsonObject>
#include <QPointer>

#include "src/net/httprequest.h"
#include "src/stac/itemparser.h"
#include "src/stac/searchparameters.h"
#include "src/stac/stacjob.h"

namespace StacScope {

class HttpCall;
class ItemStore;
class NetworkClient;

// A search of Capella's catalog (capella.md §3): the generic search translated to the Query
// extension, page-number paging by re-POSTing the same body (with "page") to our own search URL
// whatever host the `next` link names, pages parsed off the GUI thread, items de-duplicated by
// id, and the 10,000-item cap. What the query cannot express is applied to each page here.
// Stops when there is no next link, numberMatched is reached, the cap or maxItems is reached, or
// a page brings nothing new.
class CapellaSearchJob : public StacJob
{
    Q_OBJECT
public:
    CapellaSearchJob(NetworkClient *network, const QUrl &api, const SearchParameters &parameters, ItemStore *store,
        int maxItems = 0, QObject *parent = nullptr);
    ~CapellaSearchJob() override;
    void cancel() override;

    std::optional<qint64> matched() const { return m_matched; }
    int returned() const { return m_returned; }
    int pages() const { return m_pages; }
    // The first page's body as sent (tests and --verbose).
    const QJsonObject &body() const { return m_body; }

Q_SIGNALS:
    void itemsAdded(int first, int count);
    void matchedKnown(qint64 matched);

private:
    void start();
    void sendPage();
    void onPage();
    void onParsed();

    NetworkClient *m_network;
    QUrl m_api;
    ItemStore *m_store;
    QJsonObject m_body;
    QJsonObject m_localFilter;
    QPointer<HttpCall> m_call;
    // A page parsed (and filtered) off the GUI thread.
    struct Parsed
    {
        ItemPage page;
        int received = 0; // items the server sent
        int dropped = 0; // of which the local part of the filter rejected
    };
    QFutureWatcher<Parsed> *m_watcher = nullptr;
    QByteArray m_pageBody;
    QUrl m_pageUrl;
    QUrl m_nextHref;
    std::optional<qint64> m_matched;
    int m_maxItems = 0;
    int m_page = 1;
    int m_pages = 0;
    int m_returned = 0;
    int m_locallyDropped = 0;
};

} // namespace StacScope
