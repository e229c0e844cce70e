// Capella tasking and repeat requests: the parameter descriptions, request bodies and parsers
// (capella.md §6-8; bodies as capella-console-client's create_tasking_request and
// create_repeat_request build them).
#include <QCoreApplication>

#include "src/providers/capella/capellaapi.h"

using namespace Qt::StringLiterals;

namespace StacScope::CapellaApi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::CapellaApi", text);
}

using Type = ParameterSpec::Type;

ParameterSpec choice(const QString &key, const QString &label, const QStringList &choices, const QVariant &def,
    const QString &help, const QHash<QString, QString> &aliases = {})
{
    ParameterSpec s;
    s.key = key;
    s.label = label;
    s.type = Type::Choice;
    s.choices = choices;
    s.defaultValue = def;
    s.help = help;
    s.aliases = aliases;
    return s;
}

ParameterSpec number(const QString &key, const QString &label, Type type, double min, double max, const QString &unit,
    const QString &help)
{
    ParameterSpec s;
    s.key = key;
    s.label = label;
    s.type = type;
    s.minimum = min;
    s.maximum = max;
    s.unit = unit;
    s.help = help;
    return s;
}

ParameterSpec simple(const QString &key, const QString &label, Type type, const QString &help, const QVariant &def = {})
{
    ParameterSpec s;
    s.key = key;
    s.label = label;
    s.type = type;
    s.help = help;
    s.defaultValue = def;
    return s;
}

// Which parameter goes where in the body, and under which name.
struct Wire
{
    const char *key;
    const char *name;
};
constexpr Wire kCollectConstraints[] = { { "local_time", "localTime" }, { "off_nadir_min", "offNadirMin" },
    { "off_nadir_max", "offNadirMax" }, { "image_width", "imageWidth" }, { "orbital_planes", "orbitalPlanes" },
    { "asc_dsc", "ascDsc" }, { "look_direction", "lookDirection" }, { "polarization", "polarization" },
    { "azimuth_angle_min", "azimuthAngleMin" }, { "azimuth_angle_max", "azimuthAngleMax" }, { "squint", "squint" },
    { "max_squint_angle", "maxSquintAngle" } };
constexpr Wire kRepetition[] = { { "repetition_interval", "repetitionInterval" },
    { "repetition_count", "repetitionCount" }, { "maintain_scene_framing", "maintainSceneFraming" },
    { "look_angle_tolerance", "lookAngleTolerance" }, { "azimuth_angle_tolerance", "azimuthAngleTolerance" } };

QJsonValue toJson(const ParameterSpec &spec, const QVariant &v)
{
    switch (spec.type) {
    case Type::MultiChoice: {
        QJsonArray a;
        for (const QString &s : v.toStringList()) {
            bool isNumber = false;
            const int n = s.toInt(&isNumber);
            a.append(isNumber ? QJsonValue(n) : QJsonValue(s)); // orbital planes are numbers
        }
        return a;
    }
    case Type::Integer:
        return qint64(v.toLongLong());
    case Type::Number: {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QJsonValue(qint64(d)) : QJsonValue(d);
    }
    case Type::Boolean:
        return v.toBool();
    case Type::DateTime:
        return formatTime(v.toDateTime());
    case Type::Choice: {
        bool isNumber = false;
        const int n = v.toString().toInt(&isNumber);
        return isNumber ? QJsonValue(n) : QJsonValue(v.toString()); // repetition interval in days
    }
    case Type::Text:
        break;
    }
    return v.toString();
}

QString textOrNull(const QVariantMap &values, const QString &key, QJsonValue *out)
{
    *out = values.contains(key) ? QJsonValue(values.value(key).toString()) : QJsonValue(QJsonValue::Null);
    return {};
}

QDateTime parseTime(const QJsonValue &v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

} // namespace

ParameterSpecs parameterSpecs(CapellaRequest::Kind kind)
{
    const bool repeat = kind == CapellaRequest::Kind::Repeat;
    ParameterSpecs specs;
    if (repeat) {
        specs.append(choice(u"collection_tier"_s, tr("Tier"),
            { u"flexible"_s, u"routine"_s, u"internal"_s, u"insar"_s, u"insar-internal"_s }, u"routine"_s,
            tr("How the series is scheduled; insar keeps the same orbit for interferometry")));
    } else {
        specs.append(choice(u"collection_tier"_s, tr("Tier"),
            { u"urgent"_s, u"priority"_s, u"standard"_s, u"flexible"_s, u"internal"_s }, u"standard"_s,
            tr("Priority and price; the window must be at least 24 h (urgent), 72 h (priority) or 7 days (standard)")));
    }
    specs.append(choice(u"collection_type"_s, tr("Collection type"),
        { u"spotlight"_s, u"spotlight_ultra"_s, u"spotlight_wide"_s, u"stripmap_20"_s, u"stripmap_50"_s,
            u"stripmap_100"_s, u"parallel_stripmap_20"_s, u"parallel_stripmap_50"_s, u"parallel_stripmap_100"_s },
        u"spotlight"_s, tr("Imaging mode and scene size")));
    specs.append(choice(u"local_time"_s, tr("Local time"), { u"day"_s, u"night"_s, u"anytime"_s }, {},
        tr("When, in the target's local time, the image may be taken (day: 06:00-18:00)")));
    specs.append(
        number(u"off_nadir_min"_s, tr("Off-nadir min"), Type::Number, 0, 90, u"°"_s, tr("Smallest off-nadir angle")));
    specs.append(
        number(u"off_nadir_max"_s, tr("Off-nadir max"), Type::Number, 0, 90, u"°"_s, tr("Largest off-nadir angle")));
    ParameterSpec planes = simple(
        u"orbital_planes"_s, tr("Orbital planes"), Type::MultiChoice, tr("Orbit inclinations that may collect"));
    planes.choices = { u"45"_s, u"53"_s, u"97"_s };
    specs.append(planes);
    specs.append(choice(u"asc_dsc"_s, tr("Orbit state"), { u"ascending"_s, u"descending"_s, u"either"_s }, u"either"_s,
        tr("Ascending or descending pass")));
    specs.append(choice(u"look_direction"_s, tr("Look direction"), { u"left"_s, u"right"_s, u"either"_s }, u"either"_s,
        tr("Side the radar looks to")));
    specs.append(choice(u"polarization"_s, tr("Polarization"), { u"HH"_s, u"VV"_s }, {}, tr("Transmit and receive")));
    ParameterSpec holdback
        = choice(u"archive_holdback"_s, tr("Archive holdback"), { u"none"_s, u"1_year"_s, u"30_day"_s, u"permanent"_s },
            u"none"_s, tr("How long the image stays out of Capella's public archive"),
            { { u"30 day"_s, u"30_day"_s }, { u"thirty_day"_s, u"30_day"_s }, { u"1 year"_s, u"1_year"_s },
                { u"one_year"_s, u"1_year"_s } });
    holdback.choiceLabels = { { u"none"_s, tr("none") }, { u"1_year"_s, tr("1 year") }, { u"30_day"_s, tr("30 days") },
        { u"permanent"_s, tr("permanent") } };
    specs.append(holdback);
    specs.append(simple(u"custom_attribute_1"_s, tr("Custom attribute 1"), Type::Text,
        tr("Your own reference, kept with the request")));
    specs.append(simple(u"custom_attribute_2"_s, tr("Custom attribute 2"), Type::Text,
        tr("Your own reference, kept with the request")));
    if (!repeat) {
        specs.append(simple(u"pre_approval"_s, tr("Pre-approve cost"), Type::Boolean,
            tr("Accept the price without reviewing it (otherwise the request waits in review for approval)"), false));
    }
    specs.append(number(u"azimuth_angle_min"_s, tr("Azimuth min"), Type::Number, 0, 360, u"°"_s,
        tr("Start of the allowed azimuth range (may wrap past north: 340 to 20)")));
    specs.append(number(u"azimuth_angle_max"_s, tr("Azimuth max"), Type::Number, 0, 360, u"°"_s,
        tr("End of the allowed azimuth range")));
    specs.append(choice(u"squint"_s, tr("Squint"), { u"enabled"_s, u"disabled"_s, u"forward"_s, u"backward"_s }, {},
        tr("Default: enabled for a point, disabled for an area")));
    specs.append(
        number(u"max_squint_angle"_s, tr("Max squint angle"), Type::Number, 0, 90, u"°"_s, tr("Largest squint angle")));
    specs.append(number(u"image_width"_s, tr("Image width"), Type::Integer, 1, 1000000, u"m"_s,
        tr("Width of the image on the ground")));
    ParameterSpec products = simple(u"product_types"_s, tr("Product types"), Type::MultiChoice,
        tr("Products to make of each collect; GEO is always made"));
    products.choices = { u"SLC"_s, u"GEO"_s, u"SICD"_s, u"GEC"_s, u"SIDD"_s, u"CPHD"_s, u"CSI"_s, u"CSIDD"_s, u"VC"_s,
        u"VS"_s, u"ACD"_s };
    products.alwaysIncluded = { u"GEO"_s };
    specs.append(products);
    if (repeat) {
        specs.append(simple(u"repeat_start"_s, tr("Repeat start"), Type::DateTime, tr("First collect; default now")));
        ParameterSpec end = simple(u"repeat_end"_s, tr("Repeat end"), Type::DateTime,
            tr("Last possible collect; without it and without a count, the series runs until canceled"));
        end.excludes = { u"repetition_count"_s };
        specs.append(end);
        ParameterSpec count = number(u"repetition_count"_s, tr("Number of collects"), Type::Integer, 1, 10000, {},
            tr("How many collects, then the series ends"));
        count.excludes = { u"repeat_end"_s };
        specs.append(count);
        ParameterSpec interval = choice(u"repetition_interval"_s, tr("Interval"), { u"1"_s, u"7"_s, u"14"_s, u"30"_s },
            u"7"_s, tr("Days between collects"),
            { { u"daily"_s, u"1"_s }, { u"weekly"_s, u"7"_s }, { u"biweekly"_s, u"14"_s }, { u"monthly"_s, u"30"_s } });
        interval.unit = tr("days");
        specs.append(interval);
        specs.append(simple(u"maintain_scene_framing"_s, tr("Keep scene framing"), Type::Boolean,
            tr("Keep look and azimuth angles close to the first collect's")));
        specs.append(number(u"look_angle_tolerance"_s, tr("Look angle tolerance"), Type::Number, 0, 90, u"°"_s,
            tr("With scene framing: allowed look angle difference")));
        specs.append(number(u"azimuth_angle_tolerance"_s, tr("Azimuth tolerance"), Type::Number, 0, 360, u"°"_s,
            tr("With scene framing: allowed azimuth difference")));
        specs.append(choice(u"insar_orbit"_s, tr("InSAR orbit"), { u"MIO_53_2P95"_s, u"SSO_97_7P00"_s }, {},
            tr("For the insar tiers: MIO_53_2P95 revisits every 2.95 days, SSO_97_7P00 every 7 days")));
    }
    return specs;
}

QJsonObject requestBody(const RequestDraft &draft, const QDateTime &now, QList<ParameterIssue> *issues)
{
    const bool repeat = draft.kind == CapellaRequest::Kind::Repeat;
    const ParameterSpecs specs = parameterSpecs(draft.kind);
    QVariantMap values = draft.values;
    issues->append(Parameters::validate(specs, &values));
    if (draft.name.trimmed().isEmpty()) {
        issues->append({ u"name"_s, tr("is required") });
    }
    const QString geometryType = draft.geometry.value(u"type"_s).toString();
    if (geometryType != u"Point"_s && geometryType != u"Polygon"_s) {
        issues->append({ u"target"_s,
            geometryType.isEmpty() ? tr("is required (a point or a polygon)")
                                   : tr("must be a Point or a Polygon, not a %1").arg(geometryType) });
    }
    auto number = [&](const QString &key) { return values.value(key).toDouble(); };
    if (values.contains(u"off_nadir_min"_s) && values.contains(u"off_nadir_max"_s)
        && number(u"off_nadir_min"_s) > number(u"off_nadir_max"_s)) {
        issues->append({ u"off_nadir_max"_s, tr("must not be smaller than off_nadir_min") });
    }
    const QString tier = values.value(u"collection_tier"_s).toString();
    if (repeat && tier.startsWith(u"insar"_s) && !values.contains(u"insar_orbit"_s)) {
        issues->append({ u"insar_orbit"_s, tr("is required for the %1 tier (MIO_53_2P95 or SSO_97_7P00)").arg(tier) });
    }
    if (repeat && values.contains(u"insar_orbit"_s) && !tier.startsWith(u"insar"_s)) {
        issues->append({ u"insar_orbit"_s, tr("only applies to the insar tiers (collection_tier=insar)") });
    }
    QDateTime open = draft.windowOpen.isValid() ? draft.windowOpen : now;
    QDateTime close = draft.windowClose.isValid() ? draft.windowClose : open.addDays(7);
    if (!repeat && close <= open) {
        issues->append({ u"window"_s, tr("the window must close after it opens") });
    } else if (!repeat) {
        // The shortest window each tier accepts (capella.md §8, Capella's tasking-requests page).
        const qint64 hours = tier == u"urgent"_s      ? 24
            : tier == u"priority"_s                   ? 72
            : tier.isEmpty() || tier == u"standard"_s ? 168
                                                      : 0;
        if (hours > 0 && open.secsTo(close) < hours * 3600) {
            issues->append({ u"window"_s,
                tr("the %1 tier needs a window of at least %2; this one is %3 h long")
                    .arg(tier.isEmpty() ? u"standard"_s : tier, hours == 168 ? tr("7 days") : tr("%1 hours").arg(hours))
                    .arg(QString::number(double(open.secsTo(close)) / 3600.0, 'f', 1)) });
        }
    }
    if (repeat && values.contains(u"repeat_end"_s)) {
        const QDateTime start = values.value(u"repeat_start"_s, now).toDateTime();
        if (values.value(u"repeat_end"_s).toDateTime() <= start) {
            issues->append({ u"repeat_end"_s, tr("must be after repeat_start") });
        }
    }
    if (!issues->isEmpty()) {
        return {};
    }

    QJsonObject constraints;
    for (const Wire &w : kCollectConstraints) {
        const QString key = QString::fromLatin1(w.key);
        if (values.contains(key)) {
            constraints.insert(QString::fromLatin1(w.name), toJson(*Parameters::find(specs, key), values.value(key)));
        }
    }
    for (const auto &[key, name] :
        { std::pair { u"asc_dsc"_s, u"ascDsc"_s }, { u"look_direction"_s, u"lookDirection"_s } }) {
        if (!constraints.contains(name)) {
            constraints.insert(name, u"either"_s);
        }
    }
    if (!constraints.contains(u"squint"_s)) {
        constraints.insert(u"squint"_s, geometryType == u"Point"_s ? u"enabled"_s : u"disabled"_s);
    }

    const QString prefix = repeat ? u"repeatrequest"_s : u"taskingrequest"_s;
    QJsonObject properties;
    properties.insert(prefix + u"Name"_s, draft.name.trimmed());
    properties.insert(prefix + u"Description"_s, draft.description);
    if (!repeat) {
        properties.insert(u"windowOpen"_s, formatTime(open));
        properties.insert(u"windowClose"_s, formatTime(close));
    }
    properties.insert(
        u"collectionTier"_s, values.value(u"collection_tier"_s, repeat ? u"routine"_s : u"standard"_s).toString());
    properties.insert(u"collectionType"_s, values.value(u"collection_type"_s, u"spotlight"_s).toString());
    properties.insert(u"archiveHoldback"_s, values.value(u"archive_holdback"_s, u"none"_s).toString());
    QJsonValue attribute;
    textOrNull(values, u"custom_attribute_1"_s, &attribute);
    properties.insert(u"customAttribute1"_s, attribute);
    textOrNull(values, u"custom_attribute_2"_s, &attribute);
    properties.insert(u"customAttribute2"_s, attribute);
    if (!repeat) {
        properties.insert(u"pre_approval"_s, values.value(u"pre_approval"_s, false).toBool());
    }
    properties.insert(u"collectConstraints"_s, constraints);
    if (repeat) {
        QJsonObject repetition;
        repetition.insert(u"repeatStart"_s, formatTime(values.value(u"repeat_start"_s, now).toDateTime()));
        if (values.contains(u"repeat_end"_s)) {
            repetition.insert(u"repeatEnd"_s, formatTime(values.value(u"repeat_end"_s).toDateTime()));
        }
        QVariantMap withInterval = values;
        if (!withInterval.contains(u"repetition_interval"_s)) {
            withInterval.insert(u"repetition_interval"_s, u"7"_s); // weekly, the client's default
        }
        for (const Wire &w : kRepetition) {
            const QString key = QString::fromLatin1(w.key);
            if (withInterval.contains(key)) {
                repetition.insert(
                    QString::fromLatin1(w.name), toJson(*Parameters::find(specs, key), withInterval.value(key)));
            }
        }
        properties.insert(u"repetitionProperties"_s, repetition);
        if (values.contains(u"insar_orbit"_s)) {
            properties.insert(u"insar"_s, QJsonObject { { u"orbit"_s, values.value(u"insar_orbit"_s).toString() } });
        }
    }
    if (values.contains(u"product_types"_s)) {
        properties.insert(u"processingConfig"_s,
            QJsonObject {
                { u"productTypes"_s, QJsonArray::fromStringList(values.value(u"product_types"_s).toStringList()) } });
    }
    QJsonObject body { { u"type"_s, u"Feature"_s }, { u"geometry"_s, draft.geometry },
        { u"properties"_s, properties } };
    if (!draft.contractId.isEmpty()) {
        body.insert(u"contractId"_s, draft.contractId);
    }
    return body;
}

QJsonObject updateBody(CapellaRequest::Kind kind, const QString &name, const QString &description,
    const QVariantMap &given, QList<ParameterIssue> *issues)
{
    static const QStringList updatable = { u"custom_attribute_1"_s, u"custom_attribute_2"_s, u"product_types"_s };
    const ParameterSpecs specs = parameterSpecs(kind);
    QVariantMap values = given;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!updatable.contains(it.key())) {
            issues->append({ it.key(),
                tr("cannot be changed on an existing request (only name, description, custom_attribute_1, "
                   "custom_attribute_2 and product_types)") });
        }
    }
    issues->append(Parameters::validate(specs, &values));
    if (name.isEmpty() && description.isEmpty() && values.isEmpty() && issues->isEmpty()) {
        issues->append({ u"name"_s, tr("nothing to update: give a name, a description or a parameter") });
    }
    if (!issues->isEmpty()) {
        return {};
    }
    const QString prefix = kind == CapellaRequest::Kind::Repeat ? u"repeatrequest"_s : u"taskingrequest"_s;
    QJsonObject properties;
    if (!name.isEmpty()) {
        properties.insert(prefix + u"Name"_s, name);
    }
    if (!description.isEmpty()) {
        properties.insert(prefix + u"Description"_s, description);
    }
    if (values.contains(u"custom_attribute_1"_s)) {
        properties.insert(u"customAttribute1"_s, values.value(u"custom_attribute_1"_s).toString());
    }
    if (values.contains(u"custom_attribute_2"_s)) {
        properties.insert(u"customAttribute2"_s, values.value(u"custom_attribute_2"_s).toString());
    }
    if (values.contains(u"product_types"_s)) {
        properties.insert(u"processingConfig"_s,
            QJsonObject {
                { u"productTypes"_s, QJsonArray::fromStringList(values.value(u"product_types"_s).toStringList()) } });
    }
    return { { u"properties"_s, properties } };
}

QJsonObject cancelBody()
{
    return { { u"status"_s, u"canceled"_s } };
}

QJsonObject approvalBody(bool approve)
{
    return { { u"status"_s, approve ? u"approved"_s : u"rejected"_s } };
}

QJsonObject requestSearchBody(
    CapellaRequest::Kind kind, const RequestFilter &filter, const QString &userId, const QString &organizationId)
{
    QJsonObject q;
    if (kind == CapellaRequest::Kind::Tasking) {
        q.insert(u"includeRepeatingTasks"_s, QJsonObject { { u"eq"_s, filter.includeRepeating } });
    }
    if (filter.forOrganization) {
        q.insert(u"organizationIds"_s, QJsonArray { organizationId });
    } else {
        q.insert(u"userId"_s, userId);
    }
    if (!filter.status.isEmpty()) {
        q.insert(u"lastStatusCode"_s, QJsonObject { { u"eq"_s, filter.status } });
    }
    QJsonObject submitted;
    if (filter.submittedAfter.isValid()) {
        submitted.insert(u"gt"_s, formatTime(filter.submittedAfter));
    }
    if (filter.submittedBefore.isValid()) {
        submitted.insert(u"lt"_s, formatTime(filter.submittedBefore));
    }
    if (!submitted.isEmpty()) {
        q.insert(u"submissionTime"_s, submitted);
    }
    // Several values go as a bare list: the API does not take "in" here.
    if (filter.collectionTypes.size() == 1) {
        q.insert(u"collectionType"_s, QJsonObject { { u"eq"_s, filter.collectionTypes.first() } });
    } else if (!filter.collectionTypes.isEmpty()) {
        q.insert(u"collectionType"_s, QJsonArray::fromStringList(filter.collectionTypes));
    }
    if (!filter.collectionTier.isEmpty()) {
        q.insert(u"collectionTier"_s, QJsonObject { { u"eq"_s, filter.collectionTier } });
    }
    if (!filter.ids.isEmpty()) {
        q.insert(kind == CapellaRequest::Kind::Tasking ? u"taskingrequestIds"_s : u"repeatrequestIds"_s,
            QJsonArray::fromStringList(filter.ids));
    }
    return { { kind == CapellaRequest::Kind::Tasking ? u"query"_s : u"filter"_s, q } };
}

QList<CapellaStatus> parseHistory(const QJsonArray &history)
{
    QList<CapellaStatus> out;
    for (const QJsonValue &v : history) {
        const QJsonObject o = v.toObject();
        out.append({ parseTime(o.value(u"time"_s)), o.value(u"code"_s).toString(), o.value(u"message"_s).toString() });
    }
    return out;
}

CapellaRequest parseRequest(const QJsonObject &feature, CapellaRequest::Kind kind)
{
    CapellaRequest r;
    r.kind = kind;
    r.raw = feature;
    r.geometry = feature.value(u"geometry"_s).toObject();
    const QJsonObject p = feature.value(u"properties"_s).toObject();
    const QString prefix = kind == CapellaRequest::Kind::Repeat ? u"repeatrequest"_s : u"taskingrequest"_s;
    r.id = p.value(prefix + u"Id"_s).toString();
    r.name = p.value(prefix + u"Name"_s).toString();
    r.description = p.value(prefix + u"Description"_s).toString();
    r.userId = p.value(u"userId"_s).toString();
    r.repeatRequestId = p.value(u"repeatrequestId"_s).toString();
    r.submissionTime = parseTime(p.value(u"submissionTime"_s));
    r.windowOpen = parseTime(p.value(u"windowOpen"_s));
    r.windowClose = parseTime(p.value(u"windowClose"_s));
    if (kind == CapellaRequest::Kind::Repeat) {
        const QJsonObject rep = p.value(u"repetitionProperties"_s).toObject();
        r.windowOpen = parseTime(rep.value(u"repeatStart"_s));
        r.windowClose = parseTime(rep.value(u"repeatEnd"_s));
    }
    r.collectionTier = p.value(u"collectionTier"_s).toString();
    r.collectionType = p.value(u"collectionType"_s).toString();
    if (r.collectionType.isEmpty()) {
        r.collectionType = p.value(u"type"_s).toString();
    }
    r.archiveHoldback = p.value(u"archiveHoldback"_s).toString();
    r.preApproval = p.value(u"preApproval"_s).toBool(p.value(u"pre_approval"_s).toBool());
    r.transactionStatus = p.value(u"transactionStatus"_s).toString();
    const QJsonValue total = p.value(u"order"_s).toObject().value(u"summary"_s).toObject().value(u"total"_s);
    r.costTotal = total.isDouble() ? QString::number(total.toDouble(), 'f', 2) : total.toString();
    r.costPerImage = p.value(u"costPerImageEstimate"_s).toString();
    for (const QJsonValue &t : p.value(u"processingConfig"_s).toObject().value(u"productTypes"_s).toArray()) {
        r.productTypes.append(t.toString());
    }
    r.history = parseHistory(p.value(u"statusHistory"_s).toArray());
    return r;
}

QList<CapellaCollect> parseCollects(const QJsonArray &collects)
{
    QList<CapellaCollect> out;
    for (const QJsonValue &v : collects) {
        const QJsonObject o = v.toObject();
        CapellaCollect c;
        c.raw = o;
        c.id = o.value(u"collectId"_s).toString();
        c.taskingRequestId = o.value(u"taskingrequestId"_s).toString();
        c.repeatRequestId = o.value(u"repeatrequestId"_s).toString();
        c.spacecraftId = o.value(u"spacecraftId"_s).isDouble() ? QString::number(o.value(u"spacecraftId"_s).toInt())
                                                               : o.value(u"spacecraftId"_s).toString();
        c.windowOpen = parseTime(o.value(u"windowOpen"_s));
        c.windowClose = parseTime(o.value(u"windowClose"_s));
        c.history = parseHistory(o.value(u"collectStatusHistory"_s).toArray());
        if (!c.id.isEmpty()) {
            out.append(c);
        }
    }
    return out;
}

} // namespace StacScope::CapellaApi
