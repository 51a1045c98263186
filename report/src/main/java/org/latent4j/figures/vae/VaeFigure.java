package org.latent4j.figures.vae;

import java.util.List;
import org.latent4j.figures.Figure;

/**
 * One figure of a VAE report with the words that go under it: a single image, or panels shown side by
 * side (e.g. the three training curves) that share one caption.
 *
 * @param heading       a short title for the report's sub-heading, e.g. "Samples from the prior"
 * @param panels        the images, one or more
 * @param panelCaptions one short caption per panel (may be empty strings), shown under each panel
 * @param caption       what the figure shows and how to read it, one or two sentences
 * @param pixelated     whether the panels are image grids, to be shown without smoothing when scaled
 */
public record VaeFigure(String heading, List<Figure> panels, List<String> panelCaptions, String caption, boolean pixelated) {
    public VaeFigure {
        panels = List.copyOf(panels);
        panelCaptions = List.copyOf(panelCaptions);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("figure '" + heading + "' has no image");
        }
        if (panelCaptions.size() != panels.size()) {
            throw new IllegalArgumentException("figure '" + heading + "': " + panels.size() + " panels but "
                    + panelCaptions.size() + " panel captions");
        }
    }

    /** Charts (smoothed when scaled). */
    public VaeFigure(String heading, List<Figure> panels, List<String> panelCaptions, String caption) {
        this(heading, panels, panelCaptions, caption, false);
    }

    /** A figure of one chart. */
    public static VaeFigure of(String heading, Figure figure, String caption) {
        return new VaeFigure(heading, List.of(figure), List.of(""), caption, false);
    }

    /** A figure of one image grid (pixels kept sharp when scaled). */
    public static VaeFigure grid(String heading, Figure figure, String caption) {
        return new VaeFigure(heading, List.of(figure), List.of(""), caption, true);
    }

    /** The first (often the only) image. */
    public Figure figure() {
        return panels.get(0);
    }

    /** The same figure with {@code prefix} before each panel's file name (to keep several models' figures apart). */
    public VaeFigure renamed(String prefix) {
        List<Figure> named = panels.stream().map(p -> new Figure(prefix + p.name(), p.png(), p.width(), p.height())).toList();
        return new VaeFigure(heading, named, panelCaptions, caption, pixelated);
    }

    /** The same images with another heading and caption. */
    public VaeFigure withCaption(String newHeading, String newCaption) {
        return new VaeFigure(newHeading, panels, panelCaptions, newCaption, pixelated);
    }
}
