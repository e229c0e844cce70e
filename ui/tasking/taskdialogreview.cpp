// TaskDialog, part 2: the review page and the one-time submission.
#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonDocument>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "src/geo/mapviewport.h"
#include "src/providers/accountsession.h"
#include "src/tasking/tasksubmitjob.h"
#include "ui/accounts/accountcombo.h"
#include "ui/tasking/parameterform.h"
#include "ui/tasking/taskdialog.h"

using namespace Qt::StringLiterals;

namespace StacScope {

void TaskDialog::buildReviewPage(QWidget *page)
{
    m_reviewAccount = new QLabel(page);
    m_reviewContract = new QLabel(page);
    m_cost = new QLabel(page);
    m_cost->setWordWrap(true);
    m_preview = new QLabel(page);
    m_preview->setFixedSize(280, 200);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setAlignment(Qt::AlignCenter);
    m_summary = new QTreeWidget(page);
    m_summary->setColumnCount(2);
    m_summary->setHeaderLabels({ tr("Field"), tr("Value") });
    m_summary->setRootIsDecorated(false);
    m_summary->setSelectionMode(QAbstractItemView::NoSelection);
    m_summary->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_body = new QPlainTextEdit(page);
    m_body->setReadOnly(true);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *facts = new QFormLayout;
    facts->addRow(tr("Account"), m_reviewAccount);
    facts->addRow(tr("Contract"), m_reviewContract);
    facts->addRow(tr("Cost"), m_cost);
    auto *top = new QHBoxLayout;
    top->addLayout(facts, 1);
    top->addWidget(m_preview);

    auto *bodyLabel = new QLabel(tr("Exact request body"), page);
    auto *lower = new QHBoxLayout;
    auto *summaryColumn = new QVBoxLayout;
    summaryColumn->addWidget(new QLabel(tr("Every parameter, in words"), page));
    summaryColumn->addWidget(m_summary, 1);
    auto *bodyColumn = new QVBoxLayout;
    bodyColumn->addWidget(bodyLabel);
    bodyColumn->addWidget(m_body, 1);
    lower->addLayout(summaryColumn, 1);
    lower->addLayout(bodyColumn, 1);

    m_autoDownload = new QCheckBox(tr("Download its deliveries automatically (into a folder named after it)"), page);
    m_autoDownload->setToolTip(tr("The Monitor queues each delivery in Downloads once, as soon as it is ready"));
    m_autoDownload->setChecked(QSettings().value(u"tasking/autoDownload"_s, false).toBool());
    connect(m_autoDownload, &QCheckBox::toggled, this,
        [](bool on) { QSettings().setValue(u"tasking/autoDownload"_s, on); });
    facts->addRow(QString(), m_autoDownload);
    m_reviewStatus = new QLabel(page);
    m_reviewStatus->setWordWrap(true);
    m_back = new QPushButton(tr("Back"), page);
    m_submit = new QPushButton(tr("Submit"), page);
    m_sendAgain = new QPushButton(tr("Send again"), page);
    m_close = new QPushButton(tr("Cancel"), page);
    // Pressing Enter must never send a paid request.
    for (QPushButton *b : { m_back, m_submit, m_sendAgain, m_close }) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    m_sendAgain->hide();
    connect(m_back, &QPushButton::clicked, this, &TaskDialog::backToForm);
    connect(m_submit, &QPushButton::clicked, this, &TaskDialog::submit);
    connect(m_sendAgain, &QPushButton::clicked, this, &TaskDialog::submit);
    connect(m_close, &QPushButton::clicked, this, [this] { m_sent ? accept() : reject(); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reviewStatus, 1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_close);
    buttons->addWidget(m_sendAgain);
    buttons->addWidget(m_submit);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(lower, 1);
    layout->addLayout(buttons);
}

bool TaskDialog::review()
{
    validate();
    const TaskBuild b = build();
    if (!b.isOk()) {
        if (QWidget *field = m_form->firstFieldWithIssue()) {
            field->setFocus();
        }
        return false;
    }
    m_reviewed = b;
    m_reviewedDraft = draft();
    fillReview(b);
    m_pages->setCurrentIndex(1);
    m_review->setDefault(false);
    m_submit->setEnabled(true);
    m_sendAgain->hide();
    m_submit->show();
    m_back->setEnabled(true);
    setStatus(tr("Nothing has been sent yet. Submit sends this request once."));
    m_submit->setFocus(); // focus, not default: Enter on the page still does nothing
    return true;
}

void TaskDialog::fillReview(const TaskBuild &build)
{
    AccountSession *s = session();
    m_reviewAccount->setText(s ? s->account().name : QString());
    const QString contract = m_reviewedDraft.contractId;
    m_reviewContract->setText(contract.isEmpty() ? tr("the account's default") : contract);
    m_cost->setText(TaskForms::costNote(m_reviewedDraft));
    m_summary->clear();
    const ParameterSpecs specs = TaskForms::specs(m_reviewedDraft.kind,
        TaskForms::fittingProducts(
            m_products.value(m_account->currentAccountId()), Geometry::typeName(m_target.type())));
    for (const auto &[label, value] : TaskForms::describe(m_reviewedDraft, specs)) {
        auto *item = new QTreeWidgetItem(m_summary, { label, value });
        item->setToolTip(1, value);
    }
    m_body->setPlainText(QString::fromUtf8(QJsonDocument(build.body).toJson(QJsonDocument::Indented)));
    renderPreview();
}

void TaskDialog::renderPreview()
{
    const QSize size = m_preview->size();
    QImage image(size * devicePixelRatio(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio());
    image.fill(palette().base().color());
    if (m_mapPainter && !m_target.isEmpty()) {
        MapViewport viewport(QSizeF(size), 0, 0, 2);
        viewport.setDevicePixelRatio(devicePixelRatio());
        GeoBox box = m_target.bounds();
        if (m_target.type() == GeometryType::Point) {
            box = GeoBox { box.west - 0.05, box.south - 0.05, box.east + 0.05, box.north + 0.05 };
        }
        viewport.fitBox(box, 28);
        viewport.setZoom(qMin(viewport.zoom(), 14.0));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        m_mapPainter(painter, viewport);
    }
    m_preview->setPixmap(QPixmap::fromImage(image));
}

void TaskDialog::backToForm()
{
    if (m_job) {
        return; // the request is out: stay until its answer
    }
    m_pages->setCurrentIndex(0);
    m_review->setDefault(true);
    validate();
}

void TaskDialog::submit()
{
    if (m_job || m_sent || !m_reviewed.isOk()) {
        return; // one request at a time; a double click sends one
    }
    m_submit->setEnabled(false);
    m_sendAgain->setEnabled(false);
    m_back->setEnabled(false);
    m_account->setEnabled(false);
    setStatus(tr("Sending..."));
    m_job = new TaskSubmitJob(session(), m_reviewedDraft, m_reviewed.body, this);
    connect(m_job, &TaskSubmitJob::lookingUp, this, [this] {
        setStatus(tr("The answer was lost. Looking the request up by its name before anything is sent again..."));
    });
    connect(m_job, &StacJob::finished, this, &TaskDialog::onSubmitFinished);
    Q_EMIT targetStatusChanged(tr("Sending"));
}

void TaskDialog::onSubmitFinished()
{
    TaskSubmitJob *job = m_job;
    m_job = nullptr;
    job->deleteLater();
    m_account->setEnabled(true);
    switch (job->outcome()) {
    case TaskSubmitJob::Outcome::Created:
    case TaskSubmitJob::Outcome::Recovered: {
        m_sent = true;
        const QString how = job->outcome() == TaskSubmitJob::Outcome::Recovered
            ? tr("The answer was lost, but the request was found: ")
            : QString();
        setStatus(how
            + tr("%1 created: %2. The Tasks monitor follows it from here.")
                  .arg(TaskForms::title(job->draft().kind), job->remoteId()));
        m_submit->setEnabled(false);
        m_submit->hide();
        m_sendAgain->hide();
        m_back->setEnabled(false);
        m_close->setText(tr("Close"));
        Q_EMIT targetStatusChanged(tr("Submitted"));
        Q_EMIT submitted(
            m_account->currentAccountId(), job->draft().kind, job->remoteId(), job->answer(), job->draft());
        return;
    }
    case TaskSubmitJob::Outcome::Rejected: {
        const QList<ParameterIssue> fields = job->rejectionIssues();
        const QString message = job->error().toString();
        m_back->setEnabled(true);
        Q_EMIT targetStatusChanged(tr("Refused"));
        if (!fields.isEmpty()) {
            // Back to the form, with what was typed, and the refusal under its field.
            backToForm();
            showIssues(fields);
            setStatus(tr("The provider refused the request: %1").arg(message), true);
            return;
        }
        m_submit->setEnabled(true);
        setStatus(tr("The provider refused the request: %1").arg(message), true);
        return;
    }
    case TaskSubmitJob::Outcome::Lost:
        m_back->setEnabled(true);
        m_submit->hide();
        m_sendAgain->show();
        m_sendAgain->setEnabled(true);
        setStatus(tr("The answer was lost (%1) and no request of this name was found: it was most likely not "
                     "created. \"Send again\" sends it once more.")
                      .arg(job->sendError().message.isEmpty() ? job->sendError().toString() : job->sendError().message),
            true);
        Q_EMIT targetStatusChanged(tr("Unknown"));
        return;
    case TaskSubmitJob::Outcome::Pending:
        break;
    }
    m_submit->setEnabled(true);
    m_back->setEnabled(true);
    setStatus(job->error().toString(), true);
}

} // namespace StacScope
