#pragma once

// The Monitor dock against the Satellogic and Capella emulators, with a real RequestMonitor over a
// SQLite file: the models' texts and roles (under QAbstractItemModelTester), the filters, a Capella
// tasking request followed through every state with one notification per change, approving,
// rejecting and canceling (asked first, sent once, with the bodies capella.md and satellogic.md
// write out), deliveries queued automatically exactly once, the rows after a restart. With
// STACSCOPE_SCREENSHOTS=<folder> it also writes monitor.png there. The slots live in two files:
// models, filters, restart and the screenshot (tst_monitorpanel.cpp); the actions and the life
// cycle (tst_monitorpanelactions.cpp).

#include <memory>

#include <QObject>

#include "tests/ui/monitorharness.h"

class TestMonitorPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StacScope::MonitorHarness> m_h;

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // tst_monitorpanel.cpp
    void modelTextsAndRoles();
    void nextPollInWords();
    void historyNewestFirst();
    void filters();
    void notifierQueuesOnce();
    void restoredAfterRestart();
    void screenshot();

    // tst_monitorpanelactions.cpp
    void capellaTaskingThroughEveryState();
    void cancelAsksFirstAndSendsOnce();
    void rejectCost();
    void autoDownloadQueuesOnce();
    void showOnMapAndStopFollowing();

    // tst_monitorpanelrepeat.cpp
    void repeatCollectsFollowedToFiles();
    void up42QuotationAndCancelFromTheDock();
    void up42FeasibilityOptionFromTheDock();
};
