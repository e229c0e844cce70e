#pragma once

#include <QDialog>

class QTabWidget;
class QTextBrowser;
class QWidget;

namespace StacScope {

// Help > About StacScope: the version, what the app does, StacScope's licence, the libraries it
// links with their licences and the versions running, and the attributions of the data it shows
// (the embedded Natural Earth basemap, the online basemaps). Non-modal, one at a time.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    QTextBrowser *aboutText() const { return m_about; }
    QTextBrowser *licencesText() const { return m_licences; }
    QTextBrowser *dataText() const { return m_data; }

private:
    QTabWidget *m_tabs;
    QTextBrowser *m_about;
    QTextBrowser *m_licences;
    QTextBrowser *m_data;
};

} // namespace StacScope
