package org.latent4j.report.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.latent4j.figures.Figure;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.report.Report;

/** Puts VAE figures into a report (a sub-heading, the image or panels, the caption) and writes their PNG files. */
public final class FigureSections {
    private FigureSections() {}

    /**
     * Writes each panel as {@code figuresDir/<name>.png} and adds the figure to the report under its heading.
     * Image grids sit side by side; charts at most two to a row (three full-size charts in one row would
     * shrink their text out of reach), the first one alone when their number is odd.
     */
    public static void add(Report report, VaeFigure f, Path figuresDir) throws IOException {
        write(f, figuresDir);
        report.subsection(f.heading());
        int n = f.panels().size();
        if (n == 1) {
            report.figure(f.figure(), f.caption(), f.pixelated());
        } else if (f.pixelated() || n == 2) {
            report.figures(f.panels(), f.panelCaptions(), f.caption(), f.pixelated());
        } else {
            int from = 0;
            if (n % 2 == 1) {
                report.figure(f.panels().get(0), f.panelCaptions().get(0), false);
                from = 1;
            }
            for (; from < n; from += 2) {
                report.figures(f.panels().subList(from, from + 2), f.panelCaptions().subList(from, from + 2),
                        from + 2 == n ? f.caption() : null, false);
            }
        }
    }

    /** {@link #add} for each figure, in order. */
    public static void addAll(Report report, List<VaeFigure> figures, Path figuresDir) throws IOException {
        for (VaeFigure f : figures) {
            add(report, f, figuresDir);
        }
    }

    /** Writes the figure's panels as PNG files. */
    public static void write(VaeFigure f, Path figuresDir) throws IOException {
        for (Figure p : f.panels()) {
            p.write(figuresDir);
        }
    }
}
