#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace StacScope {

class MainWindow;

// For `stacscope --startup-benchmark`: reports, as one JSON line on stdout, how long it took from
// main() to the first paint of the map showing the first search's results, then the resident
// memory once the app has sat idle for a moment, and quits.
class StartupProbe : public QObject
{
    Q_OBJECT
public:
    StartupProbe(MainWindow *window, const QElapsedTimer &sinceMain, QObject *parent = nullptr);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void painted();
    void idle();

    MainWindow *m_window;
    QElapsedTimer m_sinceMain;
    bool m_resultsReady = false;
    bool m_done = false;
    qint64 m_firstPaintMs = -1;
};

} // namespace StacScope
