package io.gewebot.commands.chat;

import io.gewebot.common.chat.Origin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.RuleAction;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.SandboxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Friend-request rules, from the callback to what the admins read and what the plugin and GeWe are
 * asked: a rule's answer without an admin, through the answer pacing and the rules' own cap; never
 * twice, across pushes of the same request and restarts; the follow-ups of an accept (welcome,
 * remark, labels) in their order; {@code /accept}, {@code /history} and {@code /rules}. The plugin is
 * {@link RecordingStub}; the welcomes go to a sandbox GeWe, whose posted texts join the stub's record
 * in the order they were sent.
 */
class FriendRequestRulesTest {

    private static final long[] MSG = {0};

    /** Everything the plugin was asked and every text GeWe received, in order. */
    private static final List<String> CALLS = new ArrayList<>();
    private static volatile GeweSandbox sandbox;
    private static int textsSeen;
    /** Holds an accept of a request whose greeting says "hold" until counted down. */
    private static volatile CountDownLatch hold = new CountDownLatch(0);

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandRouterTicketsTest.SettableClock clock = new CommandRouterTicketsTest.SettableClock();
    private RouterRig rig;

    /** Records every call; fails those its settings name ({@code stub.fail=setRemark=PLATFORM,...}). */
    public static final class RecordingStub implements ContactAction {
        private volatile Map<String, FailureKind> failing = Map.of();
        private volatile String gewe = "";

        /** Found by {@link java.util.ServiceLoader}. */
        public RecordingStub() {
        }

        @Override
        public String name() {
            return "recording-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
            Map<String, FailureKind> fail = new HashMap<>();
            for (String pair : settings.get("stub.fail").orElse("").split(",")) {
                if (!pair.isBlank()) {
                    fail.put(pair.split("=")[0], FailureKind.valueOf(pair.split("=")[1]));
                }
            }
            failing = Map.copyOf(fail);
            gewe = settings.get("stub.gewe").orElse("");
        }

        /** As GeWe's plugin sends a text: to {@code /message/postText}, GeWe's refusal as a platform failure. */
        @Override
        public ContactOutcome sendText(String toWxid, String text) {
            try {
                String body = JSON.writeValueAsString(Map.of("appId", RouterRig.APP, "toWxid", toWxid, "content", text));
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gewe + "/message/postText")).header("X-GEWE-TOKEN", RouterRig.TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                JsonNode json = JSON.readTree(answer.body());
                int ret = json.path("ret").asInt();
                return ret == 200 ? new ContactOutcome.Done(Optional.of(toWxid), Optional.empty())
                        : ContactOutcome.Failed.platform(FailureKind.PLATFORM, ret, json.path("msg").asText(), null,
                                null);
            } catch (java.io.IOException e) {
                return ContactOutcome.Failed.transport(FailureKind.CONNECTION, e.toString(), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ContactOutcome.Failed.transport(FailureKind.CONNECTION, e.toString(), true);
            }
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            throw new AssertionError("rules never add anyone");
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            record("accept " + request.fromWxid() + " " + request.v4() + (message.isEmpty() ? "" : " " + message));
            if (request.greeting().contains("hold")) {
                // As a GeWe that has not answered yet: the host being stopped does not make it answer.
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (hold.getCount() > 0 && System.nanoTime() < end) {
                    try {
                        hold.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException ignored) {
                        // keep holding
                    }
                }
            }
            return outcome("accept", request.fromWxid());
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            record("reject " + request.fromWxid() + " " + request.v4());
            return outcome("reject", request.fromWxid());
        }

        @Override
        public ContactOutcome setRemark(String wxid, String remark) {
            record("setRemark " + wxid + " " + remark);
            return outcome("setRemark", wxid);
        }

        @Override
        public ContactOutcome addLabels(String wxid, List<String> labels) {
            record("addLabels " + wxid + " " + labels);
            return outcome("addLabels", wxid);
        }

        private ContactOutcome outcome(String operation, String wxid) {
            FailureKind kind = failing.get(operation);
            return kind == null ? new ContactOutcome.Done(Optional.of(wxid), Optional.empty())
                    : ContactOutcome.Failed.platform(kind, 500, "no " + operation + " today", null, null);
        }
    }

    /** Appends a call, after the texts GeWe received before it. */
    private static synchronized void record(String call) {
        List<PostedText> texts = sandbox.postedTexts();
        for (; textsSeen < texts.size(); textsSeen++) {
            CALLS.add("postText " + texts.get(textsSeen).toWxid() + " " + texts.get(textsSeen).content());
        }
        CALLS.add(call);
    }

    private static synchronized List<String> calls() {
        record("end");
        List<String> all = new ArrayList<>(CALLS.subList(0, CALLS.size() - 1));
        CALLS.remove(CALLS.size() - 1);
        return all;
    }

    @BeforeEach
    void start() {
        sandbox = GeweSandbox.start(SandboxOptions.defaults().withPort(0).withToken(RouterRig.TOKEN).withAppId(RouterRig.APP));
        synchronized (FriendRequestRulesTest.class) {
            CALLS.clear();
            textsSeen = 0;
        }
        hold = new CountDownLatch(0);
    }

    @AfterEach
    void stop() {
        hold.countDown();
        if (rig != null) {
            rig.close();
        }
        sandbox.close();
    }

    // ---- rigs and requests ----------------------------------------------------------------------

    private static PacingPolicy policy() {
        return PacingPolicy.defaults().withSkipWarmup(true).withAnswerInterval(Duration.ZERO);
    }

    private RouterRig rig(FriendRequestRules rules) throws Exception {
        return rig(rules, Map.of(), policy(), "en", Runnable::run);
    }

    private RouterRig rig(FriendRequestRules rules, Map<String, String> settings, PacingPolicy policy, String lang,
            java.util.concurrent.Executor workers) throws Exception {
        rig = new RouterRig(dir, RecordingStub.class, settings, policy, lang, clock, rules, sandbox.baseUrl(), workers);
        return rig;
    }

    /** The rig closed, and a new one on the same folder: the host after a restart. */
    private RouterRig restart(FriendRequestRules rules, java.util.concurrent.Executor workers) throws Exception {
        rig.close();
        rig = null;
        return rig(rules, Map.of(), policy(), "en", workers);
    }

    private static FriendRequestRules rules(FriendRequestRule... rules) {
        return new FriendRequestRules(FriendRequestRules.DEFAULT_AUTO_ANSWER_DAILY_CAP, List.of(rules));
    }

    private static FriendRequestRule rule(String name, String contains, RuleAction action) {
        return new FriendRequestRule(name, contains.isEmpty() ? List.of() : List.of(contains), Optional.empty(), Set.of(),
                action, Optional.empty(), Optional.empty(), List.of());
    }

    private static FriendRequestRule withFollowUps(FriendRequestRule r, String welcome, String remark, List<String> labels) {
        return new FriendRequestRule(r.name(), r.greetingContains(), r.greetingMatches(), r.scenes(), r.action(),
                Optional.ofNullable(welcome), Optional.ofNullable(remark), labels);
    }

    private static FriendRequest request(String wxid, String greeting) {
        return new FriendRequest(wxid, "Nick " + wxid, greeting, 3, "v3_" + wxid, "v4_" + wxid,
                Instant.parse("2026-03-01T07:59:00Z"));
    }

    /** A push of a friend request, under a message id of its own. */
    private String push(FriendRequest request) {
        return rig.push(new CallbackEvent.FriendRequestReceived(RouterRig.APP, "wxid_self", ++MSG[0], request));
    }

    private String console(String command) {
        return rig.run(Origin.console(), command);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    // ---- who decides ----------------------------------------------------------------------------

    @Test
    void aMatchingAcceptRuleAcceptsWithoutAnAdminAndTellsTheAdminsOnceNamingTheRule() throws Exception {
        rig(rules(rule("keyword", "hello bot", RuleAction.ACCEPT)));

        String printed = push(request("wxid_x", "ＨＥＬＬＯ Bot, it is me"));

        assertThat(printed.strip()).isEqualTo("Rule “keyword” accepted the friend request from Nick wxid_x (wxid_x).");
        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x");
        assertThat(console("/requests").strip()).isEqualTo("No pending friend requests.");
        assertThat(console("/history")).contains("/accept wxid_x by rule “keyword”: DONE").doesNotContain("(done)");
    }

    @Test
    void aMatchingRejectRuleRejectsWithoutAnAdmin() throws Exception {
        rig(rules(rule("spam", "buy now", RuleAction.REJECT)));

        String printed = push(request("wxid_s", "Buy now! Cheap"));

        assertThat(printed.strip()).isEqualTo("Rule “spam” rejected the friend request from Nick wxid_s (wxid_s).");
        assertThat(calls()).containsExactly("reject wxid_s v4_wxid_s");
        assertThat(console("/history")).contains("/reject wxid_s by rule “spam”: DONE");
    }

    @Test
    void anAskRuleAndARequestNoRuleMatchesAreLeftToTheAdminsWithTheUsualNotice() throws Exception {
        rig(rules(rule("vip", "vip", RuleAction.ASK), rule("keyword", "hello bot", RuleAction.ACCEPT)));

        assertThat(push(request("wxid_v", "VIP here, hello bot")).strip()).isEqualTo(
                "New friend request from Nick wxid_v (wxid_v): \"VIP here, hello bot\". Answer with /accept wxid_v or"
                        + " /reject wxid_v.");
        assertThat(push(request("wxid_n", "hi")).strip()).isEqualTo(
                "New friend request from Nick wxid_n (wxid_n): \"hi\". Answer with /accept wxid_n or /reject wxid_n.");

        assertThat(calls()).isEmpty();
        assertThat(console("/requests")).contains("wxid_v (Nick wxid_v)").contains("wxid_n (Nick wxid_n)");
    }

    @Test
    void theAnswerRunsOnTheWorkersNotOnTheCallbackThread() throws Exception {
        List<Runnable> handedOff = new ArrayList<>();
        rig(rules(rule("keyword", "hello", RuleAction.ACCEPT)), Map.of(), policy(), "en", handedOff::add);

        assertThat(push(request("wxid_x", "hello"))).isEmpty();
        assertThat(calls()).isEmpty();
        assertThat(handedOff).hasSize(1);

        handedOff.get(0).run();
        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x");
        assertThat(rig.printed()).contains("Rule “keyword” accepted the friend request from Nick wxid_x (wxid_x).");
    }

    // ---- caps, pacing and pause -----------------------------------------------------------------

    @Test
    void beyondTheRulesOwnDailyCapTheAdminsAreAskedSayingSo() throws Exception {
        rig(new FriendRequestRules(1, List.of(rule("keyword", "hello", RuleAction.ACCEPT))));
        push(request("wxid_a", "hello"));

        String printed = push(request("wxid_b", "hello"));

        assertThat(printed.strip()).isEqualTo("New friend request from Nick wxid_b (wxid_b): \"hello\". Answer with"
                + " /accept wxid_b or /reject wxid_b. Rule “keyword” matched, but rules already gave 1 answers in the"
                + " last 24 hours (autoAnswerDailyCap); the next automatic answer is possible at 2026-03-02 08:00:00.");
        assertThat(calls()).containsExactly("accept wxid_a v4_wxid_a");
        assertThat(console("/accept wxid_b")).contains("Accepted the friend request from Nick wxid_b (wxid_b).");
        assertThat(calls()).containsExactly("accept wxid_a v4_wxid_a", "accept wxid_b v4_wxid_b");
    }

    @Test
    void theAccountsAnswerCapStopsRulesAsItStopsAdmins() throws Exception {
        rig(rules(rule("keyword", "hello", RuleAction.ACCEPT)), Map.of(), policy().withAnswerDailyCap(1), "en",
                Runnable::run);
        rig.inbox.put(RouterRig.APP, request("wxid_first", "hi"));
        console("/reject wxid_first");

        String printed = push(request("wxid_b", "hello"));

        assertThat(printed).contains("Rule “keyword” matched, but answers to friend requests are limited to 1 in any"
                + " 24 hours (--answer-daily-cap) and that many were given; the next is possible at 2026-03-02 08:00:00.");
        assertThat(calls()).containsExactly("reject wxid_first v4_wxid_first");
        assertThat(console("/requests")).contains("wxid_b (Nick wxid_b)");
    }

    @Test
    void whileTheAccountIsPausedRulesGiveNoAnswers() throws Exception {
        rig(rules(rule("keyword", "hello", RuleAction.ACCEPT)));
        Instant until = rig.pacer.reportRiskControl(RouterRig.APP);

        String printed = push(request("wxid_b", "hello"));

        assertThat(until).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(printed).contains("Answer with /accept wxid_b or /reject wxid_b. Rule “keyword” matched, but"
                + " automatic answers are paused until 2026-03-01 09:00:00 after a risk-control answer from WeChat.");
        assertThat(calls()).isEmpty();
        assertThat(console("/rules")).contains("Automatic answers are paused until 2026-03-01 09:00:00");
    }

    @Test
    void aRulesAnswerWaitsForTheAnswerSpacingAfterAnAdminsAnswer() throws Exception {
        Duration spacing = Duration.ofMillis(400);
        rig = new RouterRig(dir, RecordingStub.class, Map.of(), policy().withAnswerInterval(spacing), "en",
                Clock.systemUTC(), rules(rule("keyword", "hello", RuleAction.ACCEPT)), sandbox.baseUrl(), Runnable::run);
        rig.inbox.put(RouterRig.APP, request("wxid_first", "hi"));

        long start = System.nanoTime();
        console("/accept wxid_first");
        push(request("wxid_b", "hello"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(spacing);
        assertThat(calls()).containsExactly("accept wxid_first v4_wxid_first", "accept wxid_b v4_wxid_b");
    }

    // ---- never twice ----------------------------------------------------------------------------

    @Test
    void theSameRequestPushedThreeTimesWithARestartBetweenIsAnsweredOnceAndWelcomedOnce() throws Exception {
        FriendRequestRules rules = rules(withFollowUps(rule("keyword", "hello", RuleAction.ACCEPT),
                "Welcome, {nickname}!", null, List.of()));
        rig(rules);
        FriendRequest request = request("wxid_x", "hello");

        String first = push(request);
        String second = push(request);
        restart(rules, Runnable::run);
        String third = push(request);

        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x", "postText wxid_x Welcome, Nick wxid_x!");
        assertThat(first).contains("Rule “keyword” accepted the friend request from Nick wxid_x (wxid_x).");
        assertThat(second).isEmpty();
        assertThat(third).isEmpty();
        assertThat(console("/requests").strip()).isEqualTo("No pending friend requests.");
    }

    @Test
    void aRequestHandedToTheWorkersButNeverStartedIsAnsweredOnceAfterARestart() throws Exception {
        FriendRequestRules rules = rules(rule("keyword", "hello", RuleAction.ACCEPT));
        rig(rules, Map.of(), policy(), "en", task -> { });
        push(request("wxid_x", "hello"));

        restart(rules, Runnable::run);
        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x");
        assertThat(rig.printed()).contains("Rule “keyword” accepted the friend request from Nick wxid_x (wxid_x).");

        push(request("wxid_x", "hello"));
        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x");
    }

    @Test
    void anAnswerInFlightWhenTheHostWasKilledIsMaybeSentAndNeverRepeated() throws Exception {
        FriendRequestRules rules = rules(rule("keyword", "hello", RuleAction.ACCEPT));
        hold = new CountDownLatch(1);
        rig(rules, Map.of(), policy(), "en", task -> new Thread(task, "test-worker").start());
        FriendRequest request = request("wxid_x", "hello, hold on");
        push(request);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (calls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        // killed while the plugin was answering: the new host finds the answer in flight
        restart(rules, Runnable::run);
        push(request);
        hold.countDown();

        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x");
        assertThat(console("/history")).contains("/accept wxid_x by rule “keyword”: MAYBE_SENT (interrupted by a restart)");
        assertThat(console("/accept wxid_x")).contains("Accepting wxid_x: the outcome is not known (/accept already sent)");
        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x");
    }

    @Test
    void aFailedAutomaticAnswerIsToldToTheAdminsAndTheRequestStaysForThem() throws Exception {
        rig(rules(rule("keyword", "hello", RuleAction.ACCEPT)), Map.of("stub.fail", "accept=PLATFORM"), policy(), "en",
                Runnable::run);

        String printed = push(request("wxid_x", "hello"));

        assertThat(printed.strip()).isEqualTo("Rule “keyword”: Accepting wxid_x failed: the platform refused it — the request"
                + " stays in /requests: answer with /accept wxid_x or /reject wxid_x.");
        assertThat(console("/requests")).contains("wxid_x (Nick wxid_x)");
        assertThat(console("/rules")).contains("1. “keyword”: accept; matched 1, answered 0, left to the admins 1");
    }

    // ---- follow-ups -----------------------------------------------------------------------------

    @Test
    void anAcceptIsFollowedByTheWelcomeThenTheRemarkThenTheLabelsWithTheirPlaceholdersFilled() throws Exception {
        rig(rules(withFollowUps(rule("keyword", "hello", RuleAction.ACCEPT), "Hi {nickname}, welcome! ({date})",
                "{nickname} / scene {scene} / {wxid}", List.of("customers", "vip"))));

        String printed = push(request("wxid_x", "hello"));

        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x",
                "postText wxid_x Hi Nick wxid_x, welcome! (2026-03-01)",
                "setRemark wxid_x Nick wxid_x / scene 3 / wxid_x",
                "addLabels wxid_x [customers, vip]");
        assertThat(printed.strip()).isEqualTo("Rule “keyword” accepted the friend request from Nick wxid_x (wxid_x).");
    }

    @Test
    void aFailingRemarkIsReportedAndTheLabelsStillGo() throws Exception {
        rig(rules(withFollowUps(rule("keyword", "hello", RuleAction.ACCEPT), null, "friend {nickname}",
                List.of("customers"))), Map.of("stub.fail", "setRemark=PLATFORM"), policy(), "en", Runnable::run);

        String printed = push(request("wxid_x", "hello"));

        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x", "setRemark wxid_x friend Nick wxid_x",
                "addLabels wxid_x [customers]");
        assertThat(printed).contains("Rule “keyword” accepted the friend request from Nick wxid_x (wxid_x).\n"
                + "After the accept of Nick wxid_x (wxid_x), rule “keyword”: Setting the remark of wxid_x failed: the"
                + " platform refused it (the friend request stays accepted)");
        assertThat(count(printed, "After the accept")).isEqualTo(1);
    }

    @Test
    void aWelcomeGeweRefusesIsReportedAndTheRemarkStillGoes() throws Exception {
        rig(rules(withFollowUps(rule("keyword", "hello", RuleAction.ACCEPT), "Welcome!", "friend", List.of())));
        sandbox.faults().once("/message/postText", Fault.ret500("come back soon"));

        String printed = push(request("wxid_x", "hello"));

        assertThat(calls()).containsExactly("accept wxid_x v4_wxid_x", "setRemark wxid_x friend");
        assertThat(printed).contains("After the accept of Nick wxid_x (wxid_x), rule “keyword”: Welcoming wxid_x failed:"
                + " the platform refused it (the friend request stays accepted)");
    }

    @Test
    void riskControlOnALabelPausesTheAccountAndTheNextRuleAnswer() throws Exception {
        rig(rules(withFollowUps(rule("keyword", "hello", RuleAction.ACCEPT), null, null, List.of("customers"))),
                Map.of("stub.fail", "addLabels=RATE_LIMITED"), policy(), "en", Runnable::run);

        String printed = push(request("wxid_a", "hello"));
        String next = push(request("wxid_b", "hello"));

        assertThat(printed).contains("WeChat answered with a risk-control text (rate-limited). All friend requests"
                + " are paused until 2026-03-01 09:00:00; /resume ends the pause.");
        assertThat(next).contains("automatic answers are paused until 2026-03-01 09:00:00");
        assertThat(calls()).containsExactly("accept wxid_a v4_wxid_a", "addLabels wxid_a [customers]");
    }

    @Test
    void anAdminsAcceptKeepsItsReplyThenRunsTheFollowUpsOfTheFirstRuleWhoseConditionsMatch() throws Exception {
        rig(rules(withFollowUps(rule("vip", "vip", RuleAction.ASK), "Welcome, {nickname}", "VIP {nickname}",
                        List.of("vip")),
                withFollowUps(rule("everyone", "", RuleAction.ACCEPT), null, "someone", List.of())));
        push(request("wxid_v", "vip here"));

        String printed = console("/accept wxid_v glad to meet you");

        assertThat(printed.strip()).isEqualTo("Accepted the friend request from Nick wxid_v (wxid_v).");
        assertThat(calls()).containsExactly("accept wxid_v v4_wxid_v glad to meet you",
                "postText wxid_v Welcome, Nick wxid_v", "setRemark wxid_v VIP Nick wxid_v", "addLabels wxid_v [vip]");
    }

    @Test
    void anAdminsRejectRunsNoFollowUps() throws Exception {
        rig(rules(withFollowUps(rule("vip", "vip", RuleAction.ASK), "Welcome", "VIP", List.of("vip"))));
        push(request("wxid_v", "vip here"));

        assertThat(console("/reject wxid_v")).contains("Rejected the friend request from Nick wxid_v (wxid_v).");
        assertThat(calls()).containsExactly("reject wxid_v v4_wxid_v");
    }

    // ---- /rules ---------------------------------------------------------------------------------

    @Test
    void rulesListsEachRuleWithWhatItDidInTheLast24Hours() throws Exception {
        rig(new FriendRequestRules(2, List.of(rule("vip", "vip", RuleAction.ASK), rule("keyword", "hello", RuleAction.ACCEPT),
                rule("spam", "buy", RuleAction.REJECT))));
        push(request("wxid_v", "vip"));
        push(request("wxid_a", "hello"));
        push(request("wxid_a", "hello"));
        push(request("wxid_b", "hello"));
        push(request("wxid_c", "hello"));

        assertThat(console("/rules").strip()).isEqualTo("""
                Friend-request rules (3; the first that matches a request decides; counts are of the last 24 hours):
                1. “vip”: ask the admins; matched 1, answered 0, left to the admins 1
                2. “keyword”: accept; matched 3, answered 2, left to the admins 1
                3. “spam”: reject; matched 0, answered 0, left to the admins 0
                Automatic answers: 2 of 2 (autoAnswerDailyCap)""");

        clock.advance(Duration.ofHours(25));
        assertThat(console("/rules")).contains("2. “keyword”: accept; matched 0, answered 0, left to the admins 0")
                .contains("Automatic answers: 0 of 2");
    }

    @Test
    void withoutRulesRulesSaysSoAndHowToAddThem() throws Exception {
        rig(FriendRequestRules.none());

        assertThat(console("/rules").strip()).isEqualTo("There are no friend-request rules: every friend request is"
                + " left to the admins. Rules go under friendRequests.rules in the configuration file given with --config.");
    }

    @Test
    void theRulesTextsComeInChinese() throws Exception {
        rig(new FriendRequestRules(1, List.of(rule("关键词", "你好", RuleAction.ACCEPT))), Map.of(), policy(), "zh",
                Runnable::run);

        assertThat(push(request("wxid_a", "你好")).strip()).isEqualTo("规则“关键词”已同意 Nick wxid_a (wxid_a) 的好友请求。");
        assertThat(push(request("wxid_b", "你好"))).contains("匹配了规则“关键词”，但规则在最近 24 小时内已自动答复 1 次"
                + "（autoAnswerDailyCap）；下一次自动答复最早在 2026-03-02 08:00:00。");
        assertThat(console("/rules").strip()).isEqualTo("""
                好友请求规则（1 条；第一条匹配的规则决定如何处理；计数为最近 24 小时）：
                1. “关键词”：同意；匹配 2，已答复 1，交给管理员 1
                自动答复：1 / 1（autoAnswerDailyCap）""");
        assertThat(console("/history")).contains("/accept wxid_a（规则“关键词”）：已完成");
    }
}
