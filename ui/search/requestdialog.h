#pragma once

#include <QDialog>

#include "src/stac/requestrecipes.h"

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace StacScope {

// "Show the request": the search as a curl command, a pystac-client snippet and a stacscope-cli
// line, each with a Copy button, and what to set first (secrets are environment variables).
class RequestDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RequestDialog(const RequestRecipes &recipes, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    // The text of tab `title` ("curl", "Python", "stacscope-cli"), empty when it has none.
    QString text(const QString &title) const;
    QLabel *notesLabel() const { return m_notes; }

private:
    void addTab(const QString &title, const QString &text, const QString &unavailable);

    QTabWidget *m_tabs;
    QLabel *m_notes;
};

} // namespace StacScope
