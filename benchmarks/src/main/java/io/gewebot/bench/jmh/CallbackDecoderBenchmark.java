package io.gewebot.bench.jmh;

import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.callback.MalformedCallbackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link CallbackDecoder#decode(byte[])} on two of the vendor's own callback samples: a private text
 * message (what most traffic is) and a friend request (the largest thing the host reads, with its XML).
 */
@State(Scope.Benchmark)
public class CallbackDecoderBenchmark {

    private final CallbackDecoder decoder = new CallbackDecoder();
    private byte[] text;
    private byte[] friendRequest;

    /** Reads the samples. */
    @Setup
    public void readSamples() {
        text = sample("01-text.json");
        friendRequest = sample("10-friend-request.json");
    }

    /** @return the decoded text message */
    @Benchmark
    public CallbackEvent decodeText() throws MalformedCallbackException {
        return decoder.decode(text);
    }

    /** @return the decoded friend request */
    @Benchmark
    public CallbackEvent decodeFriendRequest() throws MalformedCallbackException {
        return decoder.decode(friendRequest);
    }

    static byte[] sample(String name) {
        try (InputStream in = CallbackDecoderBenchmark.class.getResourceAsStream("/callbacks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("sample " + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
