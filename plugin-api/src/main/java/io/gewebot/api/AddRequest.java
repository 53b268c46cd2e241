package io.gewebot.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whom to add, and with which greeting.
 *
 * @param target the person as the user typed it: a wxid, a WeChat ID or a phone number
 * @param greeting the greeting to send; empty to use the configured default greeting
 * @param scene the WeChat scene to send instead of the one derived from the target; empty to derive it
 */
public record AddRequest(String target, Optional<String> greeting, OptionalInt scene) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the target is blank
     */
    public AddRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(scene, "scene");
        target = target.strip();
        if (target.isEmpty()) {
            throw new IllegalArgumentException("target is blank");
        }
    }

    /**
     * A request with the default greeting and a derived scene.
     *
     * @param target a wxid, WeChat ID or phone number
     * @return the request
     */
    public static AddRequest of(String target) {
        return new AddRequest(target, Optional.empty(), OptionalInt.empty());
    }

    /**
     * A request with a greeting, or the default one when {@code greeting} is {@code null} or blank.
     *
     * @param target a wxid, WeChat ID or phone number
     * @param greeting the greeting, may be {@code null}
     * @return the request
     */
    public static AddRequest of(String target, String greeting) {
        Optional<String> text = Optional.ofNullable(greeting).map(String::strip).filter(s -> !s.isEmpty());
        return new AddRequest(target, text, OptionalInt.empty());
    }

    /**
     * This request with an explicit scene.
     *
     * @param newScene the WeChat scene, for example 3 for a WeChat-ID search or 15 for a phone number
     * @return a copy with that scene
     */
    public AddRequest withScene(int newScene) {
        return new AddRequest(target, greeting, OptionalInt.of(newScene));
    }
}
