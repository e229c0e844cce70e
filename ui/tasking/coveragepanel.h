#pragma once

#include <QPointer>
#include <QWidget>

#include "src/geo/coverage.h"
#include "src/geo/coveragejob.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace StacScope {

class ItemStore;

// "Archive or task?" beside the task form: what the current results already hold over the target
// (scene count, newest, least cloud, the share of the target their footprints cover, computed with
// GEOS off the GUI thread) and which part is left uncovered. A scene clicked here is selected in
// the results; "Search here" runs the catalog search over the target first.
class CoveragePanel : public QWidget
{
    Q_OBJECT
public:
    explicit CoveragePanel(const ItemStore *store, QWidget *parent = nullptr);
    ~CoveragePanel() override;

    void setTarget(const Geometry &target);
    // Computes again over the store as it is now (after a search, say).
    void refresh();
    bool isComputing() const { return m_job; }
    const Coverage::Result &result() const { return m_result; }

    QLabel *summaryLabel() const { return m_summary; }
    QTreeWidget *scenesView() const { return m_scenes; }
    QPushButton *searchButton() const { return m_search; }

Q_SIGNALS:
    // A store row the user picked in the list.
    void sceneActivated(int row);
    void searchHereRequested();
    // The part of the target left uncovered (empty when covered or unknown), for the map.
    void uncoveredChanged(const StacScope::Geometry &uncovered);
    void computed();

private:
    void onFinished();
    void show(const Coverage::Result &result);

    const ItemStore *m_store;
    Geometry m_target;
    QPointer<CoverageJob> m_job;
    Coverage::Result m_result;
    QLabel *m_summary;
    QLabel *m_advice;
    QTreeWidget *m_scenes;
    QPushButton *m_search;
};

} // namespace StacScope
