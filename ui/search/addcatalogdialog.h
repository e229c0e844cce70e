#pragma once

#include <QDialog>

#include "src/providers/catalogsource.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace StacScope {

// Adds or edits a catalog. A STAC API: its landing page URL, a name, and optional request headers
// (one "Name: value" a line) for catalogs that want an API key. A static catalog: a folder, a
// catalog.json file (both have a chooser) or its URL, and a name.
// OK does not close the form: it asks for a check (checkRequested); whoever checks closes it with
// acceptChecked() or says why not with setCheckFailed(), which offers Retry and Keep anyway.
class AddCatalogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddCatalogDialog(CatalogSource::Kind kind = CatalogSource::Kind::StacApi, QWidget *parent = nullptr);

    CatalogSource::Kind kind() const { return m_kind; }
    // Edits `source`: the form shows it, and the result replaces it.
    void setEditing(const CatalogSource &source);
    // The id of the catalog being edited; empty when adding.
    QString originalId() const { return m_originalId; }

    // The source described by the form, or an error message in `error`.
    CatalogSource source(QString *error) const;

    // The check is running / passed / failed with this reason.
    void setChecking();
    void acceptChecked();
    void setCheckFailed(const QString &reason);
    // A problem that is not about loading (e.g. a duplicate), in the form's status line.
    void showError(const QString &text) { showStatus(text, true); }

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *okButton() const;
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *keepButton() const { return m_keep; }
    QPushButton *folderButton() const { return m_folder; }
    QPushButton *fileButton() const { return m_file; }

    // Checks the form and asks for the check (or shows what is wrong).
    void accept() override;

Q_SIGNALS:
    void checkRequested(const StacScope::CatalogSource &source);
    void keepRequested(const StacScope::CatalogSource &source);

private:
    void showStatus(const QString &text, bool error);
    void setBusy(bool busy);
    void browse(bool folder);

    CatalogSource::Kind m_kind;
    QString m_originalId;
    QLineEdit *m_url;
    QLineEdit *m_name;
    QPlainTextEdit *m_headers = nullptr;
    QPushButton *m_folder = nullptr;
    QPushButton *m_file = nullptr;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_retry;
    QPushButton *m_keep;
};

} // namespace StacScope
