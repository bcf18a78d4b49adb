package io.participants.api.changes;

import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a table's stream with the DynamoDB Streams API, as Lambda's event source mapping does in AWS: every shard,
 * a parent's records before its children's, each shard in order. Local mode polls DynamoDB Local's stream with it,
 * and the tests read what their requests wrote. Not thread-safe: one reader per poller.
 */
public final class TableStreamReader {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    /** Each shard seen, with the iterator to read it on from; null once a closed shard is read to its end. */
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, String> parents = new LinkedHashMap<>();
    private boolean started;
    private final ShardIteratorType startOfFirstShards;

    /**
     * @param startOfFirstShards where to start in the shards open when first read: {@code TRIM_HORIZON} for every
     *                           record the stream still holds, {@code LATEST} for the writes from then on; shards
     *                           that open later are read from their start
     */
    public TableStreamReader(DynamoDbStreamsClient streams, String streamArn, ShardIteratorType startOfFirstShards) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.startOfFirstShards = startOfFirstShards;
    }

    public String streamArn() {
        return streamArn;
    }

    /** The records written since the last read (the first read: from {@code startOfFirstShards}), in stream order. */
    public List<Record> read() {
        discoverShards();
        List<Record> records = new ArrayList<>();
        for (String shard : inParentOrder()) {
            String iterator = iterators.get(shard);
            while (iterator != null) {
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(iterators.get(shard)));
                records.addAll(page.records());
                iterator = page.nextShardIterator();
                iterators.put(shard, iterator);
                if (page.records().isEmpty()) {
                    // caught up with an open shard (or a closed one is done: its next iterator is null)
                    break;
                }
            }
        }
        return records;
    }

    private void discoverShards() {
        String after = null;
        List<Shard> found = new ArrayList<>();
        do {
            String start = after;
            DescribeStreamResponse page = streams.describeStream(d -> d.streamArn(streamArn)
                    .exclusiveStartShardId(start));
            found.addAll(page.streamDescription().shards());
            after = page.streamDescription().lastEvaluatedShardId();
        } while (after != null);
        for (Shard shard : found) {
            if (iterators.containsKey(shard.shardId())) {
                continue;
            }
            ShardIteratorType type = started ? ShardIteratorType.TRIM_HORIZON : startOfFirstShards;
            if (type == ShardIteratorType.LATEST && shard.sequenceNumberRange() != null
                    && shard.sequenceNumberRange().endingSequenceNumber() != null) {
                // a closed shard has no latest position: it has nothing more to give
                iterators.put(shard.shardId(), null);
            } else {
                iterators.put(shard.shardId(), streams.getShardIterator(g -> g.streamArn(streamArn)
                        .shardId(shard.shardId()).shardIteratorType(type)).shardIterator());
            }
            parents.put(shard.shardId(), shard.parentShardId());
        }
        started = true;
    }

    /** Every shard after its parent, so an item's records keep their order across a shard split. */
    private List<String> inParentOrder() {
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        boolean progress = true;
        while (progress && ordered.size() < iterators.size()) {
            progress = false;
            for (String shard : iterators.keySet()) {
                String parent = parents.get(shard);
                if (!placed.contains(shard) && (parent == null || placed.contains(parent)
                        || !iterators.containsKey(parent))) {
                    ordered.add(shard);
                    placed.add(shard);
                    progress = true;
                }
            }
        }
        return ordered;
    }
}
