package io.jenkins.plugins.gitops.engine.testing.kube;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A TCP proxy on a loopback port in front of the API server: it forwards bytes both ways without looking
 * at them, so TLS and client certificates work through it unchanged (the server's certificate is valid for
 * 127.0.0.1, whatever the port). {@link #cut()} makes the API server vanish at once, as a crashed server or
 * a broken network would: open connections are reset and the port refuses new ones.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(TcpProxy.class.getName());

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    /** Set before the sockets are reset, so a connection accepted or opened while cutting is closed too. */
    private volatile boolean cutOff;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private TcpProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts a proxy to {@code host:port} on a free loopback port. */
    public static TcpProxy to(String host, int port) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(host, port));
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a proxy to {@code host:port} on a given loopback port: after {@link #cut()}, a new proxy on the old
     * proxy's port makes the API server come back at the address clients know, as a restarted server does.
     */
    public static TcpProxy on(int listenPort, String host, int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
            TcpProxy proxy = new TcpProxy(server, new InetSocketAddress(host, port));
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Closes the listening port (new connections are refused) and resets every open connection. */
    public void cut() {
        cutOff = true;
        try {
            server.close();
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "closing the proxy port", e);
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        cut();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // cut or closed
            }
            connections.incrementAndGet();
            sockets.add(client);
            if (cutOff) { // accepted while cut() ran: it may have missed this socket
                closeQuietly(client);
                return;
            }
            threads.execute(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        try (Socket upstream = new Socket()) {
            sockets.add(upstream);
            if (cutOff) {
                return; // cut while this connection was being set up; the finally block resets the client
            }
            upstream.connect(target);
            threads.execute(() -> pump(upstream, client));
            pump(client, upstream);
        } catch (IOException e) {
            LOGGER.log(Level.FINE, "proxy connection failed", e);
        } finally {
            closeQuietly(client);
        }
    }

    /** Copies until either side ends, then closes both, so the other direction ends too. */
    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            LOGGER.log(Level.FINEST, "proxy stream ended", e);
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            LOGGER.log(Level.FINEST, "closing a proxied socket", e);
        }
    }
}
