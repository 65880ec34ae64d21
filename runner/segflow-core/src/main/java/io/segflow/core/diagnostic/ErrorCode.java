package io.segflow.core.diagnostic;

/** Stable error codes, grouped by category. Documented in docs/errors.md. */
public enum ErrorCode {
    // project files (YAML, layout)
    YAML_SYNTAX("SF100", Category.PROJECT),
    UNKNOWN_KEY("SF101", Category.PROJECT),
    WRONG_TYPE("SF102", Category.PROJECT),
    MISSING_KEY("SF103", Category.PROJECT),
    MISSING_FILE("SF104", Category.PROJECT),
    DUPLICATE_NAME("SF105", Category.PROJECT),
    INVALID_VALUE("SF106", Category.PROJECT),
    CSV_FORMAT("SF107", Category.PROJECT),
    DBT_ARTIFACT("SF110", Category.PROJECT),
    UNSUPPORTED_FEATURE("SF111", Category.PROJECT),
    PACKAGE("SF120", Category.PROJECT),
    // templates
    TEMPLATE_SYNTAX("SF200", Category.TEMPLATE),
    UNKNOWN_REF("SF201", Category.TEMPLATE),
    UNKNOWN_SOURCE("SF202", Category.TEMPLATE),
    UNKNOWN_VAR("SF203", Category.TEMPLATE),
    MISSING_ENV_VAR("SF204", Category.TEMPLATE),
    TEMPLATE_ERROR("SF205", Category.TEMPLATE),
    COMPILER_ERROR("SF210", Category.TEMPLATE),
    NEEDS_CONNECTION("SF211", Category.TEMPLATE),
    // SQL
    SQL_SYNTAX("SF300", Category.SQL),
    UNKNOWN_TABLE("SF301", Category.SQL),
    UNKNOWN_COLUMN("SF302", Category.SQL),
    UNKNOWN_FUNCTION("SF303", Category.SQL),
    SQL_VALIDATION("SF304", Category.SQL),
    UNSUPPORTED_DIALECT("SF305", Category.SQL),
    CONTRACT("SF306", Category.SQL),
    // graph
    CYCLE("SF400", Category.GRAPH),
    SELECTOR("SF401", Category.GRAPH),
    STATE("SF402", Category.GRAPH),
    // targets / warehouse
    TARGET("SF500", Category.TARGET),
    WAREHOUSE("SF501", Category.TARGET),
    // segments / models
    SEGMENT("SF600", Category.SEGMENT),
    PRIVACY("SF601", Category.SEGMENT),
    // experiments (experiments/*.yml): definitions, then the checks that block assignment or fail CI
    EXPERIMENT("SF610", Category.SEGMENT),
    EXPERIMENT_TARGET("SF611", Category.SEGMENT),
    SAMPLE_RATIO_MISMATCH("SF612", Category.SEGMENT),
    UNDERPOWERED("SF613", Category.SEGMENT),
    // audience sets and activation exports (segflow-audiences)
    AUDIENCE("SF650", Category.SEGMENT),
    EXPORT("SF651", Category.SEGMENT),
    MODEL("SF700", Category.MODEL),
    TRAINING_DATA("SF701", Category.MODEL),
    // the local machine (disk full, permissions), not the project
    LOCAL_FILE("SF800", Category.LOCAL_FILES);

    public enum Category { PROJECT, TEMPLATE, SQL, GRAPH, TARGET, SEGMENT, MODEL, LOCAL_FILES }

    private final String id;
    private final Category category;

    ErrorCode(String id, Category category) {
        this.id = id;
        this.category = category;
    }

    public String id() {
        return id;
    }

    public Category category() {
        return category;
    }
}
