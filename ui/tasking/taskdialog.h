#pragma once

#include <functional>

#include <QDialog>
#include <QHash>
#include <QPointer>

#include "src/geo/geometry.h"
#include "src/providers/satellogic/satellogictypes.h"
#include "src/tasking/taskform.h"
#include "src/tasking/tasksubmitjob.h"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPainter;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTreeWidget;

namespace StacScope {

class AccountCombo;
class AccountManager;
class AccountSession;
class MapViewport;
class ParameterForm;

// "Task this...": one dialog for every kind of tasking request. The first page is the form: the
// account, the kind of request, the target, name and window (or the repeat cadence) and the
// provider's parameters built from their core descriptions, checked as the user types. The second
// page reviews before anything is sent: account, contract, the target on a small map, every
// parameter in words, the exact body and what it will cost. "Submit" is never the default button,
// is disabled while the request is out, and nothing is retried: a lost answer is looked up by name
// before the user may send again.
class TaskDialog : public QDialog
{
    Q_OBJECT
public:
    // Paints the map (basemap, footprints, targets) for the review's small map.
    using MapPainter = std::function<void(QPainter &, const MapViewport &)>;

    explicit TaskDialog(AccountManager *accounts, QWidget *parent = nullptr);
    ~TaskDialog() override;

    void setTarget(const QString &name, const Geometry &geometry);
    const Geometry &target() const { return m_target; }
    QString targetName() const { return m_targetName; }
    void selectAccount(const QString &accountId);
    void setKind(TaskKind kind);
    TaskKind kind() const;
    void setMapPainter(MapPainter painter) { m_mapPainter = std::move(painter); }
    // A widget beside the form ("archive or task?").
    void setSidePanel(QWidget *panel);

    // The form as it stands, and what it builds.
    TaskDraft draft() const;
    TaskBuild build() const;
    // The problem shown under a field ("name", "window", "target", a parameter), or empty.
    QString issueText(const QString &key) const;
    // The page's general message (account, products, sending, lost answers).
    QString statusText() const;

    // Widgets, for tests.
    AccountCombo *accountCombo() const { return m_account; }
    QComboBox *kindCombo() const { return m_kind; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QDateTimeEdit *windowStart() const { return m_windowStart; }
    QDateTimeEdit *windowEnd() const { return m_windowEnd; }
    QComboBox *cadenceCombo() const { return m_cadence; }
    QDateTimeEdit *repeatEnd() const { return m_repeatEnd; }
    QSpinBox *repeatCount() const { return m_repeatCount; }
    ParameterForm *form() const { return m_form; }
    QPushButton *reviewButton() const { return m_review; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *submitButton() const { return m_submit; }
    QPushButton *sendAgainButton() const { return m_sendAgain; }
    bool isReviewing() const;
    QTreeWidget *summaryView() const { return m_summary; }
    QPlainTextEdit *bodyView() const { return m_body; }
    QLabel *costLabel() const { return m_cost; }
    QLabel *previewLabel() const { return m_preview; }
    // "Download deliveries automatically": the monitor queues them when they come.
    QCheckBox *autoDownloadCheck() const { return m_autoDownload; }
    TaskSubmitJob *submitJob() const { return m_job; }

    // Goes to the review page when the form is valid; false (with the problems shown) otherwise.
    bool review();
    // Sends the reviewed request (what "Submit" does).
    void submit();

Q_SIGNALS:
    // The provider created the request (or it was found after a lost answer).
    void submitted(const QString &accountId, StacScope::TaskKind kind, const QString &remoteId,
        const QJsonObject &answer, const StacScope::TaskDraft &draft);
    // The target's status for the targets layer: "Draft", "Submitted"...
    void targetStatusChanged(const QString &status);

private:
    void buildFormPage(QWidget *page);
    void buildReviewPage(QWidget *page);
    AccountSession *session() const;
    void onAccountChanged();
    void onKindChanged();
    void loadProducts();
    void rebuildSpecs();
    void validate();
    void showIssues(const QList<ParameterIssue> &issues);
    void setStatus(const QString &text, bool problem = false);
    void fillReview(const TaskBuild &build);
    void renderPreview();
    void onSubmitFinished();
    void backToForm();

    QPointer<AccountManager> m_accounts;
    Geometry m_target;
    QString m_targetName;
    MapPainter m_mapPainter;
    QStackedWidget *m_pages = nullptr;
    AccountCombo *m_account = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_targetLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QLineEdit *m_description = nullptr;
    QLabel *m_windowLabel = nullptr;
    QWidget *m_window = nullptr;
    QDateTimeEdit *m_windowStart = nullptr;
    QDateTimeEdit *m_windowEnd = nullptr;
    QLabel *m_zoneNote = nullptr;
    QLabel *m_cadenceLabel = nullptr;
    QWidget *m_cadenceRow = nullptr;
    QComboBox *m_cadence = nullptr;
    QDateTimeEdit *m_repeatEnd = nullptr;
    QSpinBox *m_repeatCount = nullptr;
    ParameterForm *m_form = nullptr;
    QWidget *m_side = nullptr;
    QHash<QString, QLabel *> m_issues; // the dialog's own fields: name, description, target, window, cadence
    QLabel *m_status = nullptr;
    QPushButton *m_review = nullptr;
    QPushButton *m_cancel = nullptr;
    // Review page.
    QLabel *m_reviewAccount = nullptr;
    QLabel *m_reviewContract = nullptr;
    QLabel *m_cost = nullptr;
    QLabel *m_preview = nullptr;
    QTreeWidget *m_summary = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLabel *m_reviewStatus = nullptr;
    QCheckBox *m_autoDownload = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_submit = nullptr;
    QPushButton *m_sendAgain = nullptr;
    QPushButton *m_close = nullptr;

    QHash<QString, QList<SatellogicProduct>> m_products; // per Satellogic account, once loaded
    QHash<QString, QString> m_productErrors;
    QSet<QString> m_loadingProducts;
    TaskBuild m_reviewed; // what the review page shows, and Submit sends
    TaskDraft m_reviewedDraft;
    QPointer<TaskSubmitJob> m_job;
    bool m_sent = false; // a request was created: the dialog only closes now
};

} // namespace StacScope
