package dev.courier.system;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error a client can cause, as an RFC 9457 problem detail; never a stack trace. */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDefaults extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDefaults.class);

    @ExceptionHandler(CourierProblem.class)
    ProblemDetail courierProblem(CourierProblem problem) {
        var detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setTitle(problem.title());
        return detail;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException invalid) {
        return invalidField(invalid.field(), invalid.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException mismatch) {
        return invalidField(mismatch.getName(), mismatch.getName() + " has an invalid value");
    }

    /** A header value the firewall refuses when a handler reads it (an Idempotency-Key with non-ASCII, say). */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException rejected) {
        var detail = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "the request has a header value that is not allowed (printable ASCII only)");
        detail.setTitle("Invalid request");
        return detail;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        if (DatabaseOutage.isCause(exception)) {
            log.warn("Database unavailable: {}", exception.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS)
                    .body(DatabaseOutage.problem());
        }
        log.error("Unexpected error", exception);
        return ResponseEntity.internalServerError().body(internalError());
    }

    static ProblemDetail internalError() {
        var detail = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An internal error occurred");
        detail.setTitle("Internal error");
        return detail;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodySizeLimitFilter.isBodyTooLarge(ex)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(BodySizeLimitFilter.tooLarge());
        }
        var refused = RequestRecords.refused(ex);
        if (refused.isPresent()) {
            return ResponseEntity.badRequest()
                    .body(invalidField(refused.get().field(), refused.get().getMessage()));
        }
        var detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "request body is not valid JSON");
        detail.setTitle("Malformed request body");
        detail.setProperty("field", "body");
        return ResponseEntity.badRequest().body(detail);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var first = RequestRecords.firstOf(
                ex.getParameter().getParameterType(),
                ex.getBindingResult().getFieldErrors().stream()
                        .map(RequestRecords.FieldMessage::of)
                        .toList());
        return ResponseEntity.badRequest().body(invalidField(first.field(), first.getMessage()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalidField(ex.getParameterName(), ex.getParameterName() + " is required"));
    }

    static ProblemDetail invalidField(String field, String message) {
        var detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        detail.setTitle("Invalid request");
        detail.setProperty("field", field);
        return detail;
    }
}
