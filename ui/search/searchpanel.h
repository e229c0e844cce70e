#pragma once

#include <optional>

#include <QWidget>

#include "src/geo/geobox.h"
#include "src/models/aoilistmodel.h"
#include "src/stac/searchparameters.h"
#include "src/stac/staccollection.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSettings;
class QToolButton;

namespace StacScope {

class FilterBuilder;
class CatalogChoiceButton;

// The search form: which catalog, which collections, when, where, how cloudy, how many.
// It builds SearchParameters; running the search is the window's business.
class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Area
    {
        MapView,
        ActiveAoi,
        World
    };

    explicit SearchPanel(QWidget *parent = nullptr);

    void setCatalogs(const QStringList &names, int current);
    int currentCatalog() const;
    void setCollections(const StacCollections &collections);
    void setCollectionsLoading(bool loading);
    // The collections could not be loaded: the reason and a Retry button where they would be.
    void setCollectionsError(const QString &reason);
    QStringList checkedCollections() const;
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    Area area() const;
    void setArea(Area area);
    // The area searches use when the area choice is "Active area of interest" (nullptr: none).
    void setActiveAoi(const Aoi *aoi);
    std::optional<Aoi> activeAoi() const { return m_activeAoi; }
    int maxItems() const;
    void setMaxItems(int n);

    // The parameters for a search over `mapView` (used when the area is the map view).
    SearchParameters parameters(const GeoBox &mapView, QString *error = nullptr) const;
    // The form showing a search run again (a saved one, or from the history): collections, dates,
    // the cloud cover filter the form writes, the sort and the cap (0: the largest); an area
    // becomes "Current map view" (the window shows it there), none "Whole world".
    void applyParameters(const SearchParameters &parameters, int maxItems);

    QPushButton *searchButton() const { return m_search; }
    QPushButton *cancelButton() const { return m_cancel; }
    QToolButton *drawButton() const { return m_draw; }
    QComboBox *catalogCombo() const { return m_catalog; }
    // "Search in": more catalogs searched together with the picker's (MultiSearchController).
    CatalogChoiceButton *catalogChoice() const { return m_catalogChoice; }
    QListWidget *collectionList() const { return m_collections; }
    QLabel *collectionsHint() const { return m_collectionsHint; }
    QPushButton *collectionsRetryButton() const { return m_retryCollections; }
    QCheckBox *cloudCheck() const { return m_cloudEnabled; }
    QSpinBox *cloudSpin() const { return m_cloud; }
    QComboBox *sortCombo() const { return m_sort; }
    FilterBuilder *filterBuilder() const { return m_filters; }

    // The sort asked for, as the sort extension writes it ("-datetime", "+eo:cloud_cover"; empty:
    // the server's order). setSortKey() shows another one (a table header clicked), adding an
    // entry named `label` when the list has none for it; it does not emit sortChanged.
    QString sortKey() const;
    // The form as the user left it (collections checked, dates, cloud cover, area, sort, max
    // items) kept in the settings and brought back at the next launch; collections are checked
    // once the catalog lists them.
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);
    void setSortKey(const QString &key, const QString &label);

Q_SIGNALS:
    void catalogChosen(int index);
    void addApiRequested();
    void openStaticRequested();
    void manageCatalogsRequested();
    void collectionsRetryRequested();
    void searchRequested();
    void cancelRequested();
    void drawRectangleToggled(bool on);
    // The user chose another sort in the form.
    void sortChanged(const QString &key);
    // Collections were checked or unchecked (the filter's properties depend on them).
    void checkedCollectionsChanged();

private:
    void showHint(const QString &text, bool error = false);
    // Sizes the collection list to its rows (3 to 10).
    void fitCollectionList();

    QComboBox *m_catalog;
    QToolButton *m_addCatalog;
    CatalogChoiceButton *m_catalogChoice;
    QListWidget *m_collections;
    QLabel *m_collectionsHint;
    QPushButton *m_retryCollections;
    QCheckBox *m_fromEnabled;
    QDateEdit *m_from;
    QCheckBox *m_toEnabled;
    QDateEdit *m_to;
    QCheckBox *m_cloudEnabled;
    QSpinBox *m_cloud;
    FilterBuilder *m_filters;
    QComboBox *m_area;
    QToolButton *m_draw;
    QLabel *m_areaInfo;
    QComboBox *m_sort;
    QStringList m_pendingChecked; // restored, waiting for the catalog's collections
    QSpinBox *m_maxItems;
    QPushButton *m_search;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    std::optional<Aoi> m_activeAoi;
    bool m_busy = false;
};

} // namespace StacScope
