#pragma once

#include <QCommandLineParser>
#include <QList>

namespace StacScope {

// Every command's option parser: it remembers the options it was given, so that `--help` after
// a command lists that command's own options with their explanations, and an unknown option
// names the nearest known one ("did you mean --bbox?").
class CliParser : public QCommandLineParser
{
public:
    // Hide QCommandLineParser's: the commands call them on a CliParser.
    bool addOption(const QCommandLineOption &option);
    bool addOptions(const QList<QCommandLineOption> &options);
    // False without parsing while help is wanted (the command then prints its help instead).
    bool parse(const QStringList &arguments);
    QString errorText() const;

    // "  --bbox <W,S,E,N>    Bounding box..." for every option, aligned.
    QString optionsHelp() const;
    // The known option nearest `name` (an edit distance of at most a third of it), or empty.
    QString nearestOption(const QString &name) const;

    // Set by the CLI when `--help` or `-h` follows a command.
    static bool helpWanted;
    // The last parser that parse() was called on while help was wanted.
    static const CliParser *helpParser;

private:
    QList<QCommandLineOption> m_known;
    QString m_suggestion;
};

} // namespace StacScope
