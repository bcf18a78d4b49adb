package io.participants.api.http;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.MutableConversionService;
import io.micronaut.core.convert.TypeConverterRegistrar;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an integer from a query value, path variable or header only from ASCII digits. The framework's converter
 * uses {@link Integer#parseInt}, which also takes the digits of other scripts ({@code limit=١٠} read as 10), so a
 * value that looks like no number to its author could still be taken as one. A refused value is a conversion error,
 * which the API answers as an invalid request naming the parameter. Registered as a service
 * ({@code META-INF/services}), which is how Micronaut finds the converters of its shared conversion service.
 */
public final class AsciiIntegerConverter implements TypeConverterRegistrar {

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,10}");

    @Override
    public void register(MutableConversionService conversions) {
        conversions.addConverter(CharSequence.class, Integer.class, AsciiIntegerConverter::convert);
    }

    static Optional<Integer> convert(CharSequence value, Class<Integer> targetType, ConversionContext context) {
        String text = value.toString();
        if (INTEGER.matcher(text).matches()) {
            try {
                return Optional.of(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                context.reject(value, e);
                return Optional.empty();
            }
        }
        context.reject(value, new NumberFormatException("not an integer of ASCII digits"));
        return Optional.empty();
    }
}
