// CatalogsController's dialogs: add / edit (checked before they are kept) and the manager.

#include "src/net/networkerror.h"
#include "src/providers/catalogprobe.h"
#include "ui/search/catalogmanagerdialog.h"
#include "ui/search/catalogscontroller.h"

namespace StacScope {

void CatalogsController::addCatalogDialog(CatalogSource::Kind kind)
{
    if (m_addDialog) {
        m_addDialog->raise();
        m_addDialog->activateWindow();
        return;
    }
    // Non-modal: no nested event loop; the catalog is added once it is checked (or kept anyway).
    QWidget *parent = m_manager && m_manager->isVisible() ? static_cast<QWidget *>(m_manager) : m_window;
    showDialog(new AddCatalogDialog(kind, parent));
}

void CatalogsController::editCatalogDialog(const QString &id)
{
    const int index = indexOf(id);
    if (index < 0 || !isUserCatalog(m_catalogs.at(index))) {
        return;
    }
    if (m_addDialog) {
        m_addDialog->close();
    }
    QWidget *parent = m_manager && m_manager->isVisible() ? static_cast<QWidget *>(m_manager) : m_window;
    auto *dialog = new AddCatalogDialog(m_catalogs.at(index).kind, parent);
    dialog->setEditing(m_catalogs.at(index));
    showDialog(dialog);
}

void CatalogsController::showDialog(AddCatalogDialog *dialog)
{
    m_addDialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddCatalogDialog::checkRequested, this,
        [this, dialog](const CatalogSource &source) { check(dialog, source); });
    connect(dialog, &AddCatalogDialog::keepRequested, this,
        [this, dialog](const CatalogSource &source) { commit(dialog, source); });
    connect(dialog, &QDialog::finished, this, [this] {
        if (m_check) {
            m_check->cancel();
            m_check->deleteLater();
        }
    });
    dialog->open();
}

void CatalogsController::check(AddCatalogDialog *dialog, const CatalogSource &source)
{
    if (m_check) {
        m_check->cancel();
        m_check->deleteLater();
    }
    bindHeaders(source); // an API that wants a key gets it for the check too
    auto *probe = new CatalogProbe(providers(), m_network, source, this);
    m_check = probe;
    QPointer<AddCatalogDialog> form = dialog;
    connect(probe, &CatalogProbe::finished, this, [this, probe, form, source](int, const NetworkError &error) {
        probe->deleteLater();
        if (!form) {
            return;
        }
        if (error.isError()) {
            form->setCheckFailed(error.toString());
            return;
        }
        commit(form, source);
    });
    probe->start();
}

void CatalogsController::commit(AddCatalogDialog *dialog, const CatalogSource &source)
{
    if (dialog->originalId().isEmpty()) {
        addCatalog(source);
    } else {
        QString error;
        if (!replaceCatalog(dialog->originalId(), source, &error)) {
            dialog->showError(error);
            return;
        }
    }
    dialog->acceptChecked();
}

CatalogManagerDialog *CatalogsController::managerDialog() const
{
    return m_manager;
}

void CatalogsController::manageCatalogsDialog()
{
    if (m_manager) {
        m_manager->show();
        m_manager->raise();
        m_manager->activateWindow();
        return;
    }
    m_manager = new CatalogManagerDialog(this, m_window);
    m_manager->setAttribute(Qt::WA_DeleteOnClose);
    m_manager->show();
}

} // namespace StacScope
