#pragma once

#include <QDialog>
#include <QList>

#include "src/providers/capella/capellaapi.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace StacScope {

// "Download..." of a Capella order: which products (by product type) and which of their assets
// (include / exclude keys, "raster" standing for the image itself), one folder per product or
// not, and where. It only chooses; the Orders dock plans and queues the downloads.
class OrderDownloadDialog : public QDialog
{
    Q_OBJECT
public:
    // `items`: the order's presign answer (GET /orders/{id}/download), already read.
    OrderDownloadDialog(const QString &orderId, const QList<CapellaPresignedItem> &items, const QString &directory,
        QWidget *parent = nullptr);

    QString orderId() const { return m_orderId; }
    const QList<CapellaPresignedItem> &items() const { return m_items; }
    CapellaApi::AssetFilter filter() const;
    QString directory() const;
    // How many files the current choice queues.
    int fileCount() const;

    // Product types offered as check boxes (those of the answer), by type; empty when the answer
    // names none, and a line edit takes them instead.
    QCheckBox *productTypeCheck(const QString &type) const;
    QLineEdit *productTypesEdit() const { return m_typesEdit; }
    QLineEdit *includeEdit() const { return m_include; }
    QLineEdit *excludeEdit() const { return m_exclude; }
    QCheckBox *perProductCheck() const { return m_perProduct; }
    QCheckBox *overwriteCheck() const { return m_overwrite; }
    QLineEdit *directoryEdit() const { return m_directory; }
    QPushButton *queueButton() const { return m_queue; }
    QLabel *summaryLabel() const { return m_summary; }

private:
    void updateSummary();
    void browse();

    QString m_orderId;
    QList<CapellaPresignedItem> m_items;
    QList<QCheckBox *> m_typeChecks;
    QLineEdit *m_typesEdit = nullptr;
    QLineEdit *m_include;
    QLineEdit *m_exclude;
    QCheckBox *m_perProduct;
    QCheckBox *m_overwrite;
    QLineEdit *m_directory;
    QLabel *m_summary;
    QPushButton *m_queue;
};

} // namespace StacScope
