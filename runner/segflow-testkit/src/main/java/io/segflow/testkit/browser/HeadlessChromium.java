package io.segflow.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the DevTools protocol (the JDK's WebSocket client, no WebDriver): open a page
 * at a given width, collect console errors and uncaught exceptions, measure horizontal overflow, take screenshots.
 * One browser per test class is enough; {@link #open} reuses its page.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    /** Elements wider than the viewport, or reaching past its right edge outside a scrolling or clipping box. */
    private static final String OVERFLOW_JS = """
            (() => {
              const d = document.documentElement, vw = d.clientWidth, out = [];
              if (d.scrollWidth > d.clientWidth) out.push('document: scrollWidth ' + d.scrollWidth + ' > clientWidth ' + d.clientWidth);
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) continue;
                let clipped = false;
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                  const o = getComputedStyle(p).overflowX;
                  if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
                }
                if (r.width > vw + 0.5 || (!clipped && r.right > vw + 0.5)) {
                  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '');
                  out.push(name + ' is ' + Math.round(r.width) + ' px wide, right edge at ' + Math.round(r.right) + ' px');
                  if (out.length > 20) break;
                }
              }
              return out;
            })()""";

    private final Process process;
    private final Path profile;
    private final CdpConnection page;
    private final List<String> problems = new ArrayList<>();
    private volatile CountDownLatch loaded = new CountDownLatch(1);

    private HeadlessChromium(Process process, Path profile, CdpConnection page) {
        this.process = process;
        this.profile = profile;
        this.page = page;
        page.onEvent(this::event);
        page.send("Page.enable");
        page.send("Runtime.enable");
        page.send("Log.enable");
    }

    /** The Chromium binary: $SEGFLOW_CHROMIUM, else chromium / chromium-browser / google-chrome on the PATH. */
    public static Optional<Path> find() {
        String configured = System.getenv("SEGFLOW_CHROMIUM");
        if (configured != null && !configured.isBlank()) return Optional.of(Path.of(configured));
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary} headless with a private profile, no network beyond loopback needed. */
    public static HeadlessChromium start(Path binary) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("segflow-chromium");
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank")
                .redirectErrorStream(true).start();
        CompletableFuture<URI> browserUrl = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) browserUrl.complete(URI.create(m.group(1)));
                }
            } catch (IOException ignored) {
                // the process ended; start() times out below if it never listened
            }
            browserUrl.completeExceptionally(new IOException("chromium exited before listening for DevTools"));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI browser = browserUrl.get(60, TimeUnit.SECONDS);
            return new HeadlessChromium(process, profile, CdpConnection.open(pageUrl(browser)));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("could not start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** The first page target's WebSocket, from the DevTools HTTP endpoint on the same port. */
    private static URI pageUrl(URI browser) throws IOException, InterruptedException {
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(list).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(r.body())) {
            if ("page".equals(target.path("type").asText())) return URI.create(target.get("webSocketDebuggerUrl").asText());
        }
        throw new IOException("no page target in " + r.body());
    }

    private void event(JsonNode message) {
        String method = message.path("method").asText();
        JsonNode p = message.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.countDown();
            case "Runtime.exceptionThrown" -> problem("uncaught: " + p.path("exceptionDetails").path("exception")
                    .path("description").asText(p.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) problem("console." + type + ": " + p.path("args"));
            }
            case "Log.entryAdded" -> {
                if ("error".equals(p.path("entry").path("level").asText())) {
                    problem("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText(""));
                }
            }
            default -> { }
        }
    }

    private synchronized void problem(String text) {
        problems.add(text);
    }

    /** Loads {@code url} in a {@code width} x {@code height} viewport and waits for the load event. */
    public void open(URI url, int width, int height) throws InterruptedException {
        page.send("Emulation.setDeviceMetricsOverride", "width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false);
        loaded = new CountDownLatch(1);
        page.send("Page.navigate", "url", url.toString());
        if (!loaded.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("no load event for " + url);
        settle();
    }

    /** Runs {@code expression} in the page and returns its value (JSON), e.g. to click or change the fragment. */
    public JsonNode evaluate(String expression) {
        JsonNode r = page.send("Runtime.evaluate", "expression", expression, "returnByValue", true, "awaitPromise", true);
        if (r.has("exceptionDetails")) throw new IllegalStateException("page script failed: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Waits two animation frames, so scripts that draw on load or on hashchange have drawn. */
    public void settle() {
        evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
    }

    /** Console errors, uncaught exceptions and failed loads since the last call (and clears them). */
    public synchronized List<String> takeProblems() {
        List<String> out = List.copyOf(problems);
        problems.clear();
        return out;
    }

    /** Why the page scrolls horizontally at the current width; empty when it fits. */
    public List<String> horizontalOverflow() {
        List<String> out = new ArrayList<>();
        evaluate(OVERFLOW_JS).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A PNG of the whole page (not only the viewport) at the current width. */
    public Path screenshot(Path file) throws IOException {
        JsonNode size = page.send("Page.getLayoutMetrics").path("cssContentSize");
        java.util.Map<String, Object> clip = java.util.Map.of("x", 0, "y", 0, "scale", 1,
                "width", size.path("width").asDouble(), "height", Math.min(size.path("height").asDouble(), 6000));
        JsonNode shot = page.send("Page.captureScreenshot", "format", "png", "captureBeyondViewport", true, "clip", clip);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        return file;
    }

    @Override
    public void close() throws IOException {
        page.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
