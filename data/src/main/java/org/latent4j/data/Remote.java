package org.latent4j.data;

import java.net.URI;
import java.util.Map;

/**
 * Where a data set's files can be downloaded and what their MD5 checksums are.
 *
 * @param baseUrl the folder URL; a file's address is baseUrl + its name (a trailing slash is added if missing)
 * @param md5     lower-case hex MD5 of each file, by file name
 */
public record Remote(String baseUrl, Map<String, String> md5) {
    public Remote {
        baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        md5 = Map.copyOf(md5);
    }

    /** The address of one file. */
    public URI url(String fileName) {
        return URI.create(baseUrl + fileName);
    }

    /** The same checksums at another address (a mirror). */
    public Remote withBaseUrl(String url) {
        return new Remote(url, md5);
    }
}
