package org.tongjie.deploy.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-model HTTP load generator: each stream starts its operations at a fixed arrival rate whatever the
 * answers' speed, so a slow system builds a queue rather than slowing the load (no coordinated omission).
 * Latency is measured from the moment a request was due to start, recorded in HdrHistograms per series.
 */
final class OpenLoad implements AutoCloseable {

    /** Gives up on an operation started this long ago: it counts as an error and the load goes on. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Operations outstanding per stream beyond which new ones are not started (and counted: {@link Shortfall}). */
    private static final int MAX_IN_FLIGHT = 5_000;

    /** One kind of request's measurements. */
    static final class Series {
        final String name;
        private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final AtomicLongArray perSecond = new AtomicLongArray(3_600);
        private volatile long startNanos;

        Series(String name) {
            this.name = name;
        }

        void record(long dueNanos, int status) {
            long now = System.nanoTime();
            recorder.recordValue(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(now - dueNanos),
                    TimeUnit.SECONDS.toMicros(60))));
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            int second = (int) ((now - startNanos) / 1_000_000_000L);
            if (second >= 0 && second < perSecond.length()) {
                perSecond.incrementAndGet(second);
            }
        }

        /** Status 0 stands for no answer (timeout, connection refused, dropped by the generator). */
        Map<String, Object> summary(double seconds) {
            Histogram h = recorder.getIntervalHistogram();
            long ok = 0;
            long errors = 0;
            Map<String, Integer> byStatus = new TreeMap<>();
            for (var e : statuses.entrySet()) {
                byStatus.put(Integer.toString(e.getKey()), e.getValue().get());
                if (e.getKey() >= 200 && e.getKey() < 300) {
                    ok += e.getValue().get();
                } else {
                    errors += e.getValue().get();
                }
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("requests", ok + errors);
            s.put("throughput_per_s", round((ok + errors) / seconds));
            s.put("error_rate", ok + errors == 0 ? 0.0 : round4((double) errors / (ok + errors)));
            s.put("statuses", byStatus);
            s.put("p50_ms", millis(h.getValueAtPercentile(50)));
            s.put("p95_ms", millis(h.getValueAtPercentile(95)));
            s.put("p99_ms", millis(h.getValueAtPercentile(99)));
            s.put("p999_ms", millis(h.getValueAtPercentile(99.9)));
            s.put("max_ms", millis(h.getMaxValue()));
            List<Long> seconds1 = new ArrayList<>();
            for (int i = 0; i < Math.min(perSecond.length(), (int) Math.ceil(seconds)); i++) {
                seconds1.add(perSecond.get(i));
            }
            s.put("completed_per_second", seconds1);
            return s;
        }
    }

    /** Starts one operation, due at {@code dueNanos}; completes when it (and any request it chains) is done. */
    interface Operation {
        Future<?> start(long index, long dueNanos);
    }

    /** A stream of operations at a fixed rate. */
    record Stream(String name, double perSecond, Operation operation) {
    }

    private final Vertx vertx;
    private final HttpClient client;

    OpenLoad(int port, int connections) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Sends one request; the future gives the status, or 0 when no answer came. */
    Future<Integer> send(HttpMethod method, String uri, String token, String json, Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri)
                .setTimeout(TIMEOUT.toMillis()).putHeader("Accept", "application/json");
        if (token != null) {
            options.putHeader("Authorization", "Bearer " + token);
        }
        headers.forEach(options::putHeader);
        return client.request(options).compose(request -> {
            if (json == null) {
                return request.send();
            }
            request.putHeader("Content-Type", "application/json");
            return request.send(Buffer.buffer(json));
        }).compose(response -> response.body().map(body -> response.statusCode()))
                // The client's timeout counts the wait for a pooled connection and then the silence on it, each up
                // to the limit, and can miss a request caught in a race with its connection (a few in tens of
                // thousands were left with no outcome): this deadline is the whole request's, and always fires.
                .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .recover(failure -> Future.succeededFuture(0));
    }

    /**
     * What became of a stream's operations beyond its series: {@code notSent} were due while
     * {@value #MAX_IN_FLIGHT} were outstanding and so never started; {@code unfinished} had neither an answer nor
     * their timeout when the run stopped waiting. Either means the figures leave out that many operations.
     */
    record Shortfall(long notSent, long unfinished) {
        boolean any() {
            return notSent > 0 || unfinished > 0;
        }
    }

    /**
     * Runs the streams together for the duration and waits (bounded) for their last operations; returns each
     * stream's shortfall.
     */
    Map<String, Shortfall> run(List<Stream> streams, List<Series> series, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime();
        series.forEach(s -> {
            s.startNanos = start;
            s.recorder.reset();
        });
        List<Thread> schedulers = new ArrayList<>();
        Map<String, AtomicInteger> inFlight = new LinkedHashMap<>();
        Map<String, AtomicInteger> notSent = new LinkedHashMap<>();
        for (Stream stream : streams) {
            inFlight.put(stream.name(), new AtomicInteger());
            notSent.put(stream.name(), new AtomicInteger());
            Thread thread = new Thread(() -> schedule(stream, start, duration, inFlight.get(stream.name()),
                    notSent.get(stream.name())), "load-" + stream.name());
            thread.start();
            schedulers.add(thread);
        }
        for (Thread t : schedulers) {
            t.join();
        }
        // An operation is at most two requests (check-out, then check-in).
        long deadline = System.nanoTime() + TIMEOUT.toNanos() * 2 + TimeUnit.SECONDS.toNanos(2);
        while (inFlight.values().stream().anyMatch(n -> n.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Map<String, Shortfall> shortfall = new LinkedHashMap<>();
        inFlight.forEach((name, n) -> shortfall.put(name, new Shortfall(notSent.get(name).get(), n.get())));
        return shortfall;
    }

    private static void schedule(Stream stream, long start, Duration duration, AtomicInteger inFlight,
            AtomicInteger notSent) {
        double intervalNanos = 1e9 / stream.perSecond();
        long end = start + duration.toNanos();
        for (long i = 0; ; i++) {
            long due = start + (long) (i * intervalNanos);
            if (due >= end) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                notSent.incrementAndGet();
                continue;
            }
            inFlight.incrementAndGet();
            stream.operation().start(i, due).onComplete(done -> inFlight.decrementAndGet());
        }
    }

    /** An operation that sends one request made from its index and records it in a series. */
    Operation single(Series series, LongFunction<Request> request) {
        return (index, due) -> {
            Request r = request.apply(index);
            return send(r.method(), r.uri(), r.token(), r.json(), r.headers())
                    .onSuccess(status -> series.record(due, status));
        };
    }

    /** One HTTP request of a scenario. */
    record Request(HttpMethod method, String uri, String token, String json, Map<String, String> headers) {
        static Request get(String uri, String token) {
            return new Request(HttpMethod.GET, uri, token, null, Map.of());
        }

        static Request post(String uri, String token, String json) {
            return new Request(HttpMethod.POST, uri, token, json, Map.of());
        }
    }

    static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
