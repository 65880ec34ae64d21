package io.segflow.core.render;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import io.segflow.spi.RelationName;
import java.io.IOException;

/** {@code this} in templates: renders as the quoted relation; {@code this.schema}, {@code this.name} also work. */
public final class RelationValue implements PyishSerializable {
    private final RelationName relation;

    RelationValue(RelationName relation) {
        this.relation = relation;
    }

    public String getDatabase() {
        return relation.database();
    }

    public String getSchema() {
        return relation.schema();
    }

    public String getName() {
        return relation.name();
    }

    public String getIdentifier() {
        return relation.name();
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
        appendable.append(toString());
        return appendable;
    }

    @Override
    public String toString() {
        return JinjaFunctions.quote(relation);
    }
}
