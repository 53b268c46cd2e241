package io.gewebot.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one contact operation: {@link Done}, {@link Refused} or {@link Failed}; a
 * {@linkplain ContactAction#lookup lookup} that found someone answers {@link Found} instead of
 * {@link Done}.
 */
public sealed interface ContactOutcome
        permits ContactOutcome.Done, ContactOutcome.Found, ContactOutcome.Refused, ContactOutcome.Failed {

    /**
     * The platform accepted the operation.
     *
     * @param wxid the person it concerned, when known (for an add by phone number it may be empty)
     * @param nickname their nickname, when the platform told it
     */
    record Done(Optional<String> wxid, Optional<String> nickname) implements ContactOutcome {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Done {
            Objects.requireNonNull(wxid, "wxid");
            Objects.requireNonNull(nickname, "nickname");
        }
    }

    /**
     * A {@linkplain ContactAction#lookup lookup} found the person. Only {@code lookup} answers this;
     * nothing was sent to them.
     *
     * @param person who they are, and what a friend request to them needs
     */
    record Found(Person person) implements ContactOutcome {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public Found {
            Objects.requireNonNull(person, "person");
        }
    }

    /**
     * The operation was not sent, on purpose.
     *
     * @param reason why
     * @param detail a short explanation for people, may be empty
     */
    record Refused(Reason reason, String detail) implements ContactOutcome {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The operation failed.
     *
     * @param kind where it failed
     * @param platformCode the platform's result code ({@code ret}), when it answered
     * @param platformMessage the platform's message text ({@code msg}), when it answered
     * @param detailCode the platform's detailed code ({@code data.code}), when it gave one
     * @param detailMessage the platform's detailed text ({@code data.msg}), or a description of a
     *     transport failure
     * @param possiblyDelivered {@code true} when the request may have reached the platform all the same
     *     (for example its answer timed out): such an operation must not be repeated blindly
     */
    record Failed(
            FailureKind kind,
            Optional<Integer> platformCode,
            Optional<String> platformMessage,
            Optional<String> detailCode,
            Optional<String> detailMessage,
            boolean possiblyDelivered)
            implements ContactOutcome {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(platformCode, "platformCode");
            Objects.requireNonNull(platformMessage, "platformMessage");
            Objects.requireNonNull(detailCode, "detailCode");
            Objects.requireNonNull(detailMessage, "detailMessage");
        }

        /**
         * A failure the platform reported in its answer, of no more particular kind
         * ({@link FailureKind#PLATFORM}).
         *
         * @param code the result code
         * @param message the message text, may be {@code null}
         * @param detailCode the detailed code, may be {@code null}
         * @param detailMessage the detailed text, may be {@code null}
         * @return the failure
         */
        public static Failed platform(int code, String message, String detailCode, String detailMessage) {
            return platform(FailureKind.PLATFORM, code, message, detailCode, detailMessage);
        }

        /**
         * A failure the platform reported in its answer, classified by the plugin.
         *
         * @param kind what the platform's answer means; one that {@link FailureKind#reportedByPlatform()}
         * @param code the result code
         * @param message the message text, may be {@code null}
         * @param detailCode the detailed code, may be {@code null}
         * @param detailMessage the detailed text, may be {@code null}
         * @return the failure
         * @throws IllegalArgumentException when the kind is not one the platform reports
         */
        public static Failed platform(FailureKind kind, int code, String message, String detailCode,
                String detailMessage) {
            if (!Objects.requireNonNull(kind, "kind").reportedByPlatform()) {
                throw new IllegalArgumentException(kind + " is not a failure the platform reports");
            }
            return new Failed(
                    kind,
                    Optional.of(code),
                    Optional.ofNullable(message),
                    Optional.ofNullable(detailCode),
                    Optional.ofNullable(detailMessage),
                    false);
        }

        /**
         * A failure before or while talking to the platform, with no answer from it.
         *
         * @param kind where it failed; one the platform does not report ({@link FailureKind#TIMEOUT},
         *     {@link FailureKind#CONNECTION}, {@link FailureKind#HTTP_STATUS}, ...)
         * @param description what went wrong, for people; must not contain secrets
         * @param possiblyDelivered whether the request may have reached the platform
         * @return the failure
         */
        public static Failed transport(FailureKind kind, String description, boolean possiblyDelivered) {
            return new Failed(
                    kind, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(description), possiblyDelivered);
        }

        /**
         * All texts the platform or the transport gave, joined for people to read: {@code msg}, then
         * {@code data.msg}.
         *
         * @return the texts, never {@code null}
         */
        public String texts() {
            StringBuilder out = new StringBuilder();
            platformMessage.filter(s -> !s.isBlank()).ifPresent(out::append);
            detailMessage.filter(s -> !s.isBlank()).ifPresent(text -> {
                if (out.length() > 0) {
                    out.append(": ");
                }
                out.append(text);
            });
            return out.toString();
        }
    }

    /** Why an operation was refused without being sent. */
    enum Reason {
        /** The person is already a friend of this account. */
        ALREADY_FRIEND,
        /** There is no pending friend request to answer. */
        NOTHING_TO_ACCEPT,
        /** The target or an argument cannot be used. */
        INVALID_TARGET,
        /** The extension has not been configured. */
        NOT_CONFIGURED,
        /**
         * The extension, or the variant of the platform it talks to, does not offer the operation (an
         * extension written before the operation existed answers this by default).
         */
        UNSUPPORTED
    }

    /**
     * The answer of an extension that does not offer an operation.
     *
     * @param operation what was asked, for people (such as {@code setRemark})
     * @return {@link Refused} with {@link Reason#UNSUPPORTED}
     */
    static Refused unsupported(String operation) {
        return new Refused(Reason.UNSUPPORTED, Objects.requireNonNull(operation, "operation") + " is not supported");
    }

    /**
     * What kind of failure an operation met. A plugin turns its platform's codes and texts into one of
     * these; a host decides what to do (pause, mark the account offline, which reply to give) from the
     * kind alone, never from the platform's wording.
     */
    enum FailureKind {
        /** The platform says the account acts too often (risk control): the host pauses such operations. */
        RATE_LIMITED,
        /** The account is not logged in (offline) at the platform. */
        ACCOUNT_OFFLINE,
        /** The platform's access token is missing, invalid or expired. */
        TOKEN_INVALID,
        /** The ticket of a friend request (v3/v4) is stale or belongs to someone else. */
        TICKET_INVALID,
        /** The person looked for does not exist. */
        NOT_FOUND,
        /** The platform refused the request as malformed or not allowed. */
        BAD_REQUEST,
        /** Any other failure the platform reported in its answer. */
        PLATFORM,
        /** Transport: no answer within the response timeout. */
        TIMEOUT,
        /** Transport: the connection could not be made or broke. */
        CONNECTION,
        /** Transport: the platform answered with an HTTP error status. */
        HTTP_STATUS,
        /** The platform's answer could not be read. */
        UNREADABLE_RESPONSE,
        /** The extension itself failed. */
        INTERNAL;

        /**
         * @return whether the platform itself reported this failure in a readable answer (as opposed to
         *     a transport failure, an unreadable answer or the extension's own error)
         */
        public boolean reportedByPlatform() {
            return ordinal() <= PLATFORM.ordinal();
        }
    }
}
