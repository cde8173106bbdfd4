package dev.courier.client.app;

/**
 * Courier refused a request and said why in a problem detail. Subclasses name the common cases; any other status
 * is this class itself.
 */
public class ProblemException extends CourierException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    ProblemException(Problem problem) {
        super(problem.status() + " " + problem.title() + ": " + problem.detail()
                + (problem.field() == null ? "" : " (field " + problem.field() + ")"), null);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The offending field of a 400, else {@code null}. */
    public String field() {
        return problem.field();
    }

    public String detail() {
        return problem.detail();
    }
}
