#include "ui/search/catalogmanagerdialog.h"

#include <utility>

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include "src/net/networkerror.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// A removal already done by the manager; undo puts the catalog back in its place (open again if
// it was), redo removes it again.
class RemoveCatalogCommand : public QUndoCommand
{
public:
    RemoveCatalogCommand(CatalogsController *catalogs, const CatalogsController::RemovedCatalog &removed)
        : m_catalogs(catalogs)
        , m_removed(removed)
    {
        setText(QCoreApplication::translate("CatalogUndo", "Remove catalog \u201c%1\u201d").arg(removed.source.name));
    }
    void redo() override
    {
        if (std::exchange(m_done, false)) {
            return; // the manager removed it before the step was recorded
        }
        if (m_catalogs) {
            const CatalogsController::RemovedCatalog again = m_catalogs->removeCatalog(m_removed.source.id());
            m_removed = again.isValid() ? again : m_removed;
        }
    }
    void undo() override
    {
        if (m_catalogs) {
            m_catalogs->restoreCatalog(m_removed);
        }
    }

private:
    QPointer<CatalogsController> m_catalogs;
    CatalogsController::RemovedCatalog m_removed;
    bool m_done = true;
};

} // namespace

namespace {

constexpr int IdRole = Qt::UserRole;
const QColor kErrorColor(0xb3, 0x26, 0x1e);

} // namespace

CatalogManagerDialog::CatalogManagerDialog(CatalogsController *catalogs, QWidget *parent)
    : QDialog(parent)
    , m_catalogs(catalogs)
    , m_list(new QTreeWidget(this))
    , m_add(new QToolButton(this))
    , m_edit(new QPushButton(tr("Edit..."), this))
    , m_test(new QPushButton(tr("Test"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_hide(new QPushButton(tr("Hide"), this))
    , m_noticeBar(new QWidget(this))
    , m_notice(new QLabel(m_noticeBar))
    , m_undo(new QPushButton(tr("Undo"), m_noticeBar))
{
    setWindowTitle(tr("Manage catalogs"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("The catalogs listed in the search panel. Built-in catalogs can be hidden; the ones you added can "
           "be edited and removed. An account's catalog comes and goes with its account."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    m_list->setObjectName(u"catalogManagerList"_s);
    m_list->setColumnCount(4);
    m_list->setHeaderLabels({ tr("Name"), tr("Kind"), tr("Location"), tr("Status") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->header()->setStretchLastSection(true);
    m_list->header()->resizeSection(NameColumn, 190);
    m_list->header()->resizeSection(KindColumn, 165);
    m_list->header()->resizeSection(LocationColumn, 250);
    row->addWidget(m_list, 1);

    auto *buttons = new QVBoxLayout;
    m_add->setText(tr("Add"));
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_add->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_add->setMinimumHeight(m_edit->sizeHint().height());
    auto *addMenu = new QMenu(m_add);
    addMenu->addAction(tr("STAC API..."), m_catalogs, &CatalogsController::addStacApiDialog);
    addMenu->addAction(
        tr("Static catalog (folder or file)..."), m_catalogs, &CatalogsController::openStaticCatalogDialog);
    m_add->setMenu(addMenu);
    for (QWidget *w : std::initializer_list<QWidget *> { m_add, m_edit, m_test, m_remove, m_hide }) {
        buttons->addWidget(w);
    }
    m_test->setToolTip(tr("Load the catalog's landing page or root and count its collections"));
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row, 1);

    auto *noticeLayout = new QHBoxLayout(m_noticeBar);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    m_notice->setWordWrap(true);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(m_undo);
    m_undo->setToolTip(tr("Put the removed catalog back where it was (Ctrl+Z)"));
    m_noticeBar->hide();
    layout->addWidget(m_noticeBar);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_edit, &QPushButton::clicked, this, &CatalogManagerDialog::editCurrent);
    connect(m_test, &QPushButton::clicked, this, &CatalogManagerDialog::testCurrent);
    connect(m_remove, &QPushButton::clicked, this, &CatalogManagerDialog::removeCurrent);
    connect(m_hide, &QPushButton::clicked, this, &CatalogManagerDialog::toggleHiddenCurrent);
    connect(m_undo, &QPushButton::clicked, this, &CatalogManagerDialog::undoRemove);
    connect(new QShortcut(QKeySequence::Undo, this), &QShortcut::activated, this, &CatalogManagerDialog::undoRemove);
    connect(
        new QShortcut(QKeySequence::Delete, m_list), &QShortcut::activated, this, &CatalogManagerDialog::removeCurrent);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &CatalogManagerDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, &CatalogManagerDialog::editCurrent);
    connect(m_catalogs, &CatalogsController::catalogsChanged, this, &CatalogManagerDialog::rebuild);
    connect(m_catalogs, &CatalogsController::catalogTested, this, &CatalogManagerDialog::onTested);

    rebuild();
    if (m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    resize(1000, 420);
}

void CatalogManagerDialog::rebuild()
{
    const QString current = currentId();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QColor dim = palette().color(QPalette::Disabled, QPalette::Text);
    for (const CatalogSource &s : m_catalogs->managedCatalogs()) {
        auto *item = new QTreeWidgetItem(m_list);
        const QString id = s.id();
        const bool hidden = m_catalogs->isHidden(id);
        QString kind = s.kind == CatalogSource::Kind::StacApi ? tr("STAC API") : tr("Static catalog");
        if (s.builtIn) {
            kind = tr("%1, built-in").arg(kind);
        } else if (!s.accountId.isEmpty()) {
            kind = tr("%1, account").arg(kind);
        }
        item->setData(NameColumn, IdRole, id);
        item->setText(NameColumn, s.name);
        item->setText(KindColumn, kind);
        const QString location = s.location.startsWith(u":/"_s) ? tr("(inside the application)") : s.location;
        item->setText(LocationColumn, location);
        item->setToolTip(LocationColumn, location);
        QString status = m_status.value(id, tr("Not checked"));
        if (hidden) {
            status = tr("Hidden");
            for (int column = 0; column < m_list->columnCount(); ++column) {
                item->setForeground(column, dim);
            }
        } else if (m_statusError.value(id)) {
            item->setForeground(StatusColumn, kErrorColor);
        }
        item->setText(StatusColumn, status);
        item->setToolTip(StatusColumn, status);
    }
    if (QTreeWidgetItem *item = itemFor(current)) {
        m_list->setCurrentItem(item);
    }
    updateButtons();
}

void CatalogManagerDialog::updateButtons()
{
    const CatalogSource s = currentSource();
    const bool any = s.isValid();
    const bool user = any && CatalogsController::isUserCatalog(s);
    m_edit->setEnabled(user);
    m_remove->setEnabled(user);
    m_test->setEnabled(any);
    m_hide->setEnabled(any && s.builtIn);
    m_hide->setText(any && m_catalogs->isHidden(s.id()) ? tr("Show") : tr("Hide"));
    const QString why = !any     ? QString()
        : s.builtIn              ? tr("Built-in catalogs can be hidden, not removed")
        : !s.accountId.isEmpty() ? tr("This catalog belongs to an account: see Settings > Accounts")
                                 : QString();
    m_remove->setToolTip(why.isEmpty() ? tr("Remove the catalog (it can be undone)") : why);
    m_edit->setToolTip(why.isEmpty() ? tr("Change the name or location") : why);
    m_hide->setToolTip(s.builtIn ? tr("Hide or show this built-in catalog in the search panel")
                                 : tr("Only built-in catalogs are hidden; others are removed"));
}

QString CatalogManagerDialog::currentId() const
{
    QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(NameColumn, IdRole).toString() : QString();
}

CatalogSource CatalogManagerDialog::currentSource() const
{
    const QString id = currentId();
    for (const CatalogSource &s : m_catalogs->managedCatalogs()) {
        if (s.id() == id) {
            return s;
        }
    }
    return {};
}

QTreeWidgetItem *CatalogManagerDialog::itemFor(const QString &id) const
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(NameColumn, IdRole).toString() == id) {
            return m_list->topLevelItem(i);
        }
    }
    return nullptr;
}

bool CatalogManagerDialog::selectCatalog(const QString &id)
{
    QTreeWidgetItem *item = itemFor(id);
    if (item) {
        m_list->setCurrentItem(item);
    }
    return item;
}

QString CatalogManagerDialog::statusText(const QString &id) const
{
    QTreeWidgetItem *item = itemFor(id);
    return item ? item->text(StatusColumn) : QString();
}

void CatalogManagerDialog::editCurrent()
{
    const CatalogSource s = currentSource();
    if (s.isValid() && CatalogsController::isUserCatalog(s)) {
        m_catalogs->editCatalogDialog(s.id());
    }
}

void CatalogManagerDialog::testCurrent()
{
    const QString id = currentId();
    if (id.isEmpty()) {
        return;
    }
    m_status.insert(id, tr("Testing..."));
    m_statusError.remove(id);
    rebuild();
    m_catalogs->testCatalog(id);
}

void CatalogManagerDialog::onTested(const QString &id, int collections, const NetworkError &error)
{
    m_statusError.insert(id, error.isError());
    m_status.insert(id,
        error.isError()        ? tr("Couldn't load: %1").arg(error.toString())
            : collections == 1 ? tr("OK: 1 collection")
                               : tr("OK: %1 collections").arg(collections));
    rebuild();
}

void CatalogManagerDialog::removeCurrent()
{
    const CatalogSource s = currentSource();
    if (!s.isValid()) {
        return;
    }
    QString error;
    const CatalogsController::RemovedCatalog removed = m_catalogs->removeCatalog(s.id(), &error);
    if (!removed.isValid()) {
        showNotice(error, false, true);
        return;
    }
    m_removed = removed;
    if (QUndoStack *stack = m_catalogs->undoStack()) {
        stack->push(new RemoveCatalogCommand(m_catalogs, removed));
        m_removedStep = stack->index();
    }
    showNotice(tr("Removed \"%1\".").arg(s.name), true);
}

void CatalogManagerDialog::undoRemove()
{
    if (!m_removed.isValid()) {
        return;
    }
    const CatalogsController::RemovedCatalog removed = m_removed;
    m_removed = {};
    if (QUndoStack *stack = m_catalogs->undoStack()) {
        // The same step as Edit > Undo in the window, while it is still the last one.
        if (stack->index() != m_removedStep) {
            m_noticeBar->hide();
            return;
        }
        stack->undo();
        m_noticeBar->hide();
        selectCatalog(removed.source.id());
        return;
    }
    if (!m_catalogs->restoreCatalog(removed)) {
        showNotice(tr("\"%1\" could not be put back: it is in the list again.").arg(removed.source.name), false, true);
        return;
    }
    m_noticeBar->hide();
    selectCatalog(removed.source.id());
}

void CatalogManagerDialog::toggleHiddenCurrent()
{
    const CatalogSource s = currentSource();
    if (!s.isValid() || !s.builtIn) {
        return;
    }
    QString error;
    if (!m_catalogs->setHidden(s.id(), !m_catalogs->isHidden(s.id()), &error)) {
        showNotice(error, false, true);
        return;
    }
    m_noticeBar->hide();
}

void CatalogManagerDialog::showNotice(const QString &text, bool canUndo, bool error)
{
    m_notice->setText(text);
    m_notice->setStyleSheet(error ? u"color: #b3261e;"_s : QString());
    m_undo->setVisible(canUndo);
    m_noticeBar->show();
}

} // namespace StacScope
