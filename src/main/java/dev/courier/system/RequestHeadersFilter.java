package dev.courier.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a problem detail, the request parts that would otherwise fail deep inside Spring or Tomcat as
 * a 500 or an empty answer: a {@code Content-Type} that is no media type or a wildcard ({@code *}{@code /*}),
 * an {@code Accept} that does not parse, and a query string with bad percent-encoding or a parameter without
 * a name ({@code ?=&=}).
 */
@Component
@Order(FilterOrder.FIRST)
class RequestHeadersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !isConcrete(contentType)) {
            ProblemWriter.write(
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported media type",
                    "Content-Type must name one media type: application/json");
            return;
        }
        if (!parses(request.getHeader(HttpHeaders.ACCEPT))) {
            ProblemWriter.write(
                    response, HttpStatus.BAD_REQUEST, "Invalid Accept header", "the Accept header does not parse");
            return;
        }
        if (!isValidQuery(request.getQueryString())) {
            ProblemWriter.write(
                    response,
                    HttpStatus.BAD_REQUEST,
                    "Invalid query string",
                    "every query parameter needs a name, and percent-escapes must spell UTF-8");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isConcrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException invalid) {
            return false;
        }
    }

    private static boolean parses(String accept) {
        if (accept == null) {
            return true;
        }
        try {
            MediaType.parseMediaTypes(accept).forEach(MediaType::getQualityValue);
            return true;
        } catch (IllegalArgumentException invalid) { // InvalidMediaTypeException among them
            return false;
        }
    }

    static boolean isValidQuery(String query) {
        if (query == null) {
            return true;
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("=") || !decodes(parameter)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every {@code %XX} is two hex digits and the bytes they spell (with the rest) are UTF-8. */
    private static boolean decodes(String parameter) {
        var bytes = ByteBuffer.allocate(parameter.length());
        for (int i = 0; i < parameter.length(); i++) {
            char c = parameter.charAt(i);
            if (c == '%') {
                if (i + 2 >= parameter.length()) {
                    return false;
                }
                int high = Character.digit(parameter.charAt(i + 1), 16);
                int low = Character.digit(parameter.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c > 0x7f) {
                return false; // Tomcat has decoded the query string as ISO-8859-1: a raw non-ASCII byte
            } else {
                bytes.put((byte) c);
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip());
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }
}
