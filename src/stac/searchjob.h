#pragma once

#include <optional>

#include <QFutureWatcher>
#include <QPointer>
#include <QSet>

#include "src/net/httprequest.h"
#include "src/stac/filterplan.h"
#include "src/stac/itemparser.h"
#include "src/stac/searchparameters.h"
#include "src/stac/stacapiclient.h"
#include "src/stac/stacapijob.h"

namespace StacScope {

class HttpCall;
class ItemStore;
class LandingJob;

// A paged item search against a STAC API. Pages are fetched one after another by following
// `next` links (honouring their method, body, merge and headers), parsed off the GUI thread, and
// appended to the given store; itemsAdded() reports each page as it lands.
class SearchJob : public StacApiJob
{
    Q_OBJECT
public:
    SearchJob(StacApiClient *client, const SearchParameters &parameters, ItemStore *store, const SearchOptions &options,
        QObject *parent);
    ~SearchJob() override;

    void cancel() override;

    // numberMatched (or context.matched) of the first page, when the server said.
    std::optional<qint64> matched() const { return m_matched; }
    int returned() const { return m_returned; }
    int pages() const { return m_pages; }
    QString method() const { return QString::fromLatin1(m_original.method); }
    // The first request as sent (for logs and tests).
    const HttpRequest &firstRequest() const { return m_original; }
    // How the filter went to the server, and what of it runs here (set when the search begins).
    const FilterPlan &filterPlan() const { return m_filterPlan; }
    // Where the search would go on when it stopped at maxItems with more on the server, or was
    // canceled between pages (SearchOptions::continueWith); nullopt when the server has no more.
    const std::optional<SearchContinuation> &continuation() const { return m_continuation; }

Q_SIGNALS:
    // `first` and `count` are rows of the store.
    void itemsAdded(int first, int count);
    void matchedKnown(qint64 matched);

private:
    void begin() override;
    QString precheck() const override;
    void send(const HttpRequest &request);
    void onPage();
    void onParsed();
    bool prepareNext(const ItemPage &page);

    SearchParameters m_parameters;
    ItemStore *m_store;
    SearchOptions m_options;
    struct Parsed
    {
        ItemPage page;
        int received = 0; // items on the page before the local part of the filter
    };
    QFutureWatcher<Parsed> *m_watcher = nullptr;
    FilterPlan m_filterPlan;
    QByteArray m_pageBody;
    QUrl m_pageUrl;
    HttpRequest m_original;
    HttpRequest m_next;
    HttpRequest m_current; // the request whose page is on its way or being read
    std::optional<SearchContinuation> m_continuation;
    QSet<QByteArray> m_seenRequests;
    std::optional<qint64> m_matched;
    int m_returned = 0;
    int m_pages = 0;
};

} // namespace StacScope
