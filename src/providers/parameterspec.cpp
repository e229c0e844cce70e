#include "src/providers/parameterspec.h"

#include <cmath>

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::Parameters", text);
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 10);
}

QString canonicalChoice(const ParameterSpec &spec, const QString &text)
{
    const QString t = text.trimmed();
    for (const QString &c : spec.choices) {
        if (c.compare(t, Qt::CaseInsensitive) == 0) {
            return c;
        }
    }
    return spec.aliases.value(t.toLower());
}

QDateTime parseDateTime(const QString &text)
{
    const QString t = text.trimmed();
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        if (d.isValid()) {
            dt = QDateTime(d, QTime(0, 0), QTimeZone::utc());
        }
    }
    if (!dt.isValid()) {
        return {};
    }
    if (dt.timeSpec() == Qt::LocalTime) {
        dt = QDateTime(dt.date(), dt.time(), QTimeZone::utc()); // no offset given: UTC
    }
    return dt.toUTC();
}

} // namespace

QString ParameterSpec::describeAllowed() const
{
    const QString unitText = unit.isEmpty() ? QString() : u" "_s + unit;
    switch (type) {
    case Type::Choice:
        return tr("one of %1").arg(choices.join(u", "_s));
    case Type::MultiChoice:
        return tr("a comma-separated list of %1").arg(choices.join(u", "_s));
    case Type::Integer:
    case Type::Number: {
        const QString kind = type == Type::Integer ? tr("a whole number") : tr("a number");
        if (minimum && maximum) {
            return tr("%1 from %2 to %3%4").arg(kind, formatNumber(*minimum), formatNumber(*maximum), unitText);
        }
        if (minimum) {
            return tr("%1 of at least %2%3").arg(kind, formatNumber(*minimum), unitText);
        }
        if (maximum) {
            return tr("%1 of at most %2%3").arg(kind, formatNumber(*maximum), unitText);
        }
        return kind + unitText;
    }
    case Type::Boolean:
        return tr("true or false");
    case Type::DateTime:
        return tr("a date and time in UTC, e.g. 2026-05-01T00:00:00Z");
    case Type::Text:
        break;
    }
    return tr("text");
}

QString ParameterSpec::formatValue(const QVariant &value) const
{
    const QString unitText = unit.isEmpty() ? QString() : u" "_s + unit;
    switch (type) {
    case Type::Choice:
        return choiceText(value.toString()) + (choiceLabels.contains(value.toString()) ? QString() : unitText);
    case Type::MultiChoice: {
        QStringList words;
        for (const QString &v : value.toStringList()) {
            words.append(choiceText(v));
        }
        return words.join(u", "_s);
    }
    case Type::Integer:
        return QString::number(value.toLongLong()) + unitText;
    case Type::Number:
        return formatNumber(value.toDouble()) + unitText;
    case Type::Boolean:
        return value.toBool() ? tr("yes") : tr("no");
    case Type::DateTime: {
        const QDateTime t = value.toDateTime();
        return t.offsetFromUtc() == 0 ? t.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)
                                      : t.toString(u"yyyy-MM-dd HH:mm t"_s);
    }
    case Type::Text:
        break;
    }
    return value.toString();
}

namespace Parameters {

const ParameterSpec *find(const ParameterSpecs &specs, const QString &key)
{
    for (const ParameterSpec &s : specs) {
        if (s.key == key) {
            return &s;
        }
    }
    return nullptr;
}

QVariant parseValue(const ParameterSpec &spec, const QString &text, QString *error)
{
    const QString t = text.trimmed();
    auto fail = [&] {
        *error = tr("%1 is not %2").arg(t.isEmpty() ? tr("an empty value") : u'"' + t + u'"', spec.describeAllowed());
        return QVariant();
    };
    switch (spec.type) {
    case ParameterSpec::Type::Text:
        return text;
    case ParameterSpec::Type::Choice: {
        const QString c = canonicalChoice(spec, t);
        return c.isEmpty() ? fail() : QVariant(c);
    }
    case ParameterSpec::Type::MultiChoice: {
        QStringList out;
        for (const QString &part : t.split(u',', Qt::SkipEmptyParts)) {
            const QString c = canonicalChoice(spec, part);
            if (c.isEmpty()) {
                *error = tr("\"%1\" is not one of %2").arg(part.trimmed(), spec.choices.join(u", "_s));
                return {};
            }
            if (!out.contains(c)) {
                out.append(c);
            }
        }
        return out;
    }
    case ParameterSpec::Type::Integer: {
        bool ok = false;
        const qlonglong v = t.toLongLong(&ok);
        return ok ? QVariant(v) : fail();
    }
    case ParameterSpec::Type::Number: {
        bool ok = false;
        const double v = t.toDouble(&ok);
        return ok && std::isfinite(v) ? QVariant(v) : fail();
    }
    case ParameterSpec::Type::Boolean: {
        const QString l = t.toLower();
        if (l == u"true"_s || l == u"yes"_s || l == u"1"_s || l == u"on"_s) {
            return true;
        }
        if (l == u"false"_s || l == u"no"_s || l == u"0"_s || l == u"off"_s) {
            return false;
        }
        return fail();
    }
    case ParameterSpec::Type::DateTime: {
        const QDateTime dt = parseDateTime(t);
        return dt.isValid() ? QVariant(dt) : fail();
    }
    }
    return fail();
}

QVariantMap parse(
    const ParameterSpecs &specs, const QList<std::pair<QString, QString>> &pairs, QList<ParameterIssue> *issues)
{
    QVariantMap values;
    for (const auto &[key, text] : pairs) {
        const ParameterSpec *spec = find(specs, key);
        if (!spec) {
            QStringList keys;
            for (const ParameterSpec &s : specs) {
                keys.append(s.key);
            }
            issues->append({ key, tr("unknown parameter; known ones: %1").arg(keys.join(u", "_s)) });
            continue;
        }
        QString error;
        const QVariant v = parseValue(*spec, text, &error);
        if (!v.isValid()) {
            issues->append({ key, error });
            values.remove(key);
            continue;
        }
        values.insert(key, v);
    }
    return values;
}

QList<ParameterIssue> validate(const ParameterSpecs &specs, QVariantMap *values)
{
    QList<ParameterIssue> issues;
    for (const ParameterSpec &spec : specs) {
        const auto it = values->constFind(spec.key);
        if (it == values->cend()) {
            if (spec.required) {
                issues.append({ spec.key, tr("is required (%1)").arg(spec.describeAllowed()) });
            }
            continue;
        }
        const QVariant v = it.value();
        for (const QString &other : spec.excludes) {
            if (values->contains(other)) {
                issues.append({ spec.key, tr("cannot be given together with %1").arg(other) });
            }
        }
        switch (spec.type) {
        case ParameterSpec::Type::Choice:
            if (!spec.choices.contains(v.toString())) {
                issues.append({ spec.key, tr("\"%1\" is not %2").arg(v.toString(), spec.describeAllowed()) });
            }
            break;
        case ParameterSpec::Type::MultiChoice: {
            QStringList list = v.toStringList();
            for (const QString &s : list) {
                if (!spec.choices.contains(s)) {
                    issues.append({ spec.key, tr("\"%1\" is not one of %2").arg(s, spec.choices.join(u", "_s)) });
                }
            }
            for (const QString &always : spec.alwaysIncluded) {
                if (!list.contains(always)) {
                    list.prepend(always);
                }
            }
            values->insert(spec.key, list);
            break;
        }
        case ParameterSpec::Type::Integer:
        case ParameterSpec::Type::Number: {
            const double d = v.toDouble();
            if ((spec.minimum && d < *spec.minimum) || (spec.maximum && d > *spec.maximum)) {
                issues.append({ spec.key, tr("%1 is out of range: %2").arg(formatNumber(d), spec.describeAllowed()) });
            }
            break;
        }
        case ParameterSpec::Type::DateTime:
            if (!v.toDateTime().isValid()) {
                issues.append({ spec.key, tr("is not a valid date and time") });
            }
            break;
        case ParameterSpec::Type::Text:
        case ParameterSpec::Type::Boolean:
            break;
        }
    }
    return issues;
}

std::pair<QString, QString> splitPair(const QString &text)
{
    const qsizetype eq = text.indexOf(u'=');
    if (eq <= 0) {
        return {};
    }
    return { text.left(eq).trimmed(), text.mid(eq + 1) };
}

} // namespace Parameters

} // namespace StacScope
