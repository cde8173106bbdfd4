package dev.courier.system;

/** A client mistake in one field of a request: answered 400 with the field named. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    private InvalidRequestException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public static InvalidRequestException of(String field, String detail) {
        return new InvalidRequestException(field, detail);
    }

    public String field() {
        return field;
    }
}
