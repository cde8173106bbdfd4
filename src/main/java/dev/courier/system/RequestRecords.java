package dev.courier.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Request records as a client sees them: what Jackson ({@link StrictJsonInput}) and Bean Validation refuse
 * becomes one field's problem, named by its JSON name. When several fields are wrong, the first in the record's
 * order is reported, so the answer to a request is always the same.
 */
@Component
public class RequestRecords {

    private static final PropertyNamingStrategies.NamingBase JSON_NAMES =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final Set<String> PRESENCE = Set.of("NotNull", "NotEmpty", "NotBlank");

    private final Validator validator;

    RequestRecords(Validator validator) {
        this.validator = validator;
    }

    /** Checks a record built outside a request body (from query parameters, say) like a body is checked. */
    public <T extends Record> T validated(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw firstOf(
                    request.getClass(),
                    violations.stream().map(FieldMessage::of).toList());
        }
        return request;
    }

    /** A property path's field ({@code deviceIdent[3]} → {@code deviceIdent}) with its message. */
    record FieldMessage(String property, String message, String constraint) {
        static FieldMessage of(FieldError error) {
            return new FieldMessage(error.getField(), error.getDefaultMessage(), error.getCode());
        }

        static FieldMessage of(ConstraintViolation<?> violation) {
            return new FieldMessage(
                    violation.getPropertyPath().iterator().next().getName(),
                    violation.getMessage(),
                    violation
                            .getConstraintDescriptor()
                            .getAnnotation()
                            .annotationType()
                            .getSimpleName());
        }

        /** Presence before shape: an empty array says it must not be empty, not that it is too short. */
        int rank() {
            return PRESENCE.contains(constraint) ? 0 : 1;
        }

        String topLevel() {
            int end = property.indexOf('[');
            int dot = property.indexOf('.');
            if (dot >= 0 && (end < 0 || dot < end)) {
                end = dot;
            }
            return end < 0 ? property : property.substring(0, end);
        }
    }

    static InvalidRequestException firstOf(Class<?> type, Collection<FieldMessage> messages) {
        List<String> order = type.isRecord()
                ? Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getName)
                        .toList()
                : List.of();
        FieldMessage first = messages.stream()
                .min(Comparator.comparingInt((FieldMessage message) -> order.indexOf(message.topLevel()))
                        .thenComparingInt(FieldMessage::rank)
                        .thenComparing(FieldMessage::message))
                .orElseThrow();
        return InvalidRequestException.of(jsonName(type, first.topLevel()), first.message());
    }

    /**
     * What Jackson refused in a body, as the field's problem; empty when the body is not JSON at all (the caller
     * says so).
     */
    static Optional<InvalidRequestException> refused(HttpMessageNotReadableException unreadable) {
        JacksonException jackson = jacksonCause(unreadable);
        if (jackson == null) {
            return Optional.of(InvalidRequestException.of("body", "request body must be a JSON object"));
        }
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return Optional.of(InvalidRequestException.of(
                    unknown.getPropertyName(), "unknown field " + unknown.getPropertyName()));
        }
        if (jackson instanceof StreamReadException && !(jackson instanceof InputCoercionException)) {
            return Optional.empty(); // not JSON
        }
        List<JacksonException.Reference> path = jackson.getPath();
        if (path.isEmpty() || path.get(0).getPropertyName() == null) {
            return Optional.of(InvalidRequestException.of("body", "request body must be a JSON object"));
        }
        JacksonException.Reference field = path.get(0);
        boolean inElement = path.size() > 1 && path.get(1).getIndex() >= 0;
        String name = field.getPropertyName();
        WrongTypeMessage message = wrongTypeMessage(field.from(), name);
        String detail;
        if (message == null) {
            detail = name + " has the wrong JSON type";
        } else {
            detail = inElement && !message.element().isEmpty() ? message.element() : message.value();
        }
        return Optional.of(InvalidRequestException.of(name, detail));
    }

    private static JacksonException jacksonCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    private static WrongTypeMessage wrongTypeMessage(Object from, String jsonName) {
        Class<?> type = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
        if (type == null || !type.isRecord()) {
            return null;
        }
        return Arrays.stream(type.getRecordComponents())
                .filter(component -> jsonName(type, component.getName()).equals(jsonName))
                .map(component -> component.getAnnotation(WrongTypeMessage.class))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** A record component's name in JSON: its {@code @JsonProperty}, or the snake_case of its name. */
    private static String jsonName(Class<?> type, String property) {
        try {
            JsonProperty named = type.getDeclaredField(property).getAnnotation(JsonProperty.class);
            if (named != null && !named.value().isEmpty()) {
                return named.value();
            }
        } catch (NoSuchFieldException notAComponent) {
            // named by the naming strategy alone
        }
        return JSON_NAMES.nameForField(null, null, property);
    }
}
