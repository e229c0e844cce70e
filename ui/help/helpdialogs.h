#pragma once

#include <QDialog>

class QTextBrowser;
class QWidget;

namespace StacScope {

// Help > Getting started (F1): a short in-app guide to what StacScope does today, from the first
// launch on the demo catalog to providers, tasking and downloads. Non-modal, one at a time.
class GettingStartedDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GettingStartedDialog(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

// Help > Keyboard shortcuts: every shortcut of the window's menus (read from its actions, so the
// list cannot go stale) and the map's mouse and keyboard gestures.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace StacScope
