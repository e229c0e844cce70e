#pragma once

#include <QDialog>

#include "src/download/assetselection.h"
#include "src/download/downloadplanner.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QStandardItemModel;
class QTreeView;

namespace StacScope {

// "Download..." on one or many results: the asset keys across the selection with their roles,
// media types, counts and sizes; include/exclude by key, role or media type (an exclusion wins);
// the folder, the layout and what to do with files that exist. The caller plans and enqueues.
class DownloadDialog : public QDialog
{
    Q_OBJECT
public:
    DownloadDialog(AssetSelection selection, const QString &directory, QWidget *parent = nullptr);

    // The selection with the filters the user chose.
    const AssetSelection &selection() const { return m_selection; }
    // Folder, layout and existing-file policy (the caller adds catalog URL and headers).
    DownloadPlanOptions planOptions() const;

    QTreeView *keysView() const { return m_keysView; }
    QLineEdit *includeEdit() const { return m_include; }
    QLineEdit *excludeEdit() const { return m_exclude; }
    QLineEdit *directoryEdit() const { return m_directory; }
    QLabel *totalsLabel() const { return m_totals; }
    // Said before anything is queued: the chosen files that cannot be fetched (s3:// links, other
    // schemes, made-up hosts such as the demo catalog's) and will be skipped. Hidden when none.
    QLabel *warningLabel() const { return m_warning; }
    // "Unpack ZIP archives...": shown only when an asset is a ZIP.
    QCheckBox *unpackBox() const { return m_unpack; }
    QPushButton *downloadButton() const;

    // Only the asset `key` ("Download this file" on an asset): include set to it, exclude empty,
    // and neither remembered as the next download's filters.
    void chooseOnly(const QString &key);

    // The folder downloads went to last ("downloads/directory"), or Downloads/StacScope.
    static QString defaultDirectory();
    static void rememberDirectory(const QString &directory);

private:
    bool m_rememberFilters = true;
    void fillKeys();
    void applyFilters();
    void onKeyToggled(int row, bool checked);
    void chooseDirectory();

    AssetSelection m_selection;
    QList<AssetKeySummary> m_keys;
    QStandardItemModel *m_keysModel;
    QTreeView *m_keysView;
    QLineEdit *m_include;
    QLineEdit *m_exclude;
    QLineEdit *m_directory;
    QRadioButton *m_perItem;
    QRadioButton *m_flat;
    QComboBox *m_existing;
    QCheckBox *m_unpack;
    QLabel *m_totals;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
    bool m_updating = false;
};

} // namespace StacScope
