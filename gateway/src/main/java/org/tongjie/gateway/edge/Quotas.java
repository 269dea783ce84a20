package org.tongjie.gateway.edge;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.gateway.config.GatewayConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token-bucket request quotas per caller (bucket4j): each kind of caller has its own burst and refill rate.
 * Buckets live in this gateway instance's memory; idle ones are dropped, so the map stays as large as the
 * set of recently active callers.
 */
@ApplicationScoped
public class Quotas {

    /** The kinds of callers, each with its own limits. */
    public enum Kind {
        ANONYMOUS, PATRON, STAFF, SYSTEM, SIGN_IN
    }

    /** The outcome of taking one request from a caller's bucket. */
    public record Verdict(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final GatewayConfig.Quotas config;
    private final Map<String, Tracked> buckets = new ConcurrentHashMap<>();
    private final io.micrometer.core.instrument.Counter refused;

    Quotas(GatewayConfig config, MeterRegistry registry) {
        this.config = config.quotas();
        this.refused = registry.counter("tongjie.gateway.quota.refused");
        registry.gaugeMapSize("tongjie.gateway.quota.buckets", java.util.List.of(), buckets);
    }

    /** A caller's bucket and when it was last used, so idle ones can be forgotten. */
    private static final class Tracked {
        private final Bucket bucket;
        private volatile long lastUsed = System.nanoTime();

        Tracked(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    /** Takes one request from the bucket of {@code caller} (a card, account, client or IP address). */
    public Verdict take(Kind kind, String caller) {
        if (!config.enabled()) {
            return new Verdict(true, Long.MAX_VALUE, 0);
        }
        Tracked tracked = buckets.computeIfAbsent(kind + ":" + caller, k -> new Tracked(newBucket(kind)));
        tracked.lastUsed = System.nanoTime();
        ConsumptionProbe probe = tracked.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Verdict(true, probe.getRemainingTokens(), 0);
        }
        refused.increment();
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Verdict(false, 0, seconds);
    }

    private Bucket newBucket(Kind kind) {
        Bandwidth limit = switch (kind) {
            case ANONYMOUS -> perSecond(config.anonymousBurst(), config.anonymousPerSecond());
            case PATRON -> perSecond(config.patronBurst(), config.patronPerSecond());
            case STAFF -> perSecond(config.staffBurst(), config.staffPerSecond());
            case SYSTEM -> perSecond(config.systemBurst(), config.systemPerSecond());
            case SIGN_IN -> Bandwidth.builder().capacity(config.signInPerMinute())
                    .refillGreedy(config.signInPerMinute(), Duration.ofMinutes(1)).build();
        };
        return Bucket.builder().addLimit(limit).build();
    }

    private static Bandwidth perSecond(long burst, long perSecond) {
        return Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build();
    }

    /** Buckets idle for ten minutes are full again; forgetting them changes nothing for their callers. */
    @Scheduled(every = "1m", delayed = "1m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetIdle() {
        long cutoff = System.nanoTime() - IDLE.toNanos();
        buckets.values().removeIf(tracked -> tracked.lastUsed < cutoff);
    }
}
