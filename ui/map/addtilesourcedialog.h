#pragma once

#include <QDialog>

#include "src/net/tilesource.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace StacScope {

// Asks for a user-defined XYZ source: name, URL template and attribution, validated as typed.
class AddTileSourceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddTileSourceDialog(QWidget *parent = nullptr);

    TileSource source() const;
    // Empty when the input is acceptable.
    QString problem() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *templateEdit() const { return m_template; }
    QLineEdit *attributionEdit() const { return m_attribution; }

private:
    void validate();

    QLineEdit *m_name;
    QLineEdit *m_template;
    QLineEdit *m_attribution;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace StacScope
