#include "app/cli/cliparser.h"

#include <algorithm>
#include <numeric>
#include <vector>

using namespace Qt::StringLiterals;

namespace StacScope {

bool CliParser::helpWanted = false;
const CliParser *CliParser::helpParser = nullptr;

namespace {

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    std::iota(row.begin(), row.end(), 0);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            row[size_t(j)] = std::min({ above + 1, row[size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1) });
            diagonal = above;
        }
    }
    return row.back();
}

} // namespace

bool CliParser::addOption(const QCommandLineOption &option)
{
    m_known.append(option);
    return QCommandLineParser::addOption(option);
}

bool CliParser::addOptions(const QList<QCommandLineOption> &options)
{
    m_known.append(options);
    return QCommandLineParser::addOptions(options);
}

bool CliParser::parse(const QStringList &arguments)
{
    if (helpWanted) {
        helpParser = this;
        return false;
    }
    m_suggestion.clear();
    if (QCommandLineParser::parse(arguments)) {
        return true;
    }
    const QStringList unknown = unknownOptionNames();
    if (!unknown.isEmpty()) {
        const QString nearest = nearestOption(unknown.first());
        if (!nearest.isEmpty()) {
            m_suggestion = QStringLiteral("Did you mean --%1?").arg(nearest);
        }
    }
    return false;
}

QString CliParser::errorText() const
{
    const QString text = QCommandLineParser::errorText();
    return m_suggestion.isEmpty() ? text : text + u' ' + m_suggestion;
}

QString CliParser::nearestOption(const QString &name) const
{
    QString best;
    int bestDistance = std::max(1, int(name.size()) / 3) + 1;
    for (const QCommandLineOption &option : m_known) {
        for (const QString &known : option.names()) {
            const int d = editDistance(name, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
    }
    return best;
}

QString CliParser::optionsHelp() const
{
    QList<std::pair<QString, QString>> rows;
    qsizetype width = 0;
    for (const QCommandLineOption &option : m_known) {
        QStringList names;
        for (const QString &n : option.names()) {
            names.append((n.size() == 1 ? u"-"_s : u"--"_s) + n);
        }
        QString left = names.join(u", "_s);
        if (!option.valueName().isEmpty()) {
            left += u" <"_s + option.valueName() + u'>';
        }
        width = std::max(width, left.size());
        rows.append({ left, option.description() });
    }
    QString text;
    for (const auto &[left, description] : std::as_const(rows)) {
        text += u"  "_s + left.leftJustified(width) + u"  "_s + description + u'\n';
    }
    return text;
}

} // namespace StacScope
