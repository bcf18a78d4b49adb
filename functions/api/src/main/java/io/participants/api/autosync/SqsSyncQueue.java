package io.participants.api.autosync;

import io.participants.api.aws.ClientBudgets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link SyncQueue} on an SQS queue: SendMessageBatch (10 a call) and ChangeMessageVisibility. */
public final class SqsSyncQueue implements SyncQueue {

    private static final Logger LOG = LoggerFactory.getLogger(SqsSyncQueue.class);
    /** SQS's limits: 10 entries a batch, a delay of at most 15 minutes, a visibility timeout of at most 12 hours. */
    static final int BATCH = 10;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final SqsClient client;
    private final String queueUrl;

    public SqsSyncQueue(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
    }

    /** The client with the service's budgets; {@code endpoint} null for AWS's own (or {@code AWS_ENDPOINT_URL_SQS}). */
    public static SqsClient client(URI endpoint, List<ExecutionInterceptor> interceptors) {
        SqsClientBuilder builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientBudgets.overrides(interceptors));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public int send(List<Delayed> requests) {
        int sent = 0;
        for (int start = 0; start < requests.size(); start += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = start; i < Math.min(requests.size(), start + BATCH); i++) {
                Delayed one = requests.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(one.request().toJson())
                        .delaySeconds((int) Math.min(MAX_DELAY.toSeconds(), Math.max(0, one.delay().toSeconds())))
                        .build());
            }
            SendMessageBatchResponse response;
            try {
                response = client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                LOG.warn("SendMessageBatch of {} auto-sync requests failed: {}", entries.size(),
                        e.getClass().getSimpleName());
                return sent;
            }
            sent += response.successful().size();
            if (response.hasFailed() && !response.failed().isEmpty()) {
                // the refused ones stay due: the next sweep finds them
                LOG.warn("SQS refused {} auto-sync requests: {}", response.failed().size(),
                        response.failed().get(0).code());
            }
        }
        return sent;
    }

    @Override
    public void delay(String receiptHandle, Duration delay) {
        // rounded up: a Retry-After is a minimum
        long wanted = (delay.toMillis() + 999) / 1000;
        int seconds = (int) Math.min(MAX_VISIBILITY.toSeconds() - 1, Math.max(1, wanted));
        client.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout(seconds));
    }
}
