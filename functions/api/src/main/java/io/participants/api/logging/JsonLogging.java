package io.participants.api.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Every log line is one JSON object on stdout: timestamp, level, logger, the formatted message, the request's
 * {@link RequestLogContext MDC} (Lambda request id, API Gateway request id, function, tenant) and any exception.
 * Configured in code, found by logback's service loader, so a cold start parses no XML.
 *
 * <p>{@code PARTICIPANTS_LOG_LEVEL} sets the level (default INFO). The system property {@value #COPY_PROPERTY} names
 * a file that receives a copy of every line: the tests audit the whole suite's logs through it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class JsonLogging extends ContextAwareBase implements Configurator {

    public static final String COPY_PROPERTY = "participants.log.copy";
    static final String LEVEL_VARIABLE = "PARTICIPANTS_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv(LEVEL_VARIABLE), Level.INFO));

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        root.addAppender(start(console, "stdout", context));
        String copy = System.getProperty(COPY_PROPERTY);
        if (copy != null && !copy.isBlank()) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(copy);
            file.setAppend(true);
            root.addAppender(start(file, "copy", context));
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static OutputStreamAppender<ILoggingEvent> start(OutputStreamAppender<ILoggingEvent> appender, String name,
                                                             LoggerContext context) {
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder(context));
        appender.start();
        return appender;
    }

    private static JsonEncoder encoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithThreadName(false);
        encoder.setWithMarkers(false);
        encoder.setWithKVPList(false);
        // the formatted message only: the raw pattern and its arguments would repeat it
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
