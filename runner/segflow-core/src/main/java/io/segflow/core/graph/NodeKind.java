package io.segflow.core.graph;

public enum NodeKind { SOURCE, SEED, FEATURE, SEGMENT, TEST }
