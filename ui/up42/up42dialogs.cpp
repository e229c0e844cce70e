#include "ui/up42/up42dialogs.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

Up42DownloadDialog::Up42DownloadDialog(
    const QString &what, const QString &directory, const QString &subfolder, QWidget *parent)
    : QDialog(parent)
    , m_subfolder(subfolder)
    , m_directory(new QLineEdit(QDir::toNativeSeparators(directory), this))
    , m_target(new QLabel(this))
    , m_unpack(new QCheckBox(tr("&Unpack ZIP archives once downloaded and verified"), this))
    , m_download(new QPushButton(tr("&Download"), this))
{
    setObjectName(u"up42DownloadDialog"_s);
    m_unpack->setObjectName(u"up42UnpackZips"_s);
    m_unpack->setToolTip(tr("Each ZIP is unpacked into a folder of its name beside it, without its \"output\" "
                            "folder. An entry that would land outside that folder stops the unpacking."));
    // As the SDK's asset.download() did (unpacking=True), unless the user said otherwise.
    m_unpack->setChecked(QSettings().value(u"up42/unpackZips"_s, true).toBool());
    setWindowTitle(tr("Download from UP42 storage"));
    setWindowModality(Qt::WindowModal);
    auto *heading = new QLabel(what, this);
    heading->setWordWrap(true);
    m_target->setWordWrap(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_directory->setObjectName(u"up42DownloadDirectory"_s);

    auto *where = new QHBoxLayout;
    auto *browse = new QPushButton(tr("&Browse..."), this);
    browse->setAutoDefault(false);
    where->addWidget(m_directory, 1);
    where->addWidget(browse);
    auto *form = new QFormLayout;
    auto *whereLabel = new QLabel(tr("Save &to:"), this);
    whereLabel->setBuddy(m_directory);
    form->addRow(whereLabel, where);
    form->addRow(QString(), m_target);
    form->addRow(QString(), m_unpack);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_download, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_download->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &Up42DownloadDialog::browse);
    connect(m_directory, &QLineEdit::textChanged, this, &Up42DownloadDialog::updateTarget);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings().setValue(u"up42/unpackZips"_s, m_unpack->isChecked());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateTarget();
    resize(std::max(560, sizeHint().width()), sizeHint().height());
}

QString Up42DownloadDialog::directory() const
{
    const QString text = m_directory->text().trimmed();
    return text.isEmpty() ? QString() : QDir::cleanPath(QDir::fromNativeSeparators(text));
}

bool Up42DownloadDialog::unpackZips() const
{
    return m_unpack->isChecked();
}

QString Up42DownloadDialog::targetDirectory() const
{
    const QString root = directory();
    if (root.isEmpty() || m_subfolder.isEmpty()) {
        return root;
    }
    return QDir(root).filePath(m_subfolder);
}

void Up42DownloadDialog::updateTarget()
{
    const QString target = targetDirectory();
    m_download->setEnabled(!target.isEmpty());
    m_target->setText(
        target.isEmpty() ? tr("Choose a folder.") : tr("The files go to %1").arg(QDir::toNativeSeparators(target)));
}

void Up42DownloadDialog::browse()
{
    const QString start = directory();
    if (!start.isEmpty()) {
        QDir().mkpath(start); // so that the dialog can choose it
    }
    auto *dialog = new QFileDialog(this, tr("Folder for the files from UP42 storage"), start);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
        [this](const QString &path) { m_directory->setText(QDir::toNativeSeparators(path)); });
    // open(), not exec(): no nested event loop on the GUI thread.
    dialog->open();
}

Up42TagsDialog::Up42TagsDialog(
    const QString &heading, bool withTitle, const QString &title, const QStringList &tags, QWidget *parent)
    : QDialog(parent)
    , m_tags(new QLineEdit(tags.join(u", "_s), this))
    , m_save(new QPushButton(tr("&Save"), this))
{
    setObjectName(u"up42TagsDialog"_s);
    setWindowTitle(withTitle ? tr("Title and tags") : tr("Tags"));
    setWindowModality(Qt::WindowModal);
    auto *label = new QLabel(heading, this);
    label->setWordWrap(true);
    auto *form = new QFormLayout;
    if (withTitle) {
        m_title = new QLineEdit(title, this);
        m_title->setObjectName(u"up42TitleEdit"_s);
        m_title->setPlaceholderText(tr("None: the file name is shown"));
        form->addRow(tr("&Title:"), m_title);
    }
    m_tags->setObjectName(u"up42TagsEdit"_s);
    m_tags->setPlaceholderText(tr("project-7, urban"));
    m_tags->setToolTip(tr("Tags separated by commas; an empty line removes them all"));
    form->addRow(tr("T&ags:"), m_tags);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_save->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(std::max(460, sizeHint().width()), sizeHint().height());
}

QString Up42TagsDialog::title() const
{
    // A null title clears it (the file name is shown again).
    const QString text = m_title ? m_title->text().trimmed() : QString();
    return text.isEmpty() ? QString() : text;
}

QStringList Up42TagsDialog::tags() const
{
    return splitTags(m_tags->text());
}

QStringList Up42TagsDialog::splitTags(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',')) {
        const QString tag = part.trimmed();
        if (!tag.isEmpty() && !out.contains(tag)) {
            out.append(tag);
        }
    }
    return out;
}

Up42StudyDialog::Up42StudyDialog(const QString &orderName, const Up42FeasibilityStudy &study, QWidget *parent)
    : QDialog(parent)
    , m_study(study)
    , m_options(new QButtonGroup(this))
    , m_choose(new QPushButton(tr("&Choose this option"), this))
{
    setObjectName(u"up42StudyDialog"_s);
    setWindowTitle(tr("Feasibility study"));
    setWindowModality(Qt::WindowModal);
    auto *heading = new QLabel(tr("<b>UP42 studied the tasking order \"%1\".</b> Choose how it should go ahead:")
                                   .arg(orderName.toHtmlEscaped()),
        this);
    heading->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addSpacing(4);
    for (qsizetype i = 0; i < study.options.size(); ++i) {
        const Up42FeasibilityStudy::Option &option = study.options.at(i);
        auto *button = new QRadioButton(
            option.description.isEmpty() ? tr("Option %1 (%2)").arg(i + 1).arg(option.id) : option.description, this);
        button->setObjectName(u"studyOption%1"_s.arg(i + 1));
        button->setToolTip(option.id);
        m_options->addButton(button, int(i));
        layout->addWidget(button);
    }
    auto *note = new QLabel(tr("UP42 then prepares a quotation for the order; credits are charged only once you "
                               "accept it. The choice is sent once and cannot be changed."),
        this);
    note->setWordWrap(true);
    note->setEnabled(false); // secondary text
    layout->addSpacing(6);
    layout->addWidget(note);
    layout->addStretch(1);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_choose, QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Not now"), QDialogButtonBox::RejectRole);
    m_choose->setEnabled(false);
    m_choose->setDefault(true);
    layout->addWidget(buttons);
    connect(m_options, &QButtonGroup::idToggled, this, [this] { m_choose->setEnabled(!chosenOptionId().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!chosenOptionId().isEmpty()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(std::max(520, sizeHint().width()), sizeHint().height());
}

QString Up42StudyDialog::chosenOptionId() const
{
    const int id = m_options->checkedId();
    return id >= 0 && id < m_study.options.size() ? m_study.options.at(id).id : QString();
}

QList<QAbstractButton *> Up42StudyDialog::optionButtons() const
{
    return m_options->buttons();
}

} // namespace StacScope
