package io.participants.bench;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFileTest {

    private static final List<EventFile> EVENTS = EventFile.under(eventsFolder());

    @Test
    void everyDeployableHasASuccessEventOfAFunctionItServes() {
        for (String deployable : FunctionCatalog.deployables()) {
            EventFile event = EventFile.representative(EVENTS, deployable);

            assertThat(event.succeeds()).as(deployable).isTrue();
            assertThat(event.deployable()).as(deployable).isEqualTo(deployable);
            assertThat(FunctionCatalog.servedBy(deployable)).as(deployable).contains(event.function());
        }
    }

    @Test
    void theChoiceIsThePlainFileOfTheFirstFunctionInCatalogOrder() {
        assertThat(EventFile.representative(EVENTS, "get-participant").fileName())
                .isEqualTo("get-participant.200.json");
        assertThat(EventFile.representative(EVENTS, FunctionCatalog.PARTICIPANT_STATE).fileName())
                .isEqualTo("disable-participant.200.json");
        assertThat(EventFile.representative(EVENTS, FunctionCatalog.CONFIG_CONNECTION).fileName())
                .isEqualTo("authorize-integration-config.200.json");
        assertThat(EventFile.representative(EVENTS, "list-participants").fileName())
                .isEqualTo("list-participants.200.json");
    }

    @Test
    void aCaseIsChosenWhereItExistsAndThePlainFileElsewhere() {
        assertThat(EventFile.representative(EVENTS, "create-participant", "idempotency-key").fileName())
                .isEqualTo("create-participant.201.idempotency-key.json");
        assertThat(EventFile.representative(EVENTS, "get-participant", "idempotency-key").fileName())
                .isEqualTo("get-participant.200.json");
    }

    @Test
    void withoutAPlainFileACreateIsPreferred() {
        assertThat(EventFile.representative(EVENTS, "add-conversation-participant").fileName())
                .isEqualTo("add-conversation-participant.201.contact.json");
    }

    @Test
    void theNameGivesTheFunctionStatusAndCase() {
        EventFile event = EventFile.of(Path.of("events/participants/get-participant.404.other-tenant.json"));

        assertThat(event.function().name()).isEqualTo("get-participant");
        assertThat(event.status()).isEqualTo(404);
        assertThat(event.caseName()).isEqualTo("other-tenant");
        assertThat(event.succeeds()).isFalse();
    }

    @Test
    void aNameOfAnotherShapeOrAnUnknownFunctionIsAnError() {
        assertThatThrownBy(() -> EventFile.of(Path.of("get-participant.json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventFile.of(Path.of("get-nothing.200.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no function");
    }

    @Test
    void aDeployableWithoutSuccessEventsIsAnError() {
        List<EventFile> failuresOnly = EVENTS.stream().filter(e -> !e.succeeds()).toList();

        assertThatThrownBy(() -> EventFile.representative(failuresOnly, "get-participant"))
                .isInstanceOf(IllegalStateException.class);
    }

    static Path eventsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ above " + Path.of("").toAbsolutePath());
    }
}
