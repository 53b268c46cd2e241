package io.gewebot.host;

import io.gewebot.common.settings.Durations;
import io.gewebot.common.work.Lane;

import io.gewebot.api.AccountCheck;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.chat.ChatExtension;
import io.gewebot.common.chat.AccountState;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.host.store.DatabaseHealth;
import io.gewebot.common.text.Redactor;
import io.gewebot.host.runtime.PluginRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks GeWe about the account and says what {@code GET /health} answers: {@code status} ({@code UP},
 * or {@code DEGRADED} with a {@code reason}), the account's one state with the time it changed, the
 * plugins and extensions, what GeWe last answered, the callback queue and the friend-request queue.
 *
 * <p>The account is asked about at start, every {@link #RECHECK} and on {@code /health} when the last
 * answer is older than {@value #CACHE_SECONDS} s (so that health checks never flood GeWe). The contact
 * extension asks ({@link ContactAction#checkAccount()}): it knows GeWe's wording and says whether the
 * token is refused as a failure kind, so the host never reads GeWe's texts. An extension that cannot
 * tell leaves it to the host's own {@code checkOnline}, which tells online from offline only. One
 * question runs at a time, never on the caller's thread: a GeWe or a plugin that hangs delays no
 * {@code /health} by more than {@link #HEALTH_WAIT}. The questions of every account share a few threads,
 * each account's in a lane of its own: an account whose GeWe hangs holds one of them, never the others'.
 */
final class HealthReport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReport.class);

    static final int CACHE_SECONDS = 5;
    /** How often the account is asked about while nobody asks for health. */
    static final Duration RECHECK = Duration.ofSeconds(60);
    /** How long {@code /health} waits for a fresh answer before showing the last one. */
    static final Duration HEALTH_WAIT = Duration.ofSeconds(3);

    /**
     * Where to ask, what the host knows of its own configuration, and where the answer goes.
     *
     * @param plugins the account's contact extensions
     * @param probe asks GeWe itself when the extension cannot tell
     * @param embeddedSandbox whether GeWe is the embedded sandbox
     * @param tokenConfigured whether the account has a token
     * @param appId the account
     * @param commands the account's chat commands, whose {@link ChatExtension#status()} the report shows
     * @param redactor removes secrets
     * @param database whether the database answers: the commands' figures are read from it
     */
    record Sources(PluginRuntime plugins, GeweMessenger probe, boolean embeddedSandbox, boolean tokenConfigured,
            String appId, ChatExtension commands, Redactor redactor, DatabaseHealth database) {
    }

    private final Sources sources;
    private final AccountState account;
    private final Lane callbacks;
    private final int queueCapacity;
    private final Clock clock;
    private final Lane asker;
    private final AtomicReference<GeweCheck> lastCheck = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<AccountState.Status>> running = new AtomicReference<>();

    /** What GeWe said about the account, and when. */
    private record GeweCheck(boolean answered, String detail, Instant at) {
    }

    /** One answer about the account. */
    private record Observation(AccountState.Status status, boolean answered, String detail) {
    }

    /**
     * @param sources where to ask
     * @param account where the answer is recorded
     * @param callbacks the callback queue
     * @param queueCapacity its capacity
     * @param clock the clock
     * @param asker where the questions run, one at a time
     */
    HealthReport(Sources sources, AccountState account, Lane callbacks, int queueCapacity, Clock clock, Lane asker) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.account = Objects.requireNonNull(account, "account");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.queueCapacity = queueCapacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.asker = Objects.requireNonNull(asker, "asker");
        if (!sources.tokenConfigured()) {
            account.markNoToken();
        }
    }

    /**
     * Asks about the account now and waits for the answer, at most {@code wait}; an answer that comes
     * later is recorded when it comes. Whatever the answer, it is logged: a refused token as an error.
     *
     * @param wait how long to wait
     * @return the account's state after the answer, or as it was when the wait ended
     */
    AccountState.Status checkAtStart(Duration wait) {
        return await(refresh(true), wait);
    }

    /** Asks about the account, unless a question is still running; does not wait for the answer. */
    void refresh() {
        refresh(false);
    }

    /**
     * Asks about the account now, as at start, without waiting: a host of several accounts asks them
     * all at once, then waits for each answer with {@link #await}.
     *
     * @return the answer to come
     */
    CompletableFuture<AccountState.Status> startCheck() {
        return refresh(true);
    }

    /**
     * Asks about the account when the last answer is too old for {@link #document()}, without waiting:
     * so that the documents of several accounts are asked for at once.
     */
    void refreshIfStale() {
        GeweCheck check = lastCheck.get();
        if (check == null || Duration.between(check.at(), clock.instant()).getSeconds() >= CACHE_SECONDS) {
            refresh(false);
        }
    }

    private CompletableFuture<AccountState.Status> refresh(boolean first) {
        CompletableFuture<AccountState.Status> current = running.get();
        if (current != null && !current.isDone()) {
            return current;
        }
        CompletableFuture<AccountState.Status> next;
        try {
            next = CompletableFuture.supplyAsync(() -> check(first), asker);
        } catch (RejectedExecutionException e) {
            // Stopping: nothing more is asked.
            return CompletableFuture.completedFuture(account.snapshot().status());
        }
        running.set(next);
        return next;
    }

    /**
     * Waits for an answer, at most {@code wait}.
     *
     * @param answer the answer to come
     * @param wait how long to wait
     * @return the account's state after the answer, or as it was when the wait ended
     */
    AccountState.Status await(CompletableFuture<AccountState.Status> answer, Duration wait) {
        try {
            return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("No answer about the account within {}", Durations.format(wait));
        } catch (ExecutionException e) {
            LOG.warn("Asking about the account failed inside the host: {}",
                    sources.redactor().redact(String.valueOf(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return account.snapshot().status();
    }

    private AccountState.Status check(boolean first) {
        if (!sources.tokenConfigured()) {
            lastCheck.set(new GeweCheck(false, "not asked: no token is configured", clock.instant()));
            if (first) {
                LOG.error("No GeWe token is configured (--gewe-token / GEWE_TOKEN) for account {} (nor token: in its "
                        + "entry under accounts:, nor saved by login): GeWe refuses every call without one, so /add and "
                        + "the other contact commands cannot work", sources.appId());
            }
            return AccountState.Status.TOKEN_INVALID;
        }
        Observation seen = askExtension().orElseGet(this::askHost);
        AccountState.Snapshot before = account.observe(seen.status(), seen.detail());
        lastCheck.set(new GeweCheck(seen.answered(), seen.detail(), clock.instant()));
        if (first || before.status() != seen.status() || before.noToken()) {
            log(seen);
        }
        return seen.status();
    }

    private void log(Observation seen) {
        switch (seen.status()) {
            case TOKEN_INVALID -> LOG.error("GeWe refuses the token: {}. /add and the other contact commands fail "
                    + "until the host runs with a valid --gewe-token (GEWE_TOKEN)", seen.detail());
            case OFFLINE -> LOG.warn("GeWe says the WeChat account {} is not logged in{}", sources.appId(),
                    seen.detail().isEmpty() ? "" : ": " + seen.detail());
            case ONLINE -> LOG.info("GeWe says the WeChat account {} is online", sources.appId());
            case UNKNOWN -> LOG.warn("Cannot tell whether the WeChat account {} is online: {}", sources.appId(),
                    seen.detail());
        }
    }

    /** The extension's answer, classified by the extension; empty when there is none or it cannot tell. */
    private Optional<Observation> askExtension() {
        Optional<ContactAction> action = sources.plugins().primary().flatMap(PluginRuntime.Extension::action);
        if (action.isEmpty()) {
            return Optional.empty();
        }
        AccountCheck answer;
        try {
            answer = action.get().checkAccount();
        } catch (RuntimeException | LinkageError e) {
            // An extension that breaks here is no worse than one that cannot tell.
            LOG.debug("The contact extension could not check the account: {}", e.getClass().getName());
            return Optional.empty();
        }
        if (answer instanceof AccountCheck.Online) {
            return Optional.of(new Observation(AccountState.Status.ONLINE, true, ""));
        } else if (answer instanceof AccountCheck.Offline) {
            return Optional.of(new Observation(AccountState.Status.OFFLINE, true, ""));
        } else if (answer instanceof AccountCheck.Failed failed) {
            ContactOutcome.Failed failure = failed.failure();
            String detail = sources.redactor().redact(failure.texts());
            boolean answered = failure.kind().reportedByPlatform();
            AccountState.Status status = switch (failure.kind()) {
                case TOKEN_INVALID -> AccountState.Status.TOKEN_INVALID;
                case ACCOUNT_OFFLINE -> AccountState.Status.OFFLINE;
                default -> AccountState.Status.UNKNOWN;
            };
            return Optional.of(new Observation(status, answered, detail));
        }
        return Optional.empty();
    }

    /** The host's own question: online or offline, and when GeWe refuses it, not known why. */
    private Observation askHost() {
        GeweMessenger.Answer<Boolean> answer = sources.probe().checkOnline();
        String detail = sources.redactor().redact(answer.text());
        if (!answer.ok()) {
            return new Observation(AccountState.Status.UNKNOWN, answer.answered(), detail);
        }
        return answer.data()
                .map(online -> new Observation(online ? AccountState.Status.ONLINE : AccountState.Status.OFFLINE,
                        true, ""))
                .orElseGet(() -> new Observation(AccountState.Status.UNKNOWN, true, "GeWe's answer says neither online "
                        + "nor offline"));
    }

    /** @return the health document */
    Map<String, Object> document() {
        GeweCheck check = lastCheck.get();
        if (check == null || Duration.between(check.at(), clock.instant()).getSeconds() >= CACHE_SECONDS) {
            await(refresh(false), HEALTH_WAIT);
            check = lastCheck.get();
        }
        AccountState.Snapshot state = account.snapshot();
        Optional<String> degraded = degradedBecause(state);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", degraded.isPresent() ? "DEGRADED" : "UP");
        degraded.ifPresent(reason -> doc.put("reason", reason));
        Map<String, Object> accountDoc = new LinkedHashMap<>();
        accountDoc.put("state", state.status().label());
        accountDoc.put("since", state.since().toString());
        if (!state.reason().isEmpty()) {
            accountDoc.put("reason", state.reason());
        }
        doc.put("account", accountDoc);
        List<Map<String, Object>> pluginList = new ArrayList<>();
        for (PluginRuntime.PluginInfo p : sources.plugins().plugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id());
            entry.put("version", p.version());
            entry.put("state", p.state());
            if (!p.problem().isEmpty()) {
                entry.put("problem", sources.redactor().redact(p.problem()));
            }
            pluginList.add(entry);
        }
        doc.put("plugins", pluginList);
        List<Map<String, Object>> extensionList = new ArrayList<>();
        for (PluginRuntime.Extension e : sources.plugins().extensions()) {
            extensionList.add(Map.of("name", e.name(), "class", e.className(), "source", e.source(), "state", e.state()));
        }
        doc.put("extensions", extensionList);
        Map<String, Object> gewe = new LinkedHashMap<>();
        gewe.put("answered", check != null && check.answered());
        gewe.put("detail", check == null ? "" : check.detail());
        gewe.put("checkedAt", check == null ? "" : check.at().toString());
        gewe.put("embeddedSandbox", sources.embeddedSandbox());
        doc.put("gewe", gewe);
        doc.put("queue", Map.of("waiting", callbacks.waiting(), "capacity", queueCapacity));
        doc.put("friendRequests", friendRequests());
        return doc;
    }

    private Optional<String> degradedBecause(AccountState.Snapshot state) {
        return switch (state.status()) {
            case ONLINE -> sources.plugins().primary().isPresent() ? Optional.empty()
                    : Optional.of("no contact extension is ready");
            case TOKEN_INVALID -> Optional.of(state.noToken()
                    ? "no GeWe token is configured (--gewe-token / GEWE_TOKEN)"
                    : "GeWe refuses the token: " + state.reason());
            case OFFLINE -> Optional.of("the WeChat account is not logged in");
            case UNKNOWN -> Optional.of("cannot tell whether the WeChat account is online"
                    + (state.reason().isEmpty() ? "" : ": " + state.reason()));
        };
    }

    /** The friend-request queue as the chat commands report it: how many wait, when the next goes out, any pause. */
    private Object friendRequests() {
        // Read from the database: while it cannot be reached, /health answers without them rather than wait.
        if (sources.database().down()) {
            return Map.of();
        }
        try {
            return sources.commands().status().getOrDefault("friendRequests", Map.of());
        } catch (RuntimeException e) {
            if (!sources.database().failed(e)) {
                throw e;
            }
            return Map.of();
        }
    }

    /** Stops asking; a question still running is abandoned. */
    @Override
    public void close() {
        asker.shutdownNow();
    }
}
