// CapellaTasksPanel, part 2: what can be done to requests from the dock (cancel, edit, approve a
// price), each asked first and sent once, with a result per request in the message bar.
#include <algorithm>

#include <QComboBox>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>

#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellasession.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/tasks/capellarequesteditdialog.h"
#include "ui/tasks/capellarequestsmodel.h"
#include "ui/tasks/capellataskspanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr int kShownResults = 8; // lines in the message bar; the tooltip has them all

// Why Capella refused, in words: what it means, then Capella's own message and code.
QString refusal(const NetworkError &error)
{
    QString said = error.message.isEmpty() ? error.toString() : error.message;
    const QString code = CapellaApi::errorCode(error);
    if (!code.isEmpty() && code != u"GENERAL_API_ERROR"_s && !said.contains(code)) {
        said += u" ("_s + code + u')';
    }
    const QStringList hints = CapellaApi::explain(error);
    if (hints.isEmpty()) {
        return said;
    }
    return CapellaTasksPanel::tr("%1. Capella said: %2").arg(hints.join(u' '), said);
}

QString nameOf(const CapellaRequest &r)
{
    return r.name.isEmpty() ? r.id : r.name;
}

} // namespace

void CapellaTasksPanel::ask(const QString &title, const QString &text, const QString &details, const QString &yes,
    const QString &no, std::function<void()> onYes)
{
    m_confirmation = askToConfirm(this, u"capellaConfirmation"_s, title, text, details, yes, no,
        [this, onYes = std::move(onYes)](bool confirmed) {
            m_confirmation = nullptr;
            if (confirmed) {
                onYes();
            }
            updateActions();
        });
    updateActions();
}

void CapellaTasksPanel::cancelSelected()
{
    const QList<CapellaRequest> chosen = selectedRequests();
    if (chosen.isEmpty() || !m_session || m_actionJob || m_confirmation || m_editDialog) {
        return;
    }
    QStringList ids;
    QHash<QString, QString> names;
    int finished = 0;
    for (const CapellaRequest &r : chosen) {
        ids.append(r.id);
        names.insert(r.id, nameOf(r));
        finished += CapellaRequestsModel::isFinal(r.status()) ? 1 : 0;
    }
    const int n = int(ids.size());
    const CapellaRequest::Kind k = kind();
    const bool repeat = k == CapellaRequest::Kind::Repeat;
    const QString what = n > 1 ? kindText(n)
        : repeat               ? tr("the repeat request \"%1\"").arg(nameOf(chosen.first()))
                               : tr("the tasking request \"%1\"").arg(nameOf(chosen.first()));
    QString details = n == 1
        ? tr("Capella stops work on it at once; this cannot be undone. Cancellation fees may apply, depending on "
             "how far the request got (see your contract).")
        : tr("Capella stops work on all %1 at once; this cannot be undone. Cancellation fees may apply, depending "
             "on how far each request got (see your contract).")
              .arg(n);
    if (finished > 0) {
        details += u"\n\n"_s
            + (finished == 1
                    ? tr("1 of them has already finished: Capella will refuse to cancel it.")
                    : tr("%1 of them have already finished: Capella will refuse to cancel those.").arg(finished));
    }
    ask(n == 1 ? tr("Cancel request") : tr("Cancel requests"), tr("Cancel %1?").arg(what), details,
        n == 1 ? tr("Cancel the request") : tr("Cancel %1 requests").arg(n), n == 1 ? tr("Keep it") : tr("Keep them"),
        [this, k, ids, names] { startBulk(CapellaBulkJob::Action::Cancel, k, ids, {}, names); });
}

void CapellaTasksPanel::editSelected()
{
    const QList<CapellaRequest> chosen = selectedRequests();
    if (chosen.isEmpty() || !m_session || m_actionJob || m_confirmation || m_editDialog) {
        return;
    }
    QHash<QString, QString> names;
    for (const CapellaRequest &r : chosen) {
        names.insert(r.id, nameOf(r));
    }
    const CapellaRequest::Kind k = kind();
    auto *dialog = new CapellaRequestEditDialog(k, chosen, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, k, names] {
        m_editDialog = nullptr;
        startBulk(CapellaBulkJob::Action::Update, k, dialog->ids(), dialog->body(), names);
    });
    connect(dialog, &QDialog::finished, this, [this] {
        m_editDialog = nullptr;
        updateActions();
    });
    m_editDialog = dialog;
    updateActions();
    dialog->open();
}

void CapellaTasksPanel::approveSelected()
{
    const QList<CapellaRequest> chosen = selectedRequests();
    if (chosen.size() != 1 || !CapellaRequestsModel::awaitsApproval(chosen.first()) || !m_session || m_actionJob
        || m_confirmation || m_editDialog) {
        return;
    }
    const CapellaRequest r = chosen.first();
    const bool repeat = r.kind == CapellaRequest::Kind::Repeat;
    const QString price
        = repeat ? (r.costPerImage.isEmpty() ? QString() : tr("%1 per image").arg(r.costPerImage)) : r.costTotal;
    QString details;
    if (price.isEmpty()) {
        details = tr("Capella has not named the price here; the Capella Console shows it.");
    } else if (repeat) {
        details = tr("Capella estimates %1 for each collect of the series.").arg(r.costPerImage);
    } else {
        details = tr("Capella will charge %1 for this request.").arg(price);
    }
    details += u' '
        + (repeat ? tr("Once approved, Capella schedules the series; canceling later may cost fees.")
                  : tr("Once approved, Capella submits it for scheduling; canceling later may cost fees."));
    ask(tr("Approve price"),
        (repeat ? tr("Approve the price of the repeat request \"%1\"?")
                : tr("Approve the price of the tasking "
                     "request \"%1\"?"))
            .arg(nameOf(r)),
        details, price.isEmpty() ? tr("Approve") : tr("Approve %1").arg(price), tr("Not now"),
        [this, r] { startApproval(r); });
}

void CapellaTasksPanel::startApproval(const CapellaRequest &request)
{
    CapellaSession *s = m_session;
    if (!s) {
        return;
    }
    // Sent once, never retried (CapellaClient::setRequestStatus).
    JsonCallJob *job = s->client()->setRequestStatus(request.kind, request.id, CapellaApi::approvalBody(true));
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    const QString name = nameOf(request);
    connect(job, &StacJob::finished, this, [this, job, name] {
        m_actionJob = nullptr;
        if (job->isOk()) {
            m_messages->showMessage(MessageBar::Level::Info,
                tr("Approved the price of \"%1\": Capella submits it for scheduling.").arg(name));
        } else {
            m_messages->showMessage(MessageBar::Level::Error,
                tr("The price of \"%1\" was not approved: %2").arg(name, refusal(job->error())),
                job->error().url.toString());
        }
        refresh();
        Q_EMIT actionFinished();
    });
    m_actionJob = job;
    m_messages->showMessage(MessageBar::Level::Info, tr("Approving the price of \"%1\"...").arg(name));
    updateActions();
}

void CapellaTasksPanel::startBulk(CapellaBulkJob::Action action, CapellaRequest::Kind kind, const QStringList &ids,
    const QJsonObject &body, const QHash<QString, QString> &names)
{
    CapellaSession *s = m_session;
    if (!s || ids.isEmpty()) {
        return;
    }
    auto *job = new CapellaBulkJob(s->client(), kind, action, ids, body, s->client());
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, action, names] { onBulkFinished(job, action, names); });
    m_actionJob = job;
    const int n = int(ids.size());
    m_messages->showMessage(MessageBar::Level::Info,
        action == CapellaBulkJob::Action::Cancel ? tr("Canceling %1...").arg(kindText(n))
                                                 : tr("Updating %1...").arg(kindText(n)));
    updateActions();
}

void CapellaTasksPanel::onBulkFinished(
    CapellaBulkJob *job, CapellaBulkJob::Action action, const QHash<QString, QString> &names)
{
    m_actionJob = nullptr;
    const bool cancel = action == CapellaBulkJob::Action::Cancel;
    const QList<CapellaBulkJob::Result> &results = job->results();
    const int n = int(results.size());
    const int failed = job->failures();
    QStringList lines;
    bool credentials = false;
    for (const CapellaBulkJob::Result &r : results) {
        const QString name = names.value(r.id, r.id);
        if (!r.error.isError()) {
            lines.append(cancel ? tr("\"%1\": canceled.").arg(name) : tr("\"%1\": updated.").arg(name));
        } else if (r.error.kind == NetworkError::Kind::Canceled) {
            lines.append(tr("\"%1\": not sent.").arg(name));
        } else {
            lines.append(cancel ? tr("\"%1\": not canceled: %2").arg(name, refusal(r.error))
                                : tr("\"%1\": not updated: %2").arg(name, refusal(r.error)));
            credentials = credentials || r.error.isCredentialProblem();
        }
    }
    QString headline;
    if (failed == 0) {
        headline = cancel ? tr("Canceled %1.").arg(kindText(n)) : tr("Updated %1.").arg(kindText(n));
    } else if (failed == n) {
        headline = cancel ? (n == 1 ? tr("The request was not canceled.") : tr("No request was canceled."))
                          : (n == 1 ? tr("The request was not updated.") : tr("No request was updated."));
    } else {
        headline = cancel ? tr("Canceled %1 of %2 requests.").arg(n - failed).arg(n)
                          : tr("Updated %1 of %2 requests.").arg(n - failed).arg(n);
    }
    QStringList shown = lines.mid(0, kShownResults);
    if (lines.size() > kShownResults) {
        shown.append(tr("...and %1 more (the tooltip lists them all).").arg(lines.size() - kShownResults));
    }
    const MessageBar::Level level = failed == 0 ? MessageBar::Level::Info
        : failed == n                           ? MessageBar::Level::Error
                                                : MessageBar::Level::Warning;
    m_messages->showMessage(level, headline + u'\n' + shown.join(u'\n'), lines.join(u'\n'));
    if (credentials && m_session) {
        const QString accountId = m_session->account().id;
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
    }
    refresh();
    Q_EMIT actionFinished();
}

void CapellaTasksPanel::showProblem(const NetworkError &error, const QString &what)
{
    if (error.kind == NetworkError::Kind::Canceled) {
        return;
    }
    m_messages->showMessage(MessageBar::Level::Error, tr("%1: %2").arg(what, refusal(error)), error.url.toString());
    if (error.isCredentialProblem() && m_session) {
        const QString accountId = m_session->account().id;
        m_messages->setAction(tr("Open account"), [this, accountId] { Q_EMIT openAccountRequested(accountId); });
    }
}

QList<CapellaRequest> CapellaTasksPanel::selectedRequests() const
{
    QList<CapellaRequest> chosen;
    const QModelIndexList rows = m_requestsView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        chosen.append(m_requests->request(m_proxy->mapToSource(row).row()));
    }
    return chosen;
}

void CapellaTasksPanel::updateActions()
{
    const bool have = m_session;
    m_refresh->setEnabled(have && !isLoading());
    for (QWidget *w : std::initializer_list<QWidget *> { m_status, m_taskingButton, m_repeatButton }) {
        w->setEnabled(have);
    }
    const bool busy = m_actionJob || m_confirmation || m_editDialog;
    const QList<CapellaRequest> chosen = selectedRequests();
    const bool anyOpen = std::any_of(chosen.cbegin(), chosen.cend(),
        [](const CapellaRequest &r) { return !CapellaRequestsModel::isFinal(r.status()); });
    m_cancel->setEnabled(have && !busy && anyOpen);
    m_edit->setEnabled(have && !busy && !chosen.isEmpty());
    m_approve->setEnabled(have && !busy && chosen.size() == 1 && CapellaRequestsModel::awaitsApproval(chosen.first()));
    m_approve->setToolTip(m_approve->isEnabled() || busy
            ? tr("Approve the price Capella quoted for the selected request")
            : tr("Select one request that waits for your approval (status \"In review\")"));
    updateDownloadActions();
}

} // namespace StacScope
