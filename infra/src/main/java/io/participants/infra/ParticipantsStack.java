package io.participants.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The service's stack, built from one construct per concern. */
public final class ParticipantsStack extends Stack {

    private final DataStore data;

    public ParticipantsStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        data = new DataStore(this, "Data", new DataStore.Props(true));
        CfnOutput.Builder.create(this, "TableName").value(data.table().getTableName()).build();
    }

    public DataStore data() {
        return data;
    }
}
