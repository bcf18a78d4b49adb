package io.participants.api.http;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request JSON into string, boolean and integer fields only from JSON values of that type. The serde
 * defaults coerce instead ({@code 123} becomes "123", "yes" becomes false, {@code 1.5} becomes 1, {@code [true]}
 * becomes true), which would store something other than what the caller sent; here each is a 400 naming the field.
 */
public final class StrictJsonScalars {

    private StrictJsonScalars() {
    }

    /** The next JSON value when it is null or already of {@code type}; anything else is refused with {@code reason}. */
    private static <T> T scalar(Decoder decoder, Class<T> type, String reason) throws IOException {
        Object value = decoder.decodeArbitrary();
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        throw decoder.createDeserializationException(reason, value);
    }

    /** A JSON string, or null. */
    @Singleton
    public static final class Strings implements Deserializer<String> {

        @Override
        public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type)
                throws IOException {
            return scalar(decoder, String.class, "must be a string");
        }
    }

    /** A JSON array of strings (or nulls), or null; the serde has a list-of-strings reader of its own to replace. */
    @Singleton
    public static final class StringLists implements Deserializer<List<String>> {

        @Override
        public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
                throws IOException {
            Object value = decoder.decodeArbitrary();
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> items)) {
                throw decoder.createDeserializationException("must be an array", value);
            }
            List<String> strings = new ArrayList<>(items.size());
            for (Object item : items) {
                if (item != null && !(item instanceof String)) {
                    throw decoder.createDeserializationException("must be an array of strings", value);
                }
                strings.add((String) item);
            }
            return strings;
        }
    }

    /** A JSON {@code true} or {@code false}, or null. */
    @Singleton
    public static final class Booleans implements Deserializer<Boolean> {

        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
                throws IOException {
            return scalar(decoder, Boolean.class, "must be a boolean");
        }
    }

    /** A JSON integer within the range of {@code int}, or null. */
    @Singleton
    public static final class Integers implements Deserializer<Integer> {

        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type)
                throws IOException {
            Object value = decoder.decodeArbitrary();
            if (value == null) {
                return null;
            }
            if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
                BigInteger integer = new BigInteger(value.toString());
                if (integer.bitLength() < Integer.SIZE) {
                    return integer.intValue();
                }
            }
            throw decoder.createDeserializationException("must be an integer", value);
        }
    }
}
