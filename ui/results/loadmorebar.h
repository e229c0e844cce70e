#pragma once

#include <optional>

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace StacScope {

// Under the results table when the server has more than the search brought: "Load more" (another
// batch of the search's size) and "Load all", then a progress bar and Cancel while they run.
class LoadMoreBar : public QWidget
{
    Q_OBJECT
public:
    explicit LoadMoreBar(QWidget *parent = nullptr);

    // Whether there is more to load, and how many the server matched (when it said).
    void setAvailable(bool available, int have, std::optional<qint64> matched);
    // Loading: the progress bar and Cancel instead of the buttons.
    void setLoading(bool loading);
    void setProgress(int have);
    bool isLoading() const { return m_loading; }

    QPushButton *loadMoreButton() const { return m_more; }
    QPushButton *loadAllButton() const { return m_all; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }

Q_SIGNALS:
    void loadMoreRequested();
    void loadAllRequested();
    void cancelRequested();

private:
    QLabel *m_label;
    QPushButton *m_more;
    QPushButton *m_all;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    std::optional<qint64> m_matched;
    bool m_loading = false;
};

} // namespace StacScope
