package io.segflow.core.diagnostic;

public enum Severity { ERROR, WARNING }
