package org.latent4j.figures;

import java.awt.Color;

/**
 * Colour-blind-safe colours for series and classes.
 *
 * <p>Up to 8 colours: the Okabe–Ito palette (Okabe &amp; Ito, "Color Universal Design", 2002), designed
 * to stay distinct under the common colour-vision deficiencies; its yellow is moved last because it is
 * faint on white. 9 or 10 colours (Fashion-MNIST's 10 classes): Tableau 10 (Stone, 2016), whose hues
 * were chosen to stay apart in brightness as well. Beyond 10 the colours repeat, so a chart with more
 * classes should not rely on colour alone.
 */
final class Palette {
    private static final Color[] OKABE_ITO = {
        rgb(0x0072B2), // blue
        rgb(0xD55E00), // vermillion
        rgb(0x009E73), // bluish green
        rgb(0xCC79A7), // reddish purple
        rgb(0xE69F00), // orange
        rgb(0x56B4E9), // sky blue
        rgb(0x000000), // black
        rgb(0xF0E442), // yellow (faint on white, hence last)
    };
    private static final Color[] TABLEAU_10 = {
        rgb(0x4E79A7), rgb(0xF28E2B), rgb(0xE15759), rgb(0x76B7B2), rgb(0x59A14F),
        rgb(0xEDC948), rgb(0xB07AA1), rgb(0xFF9DA7), rgb(0x9C755F), rgb(0xBAB0AC),
    };

    private Palette() {}

    /** k colours, one per series or class, all distinct when k &lt;= 10. */
    static Color[] colors(int k) {
        Color[] base = k <= OKABE_ITO.length ? OKABE_ITO : TABLEAU_10;
        Color[] out = new Color[Math.max(k, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = base[i % base.length];
        }
        return out;
    }

    /** The same colour with alpha in [0, 1]. */
    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(alpha * 255));
    }

    private static Color rgb(int v) {
        return new Color(v);
    }
}
