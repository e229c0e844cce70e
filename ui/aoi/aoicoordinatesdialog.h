#pragma once

#include <optional>

#include <QDialog>

#include "src/models/aoilistmodel.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace StacScope {

// Type an area instead of drawing it: "W, S, E, N" (a box; W > E crosses 180°), "lon, lat"
// (a point), or WKT / GeoJSON pasted from elsewhere.
class AoiCoordinatesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AoiCoordinatesDialog(QWidget *parent = nullptr);

    struct Result
    {
        Aoi::Kind kind;
        Geometry geometry;
    };
    // What the text describes, or nullopt with a message in `error`.
    static std::optional<Result> parse(const QString &text, QString *error);

    std::optional<Result> result() const { return m_result; }
    QString name() const;
    QPlainTextEdit *textEdit() const { return m_text; }

    void accept() override;

private:
    QLineEdit *m_name;
    QPlainTextEdit *m_text;
    QLabel *m_error;
    std::optional<Result> m_result;
};

} // namespace StacScope
