// stacscope-cli: UP42 feasibility studies (providers/up42.md §5). A tasking order that UP42 must
// study first waits (FEASIBILITY_WAITING_RESPONSE) until the customer picks one of the study's
// options; UP42 then prepares a quotation. Listed with their options; an option chosen once,
// after confirmation, never retried.
#include <cstdio>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include "app/cli/cli.h"
#include "app/cli/clitext.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42api.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"

using namespace Qt::StringLiterals;
using StacScope::CliText::printLine;

namespace StacScope {

namespace {

// The option a user named: its id, or its number in the study's list (1-based, as listed).
const Up42FeasibilityStudy::Option *findOption(const Up42FeasibilityStudy &study, const QString &which)
{
    for (const Up42FeasibilityStudy::Option &o : study.options) {
        if (o.id.compare(which, Qt::CaseInsensitive) == 0) {
            return &o;
        }
    }
    bool ok = false;
    const int number = which.toInt(&ok);
    return ok && number >= 1 && number <= study.options.size() ? &study.options.at(number - 1) : nullptr;
}

} // namespace

void Cli::runUp42Studies(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions(providerOptions());
    parser.addOptions(
        { { u"json"_s, u"UP42's own objects as JSON."_s }, { u"yes"_s, u"Confirm without asking (choose)."_s },
            { u"workspace"_s, u"Only this workspace (list)."_s, u"id"_s },
            { u"order"_s, u"Only the study of this order (list)."_s, u"id"_s },
            { u"decision"_s, u"NOT_DECIDED or ACCEPTED (list; repeatable)."_s, u"decision"_s },
            { u"limit"_s, u"At most this many studies (list)."_s, u"n"_s } });
    parser.addPositionalArgument(u"study"_s, u"Feasibility study id (choose)."_s);
    parser.addPositionalArgument(u"option"_s, u"The option's id, or its number as listed (choose)."_s);
    static const QStringList subs = { u"list"_s, u"choose"_s };
    if (!subs.contains(sub) || !parser.parse(args.mid(1))) {
        usageError(subs.contains(sub) ? parser.errorText() : u"studies needs list or choose STUDY OPTION"_s);
        return;
    }
    if (!wantsProvider(parser)) {
        usageError(u"studies needs --account NAME or --provider up42"_s);
        return;
    }
    const QStringList positional = parser.positionalArguments();
    if (sub == u"list"_s ? !positional.isEmpty() : positional.size() != 2) {
        usageError(sub == u"list"_s ? u"studies list takes no id"_s
                                    : u"studies choose needs a study id and an option (its id or number)"_s);
        return;
    }
    QStringList decisions;
    int limit = 0;
    if (!choiceValues(parser, u"decision"_s, { u"NOT_DECIDED"_s, u"ACCEPTED"_s }, &decisions)
        || !intOption(parser, u"limit"_s, 1, 1000000, &limit)) {
        return;
    }
    const bool json = parser.isSet(u"json"_s);
    const bool yes = parser.isSet(u"yes"_s);
    auto *session = qobject_cast<Up42Session *>(openSession(parser, u"up42"_s));
    if (!session) {
        return;
    }
    QUrl url
        = Up42Api::studiesUrl(session->apiUrl(), parser.value(u"workspace"_s), parser.value(u"order"_s), decisions);
    if (sub == u"choose"_s) {
        QUrlQuery q(url);
        q.addQueryItem(u"id"_s, positional.first());
        url.setQuery(q);
        limit = 1;
    }
    auto *job = new Up42PagedJob(session->client()->network(), url, limit, Up42Api::DefaultPageSize, this);
    connect(job, &StacJob::finished, this, [=, this] {
        if (!job->isOk()) {
            up42Error(job->error());
            return;
        }
        if (sub == u"list"_s) {
            if (json) {
                printJson(job->items());
            } else {
                // One row per option, the chosen one marked, so a choice can be made from the list.
                QList<QStringList> rows;
                for (const QJsonValue &v : job->items()) {
                    const Up42FeasibilityStudy s = Up42Api::parseStudy(v.toObject());
                    for (qsizetype i = 0; i < s.options.size(); ++i) {
                        const Up42FeasibilityStudy::Option &o = s.options.at(i);
                        rows.append({ s.id, s.orderId, s.decision, QString::number(i + 1),
                            o.id == s.decisionOptionId && !o.id.isEmpty() ? u"*"_s : QString(), o.description });
                    }
                    if (s.options.isEmpty()) {
                        rows.append({ s.id, s.orderId, s.decision, u"-"_s, QString(), QString() });
                    }
                }
                printTable({ u"STUDY"_s, u"ORDER"_s, u"DECISION"_s, u"#"_s, u"CHOSEN"_s, u"OPTION"_s }, rows);
            }
            m_err << "studies: " << job->items().size() << '\n';
            complete(Success);
            return;
        }
        if (job->items().isEmpty()) {
            m_err << "error: UP42 has no feasibility study " << positional.first() << " in this account\n";
            complete(RemoteError);
            return;
        }
        const Up42FeasibilityStudy s = Up42Api::parseStudy(job->items().first().toObject());
        if (s.decision != u"NOT_DECIDED"_s) {
            m_err << "error: feasibility study " << s.id << " was already decided: " << s.decision << " on "
                  << localTimeText(s.decisionAt) << "; nothing was sent\n";
            complete(RemoteError);
            return;
        }
        const Up42FeasibilityStudy::Option *option = findOption(s, positional.at(1));
        if (!option) {
            m_err << "error: feasibility study " << s.id << " has no option " << positional.at(1) << "; it has:\n";
            for (qsizetype i = 0; i < s.options.size(); ++i) {
                m_err << "  " << (i + 1) << "  " << s.options.at(i).id << "  " << s.options.at(i).description << '\n';
            }
            complete(UsageError);
            return;
        }
        const QString what
            = QStringLiteral("About to choose an option of feasibility study %1 (order %2):\n  %3\n"
                             "UP42 then prepares a quotation for the order; credits are charged only once you accept "
                             "it. The choice cannot be changed.\n  PATCH %4\n  %5")
                  .arg(s.id, s.orderId, option->description, Up42Api::studyUrl(session->apiUrl(), s.id).toString(),
                      QString::fromUtf8(
                          QJsonDocument(Up42Api::studyDecision(option->id)).toJson(QJsonDocument::Compact)));
        if (!confirm(what, yes)) {
            return;
        }
        JsonCallJob *decide = session->client()->decideStudy(s.id, option->id); // sent once
        connect(decide, &StacJob::finished, this, [=, this] {
            if (!decide->isOk()) {
                up42Error(decide->error(), true);
                return;
            }
            const Up42FeasibilityStudy decided = Up42Api::parseStudy(decide->json());
            if (json) {
                printJson(decide->json());
            } else {
                printLine(QStringLiteral("%1 %2 %3").arg(decided.id, decided.decision, decided.decisionOptionId));
                std::fflush(stdout);
            }
            m_err << "feasibility study " << decided.id << ": " << decided.decision << " (order " << decided.orderId
                  << ")\n";
            complete(Success);
        });
    });
}

} // namespace StacScope
