package org.latent4j.cli.explore;

/** A request the explorer refuses: an HTTP status (4xx) and a message for the person or program that sent it. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 400: the request is malformed or out of range. */
    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    int status() {
        return status;
    }
}
