#include "src/tasking/taskform.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

#include "src/geo/geodesy.h"
#include "src/geo/geometry.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/satellogic/satellogicapi.h"

using namespace Qt::StringLiterals;

namespace StacScope::TaskForms {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::TaskForms", text);
}

CapellaRequest::Kind capellaKind(TaskKind kind)
{
    return kind == TaskKind::CapellaRepeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
}

QString timeText(const QDateTime &t)
{
    if (!t.isValid()) {
        return {};
    }
    if (t.offsetFromUtc() == 0) {
        return t.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    }
    const int minutes = t.offsetFromUtc() / 60;
    const QString offset = u"UTC%1%2:%3"_s.arg(QChar(minutes < 0 ? u'-' : u'+'))
                               .arg(qAbs(minutes) / 60, 2, 10, QChar(u'0'))
                               .arg(qAbs(minutes) % 60, 2, 10, QChar(u'0'));
    return t.toString(u"yyyy-MM-dd HH:mm "_s) + offset;
}

QString durationText(qint64 seconds)
{
    if (seconds % 86400 == 0) {
        return seconds == 86400 ? tr("1 day") : tr("%1 days").arg(seconds / 86400);
    }
    return tr("%1 h").arg(QString::number(double(seconds) / 3600.0, 'f', seconds % 3600 == 0 ? 0 : 1));
}

QString targetText(const QJsonObject &geometry)
{
    const std::optional<Geometry> g = Geometry::fromGeoJson(geometry);
    if (!g || g->isEmpty()) {
        return tr("none");
    }
    if (g->type() == GeometryType::Point) {
        const auto c = g->coordinates();
        return tr("point at %1, %2 (lon, lat)").arg(c[0], 0, 'f', 5).arg(c[1], 0, 'f', 5);
    }
    const GeoBox b = g->bounds();
    const double area = Geodesy::areaKm2(*g);
    return tr("polygon of %1 corners, %2 km², around %3, %4 (lon, lat)")
        .arg(qMax(0, int(g->ring(0).size() / 2) - 1))
        .arg(area, 0, 'f', area < 10 ? 2 : 0)
        .arg(b.centerLon(), 0, 'f', 4)
        .arg(b.centerLat(), 0, 'f', 4);
}

// "offNadirMax" -> "off_nadir_max", "customAttribute1" -> "custom_attribute_1".
QString snakeCase(const QString &camel)
{
    QString out;
    for (qsizetype i = 0; i < camel.size(); ++i) {
        const QChar c = camel.at(i);
        const bool boundary = i > 0 && (c.isUpper() || (c.isDigit() && !camel.at(i - 1).isDigit()));
        if (boundary && !out.endsWith(u'_')) {
            out.append(u'_');
        }
        out.append(c.toLower());
    }
    return out;
}

} // namespace

QString providerId(TaskKind kind)
{
    return kind == TaskKind::SatellogicTask ? u"satellogic"_s : u"capella"_s;
}

QString title(TaskKind kind)
{
    switch (kind) {
    case TaskKind::SatellogicTask:
        return tr("Satellogic task");
    case TaskKind::CapellaTasking:
        return tr("Capella tasking request");
    case TaskKind::CapellaRepeat:
        return tr("Capella repeat request");
    }
    return {};
}

bool hasWindow(TaskKind kind)
{
    return kind != TaskKind::CapellaRepeat;
}

bool hasDescription(TaskKind kind)
{
    return kind != TaskKind::SatellogicTask;
}

QList<SatellogicProduct> fittingProducts(const QList<SatellogicProduct> &products, const QString &geometryType)
{
    QList<SatellogicProduct> out;
    for (const SatellogicProduct &p : products) {
        if (geometryType.isEmpty() || (geometryType == u"Polygon"_s) == p.isArea) {
            out.append(p);
        }
    }
    return out;
}

ParameterSpecs specs(TaskKind kind, const QList<SatellogicProduct> &products)
{
    if (kind != TaskKind::SatellogicTask) {
        return CapellaApi::parameterSpecs(capellaKind(kind));
    }
    ParameterSpec product;
    product.key = u"product"_s;
    product.label = tr("Product");
    product.type = ParameterSpec::Type::Choice;
    product.required = true;
    product.help = tr("The account's tasking products that fit the target: point products image a point, area "
                      "products cover a polygon");
    for (const SatellogicProduct &p : products) {
        const QString id = QString::number(p.id);
        product.choices.append(id);
        product.choiceLabels.insert(id, p.name.isEmpty() ? tr("Product %1").arg(id) : p.name);
    }
    ParameterSpec project;
    project.key = u"project"_s;
    project.label = tr("Project");
    project.type = ParameterSpec::Type::Text;
    project.required = true;
    project.help = tr("Groups tasks on the Satellogic platform; the task list can be filtered by it");
    return { product, project };
}

SatellogicTaskRequest satellogicRequest(const TaskDraft &draft)
{
    SatellogicTaskRequest r;
    r.name = draft.name.trimmed();
    r.project = draft.values.value(u"project"_s).toString().trimmed();
    r.product = draft.values.value(u"product"_s).toLongLong();
    r.target = draft.geometry;
    r.start = draft.windowOpen;
    r.end = draft.windowClose;
    return r;
}

TaskBuild build(const TaskDraft &draft, const QList<SatellogicProduct> &products, const QDateTime &now)
{
    TaskBuild out;
    if (draft.kind != TaskKind::SatellogicTask) {
        CapellaApi::RequestDraft d;
        d.kind = capellaKind(draft.kind);
        d.name = draft.name;
        d.description = draft.description;
        d.geometry = draft.geometry;
        d.windowOpen = draft.windowOpen;
        d.windowClose = draft.windowClose;
        d.values = draft.values;
        d.contractId = draft.contractId;
        out.body = CapellaApi::requestBody(d, now, &out.issues);
        return out;
    }
    const SatellogicTaskRequest request = satellogicRequest(draft);
    const SatellogicProduct *product = nullptr;
    for (const SatellogicProduct &p : products) {
        if (p.id == request.product) {
            product = &p;
        }
    }
    // Satellogic's own checks say it best ("choose one of the account's tasking products"); the
    // generic ones add what they miss.
    for (ParameterIssue issue : SatellogicApi::taskIssues(request, product)) {
        if (issue.key == u"start"_s || issue.key == u"end"_s) {
            issue.message = issue.key == u"end"_s && request.end.isValid() ? tr("the window must close after it opens")
                                                                           : tr("the window needs a start and an end");
            issue.key = u"window"_s;
        }
        out.issues.append(issue);
    }
    QVariantMap values = draft.values;
    for (const ParameterIssue &issue : Parameters::validate(specs(draft.kind, products), &values)) {
        const bool known = std::any_of(
            out.issues.cbegin(), out.issues.cend(), [&](const ParameterIssue &i) { return i.key == issue.key; });
        if (!known) {
            out.issues.append(issue);
        }
    }
    if (out.issues.isEmpty()) {
        out.body = QJsonDocument::fromJson(SatellogicApi::createTaskBody(request)).object();
    }
    return out;
}

RepeatCadence cadence(const QVariantMap &values)
{
    if (values.contains(u"repetition_count"_s)) {
        return RepeatCadence::Count;
    }
    return values.contains(u"repeat_end"_s) ? RepeatCadence::UntilDate : RepeatCadence::UntilCanceled;
}

QList<std::pair<QString, QString>> describe(const TaskDraft &draft, const ParameterSpecs &specs)
{
    QList<std::pair<QString, QString>> out;
    out.append({ tr("Request"), title(draft.kind) });
    out.append({ tr("Name"), draft.name.trimmed() });
    if (hasDescription(draft.kind) && !draft.description.trimmed().isEmpty()) {
        out.append({ tr("Description"), draft.description.trimmed() });
    }
    out.append({ tr("Target"), targetText(draft.geometry) });
    if (hasWindow(draft.kind)) {
        out.append({ tr("Window"),
            tr("%1 to %2 (%3)")
                .arg(timeText(draft.windowOpen), timeText(draft.windowClose),
                    durationText(draft.windowOpen.secsTo(draft.windowClose))) });
    } else {
        switch (cadence(draft.values)) {
        case RepeatCadence::UntilCanceled:
            out.append({ tr("Ends"), tr("when canceled") });
            break;
        case RepeatCadence::UntilDate:
            out.append({ tr("Ends"), tr("on %1").arg(timeText(draft.values.value(u"repeat_end"_s).toDateTime())) });
            break;
        case RepeatCadence::Count:
            out.append({ tr("Ends"), tr("after %1 collects").arg(draft.values.value(u"repetition_count"_s).toInt()) });
            break;
        }
    }
    for (const ParameterSpec &spec : specs) {
        if (spec.key == u"repeat_end"_s || spec.key == u"repetition_count"_s) {
            continue; // said by "Ends"
        }
        const auto it = draft.values.constFind(spec.key);
        if (it != draft.values.cend()) {
            QVariant value = it.value();
            if (spec.type == ParameterSpec::Type::MultiChoice) {
                QStringList list = value.toStringList();
                for (const QString &always : spec.alwaysIncluded) {
                    if (!list.contains(always)) {
                        list.prepend(always);
                    }
                }
                value = list;
            }
            out.append({ spec.label, spec.formatValue(value) });
        } else if (spec.defaultValue.isValid()) {
            out.append({ spec.label, tr("%1 (provider default)").arg(spec.formatValue(spec.defaultValue)) });
        } else if (!spec.alwaysIncluded.isEmpty()) {
            out.append({ spec.label, spec.formatValue(spec.alwaysIncluded) });
        }
    }
    if (!draft.contractId.isEmpty()) {
        out.append({ tr("Contract"), draft.contractId });
    }
    return out;
}

QString costNote(const TaskDraft &draft)
{
    switch (draft.kind) {
    case TaskKind::SatellogicTask:
        return tr("Billed under your contract: Satellogic quotes no price before a task is sent.");
    case TaskKind::CapellaTasking:
        if (draft.values.value(u"pre_approval"_s).toBool()) {
            return tr("Pre-approved: Capella accepts its price without a review and bills it under your contract.");
        }
        return tr("Capella prices a request after it is sent: it then waits in review with its price, and nothing is "
                  "billed until you approve it in the Tasks monitor.");
    case TaskKind::CapellaRepeat:
        return tr("Capella prices each collect of the series after it is sent: the request waits in review with its "
                  "estimate per image until you approve it in the Tasks monitor.");
    }
    return {};
}

QList<ParameterIssue> rejectionIssues(TaskKind kind, const NetworkError &error)
{
    QList<ParameterIssue> out;
    if (error.kind != NetworkError::Kind::Http || error.httpStatus < 400 || error.httpStatus >= 500) {
        return out;
    }
    if (kind == TaskKind::SatellogicTask) {
        // Django REST framework's field errors, as NetworkError joins them: "task_name: This field
        // is required.; target: ..."
        static const QHash<QString, QString> fields { { u"task_name"_s, u"name"_s },
            { u"project_name"_s, u"project"_s }, { u"product"_s, u"product"_s }, { u"target"_s, u"target"_s },
            { u"start"_s, u"window"_s }, { u"end"_s, u"window"_s }, { u"non_field_errors"_s, u"window"_s } };
        for (const QString &part : error.message.split(u"; "_s)) {
            const qsizetype colon = part.indexOf(u": "_s);
            const QString key = fields.value(part.left(colon).trimmed());
            if (colon > 0 && !key.isEmpty()) {
                out.append({ key, part.mid(colon + 2).trimmed() });
            }
        }
        return out;
    }
    // Capella: "Request validation failed: collectConstraints.offNadirMax: must be ... (detail)", the
    // detail repeating "field: why".
    static const QRegularExpression field(u"^([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*): (.+)$"_s,
        QRegularExpression::DotMatchesEverythingOption);
    const ParameterSpecs all = specs(kind);
    const qsizetype failed = error.message.indexOf(u"failed: "_s);
    const QRegularExpressionMatch m = field.match(failed >= 0 ? error.message.mid(failed + 8) : error.message);
    if (!m.hasMatch()) {
        return out;
    }
    QString why = m.captured(2).trimmed();
    const qsizetype detail = why.indexOf(u" ("_s + m.captured(1) + u": "_s);
    if (detail > 0) {
        why = why.left(detail);
    }
    const QStringList path = m.captured(1).split(u'.');
    QString key = snakeCase(path.last());
    if (path.size() >= 2 && path.at(path.size() - 2) == u"insar"_s) {
        key = u"insar_"_s + key;
    }
    if (key == u"window_open"_s || key == u"window_close"_s) {
        key = u"window"_s;
    } else if (key.endsWith(u"request_name"_s)) {
        key = u"name"_s;
    } else if (key.endsWith(u"request_description"_s)) {
        key = u"description"_s;
    } else if (key == u"geometry"_s || key == u"coordinates"_s) {
        key = u"target"_s;
    } else if (key == u"pre_approval"_s || key == u"preapproval"_s) {
        key = u"pre_approval"_s;
    }
    const bool known = Parameters::find(all, key) || key == u"name"_s || key == u"description"_s || key == u"target"_s
        || key == u"window"_s;
    if (known) {
        out.append({ key, why });
    }
    return out;
}

bool isAnswerLost(const NetworkError &error)
{
    return error.kind == NetworkError::Kind::Network || error.kind == NetworkError::Kind::Timeout;
}

} // namespace StacScope::TaskForms
