#include "ui/aoi/aoicoordinatesdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "src/geo/aoifile.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AoiCoordinatesDialog::AoiCoordinatesDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_text(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Area from coordinates"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name->setPlaceholderText(tr("Optional"));
    form->addRow(tr("Name"), m_name);
    layout->addLayout(form);
    auto *hint = new QLabel(tr("A box as <i>west, south, east, north</i> (west &gt; east crosses 180°), a point as "
                               "<i>lon, lat</i>, or a WKT / GeoJSON polygon in degrees."),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_text->setPlaceholderText(u"5.9, 45.8, 10.5, 47.8\nPOLYGON ((...))"_s);
    layout->addWidget(m_text, 1);
    m_error->setStyleSheet(u"color: #b3261e;"_s);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(480, 300);
}

QString AoiCoordinatesDialog::name() const
{
    return m_name->text().trimmed();
}

std::optional<AoiCoordinatesDialog::Result> AoiCoordinatesDialog::parse(const QString &input, QString *error)
{
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        *error = tr("Enter coordinates, WKT or GeoJSON.");
        return std::nullopt;
    }
    // Numbers only: a box or a point.
    const QStringList tokens = text.split(QRegularExpression(u"[,;\\s]+"_s), Qt::SkipEmptyParts);
    bool allNumbers = true;
    for (const QString &t : tokens) {
        bool ok = false;
        t.toDouble(&ok);
        allNumbers = allNumbers && ok;
    }
    if (allNumbers) {
        if (tokens.size() == 4) {
            const auto box = GeoBox::fromString(tokens.join(u','), error);
            if (!box) {
                return std::nullopt;
            }
            if (box->south == box->north || box->west == box->east) {
                *error = tr("The box has no area.");
                return std::nullopt;
            }
            return Result { Aoi::Kind::Rectangle, Geometry::fromBox(*box) };
        }
        if (tokens.size() == 2) {
            const double lon = tokens[0].toDouble();
            const double lat = tokens[1].toDouble();
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                *error = tr("A point needs a longitude in [-180, 180] and a latitude in [-90, 90] (lon, lat order).");
                return std::nullopt;
            }
            return Result { Aoi::Kind::Point, Geometry::point(lon, lat) };
        }
        *error = tr("%n number(s) given: a box needs 4 (west, south, east, north), a point 2 (lon, lat).", "",
            int(tokens.size()));
        return std::nullopt;
    }
    // WKT or GeoJSON: AoiFile keeps only the polygons and says so when there are none.
    const std::optional<Geometry> g = AoiFile::parseText(text, error);
    if (!g) {
        return std::nullopt;
    }
    if (!g->bounds().isValid()) {
        *error = tr("Coordinates must be longitude/latitude degrees (lon, lat order).");
        return std::nullopt;
    }
    return Result { Aoi::Kind::Polygon, *g };
}

void AoiCoordinatesDialog::accept()
{
    QString error;
    m_result = parse(m_text->toPlainText(), &error);
    if (!m_result) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace StacScope
