package dev.courier.system;

import jakarta.servlet.http.HttpServletRequest;

/** The path a request is routed by, decoded and without path parameters, for filters that guard by path. */
public final class RequestPaths {

    private RequestPaths() {}

    public static String of(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
