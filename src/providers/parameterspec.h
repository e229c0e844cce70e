#pragma once

#include <optional>
#include <utility>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace StacScope {

// One parameter of a provider's order or tasking request, described once in the core so that
// the forms, stacscope-cli's --param KEY=VALUE and the validation before anything is sent all
// agree: its type, allowed values, range, unit, default, whether it is required, what it
// excludes, and a line of help.
struct ParameterSpec
{
    enum class Type
    {
        Text,
        Choice, // one of `choices`
        MultiChoice, // a list of `choices` (comma-separated in text)
        Integer,
        Number,
        Boolean,
        DateTime // ISO 8601, UTC unless an offset is given; a bare date is midnight UTC
    };

    QString key; // snake_case, as the CLI and the provider's own client library name it
    QString label;
    Type type = Type::Text;
    QStringList choices; // canonical values, as sent
    QHash<QString, QString> choiceLabels; // canonical value -> words for a form ("30_day" -> "30 days")
    QHash<QString, QString> aliases; // other spellings (lower case) -> canonical value
    std::optional<double> minimum;
    std::optional<double> maximum;
    QString unit; // "°", "days"
    QVariant defaultValue; // what the provider assumes when the parameter is not sent
    bool required = false;
    QStringList excludes; // keys that cannot be given together with this one
    QStringList alwaysIncluded; // MultiChoice values that are always sent (Capella's GEO product)
    QString help;

    // "one of urgent, priority, standard", "a number from 0 to 90 °"...
    QString describeAllowed() const;
    // A choice in words: its label, or the value itself.
    QString choiceText(const QString &value) const { return choiceLabels.value(value, value); }
    // A typed value in words, with its unit: "45 °", "HH, VV", "yes", "2026-05-01 12:00 UTC".
    QString formatValue(const QVariant &value) const;
};

using ParameterSpecs = QList<ParameterSpec>;

// A value that does not fit its parameter, with the reason in words.
struct ParameterIssue
{
    QString key;
    QString message;
    friend bool operator==(const ParameterIssue &, const ParameterIssue &) = default;
};

namespace Parameters {

const ParameterSpec *find(const ParameterSpecs &specs, const QString &key);

// Reads one text value ("HH", "45,53", "true", "2026-05-01") into its typed form: QString,
// QStringList, qlonglong, double, bool or a UTC QDateTime. An invalid QVariant and `error` set
// when it does not fit.
QVariant parseValue(const ParameterSpec &spec, const QString &text, QString *error);

// Reads KEY=VALUE pairs (in order; a later one replaces an earlier one). Unknown keys and values
// that do not fit are reported, one issue per key, and left out of the result.
QVariantMap parse(
    const ParameterSpecs &specs, const QList<std::pair<QString, QString>> &pairs, QList<ParameterIssue> *issues);

// Checks typed values: required ones present, choices, ranges, exclusions. `alwaysIncluded`
// values are added to the MultiChoice lists that miss them.
QList<ParameterIssue> validate(const ParameterSpecs &specs, QVariantMap *values);

// Splits "KEY=VALUE"; an empty key when there is no '='.
std::pair<QString, QString> splitPair(const QString &text);

} // namespace Parameters

} // namespace StacScope
