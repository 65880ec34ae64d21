package io.segflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Driver logging (java.util.logging) is silent by default and one segflow log line / JSON event with --debug. */
class DriverLoggingTest {
    private static final Logger DRIVER = Logger.getLogger("net.snowflake.client.jdbc.SnowflakeUtil");

    @Test
    void driverRecordsAreDroppedWithoutDebugEvenWhenTheDriverRaisesItsOwnLevel() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DriverLogging.route(console(out, err, "text", false), false);
        DRIVER.setLevel(Level.ALL);
        try {
            DRIVER.severe("Failed to connect to http://169.254.169.254/latest/meta-data\nat line two");
        } finally {
            DRIVER.setLevel(null);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        // no java.util.logging ConsoleHandler is left to print SEVERE blocks to stderr behind segflow's back
        java.util.logging.Handler[] handlers = Logger.getLogger("").getHandlers();
        assertEquals(1, handlers.length);
        assertTrue(handlers[0] instanceof DriverLogging && handlers[0].getLevel() == Level.OFF);
    }

    @Test
    void withDebugAndJsonEachRecordIsOneJsonEvent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DriverLogging.route(console(out, err, "json", true), true);
        DRIVER.severe("Failed to connect\nsecond line");
        DRIVER.fine("too chatty to show");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertEquals("driver_log", event.get("event").asText());
        assertEquals("severe", event.get("driver_level").asText());
        assertTrue(event.get("message").asText().startsWith("Failed to connect"), event.toString());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        DriverLogging.route(console(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "text", false), false);
    }

    private static Console console(ByteArrayOutputStream out, ByteArrayOutputStream err, String format, boolean debug) {
        return new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                format, debug);
    }
}
