#pragma once

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include "src/providers/parameterspec.h"

class QFormLayout;
class QLabel;

namespace StacScope {

// A form built from a provider's parameter descriptions (ParameterSpecs): one editor per
// parameter by its type (a list of choices, check boxes, a number with its unit and range, a date
// and time with its zone, a check box, text), its help as tooltip and placeholder, and a line under
// it for what is wrong, in words. Choices and numbers may be left at the provider's default,
// which is then not sent. The form reads typed values; validating them together is the caller's
// business (it calls showIssues() with the core's answer after each edited()).
class ParameterForm : public QWidget
{
    Q_OBJECT
public:
    explicit ParameterForm(QWidget *parent = nullptr);

    // Rebuilds the editors; values of keys that remain are kept. `hidden` keys get no editor
    // (the caller edits them another way and merges them into values()).
    void setSpecs(const ParameterSpecs &specs, const QSet<QString> &hidden = {});
    const ParameterSpecs &specs() const { return m_specs; }

    // The values the user gave, typed as Parameters::parseValue() types them; fields left at
    // "default" are absent.
    QVariantMap values() const;
    void setValues(const QVariantMap &values);
    // Text that does not read as its type ("abc" for a number), one issue per field.
    QList<ParameterIssue> inputIssues() const;

    // Shows each issue under its field (replacing the previous ones); returns the issues whose
    // key has no field here, for the caller to show elsewhere.
    QList<ParameterIssue> showIssues(const QList<ParameterIssue> &issues);
    // For tests: a field's editor and the problem shown under it.
    QWidget *editor(const QString &key) const { return m_editors.value(key); }
    QString issueText(const QString &key) const;
    // The first field with a problem shown, for focus after a refusal.
    QWidget *firstFieldWithIssue() const;

    // A message line under any widget (the dialog's own fields use the same look).
    static QLabel *makeIssueLabel(QWidget *parent);
    static QString sentence(QString text);

Q_SIGNALS:
    void edited();

private:
    QWidget *makeEditor(const ParameterSpec &spec);
    QVariant readValue(const ParameterSpec &spec, QString *error) const;
    void writeValue(const ParameterSpec &spec, const QVariant &value);

    QFormLayout *m_layout;
    ParameterSpecs m_specs;
    QHash<QString, QPointer<QWidget>> m_editors;
    QHash<QString, QPointer<QLabel>> m_issues;
};

} // namespace StacScope
