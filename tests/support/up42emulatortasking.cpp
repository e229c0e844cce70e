// Up42Emulator, part 7: the tasking helpers (notes section 5): quotations and feasibility studies,
// listed as Spring pages and decided with PATCH; a decision moves the order on (see the header).

#include <algorithm>

#include "tests/support/httpserverresponse.h"
#include "tests/support/up42emulator.h"

using namespace Qt::StringLiterals;

namespace StacScope {

QJsonObject Up42Emulator::quotationJson(const Quotation &q) const
{
    const bool decided = q.decisionAt.isValid();
    return QJsonObject {
        { "id"_L1, q.id },
        { "createdAt"_L1, isoTime(q.createdAt) },
        { "updatedAt"_L1, isoTime(q.updatedAt) },
        { "accountId"_L1, AccountId.toString() },
        { "workspaceId"_L1, q.workspaceId },
        { "orderId"_L1, q.orderId },
        { "creditsPrice"_L1, q.creditsPrice },
        { "decision"_L1, q.decision },
        { "decisionById"_L1, decided ? QJsonValue(q.decisionBy) : QJsonValue() },
        { "decisionByType"_L1, decided ? QJsonValue(u"USER"_s) : QJsonValue() },
        { "decisionAt"_L1, decided ? QJsonValue(isoTime(q.decisionAt)) : QJsonValue() },
    };
}

QJsonObject Up42Emulator::studyJson(const Study &s) const
{
    const bool decided = s.decisionAt.isValid();
    QJsonArray options;
    QJsonValue chosen;
    for (qsizetype i = 0; i < s.optionIds.size(); ++i) {
        options.append(QJsonObject { { "id"_L1, s.optionIds.at(i) }, { "createdAt"_L1, isoTime(s.createdAt) },
            { "updatedAt"_L1, isoTime(s.createdAt) }, { "studyId"_L1, s.id },
            { "description"_L1, s.optionDescriptions.value(i) } });
        if (s.optionIds.at(i) == s.acceptedOption)
            chosen
                = QJsonObject { { "id"_L1, s.optionIds.at(i) }, { "description"_L1, s.optionDescriptions.value(i) } };
    }
    return QJsonObject {
        { "id"_L1, s.id },
        { "createdAt"_L1, isoTime(s.createdAt) },
        { "updatedAt"_L1, isoTime(s.updatedAt) },
        { "accountId"_L1, AccountId.toString() },
        { "workspaceId"_L1, s.workspaceId },
        { "orderId"_L1, s.orderId },
        { "type"_L1, u"MANUAL"_s },
        { "options"_L1, options },
        { "decision"_L1, s.decision },
        { "decisionById"_L1, decided ? QJsonValue(UserId.toString()) : QJsonValue() },
        { "decisionByType"_L1, decided ? QJsonValue(u"USER"_s) : QJsonValue() },
        { "decisionAt"_L1, decided ? QJsonValue(isoTime(s.decisionAt)) : QJsonValue() },
        { "decisionOption"_L1, chosen.isUndefined() ? QJsonValue() : chosen },
    };
}

// ---- /v2/tasking ----------------------------------------------------------------------------

void Up42Emulator::handleTasking(const ReceivedRequest &request, HttpServerResponse &response, const QStringList &s)
{
    const bool quotations = s.value(0) == "quotation"_L1;
    if ((!quotations && s.value(0) != "feasibility-studies"_L1) || s.size() > 2) {
        sendProblem(
            response, 404, u"No endpoint %1 %2."_s.arg(QString::fromLatin1(request.method), request.path), request);
        return;
    }
    const QStringList decisions = quotations ? QStringList { u"NOT_DECIDED"_s, u"ACCEPTED"_s, u"REJECTED"_s }
                                             : QStringList { u"NOT_DECIDED"_s, u"ACCEPTED"_s };
    if (s.size() == 1) {
        if (request.method != "GET") {
            sendMethodNotAllowed(response, request, QByteArrayLiteral("GET"));
            return;
        }
        const QStringList wanted = listParam(request, u"decision"_s);
        const auto bad = std::find_if(
            wanted.begin(), wanted.end(), [&decisions](const QString &d) { return !decisions.contains(d); });
        if (bad != wanted.end()) {
            sendProblem(response, 400, u"Invalid value '%1' for parameter 'decision'"_s.arg(*bad), request);
            return;
        }
        const QStringList ids = listParam(request, u"id"_s);
        const QStringList orders = listParam(request, u"orderId"_s);
        const QString workspace = param(request, u"workspaceId"_s);
        const auto keep = [&](const QString &id, const QString &orderId, const QString &ws, const QString &decision) {
            return (ids.isEmpty() || ids.contains(id)) && (orders.isEmpty() || orders.contains(orderId))
                && (workspace.isEmpty() || ws == workspace) && (wanted.isEmpty() || wanted.contains(decision));
        };
        QList<QJsonObject> items;
        if (quotations) {
            for (const Quotation &q : std::as_const(m_quotations)) {
                if (keep(q.id, q.orderId, q.workspaceId, q.decision))
                    items.append(quotationJson(q));
            }
            sendSpringPage(request, response, items,
                { u"createdAt"_s, u"creditsPrice"_s, u"decisionAt"_s, u"updatedAt"_s }, Sort { u"createdAt"_s, true });
        } else {
            for (const Study &st : std::as_const(m_studies)) {
                if (keep(st.id, st.orderId, st.workspaceId, st.decision))
                    items.append(studyJson(st));
            }
            sendSpringPage(request, response, items, { u"createdAt"_s, u"updatedAt"_s, u"decisionAt"_s },
                Sort { u"createdAt"_s, true });
        }
        return;
    }
    if (request.method != "PATCH") {
        sendMethodNotAllowed(response, request, QByteArrayLiteral("PATCH"));
        return;
    }
    Quotation *quotation = nullptr;
    Study *study = nullptr;
    for (Quotation &q : m_quotations) {
        if (quotations && q.id == s.at(1))
            quotation = &q;
    }
    for (Study &st : m_studies) {
        if (!quotations && st.id == s.at(1))
            study = &st;
    }
    if (quotation == nullptr && study == nullptr) {
        sendProblem(response, 404,
            u"%1 %2 not found."_s.arg(quotations ? u"Quotation"_s : u"Feasibility study"_s, s.at(1)), request);
        return;
    }
    const std::optional<QJsonObject> body = jsonBody(request, response);
    if (!body)
        return;
    Order *order = findOrder(quotation ? quotation->orderId : study->orderId);
    const QString decision = quotation ? quotation->decision : study->decision;
    if (decision != "NOT_DECIDED"_L1 || order == nullptr || order->status != "CREATED"_L1) {
        // Decided once, or the order moved on (canceled) [I status code].
        sendProblem(response, 409,
            u"Already decided (%1) or the order is %2."_s.arg(decision, order ? order->status : u"gone"_s), request);
        return;
    }
    const QDateTime at = now();
    if (quotation) {
        const QString chosen = body->value("decision"_L1).toString();
        if (chosen != "ACCEPTED"_L1 && chosen != "REJECTED"_L1) {
            sendProblem(response, 400, u"decision must be ACCEPTED or REJECTED"_s, request);
            return;
        }
        quotation->decision = chosen;
        quotation->decisionAt = at;
        quotation->updatedAt = at;
        quotation->decisionBy = UserId.toString();
        if (chosen == "ACCEPTED"_L1) {
            order->subStatus = u"QUOTATION_ACCEPTED"_s;
            order->status = u"PLACED"_s;
            order->clockDriven = true;
        } else {
            order->subStatus = u"QUOTATION_REJECTED"_s;
            order->status = u"FAILED_PERMANENTLY"_s; // [I]
            order->clockDriven = false;
        }
        order->anchor = at;
        order->updatedAt = at;
        sendJson(response, 200, quotationJson(*quotation));
        return;
    }
    const QString option = body->value("acceptedOptionId"_L1).toString();
    if (!study->optionIds.contains(option)) {
        sendProblem(response, 400, u"acceptedOptionId '%1' is not an option of this study"_s.arg(option), request);
        return;
    }
    study->decision = u"ACCEPTED"_s;
    study->acceptedOption = option;
    study->decisionAt = at;
    study->updatedAt = at;
    order->subStatus = u"QUOTATION_WAITING_UPLOAD"_s;
    order->anchor = at;
    order->updatedAt = at;
    order->clockDriven = true;
    sendJson(response, 200, studyJson(*study));
}

} // namespace StacScope
