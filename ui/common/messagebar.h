#pragma once

#include <functional>

#include <QFrame>

class QLabel;
class QPushButton;
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

    // Replaces the message; a new message has no action button until setAction() adds one.
    void showMessage(Level level, const QString &text, const QString &details = {});
    // A button after the text ("Open account") that runs `action` and closes the message.
    void setAction(const QString &text, std::function<void()> action);
    Level level() const { return m_level; }
    QString text() const;
    QPushButton *actionButton() const { return m_action; }

private:
    Level m_level = Level::Info;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_close;
    std::function<void()> m_run;
};

} // namespace StacScope
