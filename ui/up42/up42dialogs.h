#pragma once

#include <QDialog>
#include <QStringList>

#include "src/providers/up42/up42api.h"

class QAbstractButton;
class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace StacScope {

// The folder for files from UP42 storage: what goes (files, size), where (the folder remembered
// from the last download, and below it a folder named after the order for "Download all"). It
// only chooses; the Storage view plans and queues.
class Up42DownloadDialog : public QDialog
{
    Q_OBJECT
public:
    // `what`: "3 files, 1.2 GB"; `subfolder`: a sanitised folder name below the chosen one, or empty.
    Up42DownloadDialog(
        const QString &what, const QString &directory, const QString &subfolder, QWidget *parent = nullptr);

    // The chosen folder (without the subfolder).
    QString directory() const;
    // Where the files go: the chosen folder, and the subfolder below it.
    QString targetDirectory() const;
    // Unpack ZIP archives once downloaded and verified (remembered for the next time).
    bool unpackZips() const;

    QLineEdit *directoryEdit() const { return m_directory; }
    QCheckBox *unpackBox() const { return m_unpack; }
    QLabel *targetLabel() const { return m_target; }
    QPushButton *downloadButton() const { return m_download; }

private:
    void browse();
    void updateTarget();

    QString m_subfolder;
    QLineEdit *m_directory;
    QLabel *m_target;
    QCheckBox *m_unpack;
    QPushButton *m_download;
};

// "Edit tags..." of an order (merge-patch of its tags) and "Edit title and tags..." of an asset
// (its metadata): tags as a comma-separated line.
class Up42TagsDialog : public QDialog
{
    Q_OBJECT
public:
    // `withTitle`: an asset, whose title can be edited too.
    Up42TagsDialog(const QString &heading, bool withTitle, const QString &title, const QStringList &tags,
        QWidget *parent = nullptr);

    // The title typed; a null string when it is empty (no title) or the dialog has none.
    QString title() const;
    // The tags typed, trimmed, empty ones and repeats dropped, in the order typed.
    QStringList tags() const;
    static QStringList splitTags(const QString &text);

    QLineEdit *titleEdit() const { return m_title; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QPushButton *saveButton() const { return m_save; }

private:
    QLineEdit *m_title = nullptr;
    QLineEdit *m_tags;
    QPushButton *m_save;
};

// A feasibility study's options (UP42 tasking, providers/up42.md §5): one to choose, with what
// choosing means (UP42 then quotes; credits are charged only once the quotation is accepted; the
// choice is final). Nothing is preselected: the button stays disabled until the user picks one.
class Up42StudyDialog : public QDialog
{
    Q_OBJECT
public:
    Up42StudyDialog(const QString &orderName, const Up42FeasibilityStudy &study, QWidget *parent = nullptr);

    // The chosen option's id; empty until one is picked.
    QString chosenOptionId() const;
    QList<QAbstractButton *> optionButtons() const;
    QPushButton *chooseButton() const { return m_choose; }

private:
    Up42FeasibilityStudy m_study;
    QButtonGroup *m_options;
    QPushButton *m_choose;
};

} // namespace StacScope
