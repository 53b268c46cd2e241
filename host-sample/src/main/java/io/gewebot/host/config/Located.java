package io.gewebot.host.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A value of the file with the line it starts on, so that a value Jackson bound but the model refuses
 * is reported at its line as well as a value Jackson itself refused.
 *
 * @param value the value as bound
 * @param line the line it starts on, counted from 1
 * @param <T> the value's type
 */
@JsonDeserialize(using = LocatedDeserializer.class)
record Located<T>(T value, int line) {
}
