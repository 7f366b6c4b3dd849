package io.webfon.sercen.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process brake: max failures per window, cleared by success, bounded table; a manual clock. */
class FailureLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void blocksAfterMaxFailuresUntilTheWindowEnds() {
        FailureLimiter l = new FailureLimiter(3, 60_000, 100, clock);
        assertThat(l.fail("1.2.3.4")).isFalse();
        assertThat(l.fail("1.2.3.4")).isFalse();
        assertThat(l.blocked("1.2.3.4")).isFalse();
        assertThat(l.fail("1.2.3.4")).isTrue();
        assertThat(l.blocked("1.2.3.4")).isTrue();
        assertThat(l.blocked("5.6.7.8")).isFalse();
        assertThat(l.blockedCount()).isEqualTo(1);
        now.addAndGet(59_999);
        assertThat(l.blocked("1.2.3.4")).isTrue();
        now.addAndGet(1);
        assertThat(l.blocked("1.2.3.4")).isFalse();
        assertThat(l.fail("1.2.3.4")).as("a new window").isFalse();
    }

    @Test
    void successClearsTheKey() {
        FailureLimiter l = new FailureLimiter(2, 60_000, 100, clock);
        l.fail("jdoe");
        l.clear("jdoe");
        assertThat(l.fail("jdoe")).isFalse();
    }

    @Test
    void theTableIsBounded() {
        FailureLimiter l = new FailureLimiter(5, 1_000, 50, clock);
        for (int i = 0; i < 1_000; i++) {
            l.fail("k" + i);
            if (i % 10 == 0) {
                now.addAndGet(100);
            }
        }
        assertThat(l.size()).isLessThanOrEqualTo(51);
    }
}
