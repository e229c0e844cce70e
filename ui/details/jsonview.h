#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace StacScope {

// A JSON document to read: coloured (keys, strings, numbers, true/false/null) and searchable
// (Find: Enter and F3 go to the next match, Shift for the previous; "3 of 12").
class JsonView : public QWidget
{
    Q_OBJECT
public:
    explicit JsonView(QWidget *parent = nullptr);

    void setText(const QString &text);
    void clear();
    QString text() const;

    QPlainTextEdit *editor() const { return m_edit; }
    QLineEdit *findEdit() const { return m_find; }
    QLabel *matchLabel() const { return m_matches; }
    // Moves to the next (or previous) match of the find text, wrapping; false when none.
    bool findNext(bool backwards = false);

private:
    void updateMatches();

    QPlainTextEdit *m_edit;
    QLineEdit *m_find;
    QLabel *m_matches;
};

} // namespace StacScope
