#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace StacScope {

// An in-window message strip (as KMessageWidget): errors and warnings are shown here, never as
// modal boxes that block work, and never swallowed.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Level
    {
        Info,
        Warning,
        Error
    };

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Level level, const QString &text, const QString &details = {});
    Level level() const { return m_level; }
    QString text() const;

private:
    Level m_level = Level::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
};

} // namespace StacScope
