package org.latent4j.cli.vae;

import org.latent4j.data.Dataset;

/** How many time steps a row of a data set holds, as a sequence VAE reads it. */
final class SequenceShape {
    private SequenceShape() {}

    /**
     * The steps of a row: the rows of a one-channel image (each a step of its width's values), or 0 when the data
     * record none (a colour image's rows are stored channel by channel, so its steps are not contiguous).
     */
    static int steps(Dataset data) {
        if (data.isImage() && data.imageShape()[0] == 1) {
            return data.imageShape()[1];
        }
        return 0;
    }
}
