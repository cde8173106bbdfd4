package dev.courier.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads request fields with their JSON types checked, never coerced: {@code "name": 42} is an error, not
 * {@code "42"}. Every failure names the field, in the wording clients of the reference platform know.
 */
public final class JsonFields {

    private static final Pattern IDENT = Pattern.compile("^[A-Za-z0-9_-]+$");
    public static final int MAX_IDENT_LENGTH = 64;

    private JsonFields() {}

    public static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("body", "request body must be a JSON object");
        }
        return body;
    }

    public static void onlyKnown(JsonNode body, Set<String> known) {
        for (String field : body.propertyNames()) {
            if (!known.contains(field)) {
                throw InvalidRequestException.of(field, "unknown field " + field);
            }
        }
    }

    public static String requiredString(JsonNode body, String field, String label) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw InvalidRequestException.of(field, label + " is required");
        }
        if (!value.isString()) {
            throw InvalidRequestException.of(field, label + " must be a string");
        }
        return value.stringValue();
    }

    public static String requiredIdent(JsonNode body, String field, String label) {
        return checkIdent(requiredString(body, field, label), field, label);
    }

    public static String checkIdent(String value, String field, String label) {
        if (value.isEmpty()) {
            throw InvalidRequestException.of(field, label + " must not be empty");
        }
        if (value.length() > MAX_IDENT_LENGTH) {
            throw InvalidRequestException.of(field, label + " is longer than " + MAX_IDENT_LENGTH + " characters");
        }
        if (!IDENT.matcher(value).matches()) {
            throw InvalidRequestException.of(
                    field, label + " contains invalid characters. Allowed: a-z, A-Z, 0-9, _, -");
        }
        return value;
    }

    public static List<String> requiredStringArray(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw InvalidRequestException.of(field, field + " must be a non-empty array");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (JsonNode element : value.values()) {
            if (!element.isString()) {
                throw InvalidRequestException.of(field, field + " must contain only strings");
            }
            strings.add(element.stringValue());
        }
        return strings;
    }

    /** A positive whole number, or null when the field is absent or null. */
    public static Long optionalPositiveLong(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            throw InvalidRequestException.of(field, field + " must be a positive whole number");
        }
        return value.longValue();
    }
}
