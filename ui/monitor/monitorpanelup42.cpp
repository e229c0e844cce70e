// The Monitor dock, part 3: an UP42 order's quotation accepted or rejected, its feasibility
// study's option chosen, and the order canceled while UP42 still takes it (CREATED or
// PLACEMENT_FAILED, providers/up42.md §4-5). Each is asked first and sent once.
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "src/tasking/up42poller.h"
#include "ui/common/messagebar.h"
#include "ui/monitor/monitorpanel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString nameOfOrder(const MonitoredRequest &r)
{
    return r.name.isEmpty() ? r.remoteId : r.name;
}

} // namespace

bool MonitorPanel::up42Decidable(const MonitoredRequest &r)
{
    const std::optional<Up42Quotation> q = Up42Poller::quotationOf(r);
    return r.kind == MonitoredKind::Up42Order && r.needsAction && r.status == u"QUOTATION_WAITING_RESPONSE"_s && q
        && q->decision == u"NOT_DECIDED"_s;
}

bool MonitorPanel::up42StudyOpen(const MonitoredRequest &r)
{
    const std::optional<Up42FeasibilityStudy> s = Up42Poller::studyOf(r);
    return r.kind == MonitoredKind::Up42Order && r.needsAction && r.status == u"FEASIBILITY_WAITING_RESPONSE"_s && s
        && s->decision == u"NOT_DECIDED"_s && !s->options.isEmpty();
}

void MonitorPanel::askUp42Study(const MonitoredRequest &r)
{
    const std::optional<Up42FeasibilityStudy> study = Up42Poller::studyOf(r);
    if (!study) {
        return;
    }
    const MonitorKey key = r.key();
    const QString studyId = study->id;
    // The dialog is the question: an option must be picked and "Choose this option" pressed.
    auto *dialog = new Up42StudyDialog(nameOfOrder(r), *study, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_studyDialog = dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog, key, studyId](int result) {
        const QString optionId = dialog->chosenOptionId();
        m_studyDialog = nullptr;
        if (result == QDialog::Accepted && !optionId.isEmpty()) {
            const std::optional<MonitoredRequest> now = m_monitor ? m_monitor->request(key) : std::nullopt;
            auto *session = now ? qobject_cast<Up42Session *>(sessionFor(*now, true)) : nullptr;
            if (session) {
                const QString name = nameOfOrder(*now);
                watch(session->client()->decideStudy(studyId, optionId), key, // sent once
                    tr("Sending the choice for \"%1\"...").arg(name),
                    tr("Chose an option of the feasibility study of \"%1\": UP42 prepares a quotation.").arg(name),
                    tr("The option for \"%1\" was not chosen").arg(name));
            }
        }
        updateActions();
    });
    dialog->open();
    updateActions();
}

bool MonitorPanel::up42Cancelable(const MonitoredRequest &r)
{
    // The order's own status (the row shows its sub-status while it is CREATED).
    const Up42Order order = Up42Api::parseOrder(r.raw);
    return r.kind == MonitoredKind::Up42Order && !r.isFinal && order.isCancelable();
}

void MonitorPanel::askUp42Decision(const MonitoredRequest &r, bool accept)
{
    const std::optional<Up42Quotation> q = Up42Poller::quotationOf(r);
    if (!q) {
        return;
    }
    const QString credits = Up42Poller::creditsText(q->creditsPrice);
    const MonitorKey key = r.key();
    const QString quotationId = q->id;
    if (accept) {
        ask(tr("Accept quotation"), tr("Accept UP42's quotation for \"%1\"?").arg(nameOfOrder(r)),
            tr("UP42 will charge %1 to your account for this tasking order. Once accepted, the order is placed with "
               "the provider; this cannot be undone.\n\nThe decision is sent once and not repeated.")
                .arg(credits),
            tr("Accept %1").arg(credits), tr("Not now"),
            [this, key, quotationId] { startUp42Decision(key, quotationId, true); });
    } else {
        ask(tr("Reject quotation"), tr("Reject UP42's quotation for \"%1\"?").arg(nameOfOrder(r)),
            tr("UP42 quoted %1. Rejecting it ends the order: it fails permanently and nothing is collected.")
                .arg(credits),
            tr("Reject the quotation"), tr("Keep it open"),
            [this, key, quotationId] { startUp42Decision(key, quotationId, false); });
    }
}

void MonitorPanel::startUp42Decision(const MonitorKey &key, const QString &quotationId, bool accept)
{
    const std::optional<MonitoredRequest> r = m_monitor ? m_monitor->request(key) : std::nullopt;
    auto *session = r ? qobject_cast<Up42Session *>(sessionFor(*r, true)) : nullptr;
    if (!session) {
        return;
    }
    const QString name = nameOfOrder(*r);
    JsonCallJob *job = session->client()->decideQuotation(quotationId, accept); // sent once
    if (accept) {
        watch(job, key, tr("Accepting the quotation of \"%1\"...").arg(name),
            tr("Accepted the quotation of \"%1\": UP42 places the order.").arg(name),
            tr("The quotation of \"%1\" was not accepted").arg(name));
    } else {
        watch(job, key, tr("Rejecting the quotation of \"%1\"...").arg(name),
            tr("Rejected the quotation of \"%1\".").arg(name),
            tr("The quotation of \"%1\" was not rejected").arg(name));
    }
}

void MonitorPanel::askUp42Cancel(const MonitoredRequest &r)
{
    if (!up42Cancelable(r)) {
        m_messages->showMessage(MessageBar::Level::Warning,
            tr("UP42 cancels an order only before it is placed (created, or placement failed); \"%1\" is past that.")
                .arg(nameOfOrder(r)));
        return;
    }
    const MonitorKey key = r.key();
    ask(tr("Cancel order"), tr("Cancel the UP42 order \"%1\"?").arg(nameOfOrder(r)),
        tr("UP42 has not placed it yet. This cannot be undone.\n\nThe cancellation is sent once and not repeated."),
        tr("Cancel the order"), tr("Keep it"), [this, key] {
            const std::optional<MonitoredRequest> now = m_monitor ? m_monitor->request(key) : std::nullopt;
            auto *session = now ? qobject_cast<Up42Session *>(sessionFor(*now, true)) : nullptr;
            if (!session) {
                return;
            }
            const QString name = nameOfOrder(*now);
            watch(session->client()->cancelOrder(now->remoteId), key, tr("Canceling \"%1\"...").arg(name),
                tr("Canceled \"%1\".").arg(name), tr("\"%1\" was not canceled").arg(name));
        });
}

} // namespace StacScope
