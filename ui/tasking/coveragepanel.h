#pragma once

#include <vector>

#include <QList>
#include <QPointer>
#include <QWidget>

#include "src/geo/coverage.h"
#include "src/geo/coveragejob.h"
#include "src/geo/geometry.h"
#include "src/providers/catalogsource.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace StacScope {

class ItemStore;
class MultiCatalogSearch;
class NetworkClient;
class ProviderRegistry;

// "Archive or task?" beside the task form: what the user's catalogs already hold over the target
// (scene count, newest, least cloud, the share of the target their footprints cover together,
// computed with GEOS off the GUI thread) and which part is left uncovered. The open catalog
// counts with its current results; every other catalog of the user is searched over the target
// at once (MultiCatalogSearch, at most MaxScenesPerCatalog scenes each), one line per catalog
// saying what it returned or why it failed. A scene of the current results clicked here is
// selected in them; a scene of another catalog asks for that catalog to be opened on the target.
class CoveragePanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxScenesPerCatalog = 500;

    explicit CoveragePanel(const ItemStore *store, QWidget *parent = nullptr);
    ~CoveragePanel() override;

    // The other catalogs to search over each target (the open one is `openName`, counted from the
    // store). Without a registry, only the current results are counted.
    void setCatalogs(const ProviderRegistry *registry, NetworkClient *network, const QList<CatalogSource> &others,
        const QString &openName);
    // A new target: counted from the current results at once, and searched in the other catalogs.
    void setTarget(const Geometry &target);
    // Counts again over the store as it is now (after a search, say) and what the other catalogs
    // returned; nothing is searched again.
    void refresh();
    // Searches the other catalogs over the target again (after setCatalogs(), say).
    void searchCatalogs();
    bool isComputing() const { return m_job; }
    bool isSearching() const;
    const Coverage::Result &result() const { return m_result; }
    MultiCatalogSearch *catalogSearch() const { return m_multi; }

    QLabel *summaryLabel() const { return m_summary; }
    QLabel *catalogsLabel() const { return m_catalogs; }
    QTreeWidget *scenesView() const { return m_scenes; }
    QPushButton *searchButton() const { return m_search; }

Q_SIGNALS:
    // A store row the user picked in the list.
    void sceneActivated(int row);
    // A scene of another catalog the user picked.
    void otherSceneActivated(const StacScope::CatalogSource &catalog, const QString &collection, const QString &id);
    void searchHereRequested();
    // The part of the target left uncovered (empty when covered or unknown), for the map.
    void uncoveredChanged(const StacScope::Geometry &uncovered);
    void computed();
    // Every other catalog answered (or failed).
    void catalogsSearched();

private:
    // Where a footprint of the computation came from: the store (catalog -1) or another catalog.
    struct Origin
    {
        int catalog = -1;
        int row = -1;
    };
    void onFinished();
    void show(const Coverage::Result &result);
    void showCatalogs();
    const ItemStore *storeOf(int catalog) const;
    QString catalogName(int catalog) const;

    const ItemStore *m_store;
    Geometry m_target;
    QPointer<CoverageJob> m_job;
    Coverage::Result m_result;
    std::vector<Origin> m_origins; // of the last computation, by footprint index
    MultiCatalogSearch *m_multi = nullptr;
    QList<CatalogSource> m_others;
    QString m_openName;
    QLabel *m_summary;
    QLabel *m_advice;
    QLabel *m_catalogs;
    QTreeWidget *m_scenes;
    QPushButton *m_search;
};

} // namespace StacScope
