#pragma once

#include <QDialog>

#include "src/providers/catalogsource.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace StacScope {

// "Add STAC API...": a landing page URL, a name, and optional request headers (one
// "Name: value" a line) for catalogs that want an API key.
class AddCatalogDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddCatalogDialog(QWidget *parent = nullptr);

    // The source described by the form, or an error message in `error`.
    CatalogSource source(QString *error) const;

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *headersEdit() const { return m_headers; }

    void accept() override;

private:
    QLineEdit *m_url;
    QLineEdit *m_name;
    QPlainTextEdit *m_headers;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace StacScope
