package io.segflow.core.graph;

/**
 * What a test node checks, for the {@code test_type:} selector: {@code UNIT} tests run on fixtures in an in-process
 * warehouse (segment {@code expected_members}), so CI can run them without a warehouse; {@code DATA} tests query the
 * built relations.
 */
public enum TestType { UNIT, DATA }
