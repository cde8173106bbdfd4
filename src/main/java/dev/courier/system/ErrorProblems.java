package dev.courier.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page every error raised outside a controller is forwarded to (a filter that failed, Tomcat's
 * own 4xx): a problem detail, like every other error, instead of Spring Boot's {@code {"status":999}} page.
 * Written directly, whatever the request's {@code Accept} says, since there is no other form to offer.
 */
@RestController
class ErrorProblems implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorProblems.class);

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return; // the answer went out before the error: nothing more to say
        }
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (error != null && DatabaseOutage.isCause(error)) {
            log.warn("Database unavailable: {}", error.toString());
            DatabaseOutage.answer(response);
            return;
        }
        response.resetBuffer();
        ProblemWriter.write(response, problemFor(request, error));
    }

    private static ProblemDetail problemFor(HttpServletRequest request, Throwable error) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            return notFound(); // someone asked for /error itself
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || status.is5xxServerError()) {
            log.error("Unexpected error on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), error);
            return ProblemDefaults.internalError();
        }
        var problem = ProblemDetail.forStatusAndDetail(status, detailFor(status));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    private static ProblemDetail notFound() {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no such resource");
        problem.setTitle("Not Found");
        return problem;
    }

    private static String detailFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is not valid HTTP or has an invalid path, header or parameter";
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "the method is not allowed for this resource";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request's headers are too large";
            case URI_TOO_LONG -> "the request target is too long";
            default -> status.getReasonPhrase();
        };
    }
}
