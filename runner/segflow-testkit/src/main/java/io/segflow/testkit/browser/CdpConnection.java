package io.segflow.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** One Chrome DevTools Protocol connection to a page: commands with replies, and event listeners. */
final class CdpConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    private CdpConnection(WebSocket socket) {
        this.socket = socket;
    }

    static CdpConnection open(URI webSocketUrl) {
        CdpConnection[] self = new CdpConnection[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(webSocketUrl, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String text = partial.toString();
                            partial.setLength(0);
                            self[0].receive(text);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
        self[0] = new CdpConnection(ws);
        return self[0];
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply == null) return;
            if (message.has("error")) reply.completeExceptionally(new IllegalStateException("CDP: " + message.get("error")));
            else reply.complete(message.path("result"));
        } else {
            listeners.forEach(l -> l.accept(message));
        }
    }

    void onEvent(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** Sends {@code method} with {@code params} (name, value pairs) and waits for its result. */
    JsonNode send(String method, Object... params) {
        ObjectNode message = JSON.createObjectNode();
        int id = ids.incrementAndGet();
        message.put("id", id);
        message.put("method", method);
        ObjectNode p = message.putObject("params");
        for (int i = 0; i < params.length; i += 2) p.set((String) params[i], JSON.valueToTree(params[i + 1]));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).join();
            return reply.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            pending.remove(id);
            throw new IllegalStateException(method + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
