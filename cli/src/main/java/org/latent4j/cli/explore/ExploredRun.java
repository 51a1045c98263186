package org.latent4j.cli.explore;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the page asks a loaded run for: its description, its points, and the calls of the JSON API. */
interface ExploredRun {
    /** {@code GET /api/meta}: model kind, dimensions, projection, samplers, metrics and config. */
    ObjectNode meta();

    /** {@code GET /api/points}: the plane coordinates of the data's points, with labels or components. */
    ObjectNode points();

    /**
     * {@code POST /api/NAME} with a JSON body (already bounded in size); an {@link ApiException} for a request the
     * run refuses, 404 for a name it does not know.
     */
    ObjectNode call(String name, byte[] body);
}
