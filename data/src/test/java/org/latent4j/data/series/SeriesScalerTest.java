package org.latent4j.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latent4j.io.Json;

class SeriesScalerTest {
    @Test
    void jsonRoundTripAndInverse() throws Exception {
        SeriesScaler s = new SeriesScaler(SeriesScaler.Kind.STANDARD, List.of("co2", "t"), new double[] {350.25, -3},
                new double[] {12.5, 0.1});
        JsonNode back = Json.mapper().readTree(Json.write(s.toJson()));
        SeriesScaler r = SeriesScaler.fromJson(back, "config.json");
        assertEquals(s.kind(), r.kind());
        assertEquals(s.columns(), r.columns());
        assertArrayEquals(s.offset(), r.offset());
        assertArrayEquals(s.scale(), r.scale());
        double[] x = {375.25, -2.5, 350.25, -3};
        float[] scaled = s.transform(x);
        assertArrayEquals(new float[] {2, 5, 0, 0}, scaled, 1e-6f);
        assertArrayEquals(x, r.inverse(scaled), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> s.transform(new double[3]));
    }

    @Test
    void badJsonNamesTheFileAndField() throws Exception {
        String[][] cases = {
            {"[]", "must be a JSON object"},
            {"{\"columns\":[\"a\"],\"offset\":[0],\"scale\":[1]}", "'kind'"},
            {"{\"kind\":\"log\",\"columns\":[\"a\"],\"offset\":[0],\"scale\":[1]}", "standard, minmax or none"},
            {"{\"kind\":\"none\",\"columns\":[],\"offset\":[],\"scale\":[]}", "'columns' must be a non-empty array"},
            {"{\"kind\":\"none\",\"columns\":[\"a\"],\"offset\":[0,1],\"scale\":[1]}", "'offset' must be an array of 1"},
            {"{\"kind\":\"none\",\"columns\":[\"a\"],\"offset\":[0],\"scale\":[\"x\"]}", "'scale'[0] is not a number"},
            {"{\"kind\":\"none\",\"columns\":[\"a\"],\"offset\":[0],\"scale\":[0]}", "the scale positive"},
        };
        for (String[] c : cases) {
            JsonNode n = Json.mapper().readTree(c[0]);
            String m = assertThrows(IllegalArgumentException.class, () -> SeriesScaler.fromJson(n, "m/config.json")).getMessage();
            assertTrue(m.startsWith("m/config.json: ") && m.contains(c[1]), c[0] + " -> " + m);
        }
    }
}
