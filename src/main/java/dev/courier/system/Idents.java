package dev.courier.system;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;
import java.util.regex.Pattern;

/** The identifier rule ({@link Ident}) for request records and for values outside them. */
public final class Idents {

    private static final Pattern IDENT = Pattern.compile(Ident.PATTERN);

    private Idents() {}

    /** What is wrong with {@code value} as an identifier, in a sentence naming {@code label}; empty when nothing is. */
    static Optional<String> problem(String value, String label) {
        if (value.isEmpty()) {
            return Optional.of(label + " must not be empty");
        }
        if (value.length() > Ident.MAX_LENGTH) {
            return Optional.of(label + " is longer than " + Ident.MAX_LENGTH + " characters");
        }
        if (!IDENT.matcher(value).matches()) {
            return Optional.of(label + " contains invalid characters. Allowed: a-z, A-Z, 0-9, _, -");
        }
        return Optional.empty();
    }

    /** Checks a value outside a request record (a path or query parameter, a WebSocket frame). */
    public static String check(String value, String field, String label) {
        problem(value, label).ifPresent(problem -> {
            throw InvalidRequestException.of(field, problem);
        });
        return value;
    }

    /** {@link Ident}'s validator: the message says exactly what is wrong. */
    public static final class IdentValidator implements ConstraintValidator<Ident, String> {

        private String label;

        @Override
        public void initialize(Ident ident) {
            this.label = ident.label();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Optional<String> problem = value == null ? Optional.empty() : problem(value, label);
            problem.ifPresent(message -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            });
            return problem.isEmpty();
        }
    }
}
