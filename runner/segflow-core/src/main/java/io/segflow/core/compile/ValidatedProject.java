package io.segflow.core.compile;

import io.segflow.core.graph.Dag;
import io.segflow.core.project.Project;
import io.segflow.core.segment.ValidatedSegment;
import io.segflow.spi.ColumnDef;
import io.segflow.spi.RelationName;
import java.util.List;
import java.util.Map;

/**
 * The dialect-neutral result of compile (phase one): every feature, data test and segment rendered, parsed and
 * validated once. {@link ProjectEmitter} turns it into a {@link CompiledProject} per target without re-parsing.
 * {@code segmentSql} holds segment SQL per dialect key taken from the compile cache, {@code segmentKeys} what each
 * segmentation is filed under there, {@code testKeys} likewise for data tests.
 */
public record ValidatedProject(Project project, CompileOptions options, Dag dag, Map<String, ValidatedNode> nodes,
                               Map<String, CompiledSeed> seeds, Map<String, ValidatedTest> tests,
                               Map<RelationName, List<ColumnDef>> sources, Map<RelationName, String> sourceIds,
                               Map<String, ValidatedSegment> segments, Map<String, Map<String, List<String>>> segmentSql,
                               Map<String, CompileCache.SegmentKeys> segmentKeys, LineageGraph lineage,
                               Map<String, CompileCache.SegmentKeys> testKeys) {
}
