#pragma once

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include "src/providers/capella/capellatypes.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace StacScope {

// "Edit..." of Capella tasking or repeat requests: the fields Capella lets a request change
// (name, description, the two custom attributes, product types; capella.md §6-7). With one
// request the fields start with its values and only what the user changes is sent; with several,
// empty fields leave each request as it is. The body comes from CapellaApi::updateBody, whose
// issues are shown under their fields; the dialog stays open until there are none. It sends
// nothing itself.
class CapellaRequestEditDialog : public QDialog
{
    Q_OBJECT
public:
    CapellaRequestEditDialog(
        CapellaRequest::Kind kind, const QList<CapellaRequest> &requests, QWidget *parent = nullptr);

    CapellaRequest::Kind kind() const { return m_kind; }
    QStringList ids() const { return m_ids; }
    // The PATCH body for every request, once accepted; empty before.
    QJsonObject body() const { return m_body; }
    // The issue shown under a field ("name", "description", "custom_attribute_1", "product_types";
    // anything else under the form), empty when none.
    QString issueText(const QString &key) const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QLineEdit *attributeEdit(int number) const { return number == 1 ? m_attribute1 : m_attribute2; }
    QCheckBox *productCheck(const QString &productType) const { return m_products.value(productType); }
    QPushButton *applyButton() const { return m_apply; }

    void accept() override;

private:
    QLabel *issueLabel(const QString &key);
    QStringList checkedProducts() const;

    CapellaRequest::Kind m_kind;
    QStringList m_ids;
    bool m_single;
    QString m_originalName;
    QString m_originalDescription;
    QString m_originalAttribute1;
    QString m_originalAttribute2;
    QStringList m_originalProducts;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QLineEdit *m_attribute1;
    QLineEdit *m_attribute2;
    QHash<QString, QCheckBox *> m_products;
    QStringList m_productOrder;
    QHash<QString, QLabel *> m_issues;
    QPushButton *m_apply = nullptr;
    QJsonObject m_body;
};

} // namespace StacScope
