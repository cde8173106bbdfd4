package dev.courier.system;

import org.springframework.http.HttpStatus;

/**
 * Base of every exception a module raises for a client to see. It carries its status and a stable title,
 * so one advice ({@link ProblemDefaults}) renders them all as RFC 9457 problem details.
 */
public abstract class CourierProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    protected CourierProblem(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
