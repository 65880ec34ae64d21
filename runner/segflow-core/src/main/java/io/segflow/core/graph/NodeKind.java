package io.segflow.core.graph;

public enum NodeKind { SOURCE, FEATURE, SEGMENT, TEST }
