package dev.courier.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a request record's field answers when its JSON has the wrong type ({@code value}), or, for an array,
 * when one of its elements has ({@code element}): the wording clients of the reference platform know, such as
 * {@code command name must be a string}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface WrongTypeMessage {

    String value();

    String element() default "";
}
