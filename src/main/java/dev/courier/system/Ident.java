package dev.courier.system;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An identifier (device ident, command name, app name): 1 to 64 of {@code a-z A-Z 0-9 _ -}. Null passes (say
 * {@code @NotNull} where it is required); the message names the {@code label} and what is wrong.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Constraint(validatedBy = Idents.IdentValidator.class)
public @interface Ident {

    /** How the message names the value: "command name", "device ident". */
    String label();

    String message() default "invalid identifier";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    String PATTERN = "^[A-Za-z0-9_-]+$";
    int MAX_LENGTH = 64;
}
