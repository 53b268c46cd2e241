package io.gewebot.host;

import io.gewebot.common.settings.PacingPolicy;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variable an option falls back to, and, for {@code --help}, what the option is
 * when neither it nor the variable is given and it has no {@code defaultValue} of its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Env {
    /** @return the variable's name */
    String value();

    /** @return what an unset option means, for {@code --help}; empty when there is nothing to say */
    String unset() default "";

    /**
     * @return the key of the pacing settings the option sets ({@link PacingPolicy#fromSettings}), whose
     *     default is the option's; empty for another option
     */
    String setting() default "";
}
