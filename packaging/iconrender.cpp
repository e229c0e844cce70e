// Renders the app's SVG icon into the hicolor theme's PNG sizes at build time, so that no binary
// PNG is committed: stacscope-icon-render ICON.svg OUTDIR SIZE... writes
// OUTDIR/<size>x<size>/apps/<ICON's base name>.png.
#include <cstdio>

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: stacscope-icon-render ICON.svg OUTDIR SIZE...\n");
        return 2;
    }
    const QString svg = QString::fromLocal8Bit(argv[1]);
    const QString outDir = QString::fromLocal8Bit(argv[2]);
    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "stacscope-icon-render: cannot read %s\n", argv[1]);
        return 1;
    }
    for (int i = 3; i < argc; ++i) {
        const int size = QByteArray(argv[i]).toInt();
        if (size < 1 || size > 1024) {
            std::fprintf(stderr, "stacscope-icon-render: bad size %s\n", argv[i]);
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        const QString dir = u"%1/%2x%2/apps"_s.arg(outDir).arg(size);
        const QString file = dir + u'/' + QFileInfo(svg).completeBaseName() + u".png"_s;
        if (!QDir().mkpath(dir) || !image.save(file, "PNG")) {
            std::fprintf(stderr, "stacscope-icon-render: cannot write %s\n", qPrintable(file));
            return 1;
        }
    }
    return 0;
}
