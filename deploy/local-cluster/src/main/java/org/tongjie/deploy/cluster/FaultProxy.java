package org.tongjie.deploy.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy that puts a bad network between two parts of the cluster: it passes bytes both ways until told
 * to delay them, to cut every connection (and refuse new ones), to stall them (connections stay open and
 * nothing arrives, as when packets vanish), or to swallow the answers (the request reaches the server, the
 * answer never reaches the client: an ambiguous commit).
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does to the traffic. */
    public enum Mode {
        /** Bytes pass both ways (after the configured delay). */
        PASS,
        /** Every connection is reset and new ones are closed at once. */
        CUT,
        /** Connections stay open but no byte moves in either direction. */
        STALL,
        /** Requests pass; the first bytes of an answer close the connection instead of reaching the client. */
        DROP_ANSWERS
    }

    private static final long PAUSE_MILLIS = 20;

    private final String name;
    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong droppedAnswers = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;

    private FaultProxy(String name, ServerSocket listener, int targetPort) {
        this.name = name;
        this.listener = listener;
        this.targetPort = targetPort;
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fault-proxy-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Listens on a free local port and forwards to {@code targetPort} on this machine. */
    public static FaultProxy start(String name, int targetPort) throws IOException {
        return start(name, 0, targetPort);
    }

    /** Listens on the given local port (0 for any free one) and forwards to {@code targetPort}. */
    public static FaultProxy start(String name, int port, int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        FaultProxy proxy = new FaultProxy(name, listener, targetPort);
        proxy.threads.submit(proxy::accept);
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    /** Lets bytes pass again (with the configured delay). */
    public void pass() {
        mode = Mode.PASS;
    }

    /** Resets every open connection and closes new ones until {@link #pass()}. */
    public void cut() {
        mode = Mode.CUT;
        sockets.forEach(FaultProxy::reset);
    }

    /** Holds every byte in both directions until {@link #pass()} or {@link #cut()}. */
    public void stall() {
        mode = Mode.STALL;
    }

    /** Lets requests through and throws the answers away, closing the connection, until {@link #pass()}. */
    public void dropAnswers() {
        mode = Mode.DROP_ANSWERS;
    }

    /** Delays every chunk of bytes in each direction by this much (zero for none). */
    public void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Connections accepted since the start. */
    public long connections() {
        return connections.get();
    }

    /** Answers thrown away in {@link Mode#DROP_ANSWERS}. */
    public long droppedAnswers() {
        return droppedAnswers.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            if (mode == Mode.CUT) {
                reset(client);
                continue;
            }
            threads.submit(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            reset(client);
            reset(server);
            return;
        }
        sockets.add(client);
        sockets.add(server);
        threads.submit(() -> pump(client, server, false));
        threads.submit(() -> pump(server, client, true));
    }

    /** Copies one direction of a connection, applying the current fault to every chunk. */
    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[32 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                while (mode == Mode.STALL) {
                    Thread.sleep(PAUSE_MILLIS);
                }
                if (mode == Mode.CUT) {
                    break;
                }
                if (answers && mode == Mode.DROP_ANSWERS) {
                    droppedAnswers.incrementAndGet();
                    break;
                }
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The other side closed or the connection was cut: close both sides below.
        } finally {
            reset(from);
            reset(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    /** Closes a socket with a reset rather than an orderly close, as a broken network would. */
    private static void reset(Socket socket) {
        try {
            if (!socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            // Already gone.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        sockets.forEach(FaultProxy::reset);
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "FaultProxy[" + name + " :" + port() + " -> :" + targetPort + ", " + mode + "]";
    }
}
