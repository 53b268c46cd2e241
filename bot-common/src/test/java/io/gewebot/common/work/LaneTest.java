package io.gewebot.common.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneTest {

    private final ExecutorService pool = SharedThreads.pool("lane-test", 4, true);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aLaneOfWidthOneRunsItsTasksOneAtATimeInTheOrderTheyCame() throws Exception {
        List<Lane> lanes = List.of(new Lane("a", pool, 1, 10_000), new Lane("b", pool, 1, 10_000),
                new Lane("c", pool, 1, 10_000));
        List<List<Integer>> seen = new ArrayList<>();
        AtomicInteger overlapping = new AtomicInteger();
        List<AtomicInteger> inside = new ArrayList<>();
        for (int l = 0; l < lanes.size(); l++) {
            seen.add(Collections.synchronizedList(new ArrayList<>()));
            inside.add(new AtomicInteger());
        }
        for (int i = 0; i < 2_000; i++) {
            for (int l = 0; l < lanes.size(); l++) {
                int n = i;
                int lane = l;
                lanes.get(l).execute(() -> {
                    if (inside.get(lane).incrementAndGet() > 1) {
                        overlapping.incrementAndGet();
                    }
                    seen.get(lane).add(n);
                    inside.get(lane).decrementAndGet();
                });
            }
        }
        for (Lane lane : lanes) {
            assertThat(lane.drain(Duration.ofSeconds(10))).isTrue();
        }
        for (List<Integer> one : seen) {
            assertThat(one).hasSize(2_000).isSorted();
        }
        assertThat(overlapping).hasValue(0);
    }

    @Test
    void oneLanesBlockedWorkHoldsUpNoOtherLane() throws Exception {
        Lane slow = new Lane("slow", pool, 2, 100);
        Lane other = new Lane("other", pool, 1, 100);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            slow.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            other.execute(done::countDown);
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).as("the other lane's tasks, while the slow one blocks").isTrue();
        assertThat(slow.waiting()).as("the slow lane holds two threads, the rest of its work waits").isEqualTo(8);
        release.countDown();
        assertThat(slow.drain(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aFullLaneRefusesMoreAndSaysHowMuchRoomItHas() throws Exception {
        Lane lane = new Lane("full", pool, 1, 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        lane.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lane.room()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            lane.execute(() -> { });
        }
        assertThat(lane.room()).isZero();
        assertThatThrownBy(() -> lane.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("full");
        release.countDown();
        assertThat(lane.drain(Duration.ofSeconds(5))).isTrue();
        assertThatThrownBy(() -> lane.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("stopped");
    }

    @Test
    void aTaskThatThrowsLeavesTheLaneRunning() throws Exception {
        Lane lane = new Lane("throws", pool, 1, 10);
        CountDownLatch after = new CountDownLatch(1);
        lane.execute(() -> {
            throw new IllegalStateException("broken");
        });
        lane.execute(after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void drainGivesUpAfterItsWaitAndDropsWhatStillWaits() throws Exception {
        Lane lane = new Lane("stuck", pool, 1, 10);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        lane.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lane.execute(ran::incrementAndGet);
        assertThat(lane.drain(Duration.ofMillis(200))).isFalse();
        release.countDown();
        Thread.sleep(200);
        assertThat(ran).hasValue(0);
    }
}
