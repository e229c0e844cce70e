#include "ui/search/catalogchoicebutton.h"

#include <algorithm>

#include <QMenu>

using namespace Qt::StringLiterals;

namespace StacScope {

CatalogChoiceButton::CatalogChoiceButton(QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(u"catalogChoiceButton"_s);
    setPopupMode(QToolButton::InstantPopup);
    setMenu(new QMenu(this));
    menu()->setObjectName(u"catalogChoiceMenu"_s);
    updateText();
}

void CatalogChoiceButton::setCatalogs(const QList<Entry> &catalogs, const QString &currentId)
{
    m_catalogs = catalogs;
    m_current = currentId;
    const QStringList before = m_checked;
    m_checked.removeIf([this](const QString &id) {
        return id == m_current
            || std::none_of(m_catalogs.cbegin(), m_catalogs.cend(), [&id](const Entry &e) { return e.id == id; });
    });
    rebuildMenu();
    updateText();
    if (m_checked != before) {
        Q_EMIT choiceChanged();
    }
}

void CatalogChoiceButton::setChecked(const QString &id, bool checked)
{
    if (id == m_current || checked == m_checked.contains(id)) {
        return;
    }
    if (checked) {
        m_checked.append(id);
    } else {
        m_checked.removeAll(id);
    }
    syncActions(); // not rebuilt: this may run from one of its actions' signals
    updateText();
    Q_EMIT choiceChanged();
}

QStringList CatalogChoiceButton::extraIds() const
{
    QStringList ids;
    for (const Entry &e : m_catalogs) {
        if (m_checked.contains(e.id)) {
            ids.append(e.id);
        }
    }
    return ids;
}

QStringList CatalogChoiceButton::chosenIds() const
{
    return QStringList { m_current } + extraIds();
}

void CatalogChoiceButton::rebuildMenu()
{
    QMenu *m = menu();
    m->clear();
    m->addSection(tr("Search in"));
    for (const Entry &e : std::as_const(m_catalogs)) {
        QAction *action = m->addAction(e.name);
        action->setCheckable(true);
        action->setData(e.id);
        if (e.id == m_current) {
            action->setChecked(true);
            action->setEnabled(false); // the picker's catalog is always searched
            action->setToolTip(tr("The catalog chosen in the list"));
            continue;
        }
        action->setChecked(m_checked.contains(e.id));
        connect(action, &QAction::toggled, this, [this, id = e.id](bool on) { setChecked(id, on); });
    }
    m->addSeparator();
    QAction *none = m->addAction(tr("Only the chosen catalog"));
    none->setEnabled(!m_checked.isEmpty());
    none->setObjectName(u"onlyChosenCatalogAction"_s);
    connect(none, &QAction::triggered, this, [this] {
        m_checked.clear();
        syncActions();
        updateText();
        Q_EMIT choiceChanged();
    });
}

void CatalogChoiceButton::syncActions()
{
    for (QAction *action : menu()->actions()) {
        const QString id = action->data().toString();
        if (action->isCheckable() && id != m_current) {
            const QSignalBlocker blocker(action);
            action->setChecked(m_checked.contains(id));
        } else if (!action->isCheckable() && !action->isSeparator() && action->data().isNull()) {
            action->setEnabled(!m_checked.isEmpty()); // "Only the chosen catalog"
        }
    }
}

void CatalogChoiceButton::updateText()
{
    const int n = 1 + int(m_checked.size());
    setText(n == 1 ? tr("+") : tr("%1 catalogs").arg(n));
    QStringList names;
    for (const Entry &e : std::as_const(m_catalogs)) {
        if (e.id == m_current || m_checked.contains(e.id)) {
            names.append(e.name);
        }
    }
    setToolTip(n == 1 ? tr("Search more catalogs at once: tick them here")
                      : tr("Searching %1 catalogs at once: %2").arg(n).arg(names.join(u", "_s)));
}

} // namespace StacScope
