#include "ui/common/panelviews.h"

#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>

namespace StacScope {

void setUpRowView(QTreeView *view, QAbstractItemView::SelectionMode mode)
{
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(mode);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->header()->setStretchLastSection(true);
    view->setMinimumHeight(view->fontMetrics().height() * 3 + 8);
}

QMessageBox *askToConfirm(QWidget *parent, const QString &objectName, const QString &title, const QString &text,
    const QString &details, const QString &yes, const QString &no, std::function<void(bool confirmed)> done)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(objectName);
    box->setInformativeText(details);
    QPushButton *accept = box->addButton(yes, QMessageBox::AcceptRole);
    QPushButton *decline = box->addButton(no, QMessageBox::RejectRole);
    box->setDefaultButton(decline);
    box->setEscapeButton(decline);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, box,
        [box, accept, done = std::move(done)] { done(box->clickedButton() == accept); });
    box->open();
    return box;
}

} // namespace StacScope
