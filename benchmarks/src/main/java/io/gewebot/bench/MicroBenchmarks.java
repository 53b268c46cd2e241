package io.gewebot.bench;

import io.gewebot.bench.jmh.CallbackDecoderBenchmark;
import io.gewebot.bench.jmh.CommandParserBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH benchmarks of the host's hot pure functions, run through JMH's own runner (forked JVMs). */
final class MicroBenchmarks {

    /**
     * One benchmark's score.
     *
     * @param name class and method, e.g. {@code CommandParserBenchmark.parseAdd}
     * @param nanosPerOp mean time per call
     * @param error the half-width of JMH's 99.9% confidence interval
     */
    record Score(String name, double nanosPerOp, double error) {
    }

    /**
     * @param scores every benchmark's score
     * @param settings how JMH ran them, for the report
     */
    record Result(List<Score> scores, String settings) {
    }

    Result run(boolean quick, Path log) throws Exception {
        int forks = quick ? 1 : 2;
        // The friend-request decoder runs the JDK's XML parser, which C2 may still be compiling after
        // 3 s on 2 busy cores (first measured iterations of 110-309 µs against 16 µs later).
        int warmups = quick ? 2 : 6;
        int iterations = quick ? 3 : 5;
        TimeValue time = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        Options options = new OptionsBuilder()
                .include(CallbackDecoderBenchmark.class.getName())
                .include(CommandParserBenchmark.class.getName())
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(time)
                .measurementIterations(iterations)
                .measurementTime(time)
                .shouldFailOnError(true)
                .output(log.toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String[] parts = benchmark.split("\\.");
            String name = parts[parts.length - 2] + "." + parts[parts.length - 1];
            scores.add(new Score(name, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
        scores.sort(java.util.Comparator.comparing(Score::name));
        String settings = forks + " fork(s) × " + iterations + " × " + time + " measured after " + warmups + " × "
                + time + " warm-up, average time per call";
        return new Result(scores, settings);
    }
}
