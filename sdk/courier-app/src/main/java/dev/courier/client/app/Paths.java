package dev.courier.client.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

final class Paths {

    private Paths() {}

    /** An id or ident as one path segment (they are plain already; this keeps a stray one from changing the path). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
