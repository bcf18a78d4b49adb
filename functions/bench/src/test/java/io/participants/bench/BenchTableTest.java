package io.participants.bench;

import io.participants.api.dynamodb.ParticipantsTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's table: the service's keys and indexes, and no stream (see {@link BenchWorld#tableRequest}). */
class BenchTableTest {

    @Test
    void theBenchsTableIsTheServicesWithoutItsStream() {
        CreateTableRequest service = ParticipantsTable.createTableRequest("participants-bench");
        CreateTableRequest bench = BenchWorld.tableRequest("participants-bench");

        assertThat(service.streamSpecification()).isNotNull();
        assertThat(bench.streamSpecification()).isNull();
        assertThat(bench.toBuilder().streamSpecification(service.streamSpecification()).build()).isEqualTo(service);
    }
}
