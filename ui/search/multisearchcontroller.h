#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include "src/providers/catalogsource.h"
#include "src/stac/searchparameters.h"

namespace StacScope {

class CatalogChoiceButton;
class CatalogSession;
class CatalogStatusStrip;
class CatalogsController;
class ItemStore;
class MessageBar;
class MultiCatalogSearch;
class ResultsModel;
class SearchPanel;

// Several catalogs searched at once from the window: the catalogs ticked beside the picker
// (CatalogChoiceButton), their collections offered together, one MultiCatalogSearch whose results
// stream into the window's one store (a Catalog column in the table), and a strip above the table
// with each catalog's figures or error. With one catalog ticked it does nothing: the window
// searches the open catalog as it always did.
class MultiSearchController : public QObject
{
    Q_OBJECT
public:
    MultiSearchController(CatalogsController *catalogs, SearchPanel *search, ItemStore *results, ResultsModel *model,
        CatalogStatusStrip *strip, MessageBar *messages, QObject *parent);
    ~MultiSearchController() override;

    CatalogChoiceButton *choiceButton() const;
    CatalogStatusStrip *strip() const { return m_strip; }
    // The last search's (nullptr before the first).
    MultiCatalogSearch *search() const { return m_search; }

    // More than the picker's catalog is ticked.
    bool isMulti() const;
    // The picker's catalog, then the ticked ones.
    QList<CatalogSource> chosenCatalogs() const;
    // With several catalogs ticked: starts the search in each (into the results store, which it
    // clears) and returns true. With one: forgets the last multi-catalog search and returns false.
    bool run(const SearchParameters &parameters, int maxItems);
    void cancel();
    bool isRunning() const;
    // The open session of a chosen catalog (the picker's or a ticked one); null when not open.
    CatalogSession *sessionOf(const CatalogSource &source) const;
    // The catalog a results row came from, when the results are those of a multi-catalog search.
    std::optional<CatalogSource> sourceOfRow(int row) const;
    // The results are no longer those of a multi-catalog search (one catalog searched, or cleared).
    void forget();

Q_SIGNALS:
    void itemsAdded();
    void finished();

private:
    void syncChoices();
    void onSessionOpened(CatalogSession *session);
    // Opens the ticked catalogs (for their collections) and closes the unticked ones.
    void syncCollectionSessions();
    // The collections of every chosen catalog, together (see README: a union).
    void updateCollections();
    // The collection ids `source` lists; nullopt when not known (not open, failed, none listed).
    std::optional<QStringList> collectionsOf(const CatalogSource &source) const;
    void onFinished();

    CatalogsController *m_catalogs;
    SearchPanel *m_searchPanel;
    ItemStore *m_results;
    ResultsModel *m_model;
    MessageBar *m_messages;
    MultiCatalogSearch *m_search = nullptr;
    CatalogStatusStrip *m_strip;
    QHash<QString, QPointer<CatalogSession>> m_collectionSessions; // by catalog id, the ticked ones
    // Ticks remembered from the last run for catalogs not listed yet (an account's are listed
    // once its account is loaded); ticked as they appear.
    QStringList m_pendingTicks;
    void tickPending();
    void saveTicks() const;
    QList<CatalogSource> m_lastSources; // of the multi-catalog search the results come from
    QStringList m_leftOut; // ticked catalogs that list none of the chosen collections
};

} // namespace StacScope
